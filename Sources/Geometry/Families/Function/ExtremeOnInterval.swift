import DatasetFormat
import Foundation

/// The maximum or minimum of a quadratic function on a closed interval [p, q]; the graph
/// is drawn over the interval with both endpoints filled.
///
/// Difficulty: 1 the vertex lies inside and its extreme is asked, 2 the vertex lies inside
/// and the other extreme (at the farther endpoint) is asked, 3 the vertex lies outside
/// (the function is monotonic on the interval).
public struct ExtremeOnInterval: ProblemFamily {
    public init() {}
    public let id = "function.extreme_on_interval"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.integer, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Labels of the interval's endpoints on the graph.
        var names: [String]
        /// f(x) = lead·(x - h)² + k on [p, q].
        var lead: Int, h: Int, k: Int
        var p: Int, q: Int
        /// Whether the maximum (else the minimum) is asked.
        var askMax: Bool
        var difficulty: Int
        var window: GraphKit.Window
        var curve: [Vec2]
        var anchor: Vec2
        var coefficients: [Exact] { [Exact(lead), Exact(-2 * lead * h), Exact(lead * h * h + k)] }
        func f(_ x: Double) -> Double { Double(lead) * (x - Double(h)) * (x - Double(h)) + Double(k) }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let lead = rng.chance(0.6) ? 1 : -1
        let h = rng.int(-2...3), k = rng.int(-3...3)
        var p: Int, q: Int
        if d == 3 {
            if rng.chance(0.5) { p = h + rng.int(1...2); q = p + rng.int(2...3) } else { q = h - rng.int(1...2); p = q - rng.int(2...3) }
        } else {
            p = h - rng.int(1...3); q = h + rng.int(1...3)
            guard q - h != h - p || d == 1 else { throw GenerationFailure.degenerate("symmetric interval: both ends extreme") }
        }
        // Difficulty 1 asks the vertex's extreme, 2 the opposite one, 3 either.
        let askMax = d == 1 ? lead < 0 : d == 2 ? lead > 0 : rng.chance(0.5)
        let draft = Instance(names: Labels.draw(2, &rng), lead: lead, h: h, k: k, p: p, q: q, askMax: askMax,
                             difficulty: d, window: GraphKit.Window(xMin: 0, xMax: 0, yMin: 0, yMax: 0, step: 1),
                             curve: [], anchor: .zero)
        let ends = [Vec2(Double(p), draft.f(Double(p))), Vec2(Double(q), draft.f(Double(q)))]
        guard ends.allSatisfy({ abs($0.y) <= 9 }) else { throw GenerationFailure.degenerate("interval ends off the window") }
        let base = try GraphKit.window(covering: ends + [Vec2(Double(h), Double(k))])
        return try GraphKit.settle(base, options: options, candidates: { w in
            var i = draft
            i.window = w
            let nodes = (q - p) * 40
            i.curve = try GraphKit.curve(i.f, from: Double(p), to: Double(q), window: w, count: nodes)
            guard let first = i.curve.first, let last = i.curve.last,
                  abs(first.x - Double(p)) < 1e-9, abs(last.x - Double(q)) < 1e-9 else { return [] }
            return (GraphKit.anchors(on: i.curve, window: w, avoid: ends) + GraphKit.freeAnchors(w, avoid: [i.curve], points: ends)).map { var c = i; c.anchor = $0; return c }
        }, scene: scene)
    }

    /// Completing the square (vertex at -b/2a) and comparing with the endpoint values.
    public func solve(_ i: Instance) -> Double {
        let c = i.coefficients.map(\.value)
        let f = { (x: Double) in c[0] * x * x + c[1] * x + c[2] }
        let h = -c[1] / (2 * c[0])
        var candidates = [f(Double(i.p)), f(Double(i.q))]
        if h >= Double(i.p) && h <= Double(i.q) { candidates.append(f(h)) }
        return (i.askMax ? candidates.max() : candidates.min()) ?? .nan
    }

    /// Golden-section search (with dense sampling) over the interval on the constructed function.
    public func measure(_ i: Instance) -> Double {
        GraphKit.golden(i.f, Double(i.p), Double(i.q), maximize: i.askMax).y
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        s.add(.curve(points: i.curve, label: nil, style: .solid))
        let a = Vec2(Double(i.p), i.f(Double(i.p))), b = Vec2(Double(i.q), i.f(Double(i.q)))
        s.add(.point(at: a, label: i.names[0], dot: true))
        s.add(.point(at: b, label: i.names[1], dot: true))
        s.add(.segment(a, Vec2(a.x, 0), style: .dashed), .property)
        s.add(.segment(b, Vec2(b.x, 0), style: .dashed), .property)
        s.add(.text(at: i.anchor, text: "f(x) = " + GraphKit.poly(i.coefficients)), .given)
        s.add(.text(at: Vec2((a.x + b.x) / 2, 0), text: String(i.p) + " ≤ x ≤ " + String(i.q)), .given)
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (A, B) = (i.names[0], i.names[1])
        let fp = Int(i.f(Double(i.p))), fq = Int(i.f(Double(i.q)))
        let inside = i.h >= i.p && i.h <= i.q
        let p: [String: String] = [
            "A": A, "B": B, "f": GraphKit.poly(i.coefficients), "p": String(i.p), "q": String(i.q),
            "h": String(i.h), "k": String(i.k), "fp": String(fp), "fq": String(fq), "answer": GraphKit.num(answer),
            "vertexform": GraphKit.coefficient(Exact(i.lead)) + "(" + GraphKit.shifted("x", by: Exact(i.h)) + ")²"
                + (i.k == 0 ? "" : " " + GraphKit.signed(Exact(i.k))),
        ]
        var steps = [Phrase("step_complete_square", p)]
        steps.append(Phrase(inside ? "step_vertex_inside" : "step_vertex_outside", p))
        steps.append(Phrase(i.askMax ? "step_max" : "step_min", p))
        var answerValue = Answer(type: .integer, text: GraphKit.num(answer), value: answer, tolerance: 0.01)
        // The vertex value when it is outside, the wrong endpoint, the other extreme.
        let other = i.askMax ? min(Double(fp), Double(fq), inside ? Double(i.k) : .infinity)
                             : max(Double(fp), Double(fq), inside ? Double(i.k) : -.infinity)
        let mistakes = [Double(i.k), Double(fp), Double(fq), other]
        GraphKit.maybeChoices(&answerValue, correct: answer, mistakes: mistakes, step: 1, rate: options.multipleChoiceRate,
                              rng: &rng)
        let spec: JSONValue = [
            "labels": ["A": .string(A), "B": .string(B)],
            "givens": ["f": .string(GraphKit.poly(i.coefficients)), "coefficients": .array(i.coefficients.map(GraphKit.json)),
                       "interval": [.int(i.p), .int(i.q)]],
            "target": .string(i.askMax ? "maximum_on_interval" : "minimum_on_interval"),
            "difficulty": .int(i.difficulty),
            "relations": ["closed_interval", "A_B_graph_endpoints"],
            "vertex": [.int(i.h), .int(i.k)],
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_graph", p), Fact(.implicit, "ip_closed", p), Fact(.essential, "ec_formula", p)],
            question: Phrase(i.askMax ? "question_max" : "question_min", p), answer: answerValue, steps: steps,
            scene: scene(i), solved: answer, measured: answer)
    }
}
