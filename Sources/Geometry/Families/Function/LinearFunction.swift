import DatasetFormat
import Foundation

/// A linear function f(x) = kx + b whose graph passes through two marked lattice points.
///
/// Difficulty: 1 the slope k, 2 the y-intercept b (slope first), 3 the value f(x₀) at an
/// unmarked x₀ (slope, intercept, then substitution).
public struct LinearFunction: ProblemFamily {
    public init() {}
    public let id = "function.linear_function"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.integer, .fraction, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Labels of A and B.
        var names: [String]
        var a: Vec2, b: Vec2
        /// Difficulty 3: where f is evaluated.
        var x0: Int
        var difficulty: Int
        var window: GraphKit.Window
        var curve: [Vec2]
        /// The constructed function (slope and intercept as drawn).
        var slope: Double, intercept: Double
        func f(_ x: Double) -> Double { slope * x + intercept }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let k = rng.chance(0.7) ? Exact(GraphKit.nonzero(-3...3, &rng)) : Exact(GraphKit.nonzero(-3...3, &rng), 2)
        guard !k.isInteger || abs(k.num) <= 3 else { throw GenerationFailure.degenerate("slope") }
        let b = rng.int(-4...4)
        let xs = (-5...5).filter { $0 % k.den == 0 && $0 != 0 }.filter { abs(k.value * Double($0) + Double(b)) <= 6 }
        guard xs.count >= 3 else { throw GenerationFailure.degenerate("too few lattice points on the graph") }
        let x1 = rng.pick(xs), x2 = rng.pick(xs)
        guard abs(x1 - x2) >= 2 else { throw GenerationFailure.degenerate("marked points too close") }
        let rest = (-5...5).filter { $0 != x1 && $0 != x2 && abs(k.value * Double($0) + Double(b)) <= 7 }
        guard !rest.isEmpty else { throw GenerationFailure.degenerate("no x₀ to ask about") }
        let x0 = rng.pick(rest)
        let a = Vec2(Double(x1), k.value * Double(x1) + Double(b)), bb = Vec2(Double(x2), k.value * Double(x2) + Double(b))
        let fx0 = Vec2(Double(x0), k.value * Double(x0) + Double(b))
        let base = try GraphKit.window(covering: [a, bb, fx0, Vec2(0, Double(b))])
        let names = Labels.draw(2, &rng)
        return try GraphKit.settle(base, options: options, candidates: { w in
            var i = Instance(names: names, a: a, b: bb, x0: x0, difficulty: d, window: w, curve: [],
                             slope: k.value, intercept: Double(b))
            i.curve = try GraphKit.curve(i.f, from: w.xMin, to: w.xMax, window: w)
            return [i]
        }, scene: scene)
    }

    /// Two-point form: k = Δy/Δx, b = y₁ - k·x₁, then f(x₀) = k·x₀ + b.
    func exact(_ i: Instance) -> (k: Exact, b: Exact, value: Exact) {
        let k = Exact(Int(i.b.y * 2) - Int(i.a.y * 2), 2 * (Int(i.b.x) - Int(i.a.x)))
        let b = Exact(Int(i.a.y * 2), 2) - k * Exact(Int(i.a.x))
        return (k, b, k * Exact(i.x0) + b)
    }

    public func solve(_ i: Instance) -> Double {
        let e = exact(i)
        return [e.k, e.b, e.value][i.difficulty - 1].value
    }

    /// Reads the constructed graph: a finite-difference slope, and values read off the
    /// plotted polyline at 0 and x₀.
    public func measure(_ i: Instance) -> Double {
        switch i.difficulty {
        case 1: return GraphKit.slope(i.f, at: 0.37)
        case 2: return GraphKit.read(i.curve, at: 0) ?? .nan
        default: return GraphKit.read(i.curve, at: Double(i.x0)) ?? .nan
        }
    }

    /// The function's form, drawn as the curve's legend: "Find k" needs k defined at every level.
    static let formula = "f(x) = kx + b"

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        s.add(.curve(points: i.curve, label: Self.formula, style: .solid))
        s.add(.point(at: i.a, label: i.names[0], dot: true))
        s.add(.point(at: i.b, label: i.names[1], dot: true))
        s.add(.text(at: i.a, text: GraphKit.point(i.a)), .given)
        s.add(.text(at: i.b, text: GraphKit.point(i.b)), .given)
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (A, B) = (i.names[0], i.names[1])
        let e = exact(i)
        let p: [String: String] = [
            "A": A, "B": B,
            "ax": GraphKit.num(i.a.x), "ay": GraphKit.num(i.a.y), "bx": GraphKit.num(i.b.x), "by": GraphKit.num(i.b.y),
            "axp": GraphKit.paren(i.a.x), "ayp": GraphKit.paren(i.a.y),
            "dy": GraphKit.num(i.b.y - i.a.y), "dx": GraphKit.paren(i.b.x - i.a.x),
            "k": e.k.text, "ratio": GraphKit.ratio(i.b.y - i.a.y, i.b.x - i.a.x, equals: e.k), "kx": GraphKit.coefficient(e.k) + "x", "b": e.b.text,
            "kp": e.k.isInteger && e.k.num >= 0 ? e.k.text : "(" + e.k.text + ")",
            "f": GraphKit.poly([e.k, e.b]), "x0": String(i.x0), "x0p": GraphKit.paren(Double(i.x0)),
            "value": e.value.text, "bs": GraphKit.signed(e.b),
        ]
        let question = ["question_slope", "question_intercept", "question_value"][i.difficulty - 1]
        var steps = [Phrase("step_slope", p)]
        if i.difficulty >= 2 { steps.append(Phrase("step_intercept", p)) }
        if i.difficulty == 3 { steps.append(Phrase("step_value", p)) }
        let result = [e.k, e.b, e.value][i.difficulty - 1]
        var answerValue = Answer(type: result.isInteger ? .integer : .fraction, text: result.text, value: answer,
                                 tolerance: 0.005)
        // Run over rise, a sign slip, b from the wrong sign, the value at -x₀.
        let mistakes: [Exact]
        switch i.difficulty {
        case 1: mistakes = [Exact(1) / e.k, -e.k]
        case 2: mistakes = [-e.b, Exact(Int(i.a.y * 2), 2) + e.k * Exact(Int(i.a.x)), Exact(Int(i.a.y * 2), 2)]
        default: mistakes = [e.k * Exact(-i.x0) + e.b, e.k * Exact(i.x0) - e.b, e.k * Exact(i.x0)]
        }
        GraphKit.maybeChoices(&answerValue, correct: result, mistakes: mistakes, rate: options.multipleChoiceRate,
                              rng: &rng)
        let spec: JSONValue = [
            "labels": ["A": .string(A), "B": .string(B)],
            "givens": ["A": GraphKit.json(i.a), "B": GraphKit.json(i.b),
                       "x0": i.difficulty == 3 ? .int(i.x0) : .null],
            "target": .string(["slope_k", "intercept_b", "value_f(x0)"][i.difficulty - 1]),
            "difficulty": .int(i.difficulty),
            "relations": ["f_linear", "A_B_on_graph"],
            "f": .string(GraphKit.poly([e.k, e.b])),
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_graph", p, shownBy: [.label(Self.formula)], defines: ["f", "k", "b"]),
                    Fact(.implicit, "ip_on_graph", p, shownBy: [.figure]), Fact(.essential, "ec_points", p)],
            question: Phrase(question, p), answer: answerValue, steps: steps, scene: scene(i),
            solved: answer, measured: answer, asks: [["k"], ["b"], ["f"]][i.difficulty - 1])
    }
}
