import DatasetFormat
import Foundation

/// The vertex (or the extreme value) of a quadratic function given in standard form.
///
/// Difficulty: 1 a = ±1 with a lattice vertex, 2 a = ±2 or ±3 with a lattice vertex,
/// 3 a = ±1 with a half-integer vertex, and the minimum (maximum) value is asked.
public struct QuadraticVertex: ProblemFamily {
    public init() {}
    public let id = "function.quadratic_vertex"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.expression, .integer, .fraction, .choice]
    /// Golden-section search pins the turning point to ~1e-8 in x; packed, that is ~1e-4.
    public let agreementTolerance = 1e-3

    public struct Instance: Sendable {
        /// Label of the vertex.
        var name: String
        var a: Int
        var h: Exact, k: Exact
        var difficulty: Int
        var window: GraphKit.Window
        var curve: [Vec2]
        var anchor: Vec2
        /// Standard-form coefficients a, b = -2ah, c = ah² + k.
        var coefficients: [Exact] { [Exact(a), Exact(-2 * a) * h, Exact(a) * h * h + k] }
        /// The constructed function, from the vertex form it was drawn in.
        func f(_ x: Double) -> Double { Double(a) * (x - h.value) * (x - h.value) + k.value }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let a = (d == 2 ? rng.pick([2, 3]) : 1) * (rng.chance(0.6) ? 1 : -1)
        let h = d == 3 ? Exact(2 * rng.int(-3...2) + 1, 2) : Exact(GraphKit.nonzero(-4...4, &rng))
        let k = d == 3 ? Exact(rng.int(-16...16), 4) : Exact(rng.int(-5...5))
        let coefficients = [Exact(a), Exact(-2 * a) * h, Exact(a) * h * h + k]
        guard coefficients.allSatisfy(\.isInteger) else { throw GenerationFailure.degenerate("fractional coefficients") }
        guard !coefficients[2].isZero || d != 1 else { throw GenerationFailure.degenerate("graph through O") }
        let arm = k.value + Double(a.signum()) * 5
        let base = try GraphKit.window(covering: [Vec2(h.value, k.value), Vec2(h.value, arm),
                                                  Vec2(h.value - 2, k.value), Vec2(h.value + 2, k.value)])
        let name = Labels.draw(1, &rng)[0]
        let v = Vec2(h.value, k.value)
        return try GraphKit.settle(base, options: options, candidates: { w in
            var i = Instance(name: name, a: a, h: h, k: k, difficulty: d, window: w, curve: [], anchor: .zero)
            i.curve = try GraphKit.curve(i.f, from: w.xMin, to: w.xMax, window: w)
            return (GraphKit.anchors(on: i.curve, window: w, avoid: [v]) + GraphKit.freeAnchors(w, avoid: [i.curve], points: [v])).map { var c = i; c.anchor = $0; return c }
        }, scene: scene)
    }

    /// The vertex formula h = -b/2a, k = f(h) from the stated coefficients.
    public func solve(_ i: Instance) -> Double {
        let c = i.coefficients.map(\.value)
        let h = -c[1] / (2 * c[0])
        let k = c[0] * h * h + c[1] * h + c[2]
        return i.difficulty == 3 ? k : GraphKit.pack(Vec2(h, k))
    }

    /// Golden-section search for the extreme of the constructed function over the window.
    public func measure(_ i: Instance) -> Double {
        let v = GraphKit.golden(i.f, i.window.xMin, i.window.xMax, maximize: i.a < 0)
        return i.difficulty == 3 ? v.y : GraphKit.pack(v)
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        s.add(.curve(points: i.curve, label: nil, style: .solid))
        s.add(.point(at: Vec2(i.h.value, i.k.value), label: i.name, dot: true))
        s.add(.text(at: i.anchor, text: "f(x) = " + GraphKit.poly(i.coefficients)), .given)
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let V = i.name
        let c = i.coefficients
        let (bneg, twoa) = GraphKit.normalised(-c[1], Exact(2) * c[0])
        let p: [String: String] = [
            "V": V, "f": GraphKit.poly(c), "a": c[0].text, "b": c[1].text,
            "bneg": bneg.text, "twoa": twoa.text, "quotient": GraphKit.quotient(-c[1], Exact(2) * c[0], equals: i.h),
            "h": i.h.text, "k": i.k.text,
            "vertexform": GraphKit.coefficient(Exact(i.a)) + "(" + GraphKit.shifted("x", by: i.h) + ")²"
                + (i.k.isZero ? "" : " " + GraphKit.signed(i.k)),
        ]
        var answerValue: Answer
        let steps = [Phrase("step_axis", p), Phrase(i.difficulty == 3 ? "step_value" : "step_vertex", p)]
        if i.difficulty == 3 {
            answerValue = Answer(type: i.k.isInteger ? .integer : .fraction, text: i.k.text, value: answer, tolerance: 0.005)
            // f(-h) (sign slip in the axis), c itself, and -k.
            // f(-h) (the axis with the wrong sign), the constant term c, and -k.
            let mistakes = [c[0] * i.h * i.h - c[1] * i.h + c[2], c[2], -i.k, i.k + Exact(1, 2)]
            GraphKit.maybeChoices(&answerValue, correct: i.k, mistakes: mistakes, rate: options.multipleChoiceRate,
                                  rng: &rng)
        } else {
            let v = Vec2(i.h.value, i.k.value)
            answerValue = Answer(type: .expression, text: GraphKit.point(v), value: nil, tolerance: 0)
            let wrong = [Vec2(-v.x, i.f(-v.x)), Vec2(-v.x, v.y), Vec2(v.x, c[2].value), Vec2(v.y, v.x)]
            GraphKit.maybeChoices(&answerValue, mistakes: wrong.filter { $0 != v }.map(GraphKit.point),
                                  rate: options.multipleChoiceRate, rng: &rng)
        }
        let spec: JSONValue = [
            "labels": ["V": .string(V)],
            "givens": ["f": .string(GraphKit.poly(c)), "coefficients": .array(c.map(GraphKit.json))],
            "target": .string(i.difficulty == 3 ? (i.a > 0 ? "minimum_value" : "maximum_value") : "vertex_V"),
            "difficulty": .int(i.difficulty),
            "vertex": [GraphKit.json(i.h), GraphKit.json(i.k)],
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_graph", p), Fact(.implicit, i.a > 0 ? "ip_lowest" : "ip_highest", p, shownBy: [.figure]),
                    Fact(.essential, "ec_formula", p)],
            question: Phrase(i.difficulty == 3 ? (i.a > 0 ? "question_min" : "question_max") : "question_vertex", p),
            answer: answerValue, steps: steps, scene: scene(i), solved: answer, measured: answer)
    }
}
