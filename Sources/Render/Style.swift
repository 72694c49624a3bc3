import Geometry

/// How a figure looks. `plain` is the house style; `varied` draws per-seed
/// variation (line width, font, colour) so models do not overfit one look.
public struct RenderStyle: Sendable {
    public var ink: RGB
    public var markInk: RGB
    public var valueInk: RGB
    public var gridInk: RGB
    /// Line width, label and text sizes in pixels at a 512 px canvas; scaled with the canvas.
    public var lineWidth: Double
    public var labelSize: Double
    public var valueSize: Double
    public var textSize: Double
    public var labelFont: String
    public var textFont: String
    public var pointRadius: Double

    public init(ink: RGB = .gray(0), markInk: RGB = .gray(0), valueInk: RGB = .gray(0), gridInk: RGB = .gray(0.86),
                lineWidth: Double = 2.4, labelSize: Double = 22, valueSize: Double = 19, textSize: Double = 18,
                labelFont: String = "DejaVu Sans", textFont: String = "DejaVu Sans", pointRadius: Double = 3.2) {
        self.ink = ink; self.markInk = markInk; self.valueInk = valueInk; self.gridInk = gridInk
        self.lineWidth = lineWidth; self.labelSize = labelSize; self.valueSize = valueSize; self.textSize = textSize
        self.labelFont = labelFont; self.textFont = textFont; self.pointRadius = pointRadius
    }

    public static let plain = RenderStyle()

    /// A style drawn from `rng`: widths, sizes and fonts vary; colour appears in a third of figures.
    public static func varied(_ rng: inout SplitMix64) -> RenderStyle {
        var s = RenderStyle()
        s.lineWidth = rng.double(1.8...3.2)
        s.labelSize = rng.double(20...25)
        s.valueSize = rng.double(17...21)
        s.textSize = rng.double(17...20)
        s.labelFont = rng.pick(["DejaVu Sans", "DejaVu Serif", "DejaVu Sans"])
        s.pointRadius = rng.double(2.6...3.8)
        if rng.chance(0.33) {
            s.markInk = rng.pick([RGB(0.75, 0.1, 0.1), RGB(0.1, 0.3, 0.75), RGB(0.0, 0.5, 0.2)])
            s.valueInk = s.markInk
        }
        return s
    }

    /// This style with point names, drawn values and the text block `factor` times
    /// larger (axis furniture keeps its size). Small canvases for small models
    /// need it: at 128 px the 512 px sizes leave a value's digits about 4 px tall.
    public func scalingText(by factor: Double) -> RenderStyle {
        var s = self
        s.labelSize *= factor; s.valueSize *= factor; s.textSize *= factor
        return s
    }

    /// Whether every colour is a gray, so the PNG can be single-channel.
    public var isGray: Bool { ink.isGray && markInk.isGray && valueInk.isGray && gridInk.isGray }

    /// The font for text in `language` ("en", "zh"): CJK text needs a CJK face.
    public func textFont(for language: String) -> String {
        language == "zh" ? "Noto Sans CJK SC" : textFont
    }
}
