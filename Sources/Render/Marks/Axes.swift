import Geometry

extension MarkPen {
    /// Grid, axes with arrows, tick marks and numbers, and the origin's O.
    mutating func axes(_ ax: AxesSpec) -> [PlacedLabel] {
        let st = style
        var labels: [PlacedLabel] = []
        let step = ax.tickStep
        let xs = stride(from: (ax.xMin / step).rounded(.up) * step, through: ax.xMax + 1e-9, by: step).map { $0 }
        let ys = stride(from: (ax.yMin / step).rounded(.up) * step, through: ax.yMax + 1e-9, by: step).map { $0 }
        if ax.grid {
            canvas.setColor(st.gridInk)
            canvas.setLineWidth(1 * k)
            for x in xs { canvas.line(view.map(Vec2(x, ax.yMin)), view.map(Vec2(x, ax.yMax))) }
            for y in ys { canvas.line(view.map(Vec2(ax.xMin, y)), view.map(Vec2(ax.xMax, y))) }
        }
        canvas.setColor(st.ink)
        canvas.setLineWidth(1.6 * k)
        let y0 = min(max(0, ax.yMin), ax.yMax), x0 = min(max(0, ax.xMin), ax.xMax)
        let xa = view.map(Vec2(ax.xMin, y0)), xb = view.map(Vec2(ax.xMax, y0))
        let ya = view.map(Vec2(x0, ax.yMin)), yb = view.map(Vec2(x0, ax.yMax))
        canvas.line(xa, xb + Vec(10 * k, 0))
        canvas.line(ya, yb - Vec(0, 10 * k))
        canvas.fillPolygon([xb + Vec(16 * k, 0), xb + Vec(6 * k, -5 * k), xb + Vec(6 * k, 5 * k)])
        canvas.fillPolygon([yb - Vec(0, 16 * k), yb + Vec(-5 * k, -6 * k), yb + Vec(5 * k, -6 * k)])
        strokes.append((xa, xb)); strokes.append((ya, yb))
        canvas.setFont(st.labelFont, size: 13 * k)
        let every = max(1, Int((Double(max(xs.count, ys.count)) / 12).rounded(.up)))
        for (n, x) in xs.enumerated() where abs(x) > 1e-9 {
            let p = view.map(Vec2(x, y0))
            canvas.line(p - Vec(0, 4 * k), p + Vec(0, 4 * k))
            guard n % every == 0 else { continue }
            let t = formatNumber(x)
            let m = canvas.measure(t)
            let box = Box(x: p.x - m.width / 2, y: p.y + 6 * k, w: m.width, h: m.ascent + m.descent)
            canvas.text(t, topLeft: Vec(box.x, box.y))
            labels.append(PlacedLabel(text: t, box: box, kind: .axis))
        }
        for (n, y) in ys.enumerated() where abs(y) > 1e-9 {
            let p = view.map(Vec2(x0, y))
            canvas.line(p - Vec(4 * k, 0), p + Vec(4 * k, 0))
            guard n % every == 0 else { continue }
            let t = formatNumber(y)
            let m = canvas.measure(t)
            let h = m.ascent + m.descent
            let box = Box(x: p.x - 7 * k - m.width, y: p.y - h / 2, w: m.width, h: h)
            canvas.text(t, topLeft: Vec(box.x, box.y))
            labels.append(PlacedLabel(text: t, box: box, kind: .axis))
        }
        canvas.setFont(st.labelFont, size: 16 * k)
        for (t, p) in [("x", xb + Vec(4 * k, 8 * k)), ("y", yb + Vec(8 * k, -18 * k)),
                       ("O", view.map(Vec2(x0, y0)) + Vec(-16 * k, 3 * k))] {
            let m = canvas.measure(t)
            canvas.text(t, topLeft: p)
            labels.append(PlacedLabel(text: t, box: Box(x: p.x, y: p.y, w: m.width, h: m.ascent + m.descent), kind: .axis))
        }
        return labels
    }
}
