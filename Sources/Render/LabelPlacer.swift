import Geometry

/// Places each label at the least-bad of a set of candidate spots: never off
/// the canvas if avoidable, then clear of other labels and dots, then clear of
/// strokes, then close to where a textbook would put it.
struct LabelPlacer {
    let canvas: Box
    let strokes: [(Vec, Vec)]
    /// The strokes bucketed by area, so a candidate box tests only those near it.
    let grid: StrokeGrid
    let dots: [Box]
    private(set) var taken: [Box]

    init(canvas: Box, strokes: [(Vec, Vec)], dots: [Box], fixed: [Box]) {
        self.canvas = canvas
        self.strokes = strokes
        grid = StrokeGrid(strokes, area: canvas)
        self.dots = dots
        taken = fixed
    }

    /// Cost of a candidate box: hard faults dominate, `preference` breaks ties.
    private func cost(_ b: Box, preference: Double, ownDot: Box? = nil) -> Double {
        var c = preference
        if !canvas.contains(b) { c += 10_000 }
        let t = b.inset(1)
        for o in taken where o.intersects(t) { c += 1_000 }
        for d in dots where d != ownDot && d.intersects(t) { c += 1_000 }
        c += 300 * Double(grid.hits(t))
        return c
    }

    private mutating func best(_ candidates: [(Box, Double)], ownDot: Box? = nil) -> Box {
        var bestBox = candidates[0].0
        var bestCost = Double.infinity
        for (b, pref) in candidates {
            let c = cost(b, preference: pref, ownDot: ownDot)
            if c < bestCost { bestCost = c; bestBox = b }
        }
        taken.append(bestBox)
        return bestBox
    }

    /// Direction from `p` into the widest gap between the strokes that meet there.
    private func openDirection(at p: Vec) -> Vec {
        var dirs: [Double] = []
        for s in strokes {
            if s.0.distance(to: p) < 1.5, s.1.distance(to: p) > 1.5 { dirs.append((s.1 - p).angle) }
            if s.1.distance(to: p) < 1.5, s.0.distance(to: p) > 1.5 { dirs.append((s.0 - p).angle) }
        }
        // A point in the middle of a line (D on AB) has rays both ways; the gap logic still works.
        guard !dirs.isEmpty else {
            return (p - canvas.center).length > 1 ? (p - canvas.center).normalized : Vec(0, -1)
        }
        dirs.sort()
        var bestGap = -1.0, bestMid = 0.0
        for (i, d) in dirs.enumerated() {
            let next = i + 1 < dirs.count ? dirs[i + 1] : dirs[0] + 2 * .pi
            if next - d > bestGap { bestGap = next - d; bestMid = d + (next - d) / 2 }
        }
        return Vec2.polar(1, bestMid)
    }

    /// A box of size w x h whose nearest side sits `gap` from `anchor` in direction `dir`.
    private func box(around anchor: Vec, dir: Vec, gap: Double, w: Double, h: Double) -> Box {
        // Distance from a box's center to its edge along dir.
        let ex = abs(dir.x) > 1e-9 ? (w / 2) / abs(dir.x) : .infinity
        let ey = abs(dir.y) > 1e-9 ? (h / 2) / abs(dir.y) : .infinity
        let reach = min(ex, ey)
        return Box(center: anchor + dir * (gap + reach), w: w, h: h)
    }

    mutating func placePoint(_ p: Vec, w: Double, h: Double, offset: Double) -> Box {
        let open = openDirection(at: p)
        var cands: [(Box, Double)] = []
        for ring in 0..<3 {
            let gap = offset + Double(ring) * h * 0.45
            for i in 0..<24 {
                let dir = Vec2.polar(1, Double(i) / 24 * 2 * .pi)
                let pref = (1 - dir.dot(open)) * 20 + Double(ring) * 8
                cands.append((box(around: p, dir: dir, gap: gap, w: w, h: h), pref))
            }
        }
        let own = dots.first { $0.contains(p) }
        return best(cands, ownDot: own)
    }

    mutating func placeAngleValue(_ g: AngleGeometry, arcs: Int, w: Double, h: Double) -> Box {
        var cands: [(Box, Double)] = []
        let arcOuter = g.radius + Double(max(0, arcs - 1)) * 4.5
        for (n, f) in [0.0, -0.2, 0.2, -0.35, 0.35].enumerated() {
            let theta = g.start + g.sweep * (0.5 + f)
            let dir = Vec2.polar(1, theta)
            for (m, gap) in [arcOuter + 3, arcOuter + 3 + h * 0.5, arcOuter + 3 + h * 1.2, arcOuter + 3 + h * 2].enumerated() {
                cands.append((box(around: g.vertex, dir: dir, gap: gap, w: w, h: h),
                              Double(n) * 6 + Double(m) * 10))
            }
        }
        // Very thin angles: also try just outside the vertex, opposite the angle.
        for i in 0..<12 {
            let dir = Vec2.polar(1, Double(i) / 12 * 2 * .pi)
            cands.append((box(around: g.vertex, dir: dir, gap: 8, w: w, h: h), 80))
        }
        return best(cands)
    }

    mutating func placeSegmentValue(_ a: Vec, _ b: Vec, away: Vec, w: Double, h: Double) -> Box {
        let mid = (a + b) / 2
        let u = (b - a).normalized
        var n = u.perpendicular
        if n.dot(away - mid) > 0 { n = -n }
        var cands: [(Box, Double)] = []
        for (i, shift) in [0.0, 0.15, -0.15, 0.3, -0.3].enumerated() {
            let anchor = mid + (b - a) * shift
            for (j, gap) in [5.0, 5 + h * 0.6, 5 + h * 1.2].enumerated() {
                cands.append((box(around: anchor, dir: n, gap: gap, w: w, h: h), Double(i) * 5 + Double(j) * 8))
                cands.append((box(around: anchor, dir: -n, gap: gap, w: w, h: h), 40 + Double(i) * 5 + Double(j) * 8))
            }
        }
        return best(cands)
    }

    /// Audits placed label boxes against each other, dots, strokes and the canvas.
    func audit(_ boxes: [Box], minHeight: Double, heights: [Double]) -> Audit {
        var a = Audit()
        a.labels = boxes.count
        for (i, b) in boxes.enumerated() {
            let t = b.inset(1)
            if !canvas.inset(-2).contains(b) { a.offCanvas += 1 }
            if boxes.indices.contains(where: { $0 != i && boxes[$0].intersects(t) })
                || dots.contains(where: { $0.intersects(t) && !$0.contains(b.center) && overlapsDeep($0, t) }) {
                a.overlaps += 1
            }
            if grid.hitsAny(t) { a.lineHits += 1 }
            if heights[i] < minHeight { a.tinyText += 1 }
        }
        return a
    }

    /// A dot counts as covered when more than a sliver of it lies under the label.
    private func overlapsDeep(_ d: Box, _ t: Box) -> Bool {
        let ix = min(d.maxX, t.maxX) - max(d.x, t.x)
        let iy = min(d.maxY, t.maxY) - max(d.y, t.y)
        return ix > d.w * 0.5 && iy > d.h * 0.5
    }
}

/// Greedy line wrapping that breaks at spaces, and between CJK characters,
/// which carry no spaces. "\n" forces a break.
enum TextWrap {
    static func wrap(_ text: String, width: Double, measure: (String) -> Double) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var tokens: [String] = []
            var current = ""
            for ch in paragraph {
                if ch == " " {
                    current.append(ch)
                    tokens.append(current)
                    current = ""
                } else if isCJK(ch) {
                    if !current.isEmpty { tokens.append(current); current = "" }
                    tokens.append(String(ch))
                } else {
                    current.append(ch)
                }
            }
            if !current.isEmpty { tokens.append(current) }
            var line = ""
            for t in tokens {
                let candidate = line + t
                if line.isEmpty || measure(candidate.trimmingTrailingSpaces) <= width {
                    line = candidate
                } else {
                    lines.append(line.trimmingTrailingSpaces)
                    line = t
                }
            }
            lines.append(line.trimmingTrailingSpaces)
        }
        return lines
    }

    static func isCJK(_ ch: Character) -> Bool {
        guard let v = ch.unicodeScalars.first?.value else { return false }
        return (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFFEF).contains(v)
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

extension LabelPlacer {
    /// Whether `box` lies on the canvas clear of every label placed so far, every dot
    /// and every stroke: a spot with no fault in the placer's own cost.
    func isClear(_ box: Box) -> Bool { cost(box, preference: 0) == 0 }
}

/// Where a curve legend's rows may go: stacked in one corner of the plot, each row a
/// 26 px sample of the line, a gap and the label (sizes given at 512 px, scaled by `k`).
struct LegendLayout {
    struct Row { var whole: Box; var text: Box }
    /// Rows for each corner in order of preference: top-left (the textbook spot), top-right,
    /// bottom-left, bottom-right.
    let corners: [[Row]]

    /// Height of a band above the plot holding rows of these heights, stacked as in a corner.
    static func bandHeight(_ heights: [Double], k: Double) -> Double {
        guard !heights.isEmpty else { return 0 }
        return heights.dropLast().reduce(0) { $0 + $1 * 1.25 } + (heights.last ?? 0) + 12 * k
    }

    init(widths: [Double], heights: [Double], plot: Box, k: Double) {
        let total = zip(heights.indices, heights).reduce(0.0) { $0 + $1.1 * ($1.0 == heights.count - 1 ? 1 : 1.25) }
        let wide = (widths.max() ?? 0) + 34 * k
        let lefts = [plot.x + 8 * k, plot.maxX - 8 * k - wide]
        let tops = [plot.y + 6 * k, plot.maxY - 6 * k - total]
        corners = [(0, 0), (1, 0), (0, 1), (1, 1)].map { (cx, cy) in
            var y = tops[cy]
            return zip(widths, heights).map { w, h in
                let x0 = lefts[cx]
                defer { y += h * 1.25 }
                return Row(whole: Box(x: x0, y: y, w: 34 * k + w, h: h), text: Box(x: x0 + 32 * k, y: y, w: w, h: h))
            }
        }
    }
}

/// Strokes bucketed into square cells over an area (strokes and boxes beyond it fall
/// into the border cells), so a box is tested only against the strokes whose bounding
/// boxes share a cell with it. Counts and answers equal a test of every stroke.
final class StrokeGrid {
    private let strokes: [(Vec, Vec)]
    private let cell: Double
    private let originX: Double, originY: Double
    private let cols: Int, rows: Int
    private var buckets: [[Int32]]
    /// Per-stroke mark of the last query that tested it, so a stroke in several cells
    /// counts once (raw memory: this is the placer's hot loop, and a Swift array in a
    /// class pays an exclusivity check on every access).
    private let seen: UnsafeMutablePointer<UInt32>
    private var query: UInt32 = 0

    init(_ strokes: [(Vec, Vec)], area: Box, cell: Double = 24) {
        self.strokes = strokes
        self.cell = cell
        originX = area.x; originY = area.y
        cols = max(1, Int((area.w / cell).rounded(.up)))
        rows = max(1, Int((area.h / cell).rounded(.up)))
        buckets = Array(repeating: [], count: cols * rows)
        seen = .allocate(capacity: max(1, strokes.count))
        seen.initialize(repeating: 0, count: max(1, strokes.count))
        for (i, s) in strokes.enumerated() {
            let (c0, c1) = span(min(s.0.x, s.1.x), max(s.0.x, s.1.x), origin: originX, count: cols)
            let (r0, r1) = span(min(s.0.y, s.1.y), max(s.0.y, s.1.y), origin: originY, count: rows)
            for r in r0...r1 { for c in c0...c1 { buckets[r * cols + c].append(Int32(i)) } }
        }
    }

    deinit { seen.deallocate() }

    /// The cells from `lo` to `hi` along one axis, clamped to the grid.
    private func span(_ lo: Double, _ hi: Double, origin: Double, count: Int) -> (Int, Int) {
        func index(_ v: Double) -> Int {
            guard v.isFinite else { return v > 0 ? count - 1 : 0 }
            return min(count - 1, max(0, Int(((v - origin) / cell).rounded(.down))))
        }
        return (index(lo), index(hi))
    }

    /// Calls `body` with each stroke near `t` once; stops when it returns false.
    private func visit(_ t: Box, _ body: ((Vec, Vec)) -> Bool) {
        guard !strokes.isEmpty else { return }
        query &+= 1
        if query == 0 { seen.update(repeating: 0, count: max(1, strokes.count)); query = 1 }
        let (c0, c1) = span(t.x, t.maxX, origin: originX, count: cols)
        let (r0, r1) = span(t.y, t.maxY, origin: originY, count: rows)
        for r in r0...r1 {
            for c in c0...c1 {
                for i in buckets[r * cols + c] where seen[Int(i)] != query {
                    seen[Int(i)] = query
                    if !body(strokes[Int(i)]) { return }
                }
            }
        }
    }

    /// How many strokes pass through `t`.
    func hits(_ t: Box) -> Int {
        var n = 0
        visit(t) { s in
            if t.intersects(segment: s.0, s.1) { n += 1 }
            return true
        }
        return n
    }

    /// Whether any stroke passes through `t`.
    func hitsAny(_ t: Box) -> Bool {
        var hit = false
        visit(t) { s in
            hit = t.intersects(segment: s.0, s.1)
            return !hit
        }
        return hit
    }
}
