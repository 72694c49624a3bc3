import DatasetFormat
import Foundation

/// A parabola y = ±x² + bx + c and a line y = mx + n meeting at A and B.
///
/// Difficulty: 1 the coordinates of A and B, 2 the length AB, 3 the area of triangle AOB
/// (O the origin).
public struct GraphIntersection: ProblemFamily {
    public init() {}
    public let id = "function.graph_intersection"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.expression, .integer, .decimal, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Labels of A (left) and B (right).
        var names: [String]
        /// Parabola lead·x² + b·x + c; line m·x + n; they meet at x₁ < x₂ (integers).
        var lead: Int, b: Int, c: Int
        var m: Int, n: Int
        var x1: Int, x2: Int
        var difficulty: Int
        var window: GraphKit.Window
        var parabola: [Vec2], line: [Vec2]
        var anchor1: Vec2, anchor2: Vec2
        func f(_ x: Double) -> Double { Double(lead) * x * x + Double(b) * x + Double(c) }
        func g(_ x: Double) -> Double { Double(m) * x + Double(n) }
        var a: Vec2 { Vec2(Double(x1), g(Double(x1))) }
        var bPoint: Vec2 { Vec2(Double(x2), g(Double(x2))) }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let lead = rng.chance(0.7) ? 1 : -1
        let x1 = rng.int(-4...2), x2 = x1 + rng.int(1...4)
        let m = rng.int(-2...2), n = rng.int(-3...3)
        guard m != 0 || n != 0 else { throw GenerationFailure.degenerate("the line would lie on the x-axis") }
        // f - g = lead·(x - x1)(x - x2): read off b and c.
        let b = m - lead * (x1 + x2), c = n + lead * x1 * x2
        let a = Vec2(Double(x1), Double(m * x1 + n)), bb = Vec2(Double(x2), Double(m * x2 + n))
        guard a.length > 0.5, bb.length > 0.5 else { throw GenerationFailure.degenerate("an intersection at the origin") }
        if d == 3 { guard abs(a.cross(bb)) > 0.5 else { throw GenerationFailure.degenerate("A, O, B collinear") } }
        let hx = -Double(b) / Double(2 * lead)
        let vertex = Vec2(hx, Double(lead) * hx * hx + Double(b) * hx + Double(c))
        // The crossings, the vertex, and the parabola one unit beyond each crossing.
        let arms = [Double(x1 - 1), Double(x2 + 1)].map { Vec2($0, Double(lead) * $0 * $0 + Double(b) * $0 + Double(c)) }
        let base = try GraphKit.window(covering: [a, bb, vertex] + arms)
        let names = Labels.draw(2, &rng)
        return try GraphKit.settle(base, options: options, candidates: { w in
            var i = Instance(names: names, lead: lead, b: b, c: c, m: m, n: n, x1: x1, x2: x2, difficulty: d, window: w,
                             parabola: [], line: [], anchor1: .zero, anchor2: .zero)
            i.parabola = try GraphKit.curve(i.f, from: w.xMin, to: w.xMax, window: w)
            i.line = try GraphKit.curve(i.g, from: w.xMin, to: w.xMax, window: w, count: 40)
            let marks = [a, bb]
            let pa = GraphKit.anchors(on: i.parabola, window: w, avoid: marks, count: 3)
                + GraphKit.freeAnchors(w, avoid: [i.parabola, i.line], points: marks, count: 2)
            let la = GraphKit.anchors(on: i.line, window: w, avoid: marks, count: 3)
            var out: [Instance] = []
            for p in pa { for l in la { var c = i; c.anchor1 = p; c.anchor2 = l; out.append(c) } }
            return out
        }, scene: scene)
    }

    /// Setting the formulas equal: lead·x² + (b - m)x + (c - n) = 0 by the quadratic
    /// formula; then AB = |x₂ - x₁|·√(1 + m²) and area AOB = ½|x₁y₂ - x₂y₁|.
    public func solve(_ i: Instance) -> Double {
        let qa = Double(i.lead), qb = Double(i.b - i.m), qc = Double(i.c - i.n)
        let s = (qb * qb - 4 * qa * qc).squareRoot()
        let r1 = (-qb - s) / (2 * qa), r2 = (-qb + s) / (2 * qa)
        let (x1, x2) = (min(r1, r2), max(r1, r2))
        let y1 = Double(i.m) * x1 + Double(i.n), y2 = Double(i.m) * x2 + Double(i.n)
        switch i.difficulty {
        case 1: return GraphKit.pack(Vec2(x1, x2))
        case 2: return abs(x2 - x1) * (1 + Double(i.m * i.m)).squareRoot()
        default: return abs(x1 * y2 - x2 * y1) / 2
        }
    }

    /// Bisection on the gap between the constructed curves; distance by coordinates of
    /// the points found, area by the shoelace formula with O.
    public func measure(_ i: Instance) -> Double {
        let roots = GraphKit.roots({ i.f($0) - i.g($0) }, i.window.xMin - 10, i.window.xMax + 10, grid: 8000)
        guard roots.count == 2 else { return .nan }
        let p = Vec2(roots[0], i.f(roots[0])), q = Vec2(roots[1], i.f(roots[1]))
        switch i.difficulty {
        case 1: return GraphKit.pack(Vec2(p.x, q.x))
        case 2: return p.distance(to: q)
        default: return abs(Construct.signedArea([.zero, p, q]))
        }
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        s.add(.curve(points: i.parabola, label: nil, style: .solid))
        s.add(.curve(points: i.line, label: nil, style: .solid))
        s.add(.point(at: i.a, label: i.names[0], dot: true))
        s.add(.point(at: i.bPoint, label: i.names[1], dot: true))
        if i.difficulty == 3 {
            s.add(.segment(.zero, i.a, style: .dashed))
            s.add(.segment(.zero, i.bPoint, style: .dashed))
        }
        s.add(.text(at: i.anchor1, text: "y = " + parabolaText(i)), .given)
        s.add(.text(at: i.anchor2, text: "y = " + lineText(i)), .given)
        return s
    }

    func parabolaText(_ i: Instance) -> String { GraphKit.poly([Exact(i.lead), Exact(i.b), Exact(i.c)]) }
    func lineText(_ i: Instance) -> String { GraphKit.poly([Exact(i.m), Exact(i.n)]) }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (A, B) = (i.names[0], i.names[1])
        let diff = GraphKit.poly([Exact(i.lead), Exact(i.b - i.m), Exact(i.c - i.n)])
        let dx = i.x2 - i.x1
        let length = Exact.sqrt(dx * dx * (1 + i.m * i.m))
        let cross = abs(i.x1 * (i.m * i.x2 + i.n) - i.x2 * (i.m * i.x1 + i.n))
        let p: [String: String] = [
            "A": A, "B": B, "f": parabolaText(i), "g": lineText(i), "diff": diff,
            "x1": String(i.x1), "x2": String(i.x2), "y1": GraphKit.num(i.a.y), "y2": GraphKit.num(i.bPoint.y),
            "points": GraphKit.point(i.a) + ", " + GraphKit.point(i.bPoint),
            "dx": String(dx), "dy": String(abs(i.m * dx)), "len2": String(dx * dx * (1 + i.m * i.m)), "len": length.text,
            "cross": String(cross), "area": GraphKit.num(Double(cross) / 2),
        ]
        var steps = [Phrase("step_equate", p), Phrase("step_points", p)]
        var answerValue: Answer
        switch i.difficulty {
        case 1:
            answerValue = Answer(type: .expression, text: A + GraphKit.point(i.a) + ", " + B + GraphKit.point(i.bPoint),
                                 value: nil, tolerance: 0)
            let swapped = A + GraphKit.point(Vec2(i.a.y, i.a.x)) + ", " + B + GraphKit.point(Vec2(i.bPoint.y, i.bPoint.x))
            let negated = A + GraphKit.point(Vec2(-i.a.x, i.a.y)) + ", " + B + GraphKit.point(Vec2(-i.bPoint.x, i.bPoint.y))
            let wrongY = A + GraphKit.point(Vec2(i.a.x, i.a.y + 1)) + ", " + B + GraphKit.point(Vec2(i.bPoint.x, i.bPoint.y - 1))
            GraphKit.maybeChoices(&answerValue, mistakes: [swapped, negated, wrongY], rate: options.multipleChoiceRate, rng: &rng)
        case 2:
            steps.append(Phrase("step_length", p))
            answerValue = Answer(type: length.isInteger ? .integer : .expression, text: length.text, value: answer,
                                 tolerance: 0.01)
            let wrong = [String(dx), Exact.sqrt(dx * dx + i.m * i.m).text, String(dx * dx * (1 + i.m * i.m))]
            GraphKit.maybeChoices(&answerValue, mistakes: wrong.filter { $0 != length.text }, rate: options.multipleChoiceRate,
                                  rng: &rng)
        default:
            steps.append(Phrase("step_area", p))
            answerValue = Answer(type: answer == answer.rounded() ? .integer : .decimal, text: GraphKit.num(answer),
                                 value: answer, tolerance: 0.01)
            GraphKit.maybeChoices(&answerValue, correct: answer, mistakes: [Double(cross), answer + 1, answer * 2 + 1],
                                  step: 0.5, rate: options.multipleChoiceRate, rng: &rng, valid: { $0 > 0 })
        }
        let spec: JSONValue = [
            "labels": ["A": .string(A), "B": .string(B)],
            "givens": ["parabola": .string(parabolaText(i)), "line": .string(lineText(i)),
                       "parabola_coefficients": [.int(i.lead), .int(i.b), .int(i.c)], "line_coefficients": [.int(i.m), .int(i.n)]],
            "target": .string(["coordinates_A_B", "length_AB", "area_AOB"][i.difficulty - 1]),
            "difficulty": .int(i.difficulty),
            "relations": ["A_B_on_both_graphs", "A_left_of_B"],
            "points": [GraphKit.json(i.a), GraphKit.json(i.bPoint)],
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, i.difficulty == 3 ? "di_graphs_origin" : "di_graphs", p),
                    Fact(.implicit, "ip_intersections", p, shownBy: [.figure]), Fact(.essential, "ec_formulas", p)],
            question: Phrase(["question_points", "question_length", "question_area"][i.difficulty - 1], p),
            answer: answerValue, steps: steps, scene: scene(i), solved: answer, measured: answer)
    }
}
