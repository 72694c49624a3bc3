import Foundation
import Geometry

/// What the renderer is asked for: a scene at one ladder level.
public struct RenderRequest: Sendable {
    public var scene: Scene
    /// Draw the `.given` items (values written on the figure): vision-dominant and vision-only.
    public var includeGivens: Bool
    /// Text rendered under the diagram (vision-only: question and choices); "\n" breaks lines.
    public var textBlock: String?
    public var language: String
    public var size: Int
    public var style: RenderStyle
    /// Draw the given values (and their marks) alone, where the whole figure
    /// would put them, without its lines, points or axes: a reading card.
    public var onlyGivens = false
    /// Draw the given values alone, each at a random free place chosen by this
    /// seed, without marks: a reading card whose layout owes nothing to the
    /// figure, so where a value sits says nothing about which value it is.
    public var scatterSeed: UInt64?
    /// With `scatterSeed`: draw one of the given values (chosen by the seed), not all.
    public var scatterOne = false
    /// Return as soon as the audit is sure to fail (the axis numbers already collide),
    /// with that partial audit: for layout checks, which want only whether it is clean.
    public var stopAtFirstFault = false
    /// Curve legend in a band above the plot instead of a plot corner (the renderer's own
    /// second try when no corner is clear).
    public var legendAbove = false
    /// Whether a legend that finds no clear corner may go to the band: layout checks turn it
    /// off first, so a window whose legend fits a corner is preferred to the band.
    public var allowLegendBand = true

    public init(scene: Scene, includeGivens: Bool, textBlock: String? = nil, language: String = "en",
                size: Int = 512, style: RenderStyle = .plain) {
        self.scene = scene; self.includeGivens = includeGivens; self.textBlock = textBlock
        self.language = language; self.size = size; self.style = style
    }
}

/// What the layout audit found: every count should be zero in a clean figure.
public struct Audit: Sendable, Equatable {
    public var labels = 0
    /// Labels overlapping another label or a point.
    public var overlaps = 0
    /// Labels crossed by a line, arc, curve or mark.
    public var lineHits = 0
    /// Labels or text lines not wholly on the canvas.
    public var offCanvas = 0
    /// Text smaller than the minimum height at this canvas size.
    public var tinyText = 0
    public init() {}
    public var isClean: Bool { overlaps == 0 && lineHits == 0 && offCanvas == 0 && tinyText == 0 }

    public static func + (a: Audit, b: Audit) -> Audit {
        var r = Audit()
        r.labels = a.labels + b.labels; r.overlaps = a.overlaps + b.overlaps; r.lineHits = a.lineHits + b.lineHits
        r.offCanvas = a.offCanvas + b.offCanvas; r.tinyText = a.tinyText + b.tinyText
        return r
    }
}

/// A placed piece of text, kept for audits, tests and the reading-order value list.
public struct PlacedLabel: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A point's name.
        case point
        /// A value written on the figure: an angle or length, a text item.
        case value
        /// A text item that names a line or curve ("l", "l₁"): drawn like a value, not one.
        case name
        /// Axis furniture: tick numbers, x, y, O, a curve's legend entry.
        case axis
        /// A line of the vision-only text block.
        case text
    }
    public var text: String
    public var box: Box
    public var kind: Kind

    /// The kind of a placed text item: a name when it is one letter followed only by
    /// subscript digits or primes (how figures name lines), else a value.
    public static func textKind(_ text: String) -> Kind {
        guard let first = text.first, first.isLetter,
              text.dropFirst().allSatisfy({ "₀₁₂₃₄₅₆₇₈₉'′".contains($0) }) else { return .value }
        return .name
    }
}

extension Array where Element == PlacedLabel {
    /// The values written on the figure in reading order: rows from top to
    /// bottom, each left to right; a label whose vertical centre lies within
    /// half a label height of a row's first label joins that row. Gives the
    /// value list of a caption an order a reader can recover from the image.
    public var valuesInReadingOrder: [String] {
        let values = filter { $0.kind == .value }.sorted { $0.box.center.y < $1.box.center.y }
        var rows: [[PlacedLabel]] = []
        for label in values {
            if let first = rows.last?.first, label.box.center.y - first.box.center.y < 0.5 * Swift.max(first.box.h, label.box.h) {
                rows[rows.count - 1].append(label)
            } else {
                rows.append([label])
            }
        }
        return rows.flatMap { $0.sorted { $0.box.center.x < $1.box.center.x } }.map(\.text)
    }
}

public struct RenderedImage: Sendable {
    public var png: [UInt8]
    public var width: Int
    public var height: Int
    public var gray: Bool
    public var audit: Audit
    public var labels: [PlacedLabel]
}
