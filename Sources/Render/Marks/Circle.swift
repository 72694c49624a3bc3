import Geometry

extension MarkPen {
    /// A whole circle, drawn (and kept as an obstacle) as a 72-gon.
    mutating func circle(center c: Vec2, radius r: Double, _ lineStyle: LineStyle) {
        figureLine(lineStyle)
        let pts = (0...72).map { view.map(c + Vec2.polar(r, Double($0) / 72 * 2 * .pi)) }
        canvas.polyline(pts)
        for i in 0..<72 { strokes.append((pts[i], pts[i + 1])) }
    }
}
