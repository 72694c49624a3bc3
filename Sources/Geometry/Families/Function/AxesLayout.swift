import Foundation

/// A pixel model of how the renderer lays out a coordinate-plane scene at 512 px
/// (SceneRenderer.drawAxes, ViewTransform and LabelPlacer, mirrored with slightly
/// oversized text), so that `generate` can reject draws whose picture would fail
/// the render audit: a curve through a tick number, the O on a tick number, a value
/// text with no clear spot. The renderer numbers every tick and audits those numbers
/// like placed labels, so a graph crossing an axis at a labelled integer always
/// "hits" it; until the renderer lays tick numbers out around the figure, the
/// families choose windows and text anchors this model predicts clean.
/// Keep in sync with Sources/Render/SceneRenderer.swift and LabelPlacer.swift.
struct AxesLayout {
    /// An axis-aligned pixel rectangle (y down), as Render's Box.
    struct PixelBox {
        var x: Double, y: Double, w: Double, h: Double
        var maxX: Double { x + w }
        var maxY: Double { y + h }
        var center: Vec2 { Vec2(x + w / 2, y + h / 2) }
        init(x: Double, y: Double, w: Double, h: Double) { self.x = x; self.y = y; self.w = w; self.h = h }
        init(center c: Vec2, w: Double, h: Double) { self.init(x: c.x - w / 2, y: c.y - h / 2, w: w, h: h) }
        func inset(_ d: Double) -> PixelBox { PixelBox(x: x + d, y: y + d, w: max(0, w - 2 * d), h: max(0, h - 2 * d)) }
        func intersects(_ o: PixelBox) -> Bool { x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY }
        func contains(_ p: Vec2) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }
        func contains(_ o: PixelBox) -> Bool { o.x >= x && o.y >= y && o.maxX <= maxX && o.maxY <= maxY }
        /// Liang-Barsky, as Render's Box.intersects(segment:) (unrolled: this is the hot loop).
        func intersects(segment a: Vec2, _ b: Vec2) -> Bool {
            if contains(a) || contains(b) { return true }
            let dx = b.x - a.x, dy = b.y - a.y
            var t0 = 0.0, t1 = 1.0
            func clip(_ p: Double, _ q: Double) -> Bool {
                if p == 0 { return q >= 0 }
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                return t0 <= t1
            }
            return clip(-dx, a.x - x) && clip(dx, maxX - a.x) && clip(-dy, a.y - y) && clip(dy, maxY - a.y)
        }
    }

    static let size = 512.0
    /// Text sizes (px): the house style's, and the largest the varied style draws (values
    /// 17-21 px, labels 20-25 px). Both are checked on the full figure; a rarer collision
    /// at other sizes is caught by the builder's own audit and resampled.
    struct Sizes: Sendable {
        var value: Double, label: Double, pointRadius: Double
        static let plain = Sizes(value: 19, label: 22, pointRadius: 3.2)
        static let large = Sizes(value: 21, label: 25, pointRadius: 3.8)
    }
    /// Heights the vision-only question block can take, checked besides the full-height
    /// figure: 2, 4 and 6 lines of 18 px text (23.76 px each) plus 1.5 margins of 23.04 px.
    static let questionReserves: [Double] = [2, 4, 6].map { Double($0) * 23.76 + 34.56 }

    let axes: AxesSpec
    let sizes: Sizes
    let sx: Double, sy: Double
    let offset: Vec2
    let plot: PixelBox

    init(_ axes: AxesSpec, reserve: Double, sizes: Sizes = .plain) {
        self.axes = axes
        self.sizes = sizes
        let s = AxesLayout.size
        let regionH = s - reserve
        let inner = PixelBox(x: 0.09 * s, y: 0.06 * s, w: s - 0.15 * s, h: regionH - 0.14 * s)
        var sx = inner.w / (axes.xMax - axes.xMin), sy = inner.h / (axes.yMax - axes.yMin)
        if axes.equalAspect { sx = min(sx, sy); sy = sx }
        self.sx = sx
        self.sy = sy
        let cx = (axes.xMin + axes.xMax) / 2, cy = (axes.yMin + axes.yMax) / 2
        offset = Vec2(inner.center.x - cx * sx, inner.center.y + cy * sy)
        plot = PixelBox(center: inner.center, w: (axes.xMax - axes.xMin) * sx, h: (axes.yMax - axes.yMin) * sy)
    }

    func map(_ p: Vec2) -> Vec2 { Vec2(offset.x + p.x * sx, offset.y - p.y * sy) }

    /// Advance widths of DejaVu Sans/Serif in em (the wider of the two), for text boxes.
    static func width(_ text: String, size: Double) -> Double {
        var em = 0.0
        for ch in text {
            switch ch {
            case "0"..."9", "√", "g", "b", "h", "n", "a": em += 0.64
            case "-", "l", "i", "J", "f", "|", "/", ":", "(", ")", "[", "]": em += 0.40
            case ",", ".", " ": em += 0.32
            case "+", "=", "<", ">", "≤", "≥", "∠": em += 0.90
            case "x", "y", "k", "c", "s", "o", "π": em += 0.66
            case "²", "³", "₁", "₂", "°": em += 0.50
            case "M", "W": em += 1.04
            default: em += 0.86
            }
        }
        return (em * size).rounded(.up)
    }

    /// Hinted advance of a tick number or axis letter, as the renderer measures it
    /// (13 px digits are 8 px wide, the minus 5, the point 4; 16 px x, y, O).
    static func axisTextWidth(_ text: String, size: Double) -> Double {
        var w = 0.0
        for ch in text {
            switch ch {
            case "0"..."9": w += (0.636 * size).rounded()
            case "-": w += (0.361 * size).rounded()
            case ".": w += (0.318 * size).rounded()
            case "x", "y": w += (0.592 * size).rounded()
            case "O": w += (0.787 * size).rounded()
            default: w += (0.7 * size).rounded()
            }
        }
        return w
    }

    /// Font line height (ascent + descent, rounded up as Cairo's hinted extents are).
    static func height(size: Double) -> Double { (0.93 * size).rounded(.up) + (0.24 * size).rounded(.up) }

    /// The tick numbers and the x, y and O the renderer writes, and the two axis strokes.
    func axisMarks() -> (labels: [PixelBox], strokes: [(Vec2, Vec2)]) {
        let ax = axes, step = ax.tickStep
        let xs = Array(stride(from: (ax.xMin / step).rounded(.up) * step, through: ax.xMax + 1e-9, by: step))
        let ys = Array(stride(from: (ax.yMin / step).rounded(.up) * step, through: ax.yMax + 1e-9, by: step))
        let y0 = min(max(0, ax.yMin), ax.yMax), x0 = min(max(0, ax.xMin), ax.xMax)
        let xa = map(Vec2(ax.xMin, y0)), xb = map(Vec2(ax.xMax, y0))
        let ya = map(Vec2(x0, ax.yMin)), yb = map(Vec2(x0, ax.yMax))
        var labels: [PixelBox] = []
        let every = max(1, Int((Double(max(xs.count, ys.count)) / 12).rounded(.up)))
        let h13 = AxesLayout.height(size: 13)
        for (n, x) in xs.enumerated() where abs(x) > 1e-9 && n % every == 0 {
            let p = map(Vec2(x, y0))
            let w = AxesLayout.axisTextWidth(formatNumber(x), size: 13)
            labels.append(PixelBox(x: p.x - w / 2, y: p.y + 6, w: w, h: h13))
        }
        for (n, y) in ys.enumerated() where abs(y) > 1e-9 && n % every == 0 {
            let p = map(Vec2(x0, y))
            let w = AxesLayout.axisTextWidth(formatNumber(y), size: 13)
            labels.append(PixelBox(x: p.x - 7 - w, y: p.y - h13 / 2, w: w, h: h13))
        }
        let h16 = AxesLayout.height(size: 16)
        for (t, p) in [("x", xb + Vec2(4, 8)), ("y", yb + Vec2(8, -18)), ("O", map(Vec2(x0, y0)) + Vec2(-16, 3))] {
            labels.append(PixelBox(x: p.x, y: p.y, w: AxesLayout.axisTextWidth(t, size: 16), h: h16))
        }
        return (labels, [(xa, xb), (ya, yb)])
    }

    /// The pixel strokes of the figure's items (marks the families use on axes).
    func strokes(of items: [SceneItem]) -> [(Vec2, Vec2)] {
        var out: [(Vec2, Vec2)] = []
        for item in items {
            switch item.element {
            case let .segment(a, b, _): out.append((map(a), map(b)))
            case let .circle(c, r, _):
                let pts = (0...72).map { map(c + Vec2.polar(r, Double($0) / 72 * 2 * .pi)) }
                for i in 0..<72 { out.append((pts[i], pts[i + 1])) }
            case let .curve(points, _, _):
                let pts = points.map(map)
                for i in 0..<max(0, pts.count - 1) where plot.contains(pts[i]) { out.append((pts[i], pts[i + 1])) }
            case let .rightAngle(v, a, b):
                let pv = map(v)
                let u1 = (map(a) - pv).normalized, u2 = (map(b) - pv).normalized
                let pts = [pv + u1 * 13, pv + u1 * 13 + u2 * 13, pv + u2 * 13]
                out.append((pts[0], pts[1])); out.append((pts[1], pts[2]))
            case let .ticks(a, b, count):
                let pa = map(a), pb = map(b)
                let u = (pb - pa).normalized, n = u.perpendicular, mid = (pa + pb) / 2
                for i in 0..<count {
                    let c = mid + u * ((Double(i) - Double(count - 1) / 2) * 5)
                    out.append((c - n * 7, c + n * 7))
                }
            default: break
            }
        }
        return out
    }

    /// Whether the scene at this layout would pass the render audit.
    func isClean(_ items: [SceneItem]) -> Bool { problem(items) == nil }

    /// The first audit failure the model predicts (for diagnostics), nil when clean.
    func problem(_ items: [SceneItem]) -> String? {
        let (axisLabels, axisStrokes) = axisMarks()
        let strokes = axisStrokes + self.strokes(of: items)
        var dots: [PixelBox] = []
        let dotSide = (sizes.pointRadius + 2) * 2
        for item in items {
            if case let .point(p, _, _) = item.element { dots.append(PixelBox(center: map(p), w: dotSide, h: dotSide)) }
        }
        var placer = Placer(canvas: PixelBox(x: 2, y: 2, w: AxesLayout.size - 4, h: AxesLayout.size - 4),
                            strokes: StrokeIndex(strokes), dots: dots, taken: axisLabels)
        var placed = axisLabels
        let hv = AxesLayout.height(size: sizes.value)
        for item in items {
            switch item.element {
            case let .text(p, text):
                guard let b = placer.placePoint(map(p), w: AxesLayout.width(text, size: sizes.value), h: hv,
                                                offset: 0) else { return "no clear spot for \(text)" }
                placed.append(b)
            case let .segmentValue(a, b, text, away):
                guard let box = placer.placeSegmentValue(map(a), map(b), away: map(away),
                                                         w: AxesLayout.width(text, size: sizes.value), h: hv)
                else { return "no clear spot for \(text)" }
                placed.append(box)
            default: break
            }
        }
        let hl = AxesLayout.height(size: sizes.label)
        for item in items {
            if case let .point(p, label, _) = item.element, !label.isEmpty {
                guard let b = placer.placePoint(map(p), w: AxesLayout.width(label, size: sizes.label), h: hl,
                                                offset: sizes.pointRadius + 3) else { return "no clear spot for \(label)" }
                placed.append(b)
            }
        }
        // The audit, as LabelPlacer.audit.
        let full = PixelBox(x: 0, y: 0, w: AxesLayout.size, h: AxesLayout.size)
        for (i, b) in placed.enumerated() {
            let t = b.inset(1)
            if !full.contains(b) { return "label \(i) off canvas \(b)" }
            if let j = placed.indices.first(where: { $0 != i && placed[$0].intersects(t) }) {
                return "label \(i) \(b) overlaps label \(j) \(placed[j])"
            }
            if dots.contains(where: { $0.intersects(t) && !$0.contains(b.center) && Self.deep($0, t) }) {
                return "label \(i) covers a dot"
            }
            if placer.strokes.hits(t) { return "label \(i) \(b) crossed by a stroke" }
        }
        return nil
    }

    private static func deep(_ d: PixelBox, _ t: PixelBox) -> Bool {
        let ix = min(d.maxX, t.maxX) - max(d.x, t.x)
        let iy = min(d.maxY, t.maxY) - max(d.y, t.y)
        return ix > d.w * 0.5 && iy > d.h * 0.5
    }

    /// Strokes bucketed on a coarse grid so box queries stay cheap.
    struct StrokeIndex {
        let all: [(Vec2, Vec2)]
        private let cells: [[Int]]
        private static let n = 16, cell = AxesLayout.size / 16

        init(_ strokes: [(Vec2, Vec2)]) {
            all = strokes
            var buckets: [[Int]] = Array(repeating: [], count: Self.n * Self.n)
            for (k, s) in strokes.enumerated() {
                let (c0, c1) = Self.range(min(s.0.x, s.1.x), max(s.0.x, s.1.x))
                let (r0, r1) = Self.range(min(s.0.y, s.1.y), max(s.0.y, s.1.y))
                for r in r0...r1 { for c in c0...c1 { buckets[r * Self.n + c].append(k) } }
            }
            cells = buckets
        }

        private static func range(_ lo: Double, _ hi: Double) -> (Int, Int) {
            let a = max(0, min(n - 1, Int((max(-1e6, min(1e6, lo)) / cell).rounded(.down))))
            let b = max(0, min(n - 1, Int((max(-1e6, min(1e6, hi)) / cell).rounded(.down))))
            return (a, b)
        }

        /// Whether any stroke crosses `b` (stops at the first).
        func hits(_ b: PixelBox) -> Bool {
            let (c0, c1) = Self.range(b.x, b.maxX), (r0, r1) = Self.range(b.y, b.maxY)
            for r in r0...r1 {
                for c in c0...c1 {
                    for k in cells[r * Self.n + c] where b.intersects(segment: all[k].0, all[k].1) { return true }
                }
            }
            return false
        }
    }

    /// LabelPlacer's candidate search and costs.
    struct Placer {
        let canvas: PixelBox
        let strokes: StrokeIndex
        let dots: [PixelBox]
        var taken: [PixelBox]

        /// Whether a candidate carries any of LabelPlacer's penalties (off the canvas, on a
        /// taken box or a dot, crossed by a stroke): each costs at least 300, more than any
        /// preference, so the placer's choice is the most preferred candidate without one.
        private func faulty(_ b: PixelBox, ownDot: PixelBox?) -> Bool {
            if !canvas.contains(b) { return true }
            let t = b.inset(1)
            for o in taken where o.intersects(t) { return true }
            for d in dots where d.intersects(t) && !(ownDot.map { $0.x == d.x && $0.y == d.y } ?? false) { return true }
            return strokes.hits(t)
        }

        /// The placer's pick when some candidate is fault-free (ties keep candidate order,
        /// as LabelPlacer's strict `<` does); nil when every candidate has a fault, which
        /// the audit would then report.
        private mutating func best(_ candidates: [(PixelBox, Double)], ownDot: PixelBox? = nil) -> PixelBox? {
            var order = Array(candidates.indices)
            order.sort { candidates[$0].1 < candidates[$1].1 || (candidates[$0].1 == candidates[$1].1 && $0 < $1) }
            for k in order where !faulty(candidates[k].0, ownDot: ownDot) {
                taken.append(candidates[k].0)
                return candidates[k].0
            }
            return nil
        }

        private func openDirection(at p: Vec2) -> Vec2 {
            var dirs: [Double] = []
            for s in strokes.all {
                if s.0.distance(to: p) < 1.5, s.1.distance(to: p) > 1.5 { dirs.append((s.1 - p).angle) }
                if s.1.distance(to: p) < 1.5, s.0.distance(to: p) > 1.5 { dirs.append((s.0 - p).angle) }
            }
            guard !dirs.isEmpty else {
                return (p - canvas.center).length > 1 ? (p - canvas.center).normalized : Vec2(0, -1)
            }
            dirs.sort()
            var bestGap = -1.0, bestMid = 0.0
            for (i, d) in dirs.enumerated() {
                let next = i + 1 < dirs.count ? dirs[i + 1] : dirs[0] + 2 * .pi
                if next - d > bestGap { bestGap = next - d; bestMid = d + (next - d) / 2 }
            }
            return Vec2.polar(1, bestMid)
        }

        private func box(around anchor: Vec2, dir: Vec2, gap: Double, w: Double, h: Double) -> PixelBox {
            let ex = abs(dir.x) > 1e-9 ? (w / 2) / abs(dir.x) : .infinity
            let ey = abs(dir.y) > 1e-9 ? (h / 2) / abs(dir.y) : .infinity
            return PixelBox(center: anchor + dir * (gap + min(ex, ey)), w: w, h: h)
        }

        mutating func placePoint(_ p: Vec2, w: Double, h: Double, offset: Double) -> PixelBox? {
            let open = openDirection(at: p)
            var cands: [(PixelBox, Double)] = []
            for ring in 0..<3 {
                let gap = offset + Double(ring) * h * 0.45
                for i in 0..<24 {
                    let dir = Vec2.polar(1, Double(i) / 24 * 2 * .pi)
                    cands.append((box(around: p, dir: dir, gap: gap, w: w, h: h),
                                  (1 - dir.dot(open)) * 20 + Double(ring) * 8))
                }
            }
            return best(cands, ownDot: dots.first { $0.contains(p) })
        }

        mutating func placeSegmentValue(_ a: Vec2, _ b: Vec2, away: Vec2, w: Double, h: Double) -> PixelBox? {
            let mid = (a + b) / 2
            var n = (b - a).normalized.perpendicular
            if n.dot(away - mid) > 0 { n = -n }
            var cands: [(PixelBox, Double)] = []
            for (i, shift) in [0.0, 0.15, -0.15, 0.3, -0.3].enumerated() {
                let anchor = mid + (b - a) * shift
                for (j, gap) in [5.0, 5 + h * 0.6, 5 + h * 1.2].enumerated() {
                    cands.append((box(around: anchor, dir: n, gap: gap, w: w, h: h), Double(i) * 5 + Double(j) * 8))
                    cands.append((box(around: anchor, dir: -n, gap: gap, w: w, h: h), 40 + Double(i) * 5 + Double(j) * 8))
                }
            }
            return best(cands)
        }
    }

    /// Whether `scene` (an axes scene) renders clean: the plain figure, the figure with
    /// values, and the figure with values above question blocks of typical heights.
    static func isClean(_ scene: Scene) -> Bool {
        guard case let .axes(ax) = scene.frame else { return true }
        let plain = scene.visibleItems(includeGivens: false)
        let all = scene.visibleItems(includeGivens: true)
        guard AxesLayout(ax, reserve: 0).isClean(plain), AxesLayout(ax, reserve: 0).isClean(all),
              AxesLayout(ax, reserve: 0, sizes: .large).isClean(all),
              AxesLayout(ax, reserve: questionReserves[1], sizes: .large).isClean(all) else { return false }
        return questionReserves.allSatisfy { AxesLayout(ax, reserve: $0).isClean(all) }
    }

    /// Whether the figure's strokes stay clear of the tick numbers and the O at every
    /// checked height (a cheap first filter for windows, before any text is placed).
    static func axisNumbersClear(_ ax: AxesSpec, strokes items: [SceneItem]) -> Bool {
        for reserve in [0] + questionReserves {
            let layout = AxesLayout(ax, reserve: reserve)
            let (labels, _) = layout.axisMarks()
            let index = StrokeIndex(layout.strokes(of: items))
            for (i, b) in labels.enumerated() {
                let t = b.inset(1)
                if index.hits(t) { return false }
                if labels.indices.contains(where: { $0 != i && labels[$0].intersects(t) }) { return false }
            }
        }
        return true
    }
}
