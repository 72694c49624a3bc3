import DatasetFormat
import Foundation

/// The equation y = kx + b of the line through two marked lattice points P and Q.
///
/// Difficulty: 1 P is the y-intercept (read b, then the slope), 2 an integer slope
/// through two general points (slope, then point-slope form), 3 a fractional slope.
/// The answer is an expression; `solve` and `measure` agree on (k, b) packed into one number.
public struct LineEquation: ProblemFamily {
    public init() {}
    public let id = "analytic.line_through_points"
    public let subject = Subject.analytic
    public let answerTypes: [AnswerType] = [.expression, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Labels of P and Q.
        var names: [String]
        var p: Vec2, q: Vec2
        var difficulty: Int
        var window: GraphKit.Window
        /// The drawn line, clipped to the window.
        var line: (Vec2, Vec2)
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let den = d == 3 ? rng.pick([2, 3]) : 1
        var num = GraphKit.nonzero(-3...3, &rng)
        if d == 3 { while num % den == 0 { num = GraphKit.nonzero(-5...5, &rng) } }
        let k = Exact(num, den)
        let b = rng.int(-4...4)
        // Lattice points of the line: x a multiple of the slope's denominator.
        let xs = (-6...6).filter { $0 % den == 0 }.filter { abs(k.value * Double($0) + Double(b)) <= 6 }
        guard xs.count >= 2 else { throw GenerationFailure.degenerate("too few lattice points on the line") }
        // Difficulty 1 puts P on the y-axis; otherwise neither point is there.
        let others = xs.filter { $0 != 0 }
        guard others.count >= 2 else { throw GenerationFailure.degenerate("too few lattice points off the y-axis") }
        let x1 = d == 1 ? 0 : rng.pick(others)
        let x2 = rng.pick(others.filter { abs($0 - x1) >= 2 }.isEmpty ? others : others.filter { abs($0 - x1) >= 2 })
        guard abs(x1 - x2) >= 2 else { throw GenerationFailure.degenerate("P and Q too close") }
        let p = Vec2(Double(x1), k.value * Double(x1) + Double(b))
        let q = Vec2(Double(x2), k.value * Double(x2) + Double(b))
        let base = try GraphKit.window(covering: [p, q, Vec2(0, Double(b))], balanced: true)
        let names = Labels.draw(2, &rng)
        return try GraphKit.settle(base, options: options, candidates: { w in
            guard let line = GraphKit.clip(line: p, direction: q - p, to: w) else { return [] }
            return [Instance(names: names, p: p, q: q, difficulty: d, window: w, line: line)]
        }, scene: scene)
    }

    /// Slope k = Δy/Δx, then b = y₁ - k·x₁ (point-slope form), packed as (k, b).
    public func solve(_ i: Instance) -> Double {
        let (k, b) = coefficients(i)
        return GraphKit.pack(Vec2(k.value, b.value))
    }

    func coefficients(_ i: Instance) -> (Exact, Exact) {
        let k = Exact(Int(i.q.y - i.p.y), Int(i.q.x - i.p.x))
        let b = Exact(Int(i.p.y * Double(k.den)), k.den) - k * Exact(Int(i.p.x))
        return (k, b)
    }

    /// A least-squares line through points sampled along the drawn segment: slope and
    /// the value at x = 0.
    public func measure(_ i: Instance) -> Double {
        let pts = (0...100).map { Construct.along(i.line.0, i.line.1, Double($0) / 100) }
        let mx = pts.map(\.x).reduce(0, +) / 101, my = pts.map(\.y).reduce(0, +) / 101
        let sxy = pts.map { ($0.x - mx) * ($0.y - my) }.reduce(0, +)
        let sxx = pts.map { ($0.x - mx) * ($0.x - mx) }.reduce(0, +)
        guard sxx > 1e-12 else { return .nan }
        let k = sxy / sxx
        return GraphKit.pack(Vec2(k, my - k * mx))
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: true)))
        s.add(.segment(i.line.0, i.line.1, style: .solid))
        s.add(.point(at: i.p, label: i.names[0], dot: true))
        s.add(.point(at: i.q, label: i.names[1], dot: true))
        s.add(.text(at: i.p, text: GraphKit.point(i.p)), .given)
        s.add(.text(at: i.q, text: GraphKit.point(i.q)), .given)
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (P, Q) = (i.names[0], i.names[1])
        let (k, b) = coefficients(i)
        let p: [String: String] = [
            "P": P, "Q": Q,
            "px": GraphKit.num(i.p.x), "py": GraphKit.num(i.p.y), "qx": GraphKit.num(i.q.x), "qy": GraphKit.num(i.q.y),
            "pxp": GraphKit.paren(i.p.x), "pyp": GraphKit.paren(i.p.y),
            "dy": GraphKit.num(i.q.y - i.p.y), "dx": GraphKit.paren(i.q.x - i.p.x),
            "k": k.text, "ratio": GraphKit.ratio(i.q.y - i.p.y, i.q.x - i.p.x, equals: k), "kx": GraphKit.coefficient(k) + "x", "kp": k.isInteger && k.num >= 0 ? k.text : "(" + k.text + ")",
            "b": b.text,
            "eq": GraphKit.line(slope: k, intercept: b),
        ]
        let steps = i.difficulty == 1
            ? [Phrase("step_intercept", p), Phrase("step_slope", p), Phrase("step_equation", p)]
            : [Phrase("step_slope", p), Phrase("step_point_slope", p), Phrase("step_equation", p)]
        var answerValue = Answer(type: .expression, text: GraphKit.line(slope: k, intercept: b), value: nil, tolerance: 0)
        // Inverted slope, a sign slip in b, a dropped sign on k, b from the wrong point-slope sign.
        let wrong = [(Exact(1) / k, b), (k, -b), (-k, b), (k, Exact(Int(i.p.y * Double(k.den)), k.den) + k * Exact(Int(i.p.x)))]
        GraphKit.maybeChoices(&answerValue, mistakes: wrong.map { GraphKit.line(slope: $0.0, intercept: $0.1) },
                              rate: options.multipleChoiceRate, rng: &rng)
        let spec: JSONValue = [
            "labels": ["P": .string(P), "Q": .string(Q)],
            "givens": ["P": GraphKit.json(i.p), "Q": GraphKit.json(i.q)],
            "target": "equation_of_line_PQ",
            "difficulty": .int(i.difficulty),
            "relations": ["P_Q_on_line"],
            "slope": GraphKit.json(k), "intercept": GraphKit.json(b),
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_line", p), Fact(.implicit, "ip_on_line", p, shownBy: [.figure]), Fact(.essential, "ec_points", p)],
            question: Phrase("question", p), answer: answerValue, steps: steps, scene: scene(i),
            solved: answer, measured: answer)
    }
}
