import DatasetFormat
import Foundation

/// The axis of symmetry of a parabola: from two marked points at the same height, or
/// (hardest) from the formula.
///
/// Difficulty: 1 the marked points are an even distance apart (integer axis), 2 an odd
/// distance (half-integer axis), 3 the formula f(x) = ax² + bx + c is given (x = -b/2a).
public struct AxisOfSymmetry: ProblemFamily {
    public init() {}
    public let id = "function.axis_of_symmetry"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.expression, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Labels of P and Q.
        var names: [String]
        /// f(x) = lead·(x - p)(x - q) + level: P = (p, level), Q = (q, level).
        var lead: Exact
        var p: Int, q: Int, level: Int
        var difficulty: Int
        var window: GraphKit.Window
        var curve: [Vec2]
        var anchor: Vec2
        var coefficients: [Exact] {
            [lead, -(lead * Exact(p + q)), lead * Exact(p * q) + Exact(level)]
        }
        func f(_ x: Double) -> Double { lead.value * (x - Double(p)) * (x - Double(q)) + Double(level) }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let p = rng.int(-5...3)
        let gap: Int
        switch d {
        case 1: gap = 2 * rng.int(1...3)
        case 2: gap = 2 * rng.int(0...2) + 3
        default: gap = rng.int(2...6)
        }
        let q = p + gap
        guard q <= 6 else { throw GenerationFailure.degenerate("Q off the window") }
        let lead = Exact(rng.pick([1, 1, 2]) * (rng.chance(0.6) ? 1 : -1), rng.pick([1, 2]))
        let level = rng.int(-3...3)
        let depth = lead.value * Double(gap * gap) / 4
        guard abs(depth) >= 1.5, abs(depth) <= 8 else { throw GenerationFailure.degenerate("vertex depth \(depth)") }
        let h = Double(p + q) / 2
        let vertex = Vec2(h, Double(level) - depth)
        let above = Double(level) + (depth > 0 ? 2 : -2)
        let base = try GraphKit.window(covering: [Vec2(Double(p), Double(level)), Vec2(Double(q), Double(level)),
                                                  vertex, Vec2(h, above)])
        let names = Labels.draw(2, &rng)
        return try GraphKit.settle(base, options: options, candidates: { w in
            var i = Instance(names: names, lead: lead, p: p, q: q, level: level, difficulty: d, window: w, curve: [],
                             anchor: .zero)
            guard i.coefficients.allSatisfy(\.isInteger) || d != 3 else { return [] }
            i.curve = try GraphKit.curve(i.f, from: w.xMin, to: w.xMax, window: w)
            if d != 3 { return [i] }
            let marks = [Vec2(Double(p), Double(level)), Vec2(Double(q), Double(level))]
            return (GraphKit.anchors(on: i.curve, window: w, avoid: marks) + GraphKit.freeAnchors(w, avoid: [i.curve])).map { var c = i; c.anchor = $0; return c }
        }, scene: scene)
    }

    /// x = (x_P + x_Q)/2 for points at equal height; x = -b/(2a) from the formula.
    public func solve(_ i: Instance) -> Double {
        if i.difficulty == 3 {
            let c = i.coefficients.map(\.value)
            return -c[1] / (2 * c[0])
        }
        return Double(i.p + i.q) / 2
    }

    /// Golden-section search for the turning point of the constructed function.
    public func measure(_ i: Instance) -> Double {
        GraphKit.golden(i.f, i.window.xMin, i.window.xMax, maximize: i.lead.num < 0).x
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        s.add(.curve(points: i.curve, label: nil, style: .solid))
        let P = Vec2(Double(i.p), Double(i.level)), Q = Vec2(Double(i.q), Double(i.level))
        if i.difficulty == 3 {
            s.add(.text(at: i.anchor, text: "f(x) = " + GraphKit.poly(i.coefficients)), .given)
        } else {
            s.add(.segment(P, Q, style: .dashed), .property)
            s.add(.point(at: P, label: i.names[0], dot: true))
            s.add(.point(at: Q, label: i.names[1], dot: true))
            s.add(.text(at: P, text: GraphKit.point(P)), .given)
            s.add(.text(at: Q, text: GraphKit.point(Q)), .given)
        }
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (P, Q) = (i.names[0], i.names[1])
        let c = i.coefficients
        let axis = Exact(i.p + i.q, 2)
        let h = i.difficulty == 3 ? Exact(-1) * c[1] / (Exact(2) * c[0]) : axis
        let (bneg, twoa) = GraphKit.normalised(-c[1], Exact(2) * c[0])
        let p: [String: String] = [
            "P": P, "Q": Q, "px": String(i.p), "qx": String(i.q), "y": String(i.level),
            "qxp": GraphKit.paren(Double(i.q)), "sum": String(i.p + i.q),
            "f": GraphKit.poly(c), "bneg": bneg.text, "twoa": twoa.text, "h": h.text,
            "quotient": GraphKit.quotient(-c[1], Exact(2) * c[0], equals: h),
        ]
        let facts: [Fact]
        let steps: [Phrase]
        if i.difficulty == 3 {
            facts = [Fact(.descriptive, "di_graph", p), Fact(.implicit, "ip_symmetric", p, shownBy: [.figure]), Fact(.essential, "ec_formula", p)]
            steps = [Phrase("step_formula", p)]
        } else {
            facts = [Fact(.descriptive, "di_graph_points", p), Fact(.implicit, "ip_same_height", p, shownBy: [.figure]),
                     Fact(.essential, "ec_points", p)]
            steps = [Phrase("step_symmetry", p), Phrase("step_midpoint", p)]
        }
        var answerValue = Answer(type: .expression, text: "x = " + h.text, value: answer, tolerance: 0.005)
        // The wrong sign of -b/2a, forgetting to halve, b/a, and the height read instead.
        let wrongs: [Exact] = i.difficulty == 3
            ? [-h, h * Exact(2), -(c[1] / c[0]), h + Exact(1)]
            : [Exact(i.q - i.p, 2), Exact(i.p + i.q), -h, Exact(i.level)]
        let mistakes = wrongs.map { "x = " + $0.text }
        GraphKit.maybeChoices(&answerValue, mistakes: mistakes, rate: options.multipleChoiceRate, rng: &rng)
        let spec: JSONValue = [
            "labels": ["P": .string(P), "Q": .string(Q)],
            "givens": i.difficulty == 3
                ? ["f": .string(GraphKit.poly(c)), "coefficients": .array(c.map(GraphKit.json))]
                : ["P": GraphKit.json(Vec2(Double(i.p), Double(i.level))), "Q": GraphKit.json(Vec2(Double(i.q), Double(i.level)))],
            "target": "axis_of_symmetry",
            "difficulty": .int(i.difficulty),
            "relations": i.difficulty == 3 ? ["f_quadratic"] : ["f_quadratic", "P_Q_on_graph", "PQ_parallel_x_axis"],
            "f": .string(GraphKit.poly(c)),
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec, facts: facts, question: Phrase("question", p),
            answer: answerValue, steps: steps, scene: scene(i), solved: answer, measured: answer)
    }
}
