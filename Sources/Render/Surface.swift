import Foundation
import Geometry

/// What the scene renderer draws on: Cairo's `Canvas`, or a `LayoutSurface` that
/// measures text with the same fonts and paints nothing, so a caller can ask
/// whether a scene lays out cleanly without rasterising it.
public protocol Surface: AnyObject {
    func clear(gray: Double)
    func setColor(_ c: RGB)
    func setLineWidth(_ w: Double)
    func setDash(_ pattern: [Double])
    func setFont(_ family: String, size: Double, bold: Bool)
    func line(_ a: Vec, _ b: Vec)
    func polyline(_ pts: [Vec], close: Bool)
    func fillPolygon(_ pts: [Vec])
    func arc(center: Vec, radius: Double, from a0: Double, to a1: Double)
    func disc(center: Vec, radius: Double)
    func fillRect(_ r: Box)
    func clip(_ r: Box?)
    /// Size of `text` in the current font: advance width and the font's line height.
    func measure(_ text: String) -> (width: Double, ascent: Double, descent: Double)
    func text(_ text: String, topLeft: Vec)
}

extension Surface {
    public func clear() { clear(gray: 1) }
    public func setFont(_ family: String, size: Double) { setFont(family, size: size, bold: false) }
    public func polyline(_ pts: [Vec]) { polyline(pts, close: false) }
}

extension Canvas: Surface {}

/// A surface that paints nothing: text is measured on a small Cairo canvas with
/// the requested font (the metrics the real canvas uses), and every drawing call is
/// counted, and kept in `ops` when `recording` is set (the in-memory double tests
/// read).
public final class LayoutSurface: Surface {
    /// One drawing call, as recorded.
    public enum Op: Equatable, Sendable {
        case stroke(points: Int)
        case fill
        case text(String, topLeft: Vec)
    }

    private let metrics: Canvas
    public let recording: Bool
    public private(set) var ops: [Op] = []
    /// Drawing calls made, recorded or not.
    public private(set) var drawCalls = 0

    public init(recording: Bool = false) throws(RenderError) {
        metrics = try Canvas(width: 8, height: 8)
        self.recording = recording
    }

    private func record(_ op: @autoclosure () -> Op) {
        drawCalls += 1
        if recording { ops.append(op()) }
    }

    public func clear(gray: Double) {}
    public func setColor(_ c: RGB) {}
    public func setLineWidth(_ w: Double) {}
    public func setDash(_ pattern: [Double]) {}
    public func setFont(_ family: String, size: Double, bold: Bool) { metrics.setFont(family, size: size, bold: bold) }
    public func line(_ a: Vec, _ b: Vec) { record(.stroke(points: 2)) }
    public func polyline(_ pts: [Vec], close: Bool) { record(.stroke(points: pts.count)) }
    public func fillPolygon(_ pts: [Vec]) { record(.fill) }
    public func arc(center: Vec, radius: Double, from a0: Double, to a1: Double) { record(.stroke(points: 0)) }
    public func disc(center: Vec, radius: Double) { record(.fill) }
    public func fillRect(_ r: Box) { record(.fill) }
    public func clip(_ r: Box?) {}
    public func measure(_ text: String) -> (width: Double, ascent: Double, descent: Double) { metrics.measure(text) }
    public func text(_ text: String, topLeft: Vec) { record(.text(text, topLeft: topLeft)) }
}
