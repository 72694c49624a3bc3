import Geometry

extension MarkPen {
    /// An arc of a circle from angle `s0` counter-clockwise to `s1` (scene radians).
    mutating func arc(center c: Vec2, radius r: Double, from s0: Double, to s1: Double, _ lineStyle: LineStyle) {
        figureLine(lineStyle)
        var e = s1
        while e < s0 { e += 2 * .pi }
        let n = max(4, Int((e - s0) / (2 * .pi) * 72))
        let pts = (0...n).map { view.map(c + Vec2.polar(r, s0 + (e - s0) * Double($0) / Double(n))) }
        canvas.polyline(pts)
        for i in 0..<n { strokes.append((pts[i], pts[i + 1])) }
    }
}
