import DatasetFormat
import Foundation

/// Part of the graph of y = A·sin(ωx + φ) + k (or the cosine form) with a highest point
/// M and the next lowest point N marked; amplitude, period or ω is asked.
///
/// Difficulty: 1 the amplitude A, 2 the period T, 3 ω (the period first, then 2π/T).
public struct SinusoidFeatures: ProblemFamily {
    public init() {}
    public let id = "function.sinusoid"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.integer, .expression, .choice]
    /// Extremes located by golden-section search agree to ~1e-7.
    public let agreementTolerance = 1e-5

    public struct Instance: Sendable {
        /// Labels of M and N.
        var names: [String]
        var amplitude: Int, period: Int, shift: Int
        /// x of the highest point M; N is half a period to its right.
        var xMax: Int
        /// Whether the wording names the cosine form (the graph is the same kind of curve).
        var cosine: Bool
        var difficulty: Int
        var window: GraphKit.Window
        var curve: [Vec2]
        /// The constructed function: peaks at xMax.
        func f(_ x: Double) -> Double {
            Double(amplitude) * cos(2 * .pi / Double(period) * (x - Double(xMax))) + Double(shift)
        }
        var m: Vec2 { Vec2(Double(xMax), Double(shift + amplitude)) }
        var n: Vec2 { Vec2(Double(xMax) + Double(period) / 2, Double(shift - amplitude)) }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let period = rng.pick([4, 6, 8])
        let amplitude = rng.int(1...3)
        let shift = rng.int(-1...1)
        let xMax = rng.int(-period / 2...1)
        let m = Vec2(Double(xMax), Double(shift + amplitude)), n = Vec2(Double(xMax + period / 2), Double(shift - amplitude))
        guard m.y != 0, n.y != 0 else { throw GenerationFailure.degenerate("an extreme on the x-axis") }
        let from = Double(xMax) - Double(period) / 2, to = n.x + Double(period) / 2
        let base = try GraphKit.window(covering: [Vec2(from, m.y), Vec2(to, n.y)], margin: 0.5)
        let names = Labels.draw(2, &rng)
        let cosine = rng.chance(0.5)
        return try GraphKit.settle(base, options: options, candidates: { w in
            var i = Instance(names: names, amplitude: amplitude, period: period, shift: shift, xMax: xMax, cosine: cosine,
                             difficulty: d, window: w, curve: [])
            i.curve = try GraphKit.curve(i.f, from: w.xMin, to: w.xMax, window: w, count: 400)
            return [i]
        }, scene: scene)
    }

    /// A = (y_M - y_N)/2, T = 2·(x_N - x_M) (M to N is half a period), ω = 2π/T.
    public func solve(_ i: Instance) -> Double {
        let amplitude = (i.m.y - i.n.y) / 2, period = 2 * (i.n.x - i.m.x)
        return [amplitude, period, 2 * .pi / period][i.difficulty - 1]
    }

    /// Reads the constructed curve: half its range by golden-section search, and the
    /// period as the distance between two consecutive peaks.
    public func measure(_ i: Instance) -> Double {
        let lo = i.window.xMin - 8, hi = i.window.xMax + 8
        let top = GraphKit.golden(i.f, lo, hi, maximize: true), bottom = GraphKit.golden(i.f, lo, hi, maximize: false)
        if i.difficulty == 1 { return (top.y - bottom.y) / 2 }
        // Walk right from the peak to the next local maximum of the same height, then refine it.
        let h = 0.01
        var x = top.x + 0.5
        var prev = i.f(x - h), cur = i.f(x)
        var found: Double?
        while x < top.x + 13 {
            let next = i.f(x + h)
            if cur >= prev, cur >= next, abs(cur - top.y) < 1e-3 { found = x; break }
            prev = cur; cur = next; x += h
        }
        guard let peak = found else { return .nan }
        let period = GraphKit.golden(i.f, peak - 0.05, peak + 0.05, maximize: true).x - top.x
        return i.difficulty == 2 ? period : 2 * .pi / period
    }

    /// The function's form, drawn as the curve's legend: "Find ω" needs ω defined at every level.
    static func formula(cosine: Bool) -> String { cosine ? "y = A·cos(ωx + φ) + k" : "y = A·sin(ωx + φ) + k" }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        s.add(.curve(points: i.curve, label: Self.formula(cosine: i.cosine), style: .solid))
        s.add(.point(at: i.m, label: i.names[0], dot: true))
        s.add(.point(at: i.n, label: i.names[1], dot: true))
        s.add(.text(at: i.m, text: GraphKit.point(i.m)), .given)
        s.add(.text(at: i.n, text: GraphKit.point(i.n)), .given)
        return s
    }

    /// "π/2", "π/3", "π/4".
    static func omegaText(period: Int) -> String {
        let f = Exact(2, period)
        return (f.num == 1 ? "" : String(f.num)) + "π" + (f.den == 1 ? "" : "/" + String(f.den))
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (M, N) = (i.names[0], i.names[1])
        let p: [String: String] = [
            "M": M, "N": N, "mx": GraphKit.num(i.m.x), "my": GraphKit.num(i.m.y),
            "nx": GraphKit.num(i.n.x), "ny": GraphKit.num(i.n.y),
            "nyp": GraphKit.paren(i.n.y), "mxp": GraphKit.paren(i.m.x),
            "A": String(i.amplitude), "T": String(i.period), "half": GraphKit.num(Double(i.period) / 2),
            "range": String(2 * i.amplitude), "omega": Self.omegaText(period: i.period),
        ]
        var steps: [Phrase]
        var answerValue: Answer
        switch i.difficulty {
        case 1:
            steps = [Phrase("step_amplitude", p)]
            answerValue = Answer(type: .integer, text: String(i.amplitude), value: answer, tolerance: 0.01)
            GraphKit.maybeChoices(&answerValue, correct: answer, mistakes: [Double(2 * i.amplitude), i.m.y, Double(i.amplitude + 1)],
                                  step: 1, rate: options.multipleChoiceRate, rng: &rng, valid: { $0 > 0 })
        case 2:
            steps = [Phrase("step_half_period", p), Phrase("step_period", p)]
            answerValue = Answer(type: .integer, text: String(i.period), value: answer, tolerance: 0.01)
            GraphKit.maybeChoices(&answerValue, correct: answer, mistakes: [Double(i.period) / 2, Double(2 * i.period), Double(i.period) / 4],
                                  step: 1, rate: options.multipleChoiceRate, rng: &rng, valid: { $0 > 0 })
        default:
            steps = [Phrase("step_half_period", p), Phrase("step_period", p), Phrase("step_omega", p)]
            answerValue = Answer(type: .expression, text: Self.omegaText(period: i.period), value: answer, tolerance: 0.01)
            // ω = π/T (forgetting the 2), ω = 2π/(T/2), ω = T/(2π) written as a multiple of π.
            let wrong = [Self.omegaText(period: 2 * i.period), Self.omegaText(period: i.period / 2),
                         Self.omegaText(period: 4 * i.period), "2π"]
            GraphKit.maybeChoices(&answerValue, mistakes: wrong, rate: options.multipleChoiceRate, rng: &rng)
        }
        let spec: JSONValue = [
            "labels": ["M": .string(M), "N": .string(N)],
            "givens": ["M": GraphKit.json(i.m), "N": GraphKit.json(i.n)],
            "target": .string(["amplitude_A", "period_T", "omega"][i.difficulty - 1]),
            "difficulty": .int(i.difficulty),
            "relations": ["M_highest_point", "N_next_lowest_point", "A>0", "omega>0"],
            "form": .string(i.cosine ? "A*cos(omega*x+phi)+k" : "A*sin(omega*x+phi)+k"),
            "constructed": ["amplitude": .int(i.amplitude), "period": .int(i.period), "k": .int(i.shift)],
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, i.cosine ? "di_graph_cos" : "di_graph_sin", p,
                         shownBy: [.label(Self.formula(cosine: i.cosine))], defines: ["A", "ω", "φ", "k"]),
                    Fact(.implicit, "ip_extremes", p, shownBy: [.figure]),
                    Fact(.essential, "ec_points", p)],
            question: Phrase(["question_amplitude", "question_period", "question_omega"][i.difficulty - 1], p),
            answer: answerValue, steps: steps, scene: scene(i), solved: answer, measured: answer,
            asks: [["A"], [], ["ω"]][i.difficulty - 1])
    }
}
