import DatasetFormat
import Foundation

/// Circle O with A, B, C on it (C on the major arc): the inscribed angle ∠ACB is
/// half the central angle ∠AOB on the same arc.
///
/// Difficulty: 1 gives ∠AOB and asks ∠ACB (a half degree when ∠AOB is odd); 2 gives
/// ∠ACB and asks ∠AOB; 3 draws chord AB, gives ∠OAB and asks ∠ACB (isosceles △OAB,
/// angle sum, then the inscribed-angle theorem).
public struct InscribedCentralAngle: ProblemFamily {
    public init() {}
    public let id = "plane.inscribed_angle"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .decimal, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// O (center), A, B, C.
        var fig: PlaneFigure
        var radius: Double
        var difficulty: Int
        /// ∠AOB (difficulty 1), ∠ACB (2) or ∠OAB (3), in degrees.
        var given: Int
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let r = 4.0, o = Vec2(0, 0)
        let a = Vec2.polar(r, 0)
        let given: Int, b: Vec2
        switch difficulty {
        case 1:
            // The central angle is the given: B is that far round the circle from A.
            given = rng.chance(0.3) ? 2 * rng.int(21...84) + 1 : 2 * rng.int(21...85)
            b = Vec2.polar(r, Angle.radians(Double(given)))
        case 2:
            // Built from the inscribed angle itself: C first, then B where the ray from C at the
            // given angle to CA meets the circle again.
            given = rng.int(22...84)
            let c = Vec2.polar(r, Angle.radians(rng.double(200...250)))
            let ray = (a - c).rotated(by: Angle.radians(Double(given)))
            guard let hit = PlaneKit.lineCircle(c, ray, center: o, radius: r).last else {
                throw GenerationFailure.degenerate("ray misses the circle")
            }
            b = hit
            return try finish(o: o, a: a, b: b, c: c, r: r, difficulty: difficulty, given: given, &rng)
        default:
            // ∠OAB given: B where the ray from A, turned by that angle from AO, meets the circle again.
            given = rng.int(8...68)
            let ray = (o - a).rotated(by: -Angle.radians(Double(given)))
            guard let hit = PlaneKit.lineCircle(a, ray, center: o, radius: r).last else {
                throw GenerationFailure.degenerate("ray misses the circle")
            }
            b = hit
        }
        // C on the major arc, away from A and B.
        let t0 = b.angle < 0 ? b.angle + 2 * .pi : b.angle
        let t = t0 + (2 * .pi - t0) * rng.double(0.3...0.7)
        return try finish(o: o, a: a, b: b, c: Vec2.polar(r, t), r: r, difficulty: difficulty, given: given, &rng)
    }

    private func finish(o: Vec2, a: Vec2, b: Vec2, c: Vec2, r: Double, difficulty: Int, given: Int,
                        _ rng: inout SplitMix64) throws -> Instance {
        for (p, q) in [(a, b), (b, c), (c, a)] where p.distance(to: q) < 0.7 * r {
            throw GenerationFailure.degenerate("points too close on the circle")
        }
        let pose = PlanePose.draw(&rng, tilt: .pi, freeTurn: 0)
        let fig = PlaneFigure(roles: "OABC", points: [o, a, b, c].map { pose($0) }, rng: &rng)
        return Instance(fig: fig, radius: r, difficulty: difficulty, given: given)
    }

    public func solve(_ i: Instance) -> Double {
        let g = Double(i.given)
        switch i.difficulty {
        case 1: return g / 2              // inscribed angle = half the central angle
        case 2: return 2 * g              // central angle = twice the inscribed angle
        default: return (180 - 2 * g) / 2 // OA = OB: ∠AOB = 180° − 2∠OAB, then halve
        }
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        return i.difficulty == 2 ? Angle.measure(f["A"], f["O"], f["B"]) : Angle.measure(f["A"], f["C"], f["B"])
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        let g = i.given
        p["g"] = String(g)
        p["x"] = formatNumber(answer)
        p["c"] = String(180 - 2 * g)
        var scene = Scene()
        scene.add(.circle(center: f["O"], radius: i.radius, style: .solid))
        f.addPoints(to: &scene)
        for (u, v) in [("O", "A"), ("O", "B"), ("C", "A"), ("C", "B")] as [(Character, Character)] {
            scene.add(.segment(f[u], f[v], style: .solid))
        }
        let targetRoles: String, ec: String, steps: [String], mistakes: [Double], givenRoles: String
        switch i.difficulty {
        case 1:
            targetRoles = "ACB"; givenRoles = "AOB"; ec = "ec_central"
            steps = ["step_inscribed_half"]
            mistakes = [Double(g), Double(2 * g), Double(180 - g)]
        case 2:
            targetRoles = "AOB"; givenRoles = "ACB"; ec = "ec_inscribed"
            steps = ["step_central_double"]
            mistakes = [Double(g), Double(g) / 2, Double(180 - g)]
        default:
            targetRoles = "ACB"; givenRoles = "OAB"; ec = "ec_base"
            scene.add(.segment(f["A"], f["B"], style: .solid))
            steps = ["step_isosceles", "step_central", "step_inscribed"]
            mistakes = [Double(180 - 2 * g), Double(90 + g), Double(g)]
        }
        let t = Array(targetRoles), gv = Array(givenRoles)
        scene.add(.angle(vertex: f[t[1]], from: f[t[0]], to: f[t[2]], arcs: 2, text: nil))
        scene.add(.angle(vertex: f[gv[1]], from: f[gv[0]], to: f[gv[2]], arcs: 1, text: "\(g)°"), .given)
        let answerValue = PlaneKit.decimalAnswer(answer, decimals: 1, step: 1, unit: "degree", mistakes: mistakes,
                                                 valid: { $0 > 0 && $0 < 180 }, rng: &rng, options: options)
        var q = p
        q["target"] = f.name(targetRoles)
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": .object([("angle_" + givenRoles, .int(g))]),
            "relations": ["O_center", "A_on_circle", "B_on_circle", "C_on_major_arc_AB"],
            "target": .string("angle_" + targetRoles),
            "difficulty": .int(i.difficulty),
            "radius": .double(i.radius),
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [
                Fact(.descriptive, i.difficulty == 3 ? "di_circle_chord" : "di_circle", p),
                Fact(.implicit, "ip_on_circle", p, shownBy: [.figure]),
                // On the minor arc the inscribed angle would be 180° minus half the central one.
                Fact(.implicit, "ip_major_arc", p, shownBy: [.figure], pinsConfiguration: true),
                Fact(.essential, ec, p),
            ],
            question: Phrase("question", q), answer: answerValue, steps: steps.map { Phrase($0, p) }, scene: scene,
            solved: answer, measured: answer, configurationMatters: true)
    }
}
