import DatasetFormat
import Foundation

/// The graph of f(x) = a|x - h| + k: a value, the chord cut by a horizontal line, or the
/// triangle that chord forms with the vertex.
///
/// Difficulty: 1 f(x₀), 2 the length PQ where y = m meets the graph, 3 the area of
/// triangle VPQ (V the vertex).
public struct AbsoluteValue: ProblemFamily {
    public init() {}
    public let id = "function.absolute_value"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.integer, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Labels of V, P and Q.
        var names: [String]
        var a: Int, h: Int, k: Int
        /// Difficulty 1: the x asked about; 2-3: the half-width t of the chord at y = m.
        var x0: Int, t: Int
        var difficulty: Int
        var window: GraphKit.Window
        var curve: [Vec2]
        var anchor: Vec2
        var m: Int { k + a * t }
        func f(_ x: Double) -> Double { Double(a) * abs(x - Double(h)) + Double(k) }
        var v: Vec2 { Vec2(Double(h), Double(k)) }
        var p: Vec2 { Vec2(Double(h - t), Double(m)) }
        var q: Vec2 { Vec2(Double(h + t), Double(m)) }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let a = rng.pick([1, 1, 2]) * (rng.chance(0.7) ? 1 : -1)
        let h = rng.int(-3...3), k = rng.int(-3...3)
        let t = rng.int(1...(abs(a) == 1 ? 4 : 2))
        let x0 = h + GraphKit.nonzero(-3...3, &rng)
        guard h != 0 || k != 0 else { throw GenerationFailure.degenerate("vertex at the origin") }
        let m = k + a * t
        guard m != 0 else { throw GenerationFailure.degenerate("chord on the x-axis") }
        var pts = [Vec2(Double(h), Double(k)), Vec2(Double(h - 2), Double(k)), Vec2(Double(h + 2), Double(k))]
        if d == 1 { pts.append(Vec2(Double(x0), Double(a * abs(x0 - h) + k))) } else {
            pts += [Vec2(Double(h - t - 1), Double(m)), Vec2(Double(h + t + 1), Double(m))]
        }
        let base = try GraphKit.window(covering: pts)
        let names = Labels.draw(3, &rng)
        return try GraphKit.settle(base, options: options, candidates: { w in
            var i = Instance(names: names, a: a, h: h, k: k, x0: x0, t: t, difficulty: d, window: w, curve: [], anchor: .zero)
            // Nodes every 0.05 from an integer start, so the corner at x = h is a vertex of the polyline.
            i.curve = try GraphKit.curve(i.f, from: w.xMin, to: w.xMax, window: w, count: Int(w.width * 20))
            return (GraphKit.anchors(on: i.curve, window: w, avoid: [i.v, i.p, i.q])
                    + GraphKit.freeAnchors(w, avoid: [i.curve], points: [i.v, i.p, i.q])).map { var c = i; c.anchor = $0; return c }
        }, scene: scene)
    }

    /// f(x₀) by substitution; |PQ| = 2t from a|x - h| = m - k; area ½·PQ·|m - k|.
    public func solve(_ i: Instance) -> Double {
        switch i.difficulty {
        case 1: return Double(i.a * abs(i.x0 - i.h) + i.k)
        case 2: return 2 * Double(i.m - i.k) / Double(i.a)
        default:
            let width = 2 * Double(i.m - i.k) / Double(i.a)
            return 0.5 * width * abs(Double(i.m - i.k))
        }
    }

    /// Reads the plotted polyline at x₀; bisects f = m on each side of the vertex; the
    /// shoelace area of the three points so found.
    public func measure(_ i: Instance) -> Double {
        if i.difficulty == 1 { return GraphKit.read(i.curve, at: Double(i.x0)) ?? .nan }
        let g = { (x: Double) in i.f(x) - Double(i.m) }
        guard let left = GraphKit.bisect(g, Double(i.h) - 20, Double(i.h)),
              let right = GraphKit.bisect(g, Double(i.h), Double(i.h) + 20) else { return .nan }
        if i.difficulty == 2 { return right - left }
        let corner = GraphKit.golden(i.f, left, right, maximize: i.a < 0)
        return abs(Construct.signedArea([Vec2(left, Double(i.m)), Vec2(right, Double(i.m)), corner]))
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        s.add(.curve(points: i.curve, label: nil, style: .solid))
        s.add(.point(at: i.v, label: i.names[0], dot: true))
        s.add(.text(at: i.anchor, text: "f(x) = " + formula(i)), .given)
        if i.difficulty >= 2 {
            let y = Double(i.m)
            s.add(.segment(Vec2(i.window.xMin, y), Vec2(i.window.xMax, y), style: .solid))
            s.add(.point(at: i.p, label: i.names[1], dot: true))
            s.add(.point(at: i.q, label: i.names[2], dot: true))
            let end = i.h >= 0 ? i.window.xMin + 0.8 : i.window.xMax - 0.8
            s.add(.text(at: Vec2(end, y), text: "y = " + String(i.m)), .given)
        }
        return s
    }

    /// "2|x - 1| + 3", "-|x + 2|", "|x| - 1".
    func formula(_ i: Instance) -> String {
        let lead = GraphKit.coefficient(Exact(i.a))
        let inner = GraphKit.shifted("x", by: Exact(i.h))
        return lead + "|" + inner + "|" + (i.k == 0 ? "" : " " + GraphKit.signed(Exact(i.k)))
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (V, P, Q) = (i.names[0], i.names[1], i.names[2])
        let p: [String: String] = [
            "V": V, "P": P, "Q": Q, "f": formula(i), "x0": String(i.x0), "m": String(i.m), "h": String(i.h),
            "k": String(i.k), "t": String(i.t), "px": String(i.h - i.t), "qx": String(i.h + i.t),
            "pxp": GraphKit.paren(Double(i.h - i.t)), "len": String(2 * i.t), "height": String(abs(i.m - i.k)),
            "abs": String(abs(i.x0 - i.h)), "value": String(i.a * abs(i.x0 - i.h) + i.k),
            "area": GraphKit.num(answer), "diff": String(i.m - i.k), "a": String(i.a),
            "hp": GraphKit.paren(Double(i.h)), "kp": GraphKit.paren(Double(i.k)), "ks": GraphKit.signed(Exact(i.k)),
            "ac": GraphKit.coefficient(Exact(i.a)), "inner": GraphKit.shifted("x", by: Exact(i.h)),
            "ap": GraphKit.paren(Double(i.a)),
            "scaled": i.a == 1 ? String(abs(i.x0 - i.h)) : i.a == -1 ? "-" + String(abs(i.x0 - i.h))
                : String(i.a) + "·" + String(abs(i.x0 - i.h)),
        ]
        let facts: [Fact]
        let steps: [Phrase]
        let mistakes: [Double]
        switch i.difficulty {
        case 1:
            facts = [Fact(.descriptive, "di_graph", p), Fact(.implicit, "ip_vertex", p, shownBy: [.figure]), Fact(.essential, "ec_formula", p)]
            steps = [Phrase("step_substitute", p)]
            mistakes = [Double(i.a * (i.x0 - i.h) + i.k), Double(i.a * abs(i.x0 + i.h) + i.k), Double(i.a * abs(i.x0 - i.h) - i.k)]
        case 2:
            facts = [Fact(.descriptive, "di_graph_line", p), Fact(.implicit, "ip_chord", p, shownBy: [.figure]), Fact(.essential, "ec_formula_line", p)]
            steps = [Phrase("step_solve", p), Phrase("step_length", p)]
            mistakes = [Double(i.t), Double(4 * i.t), Double(2 * abs(i.m))]
        default:
            facts = [Fact(.descriptive, "di_graph_triangle", p), Fact(.implicit, "ip_chord", p, shownBy: [.figure]), Fact(.essential, "ec_formula_line", p)]
            steps = [Phrase("step_solve", p), Phrase("step_length", p), Phrase("step_area", p)]
            mistakes = [2 * answer, Double(2 * i.t * abs(i.m)) / 2, Double(2 * i.t + abs(i.m - i.k))]
        }
        var answerValue = Answer(type: .integer, text: GraphKit.num(answer), value: answer, tolerance: 0.01)
        GraphKit.maybeChoices(&answerValue, correct: answer, mistakes: mistakes, step: 1, rate: options.multipleChoiceRate,
                              rng: &rng, valid: { i.difficulty == 1 || $0 > 0 })
        let spec: JSONValue = [
            "labels": ["V": .string(V), "P": .string(P), "Q": .string(Q)],
            "givens": ["f": .string(formula(i)), "a": .int(i.a), "h": .int(i.h), "k": .int(i.k),
                       "x0": i.difficulty == 1 ? .int(i.x0) : .null, "m": i.difficulty >= 2 ? .int(i.m) : .null],
            "target": .string(["value_f(x0)", "length_PQ", "area_VPQ"][i.difficulty - 1]),
            "difficulty": .int(i.difficulty),
            "relations": .array((i.difficulty == 1 ? ["V_vertex"] : ["V_vertex", "P_Q_on_graph_and_line", "P_left_of_Q"]).map { .string($0) }),
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec, facts: facts,
            question: Phrase(["question_value", "question_length", "question_area"][i.difficulty - 1], p),
            answer: answerValue, steps: steps, scene: scene(i), solved: answer, measured: answer)
    }
}
