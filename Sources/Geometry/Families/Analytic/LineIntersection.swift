import DatasetFormat
import Foundation

/// The intersection point of two lines given by their equations, drawn on the grid.
///
/// Difficulty: 1 one line is horizontal (y = c), 2 both in slope-intercept form,
/// 3 both in general form ax + by = c (elimination).
public struct LineIntersection: ProblemFamily {
    public init() {}
    public let id = "analytic.line_intersection"
    public let subject = Subject.analytic
    public let answerTypes: [AnswerType] = [.expression, .choice]
    public let agreementTolerance = 1e-6

    /// A line a·x + b·y = c with integer coefficients (b ≠ 0: no vertical lines).
    struct Line: Sendable {
        var a: Int, b: Int, c: Int
        var slope: Exact { Exact(-a, b) }
        var intercept: Exact { Exact(c, b) }
        func y(_ x: Double) -> Double { (Double(c) - Double(a) * x) / Double(b) }
        /// "2x + 3y = 12" or, in slope-intercept form, "y = -2x + 4".
        func text(general: Bool) -> String {
            if !general { return GraphKit.line(slope: slope, intercept: intercept) }
            let lhs = GraphKit.poly([Exact(a), Exact(0)], variable: "x")
            let yTerm = GraphKit.poly([Exact(b), Exact(0)], variable: "y")
            let joined = a == 0 ? yTerm : lhs + (b < 0 ? " - " + String(yTerm.dropFirst()) : " + " + yTerm)
            return joined + " = " + String(c)
        }
    }

    public struct Instance: Sendable {
        /// Label of the intersection point.
        var name: String
        var l1: Line, l2: Line
        var point: Vec2
        var difficulty: Int
        var window: GraphKit.Window
        /// The two drawn lines, clipped to the window, and where their equations are written.
        var seg1: (Vec2, Vec2), seg2: (Vec2, Vec2)
        var anchor1: Vec2, anchor2: Vec2
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let x0 = rng.int(-4...4), y0 = rng.int(-4...4)
        guard x0 != 0 || y0 != 0 else { throw GenerationFailure.degenerate("lines meet at the origin") }
        func through(_ a: Int, _ b: Int) -> Line { Line(a: a, b: b, c: a * x0 + b * y0) }
        var l1: Line, l2: Line
        switch d {
        case 1:
            l1 = through(0, 1)
            l2 = through(-GraphKit.nonzero(-3...3, &rng), 1)
        case 2:
            l1 = through(-GraphKit.nonzero(-3...3, &rng), 1)
            l2 = through(-GraphKit.nonzero(-3...3, &rng), 1)
        default:
            l1 = through(GraphKit.nonzero(-3...3, &rng), GraphKit.nonzero(1...3, &rng))
            l2 = through(GraphKit.nonzero(-3...3, &rng), GraphKit.nonzero(-3...3, &rng))
        }
        if d != 1 && rng.chance(0.5) { swap(&l1, &l2) }
        guard l1.a * l2.b - l2.a * l1.b != 0 else { throw GenerationFailure.degenerate("parallel lines") }
        // The lines must cross at a readable angle.
        let angle = abs(atan(l1.slope.value) - atan(l2.slope.value))
        guard angle > 0.35, angle < .pi - 0.35 else { throw GenerationFailure.degenerate("lines cross too flat") }
        let point = Vec2(Double(x0), Double(y0))
        let base = try GraphKit.window(covering: [point], margin: 3, balanced: true)
        let name = Labels.draw(1, &rng)[0]
        return try GraphKit.settle(base, options: options, candidates: { w in
            guard let s1 = GraphKit.clip(line: point, direction: Vec2(Double(l1.b), Double(-l1.a)), to: w),
                  let s2 = GraphKit.clip(line: point, direction: Vec2(Double(l2.b), Double(-l2.a)), to: w) else { return [] }
            // Equation texts sit on each line, away from the crossing: a quarter and three
            // quarters of the way along, whichever end is farther from the point.
            func anchors(_ s: (Vec2, Vec2)) -> [Vec2] {
                [0.12, 0.88, 0.25, 0.75].map { Construct.along(s.0, s.1, $0) }
                    .filter { $0.distance(to: point) > 1.5 }
            }
            var out: [Instance] = []
            for a1 in anchors(s1) {
                for a2 in anchors(s2) {
                    out.append(Instance(name: name, l1: l1, l2: l2, point: point, difficulty: d, window: w,
                                        seg1: s1, seg2: s2, anchor1: a1, anchor2: a2))
                }
            }
            return out
        }, scene: scene)
    }

    /// Cramer's rule on a₁x + b₁y = c₁, a₂x + b₂y = c₂.
    public func solve(_ i: Instance) -> Double {
        let (a1, b1, c1) = (Double(i.l1.a), Double(i.l1.b), Double(i.l1.c))
        let (a2, b2, c2) = (Double(i.l2.a), Double(i.l2.b), Double(i.l2.c))
        let det = a1 * b2 - a2 * b1
        return GraphKit.pack(Vec2((c1 * b2 - c2 * b1) / det, (a1 * c2 - a2 * c1) / det))
    }

    /// Bisection on the vertical gap between the two drawn segments.
    public func measure(_ i: Instance) -> Double {
        func onSegment(_ s: (Vec2, Vec2), _ x: Double) -> Double {
            s.0.y + (s.1.y - s.0.y) * (x - s.0.x) / (s.1.x - s.0.x)
        }
        let lo = max(min(i.seg1.0.x, i.seg1.1.x), min(i.seg2.0.x, i.seg2.1.x))
        let hi = min(max(i.seg1.0.x, i.seg1.1.x), max(i.seg2.0.x, i.seg2.1.x))
        guard let x = GraphKit.bisect({ onSegment(i.seg1, $0) - onSegment(i.seg2, $0) }, lo, hi) else { return .nan }
        return GraphKit.pack(Vec2(x, onSegment(i.seg1, x)))
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: true)))
        s.add(.segment(i.seg1.0, i.seg1.1, style: .solid))
        s.add(.segment(i.seg2.0, i.seg2.1, style: .solid))
        s.add(.point(at: i.point, label: i.name, dot: true))
        let general = i.difficulty == 3
        s.add(.text(at: i.anchor1, text: "l₁: " + i.l1.text(general: general)), .given)
        s.add(.text(at: i.anchor2, text: "l₂: " + i.l2.text(general: general)), .given)
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let general = i.difficulty == 3
        let P = i.name
        let p: [String: String] = [
            "P": P, "l1": i.l1.text(general: general), "l2": i.l2.text(general: general),
            "x": GraphKit.num(i.point.x), "y": GraphKit.num(i.point.y), "xp": GraphKit.paren(i.point.x),
            "rhs1": GraphKit.poly([i.l1.slope, i.l1.intercept]), "rhs2": GraphKit.poly([i.l2.slope, i.l2.intercept]),
            "point": GraphKit.point(i.point),
        ]
        let steps: [Phrase]
        switch i.difficulty {
        case 1: steps = [Phrase("step_horizontal", p), Phrase("step_point", p)]
        case 2: steps = [Phrase("step_equate", p), Phrase("step_substitute", p), Phrase("step_point", p)]
        default: steps = [Phrase("step_eliminate", p), Phrase("step_substitute", p), Phrase("step_point", p)]
        }
        var answerValue = Answer(type: .expression, text: GraphKit.point(i.point), value: nil, tolerance: 0)
        let q = i.point
        let wrong = [Vec2(q.y, q.x), Vec2(-q.x, q.y), Vec2(q.x, -q.y), Vec2(-q.x, -q.y), q + Vec2(1, 0), q + Vec2(0, -1)]
        GraphKit.maybeChoices(&answerValue, mistakes: wrong.filter { $0 != q }.map(GraphKit.point),
                              rate: options.multipleChoiceRate, rng: &rng)
        let spec: JSONValue = [
            "labels": ["P": .string(P)],
            "givens": ["l1": .string(i.l1.text(general: general)), "l2": .string(i.l2.text(general: general)),
                       "l1_abc": [.int(i.l1.a), .int(i.l1.b), .int(i.l1.c)],
                       "l2_abc": [.int(i.l2.a), .int(i.l2.b), .int(i.l2.c)]],
            "target": "intersection_P",
            "difficulty": .int(i.difficulty),
            "relations": ["P_on_l1", "P_on_l2"],
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_lines", p), Fact(.implicit, "ip_common_point", p, shownBy: [.figure]), Fact(.essential, "ec_equations", p)],
            question: Phrase("question", p), answer: answerValue, steps: steps, scene: scene(i),
            solved: answer, measured: answer)
    }
}
