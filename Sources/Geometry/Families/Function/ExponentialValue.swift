import DatasetFormat
import Foundation

/// An exponential function f(x) = aˣ (+ k) whose graph passes through a marked point;
/// the value at another x is asked.
///
/// Difficulty: 1 the point is (1, a), 2 the point is at x = 2 or x = -1 (a square root or
/// reciprocal first), 3 f(x) = aˣ + k with the dashed asymptote y = k drawn.
public struct ExponentialValue: ProblemFamily {
    public init() {}
    public let id = "function.exponential_value"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.integer, .fraction, .choice]
    public let agreementTolerance = 1e-9

    public struct Instance: Sendable {
        /// Label of the marked point.
        var name: String
        /// The base as a fraction (2, 3, 1/2, 1/3) and the vertical shift.
        var base: Exact
        var shift: Int
        var x1: Int, x0: Int
        var difficulty: Int
        var window: GraphKit.Window
        var curve: [Vec2]
        /// The constructed function.
        func f(_ x: Double) -> Double { exp(x * log(base.value)) + Double(shift) }
        var point: Vec2 { Vec2(Double(x1), f(Double(x1))) }
    }

    /// aⁿ exactly.
    static func power(_ a: Exact, _ n: Int) -> Exact {
        var r = Exact(1)
        for _ in 0..<abs(n) { r = r * a }
        return n < 0 ? Exact(1) / r : r
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let base = rng.pick([Exact(2), Exact(3), Exact(1, 2), Exact(1, 3)])
        let shift = d == 3 ? GraphKit.nonzero(-2...2, &rng) : 0
        let x1 = d == 1 ? 1 : rng.pick([2, -1, -2])
        let x0 = rng.pick([-2, -1, 0, 1, 2, 3].filter { $0 != x1 && (d != 1 || $0 != 0) })
        for x in [x1, x0] {
            let y = Self.power(base, x).value + Double(shift)
            guard y <= 9, y >= -3 else { throw GenerationFailure.degenerate("value \(y) off the window") }
        }
        guard x1 != 1 || d == 1 || base.isInteger else { throw GenerationFailure.degenerate("difficulty mismatch") }
        // The marked and asked points, and the curve up to 4 above its asymptote on the steep side.
        let steep = (base.value > 1 ? 1.0 : -1.0) * log(4) / abs(log(base.value))
        let pts = [Vec2(Double(x1), Self.power(base, x1).value + Double(shift)),
                   Vec2(Double(x0), Self.power(base, x0).value + Double(shift)), Vec2(-3, 0), Vec2(3, 0),
                   Vec2(steep, 4 + Double(shift))]
        let w0 = try GraphKit.window(covering: pts)
        let name = Labels.draw(1, &rng)[0]
        return try GraphKit.settle(w0, options: options, candidates: { w in
            var i = Instance(name: name, base: base, shift: shift, x1: x1, x0: x0, difficulty: d, window: w, curve: [])
            i.curve = try GraphKit.curve(i.f, from: w.xMin, to: w.xMax, window: w, count: 300)
            return [i]
        }, scene: scene)
    }

    /// The base from the marked point (a = y^(1/x) after removing the shift), then a^x₀ + k exactly.
    func exactValue(_ i: Instance) -> (base: Exact, value: Exact) {
        let y1 = Self.power(i.base, i.x1)  // the marked point's height minus the shift, as the solver reads it
        // Recover the base from y1 = a^x1 by trying the textbook bases' candidates.
        let candidates = [Exact(2), Exact(3), Exact(1, 2), Exact(1, 3), Exact(4), Exact(1, 4)]
        let a = candidates.first { Self.power($0, i.x1) == y1 } ?? i.base
        return (a, Self.power(a, i.x0) + Exact(i.shift))
    }

    public func solve(_ i: Instance) -> Double { exactValue(i).value.value }

    /// The constructed function evaluated at x₀ (through exp and log, not powers).
    public func measure(_ i: Instance) -> Double { i.f(Double(i.x0)) }

    /// The function's form, drawn as the curve's legend so that it reaches every
    /// level (the DI sentence that states it is dropped from text-lite on).
    static func formula(shifted: Bool) -> String { shifted ? "f(x) = aˣ + k" : "f(x) = aˣ" }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        s.add(.curve(points: i.curve, label: Self.formula(shifted: i.shift != 0), style: .solid))
        if i.shift != 0 {
            let k = Double(i.shift)
            s.add(.segment(Vec2(i.window.xMin, k), Vec2(i.window.xMax, k), style: .dashed), .property)
            let right = i.base.value < 1
            s.add(.text(at: Vec2(right ? i.window.xMax - 0.6 : i.window.xMin + 0.6, k), text: "y = " + String(i.shift)), .given)
        }
        s.add(.point(at: i.point, label: i.name, dot: true))
        s.add(.text(at: i.point, text: "(" + String(i.x1) + ", " + Self.power(i.base, i.x1).advanced(by: i.shift).text + ")"), .given)
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let P = i.name
        let e = exactValue(i)
        let y1 = Self.power(i.base, i.x1)
        let p: [String: String] = [
            "P": P, "x1": String(i.x1), "x1s": GraphKit.superscript(i.x1), "x0s": GraphKit.superscript(i.x0), "y1": y1.advanced(by: i.shift).text, "k": String(i.shift),
            "pow": y1.text, "a": e.base.text, "x0": String(i.x0), "ax0": Self.power(e.base, i.x0).text,
            "value": e.value.text, "ks": GraphKit.signed(Exact(i.shift)),
            "ap": e.base.isInteger ? e.base.text : "(" + e.base.text + ")",
        ]
        let shifted = i.shift != 0
        var steps = [Phrase(shifted ? "step_base_shifted" : "step_base", p)]
        steps.append(Phrase(shifted ? "step_value_shifted" : "step_value", p))
        var answerValue = Answer(type: e.value.isInteger ? .integer : .fraction, text: e.value.text, value: answer,
                                 tolerance: 0.005)
        // a·x₀ instead of a^x₀, the reciprocal base, a forgotten shift.
        let k = Exact(i.shift)
        let mistakes = [e.base * Exact(i.x0) + k, Self.power(Exact(1) / e.base, i.x0) + k,
                        Self.power(e.base, i.x0) - k, Self.power(e.base, i.x0 + 1) + k]
        GraphKit.maybeChoices(&answerValue, correct: e.value, mistakes: mistakes, rate: options.multipleChoiceRate,
                              rng: &rng)
        let spec: JSONValue = [
            "labels": ["P": .string(P)],
            "givens": ["P": [.int(i.x1), GraphKit.json(y1.advanced(by: i.shift))], "k": .int(i.shift), "x0": .int(i.x0)],
            "target": "value_f(x0)",
            "difficulty": .int(i.difficulty),
            "relations": .array([.string(shifted ? "f(x)=a^x+k" : "f(x)=a^x"), "a>0", "a!=1", "P_on_graph"]),
            "base": GraphKit.json(e.base),
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, shifted ? "di_graph_shifted" : "di_graph", p,
                         shownBy: [.label(Self.formula(shifted: shifted))], defines: ["f", "a"]),
                    Fact(.implicit, shifted ? "ip_asymptote" : "ip_on_graph", p, shownBy: shifted ? [.mark] : [.figure]),
                    Fact(.essential, shifted ? "ec_point_shift" : "ec_point", p)],
            question: Phrase("question", p), answer: answerValue, steps: steps, scene: scene(i),
            solved: answer, measured: answer, asks: ["f"])
    }
}

extension Exact {
    /// self + n.
    func advanced(by n: Int) -> Exact { self + Exact(n) }
}
