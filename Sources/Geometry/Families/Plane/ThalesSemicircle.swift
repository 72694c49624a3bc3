import DatasetFormat
import Foundation

/// Circle O with diameter AB and C on the circle: the angle in a semicircle, ∠ACB,
/// is a right angle (Thales). Nothing marks it; that is what the solver must see.
///
/// Difficulty: 1 gives ∠CAB and asks ∠ABC (right angle, angle sum); 2 gives AC and BC
/// and asks the radius (right angle, Pythagoras, halve); 3 gives the radius and AC and
/// asks BC (diameter, right angle, Pythagoras).
public struct ThalesSemicircle: ProblemFamily {
    public init() {}
    public let id = "plane.thales_semicircle"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .fraction, .expression, .choice]
    public let agreementTolerance = 1e-6


    public struct Instance: Sendable {
        /// O (center), A, B (ends of the diameter), C.
        var fig: PlaneFigure
        var difficulty: Int
        /// ∠CAB, or ∠ABC when `g2` is 1 (difficulty 1); AC and BC (2); the radius and AC (3).
        var g1: Int, g2: Int
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        var o = Vec2(0, 0), a: Vec2, b: Vec2, c: Vec2
        let g1: Int, g2: Int
        switch difficulty {
        case 1:
            // C where the ray from A (or B) at the given angle to AB meets the circle again.
            g1 = rng.int(20...70); g2 = rng.chance(0.5) ? 1 : 0
            a = Vec2(-5, 0); b = Vec2(5, 0)
            let (from, dir) = g2 == 1 ? (b, Vec2.polar(1, .pi - Angle.radians(Double(g1))))
                                      : (a, Vec2.polar(1, Angle.radians(Double(g1))))
            guard let hit = PlaneKit.lineCircle(from, dir, center: o, radius: 5).last else {
                throw GenerationFailure.degenerate("ray misses the circle")
            }
            c = hit
        case 2:
            // The right triangle from its legs; the circle is the one on AB as diameter.
            if rng.chance(0.6) {
                let t = PlaneKit.triple(&rng, maxHypotenuse: 60)
                (g1, g2) = (t.0, t.1)
            } else {
                g1 = rng.int(2...20); g2 = rng.int(2...20)
            }
            guard Double(min(g1, g2)) / Double(max(g1, g2)) >= 0.3 else { throw GenerationFailure.degenerate("too thin") }
            c = Vec2(0, 0); a = Vec2(Double(g1), 0); b = Vec2(0, Double(g2))
            o = (a + b) / 2
        default:
            // C where the circle about A of radius AC meets ⊙O.
            g1 = rng.int(3...25); g2 = rng.int(max(2, g1 / 2)...(2 * g1 - 2))
            let r = Double(g1)
            a = Vec2(-r, 0); b = Vec2(r, 0)
            guard let hit = PlaneKit.circleCircle(o, r, a, Double(g2)).max(by: { $0.y < $1.y }) else {
                throw GenerationFailure.degenerate("circles miss")
            }
            c = hit
        }
        let ang = Angle.measure(c, a, b)
        guard ang >= 18, ang <= 72 else { throw GenerationFailure.degenerate("C too close to A or B") }
        let pose = PlanePose.draw(&rng, tilt: 0.4, freeTurn: 0.3)
        let fig = PlaneFigure(roles: "OABC", points: [o, a, b, c].map { pose($0) }, rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, g1: g1, g2: g2)
    }

    public func solve(_ i: Instance) -> Double {
        let x = Double(i.g1), y = Double(i.g2)
        switch i.difficulty {
        case 1: return 180 - 90 - x                          // ∠ACB = 90°, angle sum
        case 2: return (x * x + y * y).squareRoot() / 2      // AB by Pythagoras, radius = AB/2
        default: return (4 * x * x - y * y).squareRoot()     // AB = 2r, BC = √(AB² − AC²)
        }
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        switch i.difficulty {
        case 1: return i.g2 == 1 ? Angle.measure(f["C"], f["A"], f["B"]) : Angle.measure(f["C"], f["B"], f["A"])
        case 2: return f["O"].distance(to: f["C"])  // C on the circle: its distance to the center
        default: return f["B"].distance(to: f["C"])
        }
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        let (x, y) = (i.g1, i.g2)
        p["g1"] = String(x); p["g2"] = String(y)
        var scene = Scene()
        scene.add(.circle(center: f["O"], radius: f["O"].distance(to: f["A"]), style: .solid))
        f.addPoints(to: &scene)
        scene.add(.segment(f["A"], f["B"], style: .solid))
        scene.add(.segment(f["A"], f["C"], style: .solid))
        scene.add(.segment(f["B"], f["C"], style: .solid))
        let answerValue: Answer, steps: [String], question: String, ec: String, target: String, givens: JSONValue
        switch i.difficulty {
        case 1:
            // The given angle sits at A (asked at B) or, mirrored in the roles, at B (asked at A).
            let (gv, tv): (Character, Character) = y == 1 ? ("B", "A") : ("A", "B")
            p["gname"] = f.name(String([gv])); p["tname"] = f.name(String([tv]))
            ec = "ec_angle"; question = "question_angle"; target = "angle_C\(tv)\(gv)"
            p["x"] = formatNumber(answer)
            steps = ["step_thales", "step_angle_sum"]
            answerValue = PlaneKit.integerAnswer(answer, unit: "degree", mistakes: [Double(180 - x), Double(x), Double(180 - 2 * x)],
                                                 valid: { $0 > 0 && $0 < 180 }, rng: &rng, options: options)
            givens = .object([("angle_C\(gv)\(tv)", .int(x))])
            scene.add(.angle(vertex: f[tv], from: f["C"], to: f[gv], arcs: 2, text: nil))
            scene.add(.angle(vertex: f[gv], from: f[tv], to: f["C"], arcs: 1, text: "\(x)°"), .given)
        case 2:
            ec = "ec_legs"; question = "question_radius"; target = "radius"
            let c2 = x * x + y * y
            p["ab"] = Exact.sqrt(c2).text
            p["x"] = Exact(1, 2, root: c2).text
            steps = ["step_thales", "step_hypotenuse", "step_radius"]
            answerValue = PlaneKit.radicalAnswer(num: 1, rad: c2, den: 2, unit: "cm",
                                                 mistakes: [(1, c2, 1), (x + y, 1, 2), (1, c2, 4)],
                                                 rng: &rng, options: options)
            givens = ["AC": .int(x), "BC": .int(y)]
            scene.add(.segmentValue(f["A"], f["C"], text: "\(x) cm", away: f["B"]), .given)
            scene.add(.segmentValue(f["B"], f["C"], text: "\(y) cm", away: f["A"]), .given)
        default:
            ec = "ec_radius_side"; question = "question_side"; target = "BC"
            let bc2 = 4 * x * x - y * y
            p["ab"] = String(2 * x)
            p["x"] = Exact.sqrt(bc2).text
            steps = ["step_diameter", "step_thales", "step_leg"]
            answerValue = PlaneKit.radicalAnswer(num: 1, rad: bc2, den: 1, unit: "cm",
                                                 mistakes: [(1, x * x - y * y > 0 ? x * x - y * y : x * x + y * y, 1),
                                                            (1, 4 * x * x + y * y, 1), (2 * x - y, 1, 1)],
                                                 rng: &rng, options: options)
            givens = ["radius": .int(x), "AC": .int(y)]
            scene.add(.segmentValue(f["O"], f["A"], text: "\(x) cm", away: f["C"]), .given)
            scene.add(.segmentValue(f["A"], f["C"], text: "\(y) cm", away: f["B"]), .given)
        }
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": ["O_center", "AB_diameter", "C_on_circle"],
            "target": .string(target),
            "difficulty": .int(i.difficulty),
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [
                Fact(.descriptive, "di_circle", p),
                Fact(.implicit, "ip_diameter", p, shownBy: [.figure]),
                Fact(.essential, ec, p),
            ],
            question: Phrase(question, p), answer: answerValue, steps: steps.map { Phrase($0, p) }, scene: scene,
            solved: answer, measured: answer)
    }
}
