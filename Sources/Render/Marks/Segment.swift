import Geometry

extension MarkPen {
    /// A straight segment of the figure.
    mutating func segment(_ a: Vec2, _ b: Vec2, _ lineStyle: LineStyle) {
        figureLine(lineStyle)
        let pa = view.map(a), pb = view.map(b)
        canvas.line(pa, pb)
        strokes.append((pa, pb))
    }
}
