import DatasetFormat
import Foundation

/// A chord AB of circle O and the perpendicular from the center, meeting AB at M
/// (right-angle mark): the perpendicular bisects the chord, so r² = AM² + OM².
///
/// Difficulty: 1 gives the radius and OM and asks AB (bisect, Pythagoras, double);
/// 2 gives AB and OM and asks the radius; 3 is the arch ("sagitta") problem: the
/// radius OC ⊥ AB meets AB at M, AB and CM are given and the radius is asked
/// (bisect, r² = AM² + (r − CM)², solve). Radicals, fractions or whole numbers.
public struct ChordDistanceLength: ProblemFamily {
    public init() {}
    public let id = "plane.chord_length"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .expression, .fraction, .choice]
    public let agreementTolerance = 1e-6


    public struct Instance: Sendable {
        /// O, A, B, M (foot of the perpendicular), and C (on the circle, beyond M) at difficulty 3.
        var fig: PlaneFigure
        var difficulty: Int
        /// (radius, OM) at difficulty 1; (AM = AB/2, OM) at 2; (AM = AB/2, CM) at 3.
        var g1: Int, g2: Int
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let o0 = Vec2(0, 0)
        var pts: [Vec2], roles = "OABM"
        let g1: Int, g2: Int
        switch difficulty {
        case 1:
            if rng.chance(0.35) {
                let t = PlaneKit.triple(&rng, maxHypotenuse: 50)
                (g1, g2) = (t.2, t.0)
            } else {
                g1 = rng.int(3...25); g2 = rng.int(1...(g1 - 1))
            }
            // The chord is the line at distance OM from the center, cut by the circle.
            let chord = PlaneKit.lineCircle(Vec2(0, -Double(g2)), Vec2(1, 0), center: o0, radius: Double(g1))
            guard chord.count == 2 else { throw GenerationFailure.degenerate("line misses the circle") }
            pts = [o0, chord[0], chord[1], PlaneKit.foot(o0, chord[0], chord[1])]
        case 2:
            if rng.chance(0.35) {
                let t = PlaneKit.triple(&rng, maxHypotenuse: 50)
                (g1, g2) = (t.0, t.1)
            } else {
                g1 = rng.int(2...20); g2 = rng.int(1...20)
            }
            let m0 = Vec2(0, -Double(g2))
            pts = [o0, m0 - Vec2(Double(g1), 0), m0 + Vec2(Double(g1), 0), m0]
        default:
            g1 = rng.int(3...20); g2 = rng.int(1...(g1 - 1))
            // The circle through A, B and the arch top C, found as the circumcenter.
            let a0 = Vec2(-Double(g1), 0), b0 = Vec2(Double(g1), 0), c0 = Vec2(0, -Double(g2)), m0 = Vec2(0, 0)
            let midAC = (a0 + c0) / 2
            guard let center = Construct.intersect(m0, Vec2(0, 1), midAC, (c0 - a0).perpendicular) else {
                throw GenerationFailure.degenerate("no circumcenter")
            }
            pts = [center, a0, b0, m0, c0]
            roles = "OABMC"
        }
        let r = pts[0].distance(to: pts[1])
        let om = pts[0].distance(to: pts[3])
        guard om >= 0.15 * r, om <= (difficulty == 3 ? 0.7 : 0.85) * r else {
            // (An arch lower than 0.3 r leaves CM too short to carry its value legibly.)
            throw GenerationFailure.degenerate("chord too near the center or the rim")
        }
        let pose = PlanePose.draw(&rng, tilt: .pi, freeTurn: 0)
        let fig = PlaneFigure(roles: roles, points: pts.map { pose($0) }, rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, g1: g1, g2: g2)
    }

    public func solve(_ i: Instance) -> Double {
        let x = Double(i.g1), y = Double(i.g2)
        switch i.difficulty {
        case 1: return 2 * (x * x - y * y).squareRoot()     // AM = √(r² − OM²), AB = 2AM
        case 2: return (x * x + y * y).squareRoot()         // r = √(AM² + OM²)
        default: return (x * x + y * y) / (2 * y)           // r² = AM² + (r − CM)²
        }
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        return i.difficulty == 1 ? f["A"].distance(to: f["B"]) : f["O"].distance(to: f["A"])
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        let (x, y) = (i.g1, i.g2)
        p["g1"] = String(x); p["g2"] = String(y); p["ab"] = String(2 * x)
        let r = f["O"].distance(to: f["A"])
        var scene = Scene()
        scene.add(.circle(center: f["O"], radius: r, style: .solid))
        f.addPoints(to: &scene)
        scene.add(.segment(f["A"], f["B"], style: .solid))
        scene.add(.segment(f["O"], f["A"], style: .solid))
        let abText = f.name("AB") + " = \(2 * x) cm"
        let answerValue: Answer, steps: [String], ec: String, question: String, target: String, givens: JSONValue
        switch i.difficulty {
        case 1:
            ec = "ec_radius_distance"; question = "question_chord"; target = "AB"
            p["am"] = Exact.sqrt(x * x - y * y).text
            p["x"] = Exact(2, root: x * x - y * y).text
            steps = ["step_bisect", "step_half", "step_double"]
            answerValue = PlaneKit.radicalAnswer(num: 2, rad: x * x - y * y, den: 1, unit: "cm",
                                                 mistakes: [(1, x * x - y * y, 1), (2, x * x + y * y, 1), (2 * (x - y), 1, 1)],
                                                 rng: &rng, options: options)
            givens = ["radius": .int(x), "OM": .int(y)]
            scene.add(.segment(f["O"], f["M"], style: .solid))
            scene.add(.rightAngle(vertex: f["M"], a: f["B"], b: f["O"]), .property)
            scene.add(.segmentValue(f["O"], f["A"], text: "\(x) cm", away: f["M"]), .given)
            scene.add(.segmentValue(f["O"], f["M"], text: "\(y) cm", away: f["A"]), .given)
        case 2:
            ec = "ec_chord_distance"; question = "question_radius"; target = "radius"
            p["x"] = Exact.sqrt(x * x + y * y).text
            steps = ["step_bisect", "step_half_given", "step_radius"]
            answerValue = PlaneKit.radicalAnswer(num: 1, rad: x * x + y * y, den: 1, unit: "cm",
                                                 mistakes: [(1, 4 * x * x + y * y, 1), (1, abs(x * x - y * y), 1), (x + y, 1, 1)],
                                                 rng: &rng, options: options)
            givens = ["AB": .int(2 * x), "OM": .int(y)]
            scene.add(.segment(f["O"], f["M"], style: .solid))
            scene.add(.rightAngle(vertex: f["M"], a: f["B"], b: f["O"]), .property)
            scene.add(.segmentValue(f["A"], f["B"], text: abText, away: f["O"]), .given)
            scene.add(.segmentValue(f["O"], f["M"], text: "\(y) cm", away: f["A"]), .given)
        default:
            ec = "ec_chord_sagitta"; question = "question_radius"; target = "radius"
            p["sq"] = String(x * x + y * y); p["twoh"] = String(2 * y)
            p["x"] = Exact(x * x + y * y, 2 * y).text
            steps = ["step_bisect", "step_setup", "step_solve"]
            answerValue = PlaneKit.fractionAnswer(num: x * x + y * y, den: 2 * y, unit: "cm",
                                                  mistakes: [(x * x + y * y, y), (x * x - y * y, 2 * y), (x * x + y * y, 2)],
                                                  rng: &rng, options: options)
            givens = ["AB": .int(2 * x), "CM": .int(y)]
            scene.add(.segment(f["O"], f["C"], style: .solid))
            scene.add(.rightAngle(vertex: f["M"], a: f["B"], b: f["C"]), .property)
            scene.add(.segmentValue(f["A"], f["B"], text: abText, away: f["O"]), .given)
            scene.add(.segmentValue(f["C"], f["M"], text: "\(y) cm", away: f["A"]), .given)
        }
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": i.difficulty == 3 ? ["O_center", "AB_chord", "C_on_circle", "OC_perpendicular_AB_at_M"]
                                           : ["O_center", "AB_chord", "OM_perpendicular_AB_at_M"],
            "target": .string(target),
            "difficulty": .int(i.difficulty),
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [
                Fact(.descriptive, i.difficulty == 3 ? "di_arch" : "di_chord", p),
                Fact(.implicit, i.difficulty == 3 ? "ip_perpendicular_oc" : "ip_perpendicular", p),
                Fact(.essential, ec, p),
            ],
            question: Phrase(question, p), answer: answerValue, steps: steps.map { Phrase($0, p) }, scene: scene,
            solved: answer, measured: answer)
    }
}
