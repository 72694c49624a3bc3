import Geometry

extension MarkPen {
    /// One to three arcs marking the angle at `v` between the rays to `a` and `b`.
    mutating func angleArcs(vertex v: Vec2, _ a: Vec2, _ b: Vec2, arcs: Int) {
        markLine(0.75)
        let g = AngleGeometry(vertex: view.map(v), a: view.map(a), b: view.map(b), k: k)
        for i in 0..<max(1, arcs) {
            let r = g.radius + Double(i) * 4.5 * k
            canvas.arc(center: g.vertex, radius: r, from: g.start, to: g.start + g.sweep)
            let n = 10
            var prev = g.vertex + Vec2.polar(r, g.start)
            for j in 1...n {
                let p = g.vertex + Vec2.polar(r, g.start + g.sweep * Double(j) / Double(n))
                strokes.append((prev, p))
                prev = p
            }
        }
    }
}
