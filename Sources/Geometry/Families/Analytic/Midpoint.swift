import DatasetFormat
import Foundation

/// The midpoint M of a segment PQ between lattice points, or (hardest) the far
/// endpoint Q from P and the midpoint M. Equal ticks on PM and MQ mark the midpoint.
///
/// Difficulty: 1 even differences (a lattice midpoint), 2 an odd difference (a
/// half-integer coordinate), 3 find Q from P and M (reverse the midpoint formula).
public struct Midpoint: ProblemFamily {
    public init() {}
    public let id = "analytic.midpoint"
    public let subject = Subject.analytic
    public let answerTypes: [AnswerType] = [.expression, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Labels of P, Q and M.
        var names: [String]
        var p: Vec2, q: Vec2
        var difficulty: Int
        var window: GraphKit.Window
        /// The drawn midpoint: where the ticks split the segment.
        var m: Vec2 { Construct.along(p, q, 0.5) }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        var dx = GraphKit.nonzero(-8...8, &rng), dy = GraphKit.nonzero(-8...8, &rng)
        if d != 2 { dx += dx % 2 == 0 ? 0 : (dx > 0 ? -1 : 1); dy += dy % 2 == 0 ? 0 : (dy > 0 ? -1 : 1) }
        if d == 2 && dx % 2 == 0 && dy % 2 == 0 { dx += dx > 0 ? -1 : 1 }
        guard abs(dx) + abs(dy) >= 4, dx != 0 || dy != 0 else {
            throw GenerationFailure.degenerate("segment too short (\(dx), \(dy))")
        }
        let p = GraphKit.lattice(max(-6, -6 - dx)...min(6, 6 - dx), max(-6, -6 - dy)...min(6, 6 - dy), &rng)
        let q = p + Vec2(Double(dx), Double(dy))
        let base = try GraphKit.window(covering: [p, q], balanced: true)
        let names = Labels.draw(3, &rng)
        return try GraphKit.settle(base, options: options, candidates: { w in
            [Instance(names: names, p: p, q: q, difficulty: d, window: w)]
        }, scene: scene)
    }

    /// The midpoint formula ((x₁ + x₂)/2, (y₁ + y₂)/2), or its reverse Q = 2M - P.
    public func solve(_ i: Instance) -> Double {
        if i.difficulty == 3 {
            let m = Vec2((i.p.x + i.q.x) / 2, (i.p.y + i.q.y) / 2)  // the given M, as the record states it
            return GraphKit.pack(Vec2(2 * m.x - i.p.x, 2 * m.y - i.p.y))
        }
        return GraphKit.pack(Vec2((i.p.x + i.q.x) / 2, (i.p.y + i.q.y) / 2))
    }

    /// Bisection along the drawn segment for the point as far from P as from Q (or, for
    /// the endpoint, the drawn Q itself: the construction's end of the ray from P through M).
    public func measure(_ i: Instance) -> Double {
        if i.difficulty == 3 { return GraphKit.pack(i.p + (i.m - i.p) * 2) }
        let g = { (t: Double) -> Double in
            let x = Construct.along(i.p, i.q, t)
            return x.distance(to: i.p) - x.distance(to: i.q)
        }
        guard let t = GraphKit.bisect(g, 0, 1) else { return .nan }
        return GraphKit.pack(Construct.along(i.p, i.q, t))
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: true)))
        s.add(.segment(i.p, i.q, style: .solid))
        s.add(.ticks(i.p, i.m, count: 1), .property)
        s.add(.ticks(i.m, i.q, count: 1), .property)
        s.add(.point(at: i.p, label: i.names[0], dot: true))
        s.add(.point(at: i.q, label: i.names[1], dot: true))
        s.add(.point(at: i.m, label: i.names[2], dot: true))
        s.add(.text(at: i.p, text: GraphKit.point(i.p)), .given)
        s.add(.text(at: i.difficulty == 3 ? i.m : i.q, text: GraphKit.point(i.difficulty == 3 ? i.m : i.q)), .given)
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (P, Q, M) = (i.names[0], i.names[1], i.names[2])
        let m = i.m
        let p: [String: String] = [
            "P": P, "Q": Q, "M": M,
            "px": GraphKit.num(i.p.x), "py": GraphKit.num(i.p.y), "qx": GraphKit.num(i.q.x), "qy": GraphKit.num(i.q.y),
            "mx": GraphKit.num(m.x), "my": GraphKit.num(m.y),
            "pxp": GraphKit.paren(i.p.x), "pyp": GraphKit.paren(i.p.y),
            "qxp": GraphKit.paren(i.q.x), "qyp": GraphKit.paren(i.q.y),
            "sx": GraphKit.num(i.p.x + i.q.x), "sy": GraphKit.num(i.p.y + i.q.y),
            "m2x": GraphKit.num(2 * m.x), "m2y": GraphKit.num(2 * m.y),
        ]
        let reverse = i.difficulty == 3
        let target = reverse ? i.q : m
        var answerValue = Answer(type: .expression, text: GraphKit.point(target), value: nil, tolerance: 0)
        let wrong: [Vec2] = reverse
            ? [Vec2((i.p.x + m.x) / 2, (i.p.y + m.y) / 2), i.p * 2 - m, m - i.p, Vec2(target.y, target.x)]
            : [i.p + i.q, (i.q - i.p) / 2, Vec2(m.y, m.x), Vec2(-m.x, m.y)]
        GraphKit.maybeChoices(&answerValue, mistakes: wrong.map(GraphKit.point), rate: options.multipleChoiceRate,
                              rng: &rng)
        let ec = reverse ? "ec_endpoint_midpoint" : "ec_endpoints"
        let steps = reverse ? [Phrase("step_reverse_x", p), Phrase("step_reverse_y", p)]
                            : [Phrase("step_formula", p), Phrase("step_result", p)]
        let spec: JSONValue = [
            "labels": ["P": .string(P), "Q": .string(Q), "M": .string(M)],
            "givens": reverse ? ["P": GraphKit.json(i.p), "M": GraphKit.json(m)]
                              : ["P": GraphKit.json(i.p), "Q": GraphKit.json(i.q)],
            "target": .string(reverse ? "Q" : "M"),
            "difficulty": .int(i.difficulty),
            "relations": ["M_midpoint_of_PQ"],
            "coordinates": ["P": GraphKit.json(i.p), "Q": GraphKit.json(i.q), "M": GraphKit.json(m)],
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_segment", p), Fact(.implicit, "ip_midpoint", p), Fact(.essential, ec, p)],
            question: Phrase(reverse ? "question_endpoint" : "question_midpoint", p), answer: answerValue,
            steps: steps, scene: scene(i), solved: answer, measured: answer)
    }
}
