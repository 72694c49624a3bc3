import DatasetFormat
import Foundation

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
    static func signed(_ f: Exact) -> String { f.num < 0 ? "- " + Exact(-f.num, f.den).text : "+ " + f.text }

    /// "dy/dx = k", or just "k" when the quotient already reads as k ("-2/5"); a negative
    /// run moves its sign to the rise ("3/(-6)" is written "-3/6 = -1/2").
    static func ratio(_ dy: Double, _ dx: Double, equals k: Exact) -> String {
        let (rise, run) = dx < 0 ? (-dy, -dx) : (dy, dx)
        let q = num(rise) + "/" + num(run)
        return q == k.text ? q : q + " = " + k.text
    }

    /// The quotient n/d as computed, then its value: a negative denominator's sign moves
    /// to the numerator ("12/-6" is written "-12/6 = -2"), fractional parts are in
    /// parentheses, and "= q" is left out when the quotient already reads as q.
    static func quotient(_ n: Exact, _ d: Exact, equals q: Exact) -> String {
        let (top, bottom) = normalised(n, d)
        func part(_ f: Exact) -> String { f.isInteger ? f.text : "(" + f.text + ")" }
        let s = bottom == Exact(1) ? part(top) : part(top) + "/" + part(bottom)
        return s == q.text ? s : s + " = " + q.text
    }

    /// n/d with the denominator's sign moved to the numerator.
    static func normalised(_ n: Exact, _ d: Exact) -> (Exact, Exact) { d.num < 0 ? (-n, -d) : (n, d) }

    /// "(2, -1)".
    static func point(_ p: Vec2) -> String { "(\(num(p.x)), \(num(p.y)))" }

    /// A coefficient in front of a variable term: "", "-", "3", "(1/2)", "-(3/2)".
    static func coefficient(_ c: Exact) -> String {
        if c == Exact(1) { return "" }
        if c == Exact(-1) { return "-" }
        if c.isInteger { return String(c.num) }
        return c.num < 0 ? "-(\(-c.num)/\(c.den))" : "(\(c.text))"
    }

    /// A polynomial from the highest power down: [1, -4, 3] -> "x² - 4x + 3".
    static func poly(_ coefficients: [Exact], variable: String = "x") -> String {
        let degree = coefficients.count - 1
        var out = ""
        for (i, c) in coefficients.enumerated() where !c.isZero {
            let power = degree - i
            let sup = power == 2 ? "²" : power == 3 ? "³" : ""
            let body: String
            let magnitude = Exact(abs(c.num), c.den)
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
    static func line(slope m: Exact, intercept b: Exact, lhs: String = "y") -> String {
        "\(lhs) = " + poly([m, b])
    }

    /// "x - 2" or "x + 3" (a shifted variable, for vertex and circle forms).
    static func shifted(_ variable: String, by h: Exact) -> String {
        if h.isZero { return variable }
        return h.num > 0 ? "\(variable) - \(h.text)" : "\(variable) + \(Exact(-h.num, h.den).text)"
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

    /// The first candidate whose scene the injected layout check (`options.layout`, the
    /// real renderer's audit) passes, then, when none does, the first its fallback passes
    /// (the renderer's fallbacks allowed); without a check the first whose scene builds;
    /// a degenerate draw when none does.
    static func firstClean<T>(_ candidates: [T], options: GenerationOptions, scene: (T) throws -> Scene) throws -> T {
        let scenes = candidates.map { c in (c, try? scene(c)) }
        for (c, s) in scenes {
            guard let s else { continue }
            guard let check = options.layout else { return c }
            if check.isClean(s, options.seed) { return c }
        }
        if let fallback = options.layout?.fallback {
            for case let (c, s?) in scenes where fallback(s, options.seed) { return c }
        }
        throw GenerationFailure.degenerate("no window or text spot renders clean")
    }

    // MARK: records and choices

    /// Rounds to 6 decimals for records.
    static func round6(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }
    static func json(_ p: Vec2) -> JSONValue { [.double(round6(p.x)), .double(round6(p.y))] }
    static func json(_ f: Exact) -> JSONValue { f.isInteger ? .int(f.num) : .string(f.text) }

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
    static func maybeChoices(_ answer: inout Answer, correct: Exact, mistakes: [Exact], rate: Double,
                             rng: inout SplitMix64, valid: @escaping (Exact) -> Bool = { _ in true }) {
        guard rng.chance(rate) else { return }
        let (options, index) = Choices.make(correct: correct, mistakes: mistakes, tolerance: answer.tolerance,
                                            rng: &rng, valid: valid)
        answer.choices = options.map(\.text)
        answer.correctIndex = index
    }

    /// Poses a text answer as multiple choice with probability `rate`.
    static func maybeChoices(_ answer: inout Answer, mistakes: [String], rate: Double, rng: inout SplitMix64) {
        guard rng.chance(rate) else { return }
        let (options, index) = Choices.make(correct: answer.text, mistakes: mistakes, rng: &rng)
        guard options.count >= 3 else { return }
        answer.choices = options
        answer.correctIndex = index
    }

    /// A candidate search over window variants: `candidates` lists, for one window, the
    /// instances worth trying (text anchors, labels); the first predicted clean wins.
    static func settle<T>(_ base: Window, options: GenerationOptions, candidates: (Window) throws -> [T],
                          scene: (T) -> Scene) throws -> T {
        var all: [T] = []
        for w in variants(of: base) {
            if let c = try? candidates(w) { all += c }
        }
        return try firstClean(all, options: options, scene: scene)
    }

    /// A value printed the way the answers print it: exact fractions with small
    /// denominators ("5/2", "-1/3"), else a decimal.
    static func fracText(_ v: Double) -> String {
        for den in [1, 2, 3, 4, 6, 8, 9] {
            let n = v * Double(den)
            if abs(n - n.rounded()) < 1e-9 { return Exact(Int(n.rounded()), den).text }
        }
        return num(v)
    }

    /// A random lattice point of the box.
    static func lattice(_ xs: ClosedRange<Int>, _ ys: ClosedRange<Int>, _ rng: inout SplitMix64) -> Vec2 {
        Vec2(Double(rng.int(xs)), Double(rng.int(ys)))
    }

    /// Runs `draw` until it yields a non-degenerate draw, at most `attempts` times. The
    /// axes families reject many draws for layout (`options.layout`), so each `generate`
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
