import DatasetFormat
import Foundation

/// The distance between two lattice points, with the right triangle of the
/// distance formula drawn: dashed legs parallel to the axes meet at R.
///
/// Difficulty: 1 the legs form a Pythagorean triple (integer answer), 2 the answer is
/// a square root that does not simplify (√13), 3 one that does (√20 = 2√5).
public struct DistanceTwoPoints: ProblemFamily {
    public init() {}
    public let id = "analytic.distance_two_points"
    public let subject = Subject.analytic
    public let answerTypes: [AnswerType] = [.integer, .expression, .choice]
    public let agreementTolerance = 1e-9

    public struct Instance: Sendable {
        /// Labels of P, Q and the right-angle corner R.
        var names: [String]
        var p: Vec2, q: Vec2
        var difficulty: Int
        var window: GraphKit.Window
        /// R = (q.x, p.y): the corner of the right triangle.
        var r: Vec2 { Vec2(q.x, p.y) }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        var dx: Int, dy: Int
        switch d {
        case 1: (dx, dy) = rng.pick([(3, 4), (4, 3), (6, 8), (8, 6)])
        default:
            dx = rng.int(1...7); dy = rng.int(1...7)
            let s = Exact.sqrt(dx * dx + dy * dy)
            guard !s.isInteger, (s.num > 1) == (d == 3) else {
                throw GenerationFailure.degenerate("legs \(dx), \(dy) do not fit difficulty \(d)")
            }
        }
        if rng.chance(0.5) { dx = -dx }
        if rng.chance(0.5) { dy = -dy }
        let p = GraphKit.lattice(max(-6, -6 - dx)...min(6, 6 - dx), max(-6, -6 - dy)...min(6, 6 - dy), &rng)
        let q = p + Vec2(Double(dx), Double(dy))
        let base = try GraphKit.window(covering: [p, q], balanced: true)
        let names = Labels.draw(3, &rng)
        return try GraphKit.settle(base, options: options, candidates: { w in
            [Instance(names: names, p: p, q: q, difficulty: d, window: w)]
        }, scene: scene)
    }

    /// The distance formula: √(Δx² + Δy²).
    public func solve(_ i: Instance) -> Double {
        let dx = i.q.x - i.p.x, dy = i.q.y - i.p.y
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The law of cosines in triangle OPQ (O the origin), with the angle at O measured
    /// on the constructed points.
    public func measure(_ i: Instance) -> Double {
        let a = i.p.length, b = i.q.length
        guard a > 1e-12, b > 1e-12 else { return max(a, b) }
        let angle = Angle.radians(Angle.measure(i.p, .zero, i.q))
        return max(0, a * a + b * b - 2 * a * b * cos(angle)).squareRoot()
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: true)))
        s.add(.segment(i.p, i.q, style: .solid))
        s.add(.segment(i.p, i.r, style: .dashed))
        s.add(.segment(i.q, i.r, style: .dashed))
        s.add(.rightAngle(vertex: i.r, a: i.p, b: i.q), .property)
        s.add(.point(at: i.p, label: i.names[0], dot: true))
        s.add(.point(at: i.q, label: i.names[1], dot: true))
        s.add(.point(at: i.r, label: i.names[2], dot: false))
        s.add(.text(at: i.p, text: GraphKit.point(i.p)), .given)
        s.add(.text(at: i.q, text: GraphKit.point(i.q)), .given)
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (P, Q, R) = (i.names[0], i.names[1], i.names[2])
        let dx = Int(abs(i.q.x - i.p.x)), dy = Int(abs(i.q.y - i.p.y))
        let n = dx * dx + dy * dy
        let root = Exact.sqrt(n)
        let p: [String: String] = [
            "P": P, "Q": Q, "R": R,
            "px": GraphKit.num(i.p.x), "py": GraphKit.num(i.p.y), "qx": GraphKit.num(i.q.x), "qy": GraphKit.num(i.q.y),
            "pxp": GraphKit.paren(i.p.x), "pyp": GraphKit.paren(i.p.y),
            "dx": String(dx), "dy": String(dy), "n": String(n), "d": root.text,
        ]
        var steps = [Phrase("step_legs", p), Phrase("step_pythagoras", p)]
        if root.isInteger {
            steps.append(Phrase("step_root", p))
        } else if root.num > 1 {
            steps.append(Phrase("step_simplify", p))
        }
        var answerValue = Answer(type: root.isInteger ? .integer : .expression, text: root.text, value: answer,
                                 tolerance: 0.01)
        // Adding the legs, forgetting the root, subtracting the squares, an off-by-one leg.
        // Equal legs make the squares' difference 0: no distance, so no option ("√0" was one).
        let squares = abs(dx * dx - dy * dy)
        let mistakes = [String(dx + dy), String(n), Exact.sqrt(squares).text,
                        Exact.sqrt((dx + 1) * (dx + 1) + dy * dy).text,
                        Exact.sqrt(dx * dx + (dy + 1) * (dy + 1)).text]
        GraphKit.maybeChoices(&answerValue, mistakes: mistakes.filter { $0 != "0" }, rate: options.multipleChoiceRate,
                              rng: &rng)
        let spec: JSONValue = [
            "labels": ["P": .string(P), "Q": .string(Q), "R": .string(R)],
            "givens": ["P": GraphKit.json(i.p), "Q": GraphKit.json(i.q)],
            "target": "length_PQ",
            "difficulty": .int(i.difficulty),
            "relations": ["R_is_(Q.x,P.y)", "PR_parallel_x_axis", "QR_parallel_y_axis"],
            "coordinates": ["R": GraphKit.json(i.r)],
            "exact_answer": .string(root.text),
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_points", p), Fact(.implicit, "ip_right_angle", p),
                    Fact(.essential, "ec_coordinates", p)],
            question: Phrase("question", p), answer: answerValue, steps: steps, scene: scene(i),
            solved: answer, measured: answer)
    }
}
