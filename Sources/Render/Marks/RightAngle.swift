import Geometry

extension MarkPen {
    /// The small square marking a right angle at `v`.
    mutating func rightAngle(vertex v: Vec2, _ a: Vec2, _ b: Vec2) {
        markLine(0.75)
        let pv = view.map(v)
        let u1 = (view.map(a) - pv).normalized, u2 = (view.map(b) - pv).normalized
        let s = 13 * k
        let pts = [pv + u1 * s, pv + u1 * s + u2 * s, pv + u2 * s]
        canvas.polyline(pts)
        strokes.append((pts[0], pts[1])); strokes.append((pts[1], pts[2]))
    }
}
