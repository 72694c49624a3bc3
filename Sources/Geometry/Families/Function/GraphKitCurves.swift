import Foundation

/// Curves sampled and clipped to a window, and the numeric routes the `measure`
/// functions read them with.
extension GraphKit {
    /// `f` sampled on [a, b] and clipped to the window's y range: the visible runs,
    /// with the exact boundary crossings interpolated in.
    static func runs(_ f: (Double) -> Double, from a: Double, to b: Double, window w: Window,
                     count: Int = 240) -> [[Vec2]] {
        var out: [[Vec2]] = []
        var current: [Vec2] = []
        var prev: Vec2?
        for i in 0...count {
            let x = a + (b - a) * Double(i) / Double(count)
            let p = Vec2(x, f(x))
            let inside = p.y.isFinite && p.y >= w.yMin && p.y <= w.yMax
            if let q = prev, q.y.isFinite, p.y.isFinite {
                let qInside = q.y >= w.yMin && q.y <= w.yMax
                if inside != qInside {
                    let level = (inside ? q.y : p.y) > w.yMax ? w.yMax : w.yMin
                    let t = (level - q.y) / (p.y - q.y)
                    let c = Vec2(q.x + (p.x - q.x) * t, level)
                    current.append(c)
                    if !inside { out.append(current); current = [] }
                }
            }
            if inside { current.append(p) }
            prev = p
        }
        if current.count > 1 { out.append(current) }
        return out.filter { $0.count > 1 }
    }

    /// The single visible run of `f` over the window, or a degenerate draw when the
    /// graph leaves and re-enters the window (it would be drawn in pieces).
    static func curve(_ f: (Double) -> Double, from a: Double, to b: Double, window w: Window,
                      count: Int = 240) throws -> [Vec2] {
        let r = runs(f, from: a, to: b, window: w, count: count)
        guard r.count == 1, let only = r.first, only.count > 8 else {
            throw GenerationFailure.degenerate("graph shows as \(r.count) pieces in the window")
        }
        return only
    }

    /// Reads the plotted polyline at `x` by linear interpolation (nil outside it).
    static func read(_ pts: [Vec2], at x: Double) -> Double? {
        guard pts.count > 1 else { return nil }
        for i in 0..<(pts.count - 1) {
            let a = pts[i], b = pts[i + 1]
            let lo = min(a.x, b.x), hi = max(a.x, b.x)
            guard x >= lo - 1e-12, x <= hi + 1e-12 else { continue }
            if hi - lo < 1e-15 { return a.y }
            return a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
        }
        return nil
    }

    /// A root of `f` in [a, b] by bisection; nil without a sign change.
    static func bisect(_ f: (Double) -> Double, _ a: Double, _ b: Double, iterations: Int = 200) -> Double? {
        var lo = a, hi = b
        var flo = f(lo)
        let fhi = f(hi)
        if flo == 0 { return lo }
        if fhi == 0 { return hi }
        guard flo.sign != fhi.sign else { return nil }
        for _ in 0..<iterations {
            let mid = (lo + hi) / 2
            let fm = f(mid)
            if fm == 0 { return mid }
            if fm.sign == flo.sign { lo = mid; flo = fm } else { hi = mid }
            if hi - lo < 1e-14 { break }
        }
        return (lo + hi) / 2
    }

    /// Every root of `f` on [a, b]: sign changes on a fine grid, each refined by bisection.
    /// (Tangential roots that do not change sign are found by `golden` instead.)
    static func roots(_ f: (Double) -> Double, _ a: Double, _ b: Double, grid: Int = 4000) -> [Double] {
        var out: [Double] = []
        var x0 = a, f0 = f(a)
        for i in 1...grid {
            let x1 = a + (b - a) * Double(i) / Double(grid)
            let f1 = f(x1)
            if f0 == 0 {
                if out.last.map({ abs($0 - x0) > 1e-9 }) ?? true { out.append(x0) }
            } else if f0.sign != f1.sign, f1 != 0, let r = bisect(f, x0, x1) {
                out.append(r)
            }
            x0 = x1; f0 = f1
        }
        if f0 == 0, out.last.map({ abs($0 - x0) > 1e-9 }) ?? true { out.append(x0) }
        return out
    }

    /// The global extreme of `f` on [a, b]: the best of a dense sample, refined by
    /// golden-section search in the neighbouring cells (the endpoints count).
    static func golden(_ f: (Double) -> Double, _ a: Double, _ b: Double, maximize: Bool,
                       grid: Int = 2000) -> Vec2 {
        let sign = maximize ? -1.0 : 1.0
        func g(_ x: Double) -> Double { sign * f(x) }
        var bestI = 0
        var bestV = Double.infinity
        for i in 0...grid {
            let v = g(a + (b - a) * Double(i) / Double(grid))
            if v < bestV { bestV = v; bestI = i }
        }
        let h = (b - a) / Double(grid)
        var lo = max(a, a + h * Double(bestI - 1)), hi = min(b, a + h * Double(bestI + 1))
        let r = (5.0.squareRoot() - 1) / 2
        var c = hi - r * (hi - lo), d = lo + r * (hi - lo)
        var fc = g(c), fd = g(d)
        for _ in 0..<200 where hi - lo > 1e-12 {
            if fc < fd { hi = d; d = c; fd = fc; c = hi - r * (hi - lo); fc = g(c) } else {
                lo = c; c = d; fc = fd; d = lo + r * (hi - lo); fd = g(d)
            }
        }
        var x = (lo + hi) / 2
        // An endpoint beats the interior when the extreme sits on the boundary.
        for e in [a, b] where g(e) < g(x) { x = e }
        return Vec2(x, f(x))
    }

    /// The derivative of `f` at `x` by a fourth-order central difference.
    static func slope(_ f: (Double) -> Double, at x: Double, h: Double = 1e-3) -> Double {
        (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h)
    }

    /// ∫ f on [a, b] by composite Simpson's rule.
    static func integrate(_ f: (Double) -> Double, _ a: Double, _ b: Double, intervals: Int = 2000) -> Double {
        let n = intervals % 2 == 0 ? intervals : intervals + 1
        let h = (b - a) / Double(n)
        var s = f(a) + f(b)
        for i in 1..<n { s += f(a + h * Double(i)) * (i % 2 == 1 ? 4 : 2) }
        return s * h / 3
    }

    /// The segment of the line through `p` with direction `d` that lies inside the
    /// window (pulled in by `inset`); nil when the line misses it.
    static func clip(line p: Vec2, direction d: Vec2, to w: Window, inset: Double = 0) -> (Vec2, Vec2)? {
        var t0 = -Double.infinity, t1 = Double.infinity
        let lo = Vec2(w.xMin + inset, w.yMin + inset), hi = Vec2(w.xMax - inset, w.yMax - inset)
        for (pc, dc, l, h) in [(p.x, d.x, lo.x, hi.x), (p.y, d.y, lo.y, hi.y)] {
            if abs(dc) < 1e-12 {
                if pc < l || pc > h { return nil }
            } else {
                let a = (l - pc) / dc, b = (h - pc) / dc
                t0 = max(t0, min(a, b)); t1 = min(t1, max(a, b))
            }
        }
        guard t0 < t1, t0.isFinite, t1.isFinite else { return nil }
        return (p + d * t0, p + d * t1)
    }

    /// Points of the plotted run where a value text can sit, best first: inside the
    /// window, away from both axes, the window's edges and the `avoid` points, and at
    /// least a tenth of the window apart from each other.
    static func anchors(on pts: [Vec2], window w: Window, avoid: [Vec2] = [], count: Int = 6) -> [Vec2] {
        var scored: [(Vec2, Double)] = []
        for p in pts {
            let fx = (p.x - w.xMin) / w.width, fy = (p.y - w.yMin) / w.height
            let edge = min(fx, 1 - fx, fy, 1 - fy)
            guard edge > 0.03 else { continue }
            let axes = min(abs(p.x) / w.width, abs(p.y) / w.height)
            var others = 1.0
            for q in avoid { others = min(others, hypot((q.x - p.x) / w.width, (q.y - p.y) / w.height)) }
            scored.append((p, min(edge, 0.12) * 2 + min(axes, 0.2) + min(others, 0.25)))
        }
        scored.sort { $0.1 > $1.1 }
        var out: [Vec2] = []
        for (p, _) in scored where out.count < count {
            if out.allSatisfy({ hypot(($0.x - p.x) / w.width, ($0.y - p.y) / w.height) > 0.1 }) { out.append(p) }
        }
        return out
    }
}
