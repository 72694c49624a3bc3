import DatasetFormat
import Foundation

/// The zeros of a quadratic function given by its formula; the graph shows the
/// parabola meeting the x-axis at A and B.
///
/// Difficulty: 1 a monic quadratic with integer zeros, 2 a leading coefficient of
/// -1, ±2 or ±3 with integer zeros, 3 one fractional zero and the length AB is asked
/// (zeros first, then their distance).
public struct QuadraticZeros: ProblemFamily {
    public init() {}
    public let id = "function.quadratic_zeros"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.expression, .fraction, .integer, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Labels of the left and right x-intercepts.
        var names: [String]
        /// f(x) = lead·(x - r1)(x - r2), r1 < r2, with integer expanded coefficients.
        var lead: Int
        var r1: Exact, r2: Exact
        var difficulty: Int
        var window: GraphKit.Window
        var curve: [Vec2]
        /// Where the formula is written (a point of the curve).
        var anchor: Vec2

        /// The expanded coefficients a, b, c, the form the problem states.
        var coefficients: [Exact] {
            let a = Exact(lead)
            return [a, -(a * (r1 + r2)), a * r1 * r2]
        }
        /// The constructed function, from the factored form the draw was made in.
        func f(_ x: Double) -> Double { Double(lead) * (x - r1.value) * (x - r2.value) }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        var lead = 1
        var r1: Exact, r2: Exact
        switch d {
        case 1, 2:
            lead = d == 1 ? 1 : rng.pick([-1, 2, -2, 3, -3])
            let start = rng.int(-5...3)
            r1 = Exact(start)
            r2 = Exact(min(5, start + rng.int(2...(abs(lead) == 1 ? 6 : 4))))
        default:
            let q = rng.pick([2, 3])
            lead = q * (rng.chance(0.75) ? 1 : -1)
            var p = rng.int(-9...9)
            while p % q == 0 { p = rng.int(-9...9) }
            r1 = Exact(p, q)
            r2 = Exact(Int(r1.value.rounded()) + GraphKit.nonzero(-4...4, &rng))
        }
        if r2.value < r1.value { swap(&r1, &r2) }
        let gap = r2.value - r1.value
        guard gap >= 1.5, gap <= 8 else { throw GenerationFailure.degenerate("zeros \(gap) apart") }
        let h = (r1.value + r2.value) / 2
        let k = Double(lead) * (h - r1.value) * (h - r2.value)
        guard abs(k) >= 1.5, abs(k) <= 9 else { throw GenerationFailure.degenerate("vertex height \(k)") }
        let coefficients = [Exact(lead), -(Exact(lead) * (r1 + r2)), Exact(lead) * r1 * r2]
        guard coefficients.allSatisfy(\.isInteger) else { throw GenerationFailure.degenerate("fractional coefficient") }
        let arm = k > 0 ? -max(3, 0.6 * abs(k)) : max(3, 0.6 * abs(k))
        let base = try GraphKit.window(covering: [Vec2(r1.value, 0), Vec2(r2.value, 0), Vec2(h, k), Vec2(h, arm)])
        let draft = Instance(names: Labels.draw(2, &rng), lead: lead, r1: r1, r2: r2, difficulty: d, window: base,
                             curve: [], anchor: .zero)
        var candidates: [Instance] = []
        for w in GraphKit.variants(of: base) {
            var inst = draft
            inst.window = w
            guard let c = try? GraphKit.curve(inst.f, from: w.xMin, to: w.xMax, window: w) else { continue }
            inst.curve = c
            let zeros = [Vec2(r1.value, 0), Vec2(r2.value, 0)]
            for a in GraphKit.anchors(on: c, window: w, avoid: zeros) + GraphKit.freeAnchors(w, avoid: [c], points: zeros) {
                inst.anchor = a
                candidates.append(inst)
            }
        }
        return try GraphKit.firstClean(candidates, options: options) { scene($0) }
    }

    func scene(_ i: Instance) -> Scene {
        var scene = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        scene.add(.curve(points: i.curve, label: nil, style: .solid))
        scene.add(.point(at: Vec2(i.r1.value, 0), label: i.names[0], dot: true))
        scene.add(.point(at: Vec2(i.r2.value, 0), label: i.names[1], dot: true))
        scene.add(.text(at: i.anchor, text: "f(x) = " + GraphKit.poly(i.coefficients)), .given)
        return scene
    }

    /// The quadratic formula on the stated coefficients: x = (-b ± √(b² - 4ac)) / 2a.
    private func zeros(_ i: Instance) -> (Double, Double) {
        let c = i.coefficients.map(\.value)
        let disc = c[1] * c[1] - 4 * c[0] * c[2]
        let s = disc.squareRoot()
        let x1 = (-c[1] - s) / (2 * c[0]), x2 = (-c[1] + s) / (2 * c[0])
        return (min(x1, x2), max(x1, x2))
    }

    public func solve(_ i: Instance) -> Double {
        let (x1, x2) = zeros(i)
        return i.difficulty == 3 ? x2 - x1 : GraphKit.pack(Vec2(x1, x2))
    }

    /// Bisection on the constructed function over the whole window.
    public func measure(_ i: Instance) -> Double {
        let found = GraphKit.roots(i.f, i.window.xMin, i.window.xMax)
        guard found.count == 2 else { return .nan }
        return i.difficulty == 3 ? found[1] - found[0] : GraphKit.pack(Vec2(found[0], found[1]))
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (A, B) = (i.names[0], i.names[1])
        let formula = GraphKit.poly(i.coefficients)
        let len = i.r2 - i.r1
        let p: [String: String] = [
            "A": A, "B": B, "f": formula, "factored": factored(i), "r1": i.r1.text, "r2": i.r2.text,
            "r1p": i.r1.num < 0 ? "(" + i.r1.text + ")" : i.r1.text,
            "len": len.text,
        ]
        var steps = [Phrase("step_factor", p), Phrase("step_zeros", p)]
        var answerValue: Answer
        func zerosText(_ a: Exact, _ b: Exact) -> String {
            let (lo, hi) = a.value <= b.value ? (a, b) : (b, a)
            return "x₁ = \(lo.text), x₂ = \(hi.text)"
        }
        if i.difficulty == 3 {
            steps.append(Phrase("step_length", p))
            answerValue = Answer(type: len.isInteger ? .integer : .fraction, text: len.text, value: answer,
                                 tolerance: 0.005)
            // Adding the zeros, ignoring a fraction's denominator, doubling or halving.
            let sum = i.r2 + i.r1
            let mistakes = [sum.num < 0 ? -sum : sum, Exact(abs(i.r2.num * i.r1.den - i.r1.num)), len * Exact(2), len / Exact(2)]
            GraphKit.maybeChoices(&answerValue, correct: len, mistakes: mistakes, rate: options.multipleChoiceRate,
                                  rng: &rng, valid: { $0.num > 0 })
        } else {
            answerValue = Answer(type: .expression, text: zerosText(i.r1, i.r2), value: nil, tolerance: 0)
            // Sign errors (reading the factors' constants as the zeros) and a shifted pair.
            let pairs = [(-i.r1, -i.r2), (-i.r1, i.r2), (i.r1, -i.r2), (i.r1 - Exact(1), i.r2 - Exact(1)),
                         (i.r1 + Exact(1), i.r2 + Exact(1)), (i.r1 * Exact(i.lead), i.r2 * Exact(i.lead))]
            let mistakes = pairs.filter { $0.0 != $0.1 }.map { zerosText($0.0, $0.1) }
            GraphKit.maybeChoices(&answerValue, mistakes: mistakes, rate: options.multipleChoiceRate, rng: &rng)
        }

        let scene = scene(i)
        let spec: JSONValue = [
            "labels": ["A": .string(A), "B": .string(B)],
            "givens": ["f": .string(formula), "coefficients": .array(i.coefficients.map(GraphKit.json))],
            "target": .string(i.difficulty == 3 ? "length_AB" : "zeros"),
            "difficulty": .int(i.difficulty),
            "relations": ["A_B_on_x_axis", "A_left_of_B"],
            "factored": .string(factored(i)),
            "zeros": [GraphKit.json(i.r1), GraphKit.json(i.r2)],
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_graph", p), Fact(.implicit, "ip_on_axis", p, shownBy: [.figure]), Fact(.essential, "ec_formula", p)],
            question: Phrase(i.difficulty == 3 ? "question_length" : "question_zeros", p), answer: answerValue,
            steps: steps, scene: scene, solved: answer, measured: answer)
    }

    /// "(x + 1)(x - 3)", "-2x(x + 1)", "(2x + 1)(x - 3)": the lead times one linear factor
    /// per zero, a fractional zero p/q written as (qx - p).
    private func factored(_ i: Instance) -> String {
        var lead = Exact(i.lead)
        var factors: [String] = []
        var monomial = false
        for r in [i.r1, i.r2] {
            if r.isZero {
                monomial = true
            } else if r.isInteger {
                factors.append("(" + GraphKit.shifted("x", by: r) + ")")
            } else {
                lead = lead / Exact(r.den)
                factors.append("(" + GraphKit.poly([Exact(r.den), Exact(-r.num)]) + ")")
            }
        }
        let front = monomial ? GraphKit.coefficient(lead) + "x" : GraphKit.coefficient(lead)
        return front + factors.joined()
    }
}
