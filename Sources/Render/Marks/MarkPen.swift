import Geometry

/// What every mark is drawn with: the surface, the view from scene to pixels, the style
/// and its scale, and the strokes drawn so far, which the label placer later keeps
/// labels off. One file per mark kind extends it (docs/ARCHITECTURE.md).
struct MarkPen<S: Surface> {
    let canvas: S
    let view: ViewTransform
    let style: RenderStyle
    /// Pixels per style unit (style sizes are given at 512 px).
    let k: Double
    /// Every stroke drawn, in pixel space, as segments.
    var strokes: [(Vec, Vec)] = []

    init(canvas: S, view: ViewTransform, style: RenderStyle, k: Double) {
        self.canvas = canvas
        self.view = view
        self.style = style
        self.k = k
    }

    /// Line width and dashes of a figure line (segments, circles, arcs, curves).
    func figureLine(_ lineStyle: LineStyle) {
        canvas.setLineWidth(style.lineWidth * k)
        canvas.setDash(lineStyle == .dashed ? [7 * k, 5 * k] : [])
    }

    /// Line width of a mark on the figure (angle arcs, right-angle squares), solid.
    func markLine(_ factor: Double) {
        canvas.setLineWidth(max(1.2, style.lineWidth * factor) * k)
        canvas.setDash([])
    }

    /// Strokes one element; points, values and free text are placed later, as labels.
    mutating func draw(_ element: SceneElement) {
        switch element {
        case let .segment(a, b, s): segment(a, b, s)
        case let .circle(c, r, s): circle(center: c, radius: r, s)
        case let .arc(c, r, s0, s1, s): arc(center: c, radius: r, from: s0, to: s1, s)
        case let .curve(points, _, s): curve(points, s)
        case let .angle(v, a, b, arcs, _): angleArcs(vertex: v, a, b, arcs: arcs)
        case let .rightAngle(v, a, b): rightAngle(vertex: v, a, b)
        case let .ticks(a, b, count): ticks(a, b, count: count)
        case let .parallelArrows(a, b, count): parallelArrows(a, b, count: count)
        case .point, .segmentValue, .text: break
        }
    }
}
