import Geometry

extension MarkPen {
    /// `count` arrowheads along the middle of a segment: parallel lines.
    mutating func parallelArrows(_ a: Vec2, _ b: Vec2, count: Int) {
        markLine(0.8)
        let pa = view.map(a), pb = view.map(b)
        let u = (pb - pa).normalized, n = u.perpendicular
        let mid = (pa + pb) / 2
        for i in 0..<count {
            let tip = mid + u * ((Double(i) - Double(count - 1) / 2) * 10 * k + 4 * k)
            let p0 = tip - u * (8 * k) + n * (6 * k), p1 = tip - u * (8 * k) - n * (6 * k)
            canvas.polyline([p0, tip, p1])
            strokes.append((p0, tip)); strokes.append((tip, p1))
        }
    }
}
