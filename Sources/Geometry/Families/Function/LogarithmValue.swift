import DatasetFormat
import Foundation

/// A logarithmic function f(x) = logₐx whose graph passes through a marked point
/// P(aⁿ, n).
///
/// Difficulty: 1 the base a, 2 the value f(x₀) at x₀ = aᵐ, 3 the x with f(x) = m.
public struct LogarithmValue: ProblemFamily {
    public init() {}
    public let id = "function.logarithm_value"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.integer, .fraction, .choice]
    public let agreementTolerance = 1e-9

    public struct Instance: Sendable {
        /// Label of the marked point.
        var name: String
        var base: Exact
        /// P = (aⁿ, n); the asked x₀ = aᵐ (difficulty 2) or level m (difficulty 3).
        var n: Int, m: Int
        var difficulty: Int
        var window: GraphKit.Window
        var curve: [Vec2]
        /// The constructed function.
        func f(_ x: Double) -> Double { log(x) / log(base.value) }
        var point: Vec2 { Vec2(ExponentialValue.power(base, n).value, Double(n)) }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let base = rng.pick([Exact(2), Exact(3), Exact(1, 2)])
        let n = rng.pick([1, 2, -1, 3])
        let m = rng.pick([-2, -1, 1, 2, 3].filter { $0 != n })
        for e in [n, m] {
            let x = ExponentialValue.power(base, e).value
            guard x <= 9, x >= 0.1 else { throw GenerationFailure.degenerate("x = \(x) off the window") }
        }
        let px = ExponentialValue.power(base, n).value, mx = ExponentialValue.power(base, m).value
        let w0 = try GraphKit.window(covering: [Vec2(px, Double(n)), Vec2(mx, Double(m)), Vec2(1, 0), Vec2(4, 0),
                                                Vec2(1, 2), Vec2(1, -2)])
        let name = Labels.draw(1, &rng)[0]
        return try GraphKit.settle(w0, options: options, candidates: { w in
            var i = Instance(name: name, base: base, n: n, m: m, difficulty: d, window: w, curve: [])
            i.curve = try GraphKit.curve(i.f, from: 0.005, to: w.xMax, window: w, count: 600)
            return [i]
        }, scene: scene)
    }

    /// From P: aⁿ = x_P gives a; then f(aᵐ) = m or f(x) = m ⇒ x = aᵐ, exactly.
    func exact(_ i: Instance) -> (base: Exact, answer: Exact) {
        let xP = ExponentialValue.power(i.base, i.n)
        let candidates = [Exact(2), Exact(3), Exact(1, 2), Exact(1, 3), Exact(4)]
        let a = candidates.first { ExponentialValue.power($0, i.n) == xP } ?? i.base
        switch i.difficulty {
        case 1: return (a, a)
        case 2: return (a, Exact(i.m))
        default: return (a, ExponentialValue.power(a, i.m))
        }
    }

    public func solve(_ i: Instance) -> Double { exact(i).answer.value }

    /// Bisection on the constructed function: where f = 1 (the base), where f = m, or the
    /// constructed value at x₀.
    public func measure(_ i: Instance) -> Double {
        switch i.difficulty {
        case 1: return GraphKit.bisect({ i.f($0) - 1 }, 1e-6, 100) ?? .nan
        case 2: return i.f(ExponentialValue.power(i.base, i.m).value)
        default: return GraphKit.bisect({ i.f($0) - Double(i.m) }, 1e-6, 100) ?? .nan
        }
    }

    /// The function's form, drawn as the curve's legend so that it reaches every level.
    static let formula = "f(x) = logₐx"

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        s.add(.curve(points: i.curve, label: Self.formula, style: .solid))
        s.add(.point(at: i.point, label: i.name, dot: true))
        s.add(.text(at: i.point, text: "(" + ExponentialValue.power(i.base, i.n).text + ", " + String(i.n) + ")"), .given)
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let P = i.name
        let e = exact(i)
        let xP = ExponentialValue.power(i.base, i.n)
        let x0 = ExponentialValue.power(e.base, i.m)
        let p: [String: String] = [
            "P": P, "px": xP.text, "n": String(i.n), "a": e.base.text, "m": String(i.m), "x0": x0.text,
            "ns": GraphKit.superscript(i.n), "asub": GraphKit.lowered(e.base.text), "ms": GraphKit.superscript(i.m),
            "ap": e.base.isInteger ? e.base.text : "(" + e.base.text + ")",
            "pxa": xP.isInteger ? xP.text : "(" + xP.text + ")", "x0a": x0.isInteger ? x0.text : "(" + x0.text + ")",
            "answer": e.answer.text,
        ]
        var steps = [Phrase("step_base", p)]
        if i.difficulty == 2 { steps.append(Phrase("step_value", p)) }
        if i.difficulty == 3 { steps.append(Phrase("step_solve", p)) }
        let question = ["question_base", "question_value", "question_solve"][i.difficulty - 1]
        var answerValue = Answer(type: e.answer.isInteger ? .integer : .fraction, text: e.answer.text, value: answer,
                                 tolerance: 0.005)
        // The reciprocal base, xP/n, m·a in place of aᵐ, a sign slip.
        let mistakes: [Exact]
        switch i.difficulty {
        case 1: mistakes = [Exact(1) / e.base, xP / Exact(i.n), xP]
        case 2: mistakes = [Exact(-i.m), x0 / e.base, Exact(i.m + 1)]
        default: mistakes = [Exact(i.m) * e.base, ExponentialValue.power(e.base, -i.m), ExponentialValue.power(e.base, i.m + 1)]
        }
        GraphKit.maybeChoices(&answerValue, correct: e.answer, mistakes: mistakes, rate: options.multipleChoiceRate,
                              rng: &rng, valid: { i.difficulty == 2 || $0.num > 0 })
        let spec: JSONValue = [
            "labels": ["P": .string(P)],
            "givens": ["P": [GraphKit.json(xP), .int(i.n)],
                       "x0": i.difficulty == 2 ? GraphKit.json(x0) : .null,
                       "m": i.difficulty == 3 ? .int(i.m) : .null],
            "target": .string(["base_a", "value_f(x0)", "x_with_f(x)=m"][i.difficulty - 1]),
            "difficulty": .int(i.difficulty),
            "relations": ["f(x)=log_a(x)", "a>0", "a!=1", "P_on_graph"],
            "base": GraphKit.json(e.base),
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_graph", p, shownBy: [.label(Self.formula)], defines: ["f", "a"]),
                    Fact(.implicit, "ip_on_graph", p, shownBy: [.figure]), Fact(.essential, "ec_point", p)],
            question: Phrase(question, p), answer: answerValue, steps: steps, scene: scene(i),
            solved: answer, measured: answer, asks: [["a"], ["f"], ["f"]][i.difficulty - 1])
    }
}
