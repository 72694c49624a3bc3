import DatasetFormat
import Foundation

/// The standard equation (x - h)² + (y - k)² = r² of a circle drawn on the grid.
///
/// Difficulty: 1 centre and radius given, 2 centre and a point P on the circle given
/// (r² by the distance formula), 3 the endpoints of a diameter AB given (centre by the
/// midpoint formula, then r²). The answer is an expression; the two routes agree on r².
public struct CircleEquation: ProblemFamily {
    public init() {}
    public let id = "analytic.circle_equation"
    public let subject = Subject.analytic
    public let answerTypes: [AnswerType] = [.expression, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Labels of the centre C and of P (difficulty 1-2) or A and B (difficulty 3).
        var names: [String]
        var center: Vec2
        /// A lattice point on the circle: the radius end (1), P (2) or A (3; B is opposite).
        var p: Vec2
        var difficulty: Int
        var window: GraphKit.Window
        var radius: Double { center.distance(to: p) }
        var b: Vec2 { center * 2 - p }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let c = GraphKit.lattice(-3...3, -3...3, &rng)
        var v: Vec2
        switch d {
        case 1:
            let r = Double(rng.int(2...4))
            v = rng.pick([Vec2(r, 0), Vec2(-r, 0), Vec2(0, r), Vec2(0, -r)])
        default:
            v = Vec2(Double(GraphKit.nonzero(-4...4, &rng)), Double(GraphKit.nonzero(-4...4, &rng)))
        }
        let r = v.length
        guard r >= 2, r <= 5 else { throw GenerationFailure.degenerate("radius \(r)") }
        guard c.length > 0.5 else { throw GenerationFailure.degenerate("centre at the origin hides the O") }
        let p = c + v
        let corners = [c + Vec2(-r, -r), c + Vec2(r, r)]
        let base = try GraphKit.window(covering: corners + [p], margin: 0.8, balanced: true)
        let names = Labels.draw(d == 3 ? 3 : 2, &rng)
        return try GraphKit.settle(base, options: options, candidates: { w in
            [Instance(names: names, center: c, p: p, difficulty: d, window: w)]
        }, scene: scene)
    }

    /// r² from the givens: the stated radius squared, the distance formula from C to P,
    /// or a quarter of |AB|².
    public func solve(_ i: Instance) -> Double {
        switch i.difficulty {
        case 1: let r = i.radius.rounded(); return r * r
        case 2: let dx = i.p.x - i.center.x, dy = i.p.y - i.center.y; return dx * dx + dy * dy
        default:
            let dx = i.b.x - i.p.x, dy = i.b.y - i.p.y
            return (dx * dx + dy * dy) / 4
        }
    }

    /// Reads the drawn circle: the circumcentre of three of its points, then the squared
    /// distance from there to a fourth.
    public func measure(_ i: Instance) -> Double {
        let pts = [0.3, 2.2, 4.1, 5.5].map { i.center + Vec2.polar(i.radius, $0) }
        let (a, b, c) = (pts[0], pts[1], pts[2])
        let d = 2 * (a.x * (b.y - c.y) + b.x * (c.y - a.y) + c.x * (a.y - b.y))
        guard abs(d) > 1e-12 else { return .nan }
        let a2 = a.dot(a), b2 = b.dot(b), c2 = c.dot(c)
        let o = Vec2((a2 * (b.y - c.y) + b2 * (c.y - a.y) + c2 * (a.y - b.y)) / d,
                     (a2 * (c.x - b.x) + b2 * (a.x - c.x) + c2 * (b.x - a.x)) / d)
        let r = o.distance(to: pts[3])
        return r * r
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: true)))
        s.add(.circle(center: i.center, radius: i.radius, style: .solid))
        switch i.difficulty {
        case 1:
            s.add(.segment(i.center, i.p, style: .solid))
            s.add(.point(at: i.center, label: i.names[0], dot: true))
            s.add(.segmentValue(i.center, i.p, text: "r = " + GraphKit.num(i.radius), away: i.center + (i.p - i.center).perpendicular), .given)
            s.add(.text(at: i.center, text: GraphKit.point(i.center)), .given)
        case 2:
            s.add(.segment(i.center, i.p, style: .dashed))
            s.add(.point(at: i.center, label: i.names[0], dot: true))
            s.add(.point(at: i.p, label: i.names[1], dot: true))
            s.add(.text(at: i.center, text: GraphKit.point(i.center)), .given)
            s.add(.text(at: i.p, text: GraphKit.point(i.p)), .given)
        default:
            s.add(.segment(i.p, i.b, style: .solid))
            s.add(.point(at: i.center, label: i.names[0], dot: true))
            s.add(.point(at: i.p, label: i.names[1], dot: true))
            s.add(.point(at: i.b, label: i.names[2], dot: true))
            s.add(.text(at: i.p, text: GraphKit.point(i.p)), .given)
            s.add(.text(at: i.b, text: GraphKit.point(i.b)), .given)
        }
        return s
    }

    /// "(x - 2)² + (y + 1)² = 13".
    static func equation(center c: Vec2, rSquared: Int) -> String {
        func part(_ v: String, _ h: Double) -> String {
            abs(h) < 1e-9 ? v + "²" : "(" + GraphKit.shifted(v, by: Exact(Int(h.rounded()))) + ")²"
        }
        return part("x", c.x) + " + " + part("y", c.y) + " = " + String(rSquared)
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let C = i.names[0]
        let r2 = Int(answer.rounded())
        let eq = Self.equation(center: i.center, rSquared: r2)
        var p: [String: String] = [
            "C": C, "h": GraphKit.num(i.center.x), "k": GraphKit.num(i.center.y),
            "r": GraphKit.num(i.radius), "r2": String(r2), "eq": eq,
            "hp": GraphKit.paren(i.center.x), "kp": GraphKit.paren(i.center.y),
            "px": GraphKit.num(i.p.x), "py": GraphKit.num(i.p.y),
            "dx": GraphKit.paren(i.p.x - i.center.x), "dy": GraphKit.paren(i.p.y - i.center.y),
        ]
        if i.names.count > 1 { p["P"] = i.names[1]; p["A"] = i.names[1] }
        if i.names.count > 2 {
            p["B"] = i.names[2]
            p["bx"] = GraphKit.num(i.b.x); p["by"] = GraphKit.num(i.b.y)
            p["ab2"] = String(4 * r2)
        }
        let facts: [Fact]
        let steps: [Phrase]
        var wrong: [String]
        switch i.difficulty {
        case 1:
            facts = [Fact(.descriptive, "di_circle", p), Fact(.implicit, "ip_radius", p, shownBy: [.figure]), Fact(.essential, "ec_center_radius", p)]
            steps = [Phrase("step_standard_form", p)]
            wrong = [Self.equation(center: i.center, rSquared: Int(i.radius.rounded()))]
        case 2:
            facts = [Fact(.descriptive, "di_circle_point", p), Fact(.implicit, "ip_on_circle", p, shownBy: [.figure]), Fact(.essential, "ec_center_point", p)]
            steps = [Phrase("step_radius_squared", p), Phrase("step_standard_form", p)]
            wrong = [Self.equation(center: i.center, rSquared: Int((Double(r2)).squareRoot().rounded()))]
        default:
            facts = [Fact(.descriptive, "di_circle_diameter", p), Fact(.implicit, "ip_diameter", p, shownBy: [.figure]), Fact(.essential, "ec_diameter", p)]
            steps = [Phrase("step_center_midpoint", p), Phrase("step_radius_diameter", p), Phrase("step_standard_form", p)]
            wrong = [Self.equation(center: i.center, rSquared: 4 * r2)]
        }
        // Sign slips in the centre (the classic (x + h) for centre h), and a wrong r².
        wrong += [Self.equation(center: -i.center, rSquared: r2), Self.equation(center: Vec2(-i.center.x, i.center.y), rSquared: r2),
                  Self.equation(center: Vec2(i.center.x, -i.center.y), rSquared: r2),
                  Self.equation(center: Vec2(i.center.y, i.center.x), rSquared: r2)]
        var answerValue = Answer(type: .expression, text: eq, value: nil, tolerance: 0)
        GraphKit.maybeChoices(&answerValue, mistakes: wrong, rate: options.multipleChoiceRate, rng: &rng)
        var givens: [(String, JSONValue)] = []
        switch i.difficulty {
        case 1: givens = [("C", GraphKit.json(i.center)), ("r", .double(i.radius.rounded()))]
        case 2: givens = [("C", GraphKit.json(i.center)), ("P", GraphKit.json(i.p))]
        default: givens = [("A", GraphKit.json(i.p)), ("B", GraphKit.json(i.b))]
        }
        let spec: JSONValue = [
            "labels": .object(i.names.enumerated().map { (["C", i.difficulty == 3 ? "A" : "P", "B"][$0.offset], .string($0.element)) }),
            "givens": .object(givens),
            "target": "circle_equation",
            "difficulty": .int(i.difficulty),
            "center": GraphKit.json(i.center), "r_squared": .int(r2),
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec, facts: facts, question: Phrase("question", p),
            answer: answerValue, steps: steps, scene: scene(i), solved: answer, measured: answer)
    }
}
