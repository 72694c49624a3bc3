import DatasetFormat
import Foundation

/// The tangent line to the graph of a polynomial at a marked point P.
///
/// Difficulty: 1 the slope of the tangent to a quadratic, 2 the tangent line's equation
/// for a quadratic, 3 the slope of the tangent to a cubic x³ + bx + c.
public struct TangentSlope: ProblemFamily {
    public init() {}
    public let id = "function.tangent_slope"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.integer, .expression, .choice]
    /// A fourth-order central difference at h = 1e-3 is accurate to ~1e-10 on these polynomials.
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Label of the point of tangency.
        var name: String
        /// Coefficients from x³ down to the constant.
        var coefficients: [Int]
        var x0: Int
        var difficulty: Int
        var window: GraphKit.Window
        var curve: [Vec2]
        var tangent: (Vec2, Vec2)
        var anchor: Vec2
        func f(_ x: Double) -> Double {
            coefficients.reduce(0.0) { $0 * x + Double($1) }
        }
        var p: Vec2 { Vec2(Double(x0), f(Double(x0))) }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        // Draw the point and the slope first, then solve for the coefficients that give them.
        let x0 = d == 3 ? rng.int(-1...1) : rng.int(-2...2)
        let m = GraphKit.nonzero(-4...4, &rng)
        let y0 = GraphKit.nonzero(-4...4, &rng)
        let coefficients: [Int]
        if d == 3 {
            let b = m - 3 * x0 * x0
            coefficients = [1, 0, b, y0 - x0 * x0 * x0 - b * x0]
        } else {
            let a = rng.chance(0.7) ? 1 : -1
            let b = m - 2 * a * x0
            coefficients = [0, a, b, y0 - a * x0 * x0 - b * x0]
        }
        guard abs(coefficients[2]) <= 6, abs(coefficients[3]) <= 6 else {
            throw GenerationFailure.degenerate("coefficients \(coefficients) too large")
        }
        let probe = Instance(name: "", coefficients: coefficients, x0: x0, difficulty: d,
                             window: GraphKit.Window(xMin: 0, xMax: 0, yMin: 0, yMax: 0, step: 1),
                             curve: [], tangent: (.zero, .zero), anchor: .zero)
        let slope = Self.derivative(coefficients, x0)
        guard slope != 0, abs(slope) <= 6 else { throw GenerationFailure.degenerate("tangent slope \(slope)") }
        let p = probe.p
        guard abs(p.y) <= 6, p.length > 0.5 else { throw GenerationFailure.degenerate("P at \(p)") }
        let base = try GraphKit.window(covering: [p, p + Vec2(2, 0), p - Vec2(2, 0), p + Vec2(0, 3), p - Vec2(0, 3)])
        let name = Labels.draw(1, &rng)[0]
        return try GraphKit.settle(base, options: options, candidates: { w in
            var i = probe
            i.name = name
            i.window = w
            i.curve = try GraphKit.curve(i.f, from: w.xMin, to: w.xMax, window: w, count: 300)
            guard let t = GraphKit.clip(line: p, direction: Vec2(1, Double(slope)), to: w) else { return [] }
            i.tangent = t
            return (GraphKit.anchors(on: i.curve, window: w, avoid: [p], count: 5)
                    + GraphKit.freeAnchors(w, avoid: [i.curve, [i.tangent.0, i.tangent.1]], points: [p])).map { var c = i; c.anchor = $0; return c }
        }, scene: scene)
    }

    /// The power rule: f'(x₀) = Σ k·aₖ·x₀^(k-1).
    static func derivative(_ c: [Int], _ x: Int) -> Int {
        3 * c[0] * x * x + 2 * c[1] * x + c[2]
    }

    public func solve(_ i: Instance) -> Double {
        let m = Self.derivative(i.coefficients, i.x0)
        if i.difficulty == 2 {
            let y0 = i.coefficients.reduce(0) { $0 * i.x0 + $1 }
            return GraphKit.pack(Vec2(Double(m), Double(y0 - m * i.x0)))
        }
        return Double(m)
    }

    /// A finite-difference slope of the constructed function at x₀ (and, for the line,
    /// its value there).
    public func measure(_ i: Instance) -> Double {
        let m = GraphKit.slope(i.f, at: Double(i.x0))
        if i.difficulty == 2 { return GraphKit.pack(Vec2(m, i.f(Double(i.x0)) - m * Double(i.x0))) }
        return m
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        s.add(.curve(points: i.curve, label: nil, style: .solid))
        s.add(.segment(i.tangent.0, i.tangent.1, style: .solid))
        let far = i.tangent.0.distance(to: i.p) > i.tangent.1.distance(to: i.p) ? i.tangent.0 : i.tangent.1
        s.add(.text(at: Construct.along(i.p, far, 0.85), text: "l"))
        s.add(.point(at: i.p, label: i.name, dot: true))
        s.add(.text(at: i.anchor, text: "f(x) = " + formula(i)), .given)
        s.add(.text(at: i.p, text: GraphKit.point(i.p)), .given)
        return s
    }

    func formula(_ i: Instance) -> String {
        let c = i.coefficients.map { Exact($0) }
        return GraphKit.poly(c[0].isZero ? Array(c.dropFirst()) : c)
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let P = i.name
        let c = i.coefficients
        let m = Self.derivative(c, i.x0)
        let y0 = Int(i.p.y.rounded())
        let derivative = c[0] != 0
            ? GraphKit.poly([Exact(3 * c[0]), Exact(2 * c[1]), Exact(c[2])])
            : GraphKit.poly([Exact(2 * c[1]), Exact(c[2])])
        let n = y0 - m * i.x0
        let p: [String: String] = [
            "P": P, "f": formula(i), "df": derivative, "x0": String(i.x0), "y0": String(y0),
            "x0p": GraphKit.paren(Double(i.x0)), "m": String(m), "n": String(n),
            "line": GraphKit.line(slope: Exact(m), intercept: Exact(n)),
        ]
        var steps = [Phrase("step_derivative", p), Phrase("step_slope", p)]
        var answerValue: Answer
        if i.difficulty == 2 {
            steps.append(Phrase("step_line", p))
            answerValue = Answer(type: .expression, text: GraphKit.line(slope: Exact(m), intercept: Exact(n)), value: nil,
                                 tolerance: 0)
            let wrong = [GraphKit.line(slope: Exact(m), intercept: Exact(y0 + m * i.x0)),
                         GraphKit.line(slope: Exact(y0), intercept: Exact(n)),
                         GraphKit.line(slope: Exact(-m), intercept: Exact(y0 + m * i.x0)),
                         GraphKit.line(slope: Exact(m), intercept: Exact(y0))]
            GraphKit.maybeChoices(&answerValue, mistakes: wrong, rate: options.multipleChoiceRate, rng: &rng)
        } else {
            answerValue = Answer(type: .integer, text: String(m), value: answer, tolerance: 0.01)
            // f(x₀) instead of f'(x₀), a dropped power-rule factor, the slope at -x₀.
            let dropped = c[0] * i.x0 * i.x0 + c[1] * i.x0 + c[2]
            GraphKit.maybeChoices(&answerValue, correct: answer,
                                  mistakes: [Double(y0), Double(dropped), Double(Self.derivative(c, -i.x0))],
                                  step: 1, rate: options.multipleChoiceRate, rng: &rng)
        }
        let spec: JSONValue = [
            "labels": ["P": .string(P)],
            "givens": ["f": .string(formula(i)), "coefficients_x3_to_x0": .array(c.map { .int($0) }),
                       "P": GraphKit.json(i.p)],
            "target": .string(i.difficulty == 2 ? "tangent_line_at_P" : "tangent_slope_at_P"),
            "difficulty": .int(i.difficulty),
            "relations": ["P_on_graph", "line_tangent_at_P"],
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_graph", p), Fact(.implicit, "ip_tangent", p, shownBy: [.figure]), Fact(.essential, "ec_formula_point", p)],
            question: Phrase(i.difficulty == 2 ? "question_line" : "question_slope", p), answer: answerValue,
            steps: steps, scene: scene(i), solved: answer, measured: answer)
    }
}
