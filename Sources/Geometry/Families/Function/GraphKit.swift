import Foundation

/// An exact small fraction, so slopes, intercepts and coefficients print the way a
/// textbook writes them ("3/4", "-2") and solvers reason with exact values.
struct Frac: Hashable, Sendable {
    let num: Int
    let den: Int

    init(_ num: Int, _ den: Int = 1) {
        precondition(den != 0, "zero denominator")
        let g = Frac.gcd(abs(num), abs(den))
        let s = den < 0 ? -1 : 1
        self.num = s * num / max(g, 1)
        self.den = s * den / max(g, 1)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? max(a, 1) : gcd(b, a % b) }

    var value: Double { Double(num) / Double(den) }
    var isInteger: Bool { den == 1 }
    var isZero: Bool { num == 0 }
    /// "3", "-3/4".
    var text: String { den == 1 ? String(num) : "\(num)/\(den)" }

    static func + (a: Frac, b: Frac) -> Frac { Frac(a.num * b.den + b.num * a.den, a.den * b.den) }
    static func - (a: Frac, b: Frac) -> Frac { Frac(a.num * b.den - b.num * a.den, a.den * b.den) }
    static func * (a: Frac, b: Frac) -> Frac { Frac(a.num * b.num, a.den * b.den) }
    /// Division; callers never divide by zero (the draw is rejected before).
    static func / (a: Frac, b: Frac) -> Frac { Frac(a.num * b.den, a.den * b.num) }
    static prefix func - (a: Frac) -> Frac { Frac(-a.num, a.den) }
}

/// A square-free radical k√m, the exact form of distances between lattice points.
struct Surd: Sendable {
    let coefficient: Int
    let radicand: Int

    /// √n simplified: √48 = 4√3.
    init(squareRootOf n: Int) {
        var k = 1, m = n, f = 2
        while f * f <= m {
            while m % (f * f) == 0 { m /= f * f; k *= f }
            f += 1
        }
        coefficient = k
        radicand = m
    }

    var value: Double { Double(coefficient) * Double(radicand).squareRoot() }
    var isInteger: Bool { radicand == 1 }
    /// "5", "√13", "2√5".
    var text: String {
        if radicand == 1 { return String(coefficient) }
        return (coefficient == 1 ? "" : String(coefficient)) + "√" + String(radicand)
    }
}

/// Shared parts of the analytic and function families: textbook formatting of
/// points, lines and polynomials, coordinate windows, curves sampled and clipped
/// to the window, and the numeric routes (bisection, golden-section search,
/// finite differences, polyline reading) that the `measure` functions use.
enum GraphKit {
    // MARK: formatting

    /// A coordinate as printed: integers bare, else up to two decimals; ASCII minus so
    /// answers are easy to type.
    static func num(_ v: Double) -> String { formatNumber(abs(v) < 1e-12 ? 0 : v) }

    /// A number as a term after a minus sign: negatives in parentheses, "(-3)".
    static func paren(_ v: Double) -> String { v < 0 ? "(" + num(v) + ")" : num(v) }

    /// An integer exponent in superscript digits: 3 -> "³", -2 -> "⁻²".
    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(abs(n)).compactMap { $0.wholeNumberValue.map { digits[$0] } }
        return (n < 0 ? "⁻" : "") + String(body)
    }

    /// Digits in subscript (a logarithm's base): "2" -> "₂", "1/2" -> "₁/₂".
    static func lowered(_ s: String) -> String {
        let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(s.map { $0.wholeNumberValue.map { digits[$0] } ?? $0 })
    }

    /// A term added to an expression: "+ 3", "- 3/2".
    static func signed(_ f: Frac) -> String { f.num < 0 ? "- " + Frac(-f.num, f.den).text : "+ " + f.text }

    /// "dy/dx = k", or just "k" when the quotient already reads as k ("-2/5"); a negative
    /// run moves its sign to the rise ("3/(-6)" is written "-3/6 = -1/2").
    static func ratio(_ dy: Double, _ dx: Double, equals k: Frac) -> String {
        let (rise, run) = dx < 0 ? (-dy, -dx) : (dy, dx)
        let q = num(rise) + "/" + num(run)
        return q == k.text ? q : q + " = " + k.text
    }

    /// The quotient n/d as computed, then its value: a negative denominator's sign moves
    /// to the numerator ("12/-6" is written "-12/6 = -2"), fractional parts are in
    /// parentheses, and "= q" is left out when the quotient already reads as q.
    static func quotient(_ n: Frac, _ d: Frac, equals q: Frac) -> String {
        let (top, bottom) = normalised(n, d)
        func part(_ f: Frac) -> String { f.isInteger ? f.text : "(" + f.text + ")" }
        let s = bottom == Frac(1) ? part(top) : part(top) + "/" + part(bottom)
        return s == q.text ? s : s + " = " + q.text
    }

    /// n/d with the denominator's sign moved to the numerator.
    static func normalised(_ n: Frac, _ d: Frac) -> (Frac, Frac) { d.num < 0 ? (-n, -d) : (n, d) }

    /// "(2, -1)".
    static func point(_ p: Vec2) -> String { "(\(num(p.x)), \(num(p.y)))" }

    /// A coefficient in front of a variable term: "", "-", "3", "(1/2)", "-(3/2)".
    static func coefficient(_ c: Frac) -> String {
        if c == Frac(1) { return "" }
        if c == Frac(-1) { return "-" }
        if c.isInteger { return String(c.num) }
        return c.num < 0 ? "-(\(-c.num)/\(c.den))" : "(\(c.text))"
    }

    /// A polynomial from the highest power down: [1, -4, 3] -> "x² - 4x + 3".
    static func poly(_ coefficients: [Frac], variable: String = "x") -> String {
        let degree = coefficients.count - 1
        var out = ""
        for (i, c) in coefficients.enumerated() where !c.isZero {
            let power = degree - i
            let sup = power == 2 ? "²" : power == 3 ? "³" : ""
            let body: String
            let magnitude = Frac(abs(c.num), c.den)
            if power == 0 {
                body = magnitude.text
            } else {
                body = coefficient(magnitude) + variable + sup
            }
            if out.isEmpty {
                out = (c.num < 0 ? "-" : "") + body
            } else {
                out += (c.num < 0 ? " - " : " + ") + body
            }
        }
        return out.isEmpty ? "0" : out
    }

    /// "y = 2x + 1", "y = -(1/2)x - 3", "y = 4", "y = x".
    static func line(slope m: Frac, intercept b: Frac, lhs: String = "y") -> String {
        "\(lhs) = " + poly([m, b])
    }

    /// "x - 2" or "x + 3" (a shifted variable, for vertex and circle forms).
    static func shifted(_ variable: String, by h: Frac) -> String {
        if h.isZero { return variable }
        return h.num > 0 ? "\(variable) - \(h.text)" : "\(variable) + \(Frac(-h.num, h.den).text)"
    }

    /// Packs a point answer into one number for the solve/measure agreement check:
    /// coordinates are within ±1000, so a mismatch in either coordinate shows.
    static func pack(_ p: Vec2) -> Double { p.x * 4096 + p.y }

    // MARK: windows

    /// A coordinate window with integer bounds on multiples of `step`.
    struct Window: Sendable {
        var xMin: Double, xMax: Double, yMin: Double, yMax: Double
        var step: Double
        /// Equal spans on both axes (analytic geometry draws with equal aspect).
        var square = false

        func axes(equalAspect: Bool, grid: Bool = true) -> AxesSpec {
            AxesSpec(xMin: xMin, xMax: xMax, yMin: yMin, yMax: yMax, tickStep: step, grid: grid,
                     equalAspect: equalAspect)
        }

        func contains(_ p: Vec2, margin: Double = 0) -> Bool {
            p.x >= xMin + margin && p.x <= xMax - margin && p.y >= yMin + margin && p.y <= yMax - margin
        }

        var width: Double { xMax - xMin }
        var height: Double { yMax - yMin }

        var json: JSONValue {
            ["x_min": .double(xMin), "x_max": .double(xMax), "y_min": .double(yMin), "y_max": .double(yMax),
             "tick_step": .double(step)]
        }
    }

    /// The smallest window on the tick grid that shows `points` with `margin` to spare
    /// and the origin with one step to spare (axes and their O always show).
    /// Spans up to 12 ticks use step 1, up to 24 step 2; larger draws are rejected.
    /// With `balanced`, the shorter span is widened to the longer one, so equal-aspect
    /// plots fill the canvas instead of coming out as thin strips.
    static func window(covering points: [Vec2], margin: Double = 1, balanced: Bool = false) throws -> Window {
        let loX = min(-1, (points.map(\.x).min() ?? 0) - margin)
        let hiX = max(1, (points.map(\.x).max() ?? 0) + margin)
        let loY = min(-1, (points.map(\.y).min() ?? 0) - margin)
        let hiY = max(1, (points.map(\.y).max() ?? 0) + margin)
        let span = max(hiX.rounded(.up) - loX.rounded(.down), hiY.rounded(.up) - loY.rounded(.down))
        let step: Double = span <= 12 ? 1 : span <= 24 ? 2 : 0
        guard step > 0 else { throw GenerationFailure.degenerate("window span \(span) needs more than 12 ticks") }
        var w = Window(xMin: (loX / step).rounded(.down) * step, xMax: (hiX / step).rounded(.up) * step,
                       yMin: (loY / step).rounded(.down) * step, yMax: (hiY / step).rounded(.up) * step,
                       step: step, square: balanced)
        if balanced {
            // Grow the shorter side, alternately at each end, until the spans match.
            var k = 0
            while w.width < w.height { if k % 2 == 0 { w.xMax += step } else { w.xMin -= step }; k += 1 }
            k = 0
            while w.height < w.width { if k % 2 == 0 { w.yMax += step } else { w.yMin -= step }; k += 1 }
        }
        return w
    }

    /// The base window and variants that number other ticks: when an axis spans more
    /// than 12 ticks the renderer numbers every other one, starting at the window's
    /// lower end, so widening to 13-24 ticks and shifting the lower ends by one picks
    /// which integers carry numbers (a graph crossing an axis at an unnumbered tick
    /// leaves the numbers clear); last, the same window on a step of 2.
    static func variants(of base: Window) -> [Window] {
        var out = [base]
        guard base.step == 1 else { return out }
        for (px, py) in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)] {
            var w = base
            w.xMin -= px
            w.yMin -= py
            if w.square {
                let side = max(12, w.width, w.height)
                w.xMax = w.xMin + side
                w.yMax = w.yMin + side
            } else if max(w.width, w.height) < 12 {
                if w.width >= w.height { w.xMax = w.xMin + 12 } else { w.yMax = w.yMin + 12 }
            }
            if max(w.width, w.height) <= 22 { out.append(w) }
        }
        var two = base
        two.step = 2
        two.xMin = (two.xMin / 2).rounded(.down) * 2; two.xMax = (two.xMax / 2).rounded(.up) * 2
        two.yMin = (two.yMin / 2).rounded(.down) * 2; two.yMax = (two.yMax / 2).rounded(.up) * 2
        if two.square {
            let side = max(two.width, two.height)
            two.xMax = two.xMin + side
            two.yMax = two.yMin + side
        }
        out.append(two)
        return out
    }

    /// The first candidate whose scene the layout model predicts to render clean;
    /// a degenerate draw when none does (or every candidate throws).
    static func firstClean<T>(_ candidates: [T], scene: (T) throws -> Scene) throws -> T {
        // The strokes-only check is shared by every candidate with the same window and strokes.
        var numbersClear: [String: Bool] = [:]
        for c in candidates {
            guard let s = try? scene(c) else { continue }
            if case let .axes(ax) = s.frame {
                let strokes = s.items.filter {
                    switch $0.element {
                    case .segment, .circle, .curve, .rightAngle, .ticks: return true
                    default: return false
                    }
                }
                let key = "\(ax.xMin) \(ax.xMax) \(ax.yMin) \(ax.yMax) \(ax.tickStep) \(strokes.count) "
                    + strokes.flatMap(\.element.extentPoints).prefix(4).map(\.description).joined()
                let clear = numbersClear[key] ?? AxesLayout.axisNumbersClear(ax, strokes: strokes)
                numbersClear[key] = clear
                if !clear { continue }
            }
            if AxesLayout.isClean(s) { return c }
        }
        throw GenerationFailure.degenerate("no window or text spot renders clean")
    }

    // MARK: curves

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

    // MARK: records and choices

    /// Rounds to 6 decimals for records.
    static func round6(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }
    static func json(_ p: Vec2) -> JSONValue { [.double(round6(p.x)), .double(round6(p.y))] }
    static func json(_ f: Frac) -> JSONValue { f.isInteger ? .int(f.num) : .string(f.text) }

    /// Multiple-choice options for a non-numeric answer: the correct text plus the
    /// distinct typical mistakes (up to `count` options in all), shuffled.
    static func choices(correct: String, mistakes: [String], count: Int = 4,
                        rng: inout SplitMix64) -> ([String], Int) {
        var options = [correct]
        for m in mistakes where options.count < count && !options.contains(m) { options.append(m) }
        options.shuffle(using: &rng)
        return (options, options.firstIndex(of: correct) ?? 0)
    }

    /// Poses the answer as multiple choice with probability `rate` (numeric answers). No
    /// option lies within the answer's tolerance of it, also once printed to two decimals.
    static func maybeChoices(_ answer: inout Answer, correct: Double, mistakes: [Double], step: Double,
                             rate: Double, rng: inout SplitMix64, valid: @escaping (Double) -> Bool = { _ in true },
                             format: (Double) -> String = { GraphKit.num($0) }) {
        guard rng.chance(rate) else { return }
        let (values, index) = Choices.make(correct: correct, mistakes: mistakes, step: step,
                                           tolerance: answer.tolerance + 0.005, rng: &rng, valid: valid)
        answer.choices = values.map(format)
        answer.correctIndex = index
    }

    /// Poses an exact fractional answer as multiple choice with probability `rate`: the
    /// typical mistakes first, then near misses (±1, ±2, the negation), all printed as
    /// fractions like the answer; none within the answer's tolerance of it.
    static func maybeChoices(_ answer: inout Answer, correct: Frac, mistakes: [Frac], rate: Double,
                             rng: inout SplitMix64, valid: (Frac) -> Bool = { _ in true }) {
        guard rng.chance(rate) else { return }
        var options = [correct]
        let tolerance = answer.tolerance
        for m in mistakes + [correct + Frac(1), correct - Frac(1), -correct, correct + Frac(2), correct - Frac(2),
                             correct * Frac(2), correct + Frac(3)]
        where options.count < 4 && valid(m) && !options.contains(m) && abs((m - correct).value) > tolerance {
            options.append(m)
        }
        options.shuffle(using: &rng)
        answer.choices = options.map(\.text)
        answer.correctIndex = options.firstIndex(of: correct) ?? 0
    }

    /// Poses a text answer as multiple choice with probability `rate`.
    static func maybeChoices(_ answer: inout Answer, mistakes: [String], rate: Double, rng: inout SplitMix64) {
        guard rng.chance(rate) else { return }
        let (options, index) = choices(correct: answer.text, mistakes: mistakes, rng: &rng)
        guard options.count >= 3 else { return }
        answer.choices = options
        answer.correctIndex = index
    }

    /// A candidate search over window variants: `candidates` lists, for one window, the
    /// instances worth trying (text anchors, labels); the first predicted clean wins.
    static func settle<T>(_ base: Window, candidates: (Window) throws -> [T], scene: (T) -> Scene) throws -> T {
        var all: [T] = []
        for w in variants(of: base) {
            if let c = try? candidates(w) { all += c }
        }
        return try firstClean(all, scene: scene)
    }

    /// A value printed the way the answers print it: exact fractions with small
    /// denominators ("5/2", "-1/3"), else a decimal.
    static func fracText(_ v: Double) -> String {
        for den in [1, 2, 3, 4, 6, 8, 9] {
            let n = v * Double(den)
            if abs(n - n.rounded()) < 1e-9 { return Frac(Int(n.rounded()), den).text }
        }
        return num(v)
    }

    /// A random lattice point of the box.
    static func lattice(_ xs: ClosedRange<Int>, _ ys: ClosedRange<Int>, _ rng: inout SplitMix64) -> Vec2 {
        Vec2(Double(rng.int(xs)), Double(rng.int(ys)))
    }

    /// Runs `draw` until it yields a non-degenerate draw, at most `attempts` times. The
    /// axes families reject many draws for layout (see AxesLayout), so each `generate`
    /// resamples internally before reporting a degenerate draw to `make`.
    static func resample<T>(_ attempts: Int = 8, _ draw: () throws -> T) throws -> T {
        var last = GenerationFailure.degenerate("no draw")
        for _ in 0..<attempts {
            do { return try draw() } catch let failure as GenerationFailure { last = failure }
        }
        throw last
    }

    /// Free spots for a value text: lattice points of the window's interior at least
    /// 1.2 units (in window-relative terms) from every curve point and mark, farthest first.
    static func freeAnchors(_ w: Window, avoid curves: [[Vec2]], points: [Vec2] = [], count: Int = 4) -> [Vec2] {
        var scored: [(Vec2, Double)] = []
        let all = curves.flatMap { $0 } + points
        var y = w.yMin + w.step
        while y < w.yMax - 0.5 * w.step {
            var x = w.xMin + w.step
            while x < w.xMax - 0.5 * w.step {
                let p = Vec2(x, y)
                var d = 1.0
                for q in all { d = min(d, hypot((q.x - p.x) / w.width, (q.y - p.y) / w.height)) }
                let axes = min(abs(p.x) / w.width, abs(p.y) / w.height)
                if d > 0.1 && axes > 0.05 { scored.append((p, d + axes)) }
                x += w.step
            }
            y += w.step
        }
        scored.sort { $0.1 > $1.1 }
        return Array(scored.prefix(count).map(\.0))
    }

    /// A random nonzero integer in `range`.
    static func nonzero(_ range: ClosedRange<Int>, _ rng: inout SplitMix64) -> Int {
        var v = 0
        while v == 0 { v = rng.int(range) }
        return v
    }
}
