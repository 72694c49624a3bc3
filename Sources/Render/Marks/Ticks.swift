import Geometry

extension MarkPen {
    /// `count` tick marks across the middle of a segment: equal lengths.
    mutating func ticks(_ a: Vec2, _ b: Vec2, count: Int) {
        markLine(0.8)
        let pa = view.map(a), pb = view.map(b)
        let u = (pb - pa).normalized, n = u.perpendicular
        let mid = (pa + pb) / 2
        for i in 0..<count {
            let c = mid + u * ((Double(i) - Double(count - 1) / 2) * 5 * k)
            let p0 = c - n * (7 * k), p1 = c + n * (7 * k)
            canvas.line(p0, p1)
            strokes.append((p0, p1))
        }
    }
}
