import DatasetFormat
import Foundation

/// A tangent PA from an outside point P to circle O: the radius OA is perpendicular
/// to the tangent, so △OAP is right-angled at A. No mark shows the right angle;
/// the solver must know the tangent property.
///
/// Difficulty: 1 gives the radius and OP and asks PA; 2 gives the radius and PA and
/// asks OP; 3 gives the radius and PB (B where OP meets the circle) and asks PA
/// (OP = OB + BP, the right angle, Pythagoras). Whole numbers for triples, radicals otherwise.
public struct TangentSegmentLength: ProblemFamily {
    public init() {}
    public let id = "plane.tangent_length"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .expression, .choice]
    public let agreementTolerance = 1e-6


    public struct Instance: Sendable {
        /// O, A (point of contact), P, and B (on OP and the circle) at difficulty 3.
        var fig: PlaneFigure
        var difficulty: Int
        /// The radius and the second given: OP (1), PA (2) or PB (3).
        var r: Int, g: Int
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let r: Int, g: Int
        if rng.chance(0.45) {
            let t = PlaneKit.triple(&rng, maxHypotenuse: 60)
            r = t.0
            switch difficulty {
            case 1: g = t.2
            case 2: g = t.1
            default: g = t.2 - t.0
            }
        } else {
            r = rng.int(2...20)
            switch difficulty {
            case 1: g = rng.int((r + 1)...(3 * r + 2))
            case 2: g = rng.int(2...(2 * r + 4))
            default: g = rng.int(1...(2 * r))
            }
        }
        let rr = Double(r), o = Vec2(0, 0)
        var a: Vec2, p: Vec2
        switch difficulty {
        case 2:
            // The tangent at A is perpendicular to OA: walk PA along it.
            a = Vec2(0, rr)
            p = a + Vec2(Double(g), 0)
        default:
            // The point of contact is where the circle on OP as diameter meets ⊙O.
            p = Vec2(difficulty == 1 ? Double(g) : rr + Double(g), 0)
            guard let hit = PlaneKit.circleCircle(o, rr, (o + p) / 2, p.length / 2).max(by: { $0.y < $1.y }) else {
                throw GenerationFailure.degenerate("P is not outside the circle")
            }
            a = hit
        }
        let ratio = rr / o.distance(to: p)
        guard ratio >= 0.25, ratio <= 0.85 else { throw GenerationFailure.degenerate("P too near or too far") }
        let b = p.normalized * rr
        let pose = PlanePose.draw(&rng, tilt: .pi, freeTurn: 0)
        let fig = difficulty == 3
            ? PlaneFigure(roles: "OAPB", points: [o, a, p, b].map { pose($0) }, rng: &rng)
            : PlaneFigure(roles: "OAP", points: [o, a, p].map { pose($0) }, rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, r: r, g: g)
    }

    /// The squared answer, an integer, so the answer prints as an exact radical.
    func squared(_ i: Instance) -> Int {
        switch i.difficulty {
        case 1: return i.g * i.g - i.r * i.r
        case 2: return i.r * i.r + i.g * i.g
        default: return (i.r + i.g) * (i.r + i.g) - i.r * i.r
        }
    }

    public func solve(_ i: Instance) -> Double {
        let r = Double(i.r), g = Double(i.g)
        switch i.difficulty {
        case 1: return (g * g - r * r).squareRoot()   // ∠OAP = 90°: PA² = OP² − OA²
        case 2: return (r * r + g * g).squareRoot()   // OP² = OA² + PA²
        default:
            let op = r + g                             // OP = OB + BP, OB a radius
            return (op * op - r * r).squareRoot()
        }
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        return i.difficulty == 2 ? f["O"].distance(to: f["P"]) : f["P"].distance(to: f["A"])
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        let (r, g) = (i.r, i.g)
        p["r"] = String(r); p["g"] = String(g); p["op"] = String(i.difficulty == 1 ? g : r + g)
        let sq = squared(i)
        p["x"] = Exact.sqrt(sq).text
        var scene = Scene()
        scene.add(.circle(center: f["O"], radius: Double(r), style: .solid))
        f.addPoints(to: &scene)
        scene.add(.segment(f["O"], f["A"], style: .solid))
        scene.add(.segment(f["O"], f["P"], style: .solid))
        scene.add(.segment(f["P"], f["A"], style: .solid))
        scene.add(.segmentValue(f["O"], f["A"], text: "\(r) cm", away: f["P"]), .given)
        let ec: String, steps: [String], question: String, target: String, givens: JSONValue
        let mistakes: [(Int, Int, Int)]
        switch i.difficulty {
        case 1:
            ec = "ec_op"; question = "question_pa"; target = "PA"
            steps = ["step_perpendicular", "step_pa"]
            mistakes = [(1, g * g + r * r, 1), (g - r, 1, 1), (g + r, 1, 1)]
            givens = ["radius": .int(r), "OP": .int(g)]
            scene.add(.segmentValue(f["O"], f["P"], text: "\(g) cm", away: f["A"]), .given)
        case 2:
            ec = "ec_pa"; question = "question_op"; target = "OP"
            steps = ["step_perpendicular", "step_op"]
            mistakes = [(r + g, 1, 1), (1, abs(g * g - r * r), 1), (1, r + g, 1)]
            givens = ["radius": .int(r), "PA": .int(g)]
            scene.add(.segmentValue(f["P"], f["A"], text: "\(g) cm", away: f["O"]), .given)
        default:
            ec = "ec_pb"; question = "question_pa"; target = "PA"
            steps = ["step_op_sum", "step_perpendicular", "step_pa"]
            mistakes = [(1, g * g + r * r, 1), (1, abs(g * g - r * r), 1), (1, (r + g) * (r + g) + r * r, 1)]
            givens = ["radius": .int(r), "PB": .int(g)]
            scene.add(.segmentValue(f["B"], f["P"], text: "\(g) cm", away: f["A"]), .given)
        }
        let answerValue = PlaneKit.radicalAnswer(num: 1, rad: sq, den: 1, unit: "cm", mistakes: mistakes,
                                                 rng: &rng, options: options)
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": i.difficulty == 3 ? ["O_center", "PA_tangent_at_A", "B_on_OP_and_circle"]
                                           : ["O_center", "PA_tangent_at_A"],
            "target": .string(target),
            "difficulty": .int(i.difficulty),
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [
                Fact(.descriptive, i.difficulty == 3 ? "di_circle_b" : "di_circle", p),
                Fact(.implicit, "ip_tangent", p, shownBy: [.figure]),
                Fact(.essential, ec, p),
            ],
            question: Phrase(question, p), answer: answerValue, steps: steps.map { Phrase($0, p) }, scene: scene,
            solved: answer, measured: answer)
    }
}
