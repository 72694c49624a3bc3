import DatasetFormat
import Foundation

/// Isosceles triangle ABC with AB = AC (tick marks). One angle is given, another asked.
///
/// Difficulty: 1 gives the apex ∠A and asks a base angle (half of 180° − ∠A, a decimal
/// when ∠A is odd); 2 gives a base angle and asks the apex (equal base angles, angle sum);
/// 3 extends BC beyond C to D, gives the apex and asks the exterior ∠ACD (base angle,
/// then a linear pair).
public struct IsoscelesBaseAngles: ProblemFamily {
    public init() {}
    public let id = "plane.isosceles_base_angles"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .decimal, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// A (apex), B, C, and at difficulty 3 also D on the extension of BC beyond C.
        var fig: PlaneFigure
        var difficulty: Int
        /// The given angle: the apex ∠A (difficulty 1, 3) or the base ∠B (difficulty 2), in degrees.
        var given: Int
        /// Difficulty 1: the asked base angle is ∠ACB rather than ∠ABC.
        var askAtC: Bool
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let a0: Vec2, b0: Vec2, c0: Vec2
        let given: Int
        if difficulty == 2 {
            // Base BC with equal rays at the given base angle: they meet at the apex.
            given = rng.int(25...77)
            b0 = Vec2(-3, 0); c0 = Vec2(3, 0)
            guard let a = Construct.intersect(b0, Vec2.polar(1, Angle.radians(Double(given))),
                                              c0, Vec2.polar(1, .pi - Angle.radians(Double(given)))) else {
                throw GenerationFailure.degenerate("base rays parallel")
            }
            a0 = a
        } else {
            // Two equal legs from the apex, opening at the given apex angle (odd values give a half-degree answer).
            given = difficulty == 1 && rng.chance(0.3) ? 2 * rng.int(10...69) + 1 : 2 * rng.int(10...70)
            let leg = 5.0, half = Angle.radians(Double(given)) / 2
            a0 = Vec2(0, 0)
            b0 = Vec2.polar(leg, -.pi / 2 - half)
            c0 = Vec2.polar(leg, -.pi / 2 + half)
        }
        let d0 = c0 + (c0 - b0).normalized * rng.double(2.2...3.0)
        let base = b0.distance(to: c0), leg = a0.distance(to: b0)
        guard base / leg > 0.45, base / leg < 3.2 else { throw GenerationFailure.degenerate("triangle too thin") }
        let pose = PlanePose.draw(&rng, tilt: 0.25, freeTurn: 0.15)
        let fig = difficulty == 3
            ? PlaneFigure(roles: "ABCD", points: [a0, b0, c0, d0].map { pose($0) }, rng: &rng)
            : PlaneFigure(roles: "ABC", points: [a0, b0, c0].map { pose($0) }, rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, given: given, askAtC: difficulty == 1 && rng.chance(0.5))
    }

    public func solve(_ i: Instance) -> Double {
        switch i.difficulty {
        case 1: return Double(180 - i.given) / 2            // equal base angles share 180° − apex
        case 2: return Double(180 - 2 * i.given)            // ∠C = ∠B, angle sum
        default: return 180 - Double(180 - i.given) / 2     // linear pair with the base angle ∠ACB
        }
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        switch i.difficulty {
        case 1: return i.askAtC ? Angle.measure(f["A"], f["C"], f["B"]) : Angle.measure(f["A"], f["B"], f["C"])
        case 2: return Angle.measure(f["B"], f["A"], f["C"])
        default: return Angle.measure(f["A"], f["C"], f["D"])
        }
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        p["g"] = String(i.given)
        p["x"] = formatNumber(answer)
        let base = Double(180 - i.given) / 2
        p["base"] = formatNumber(base)
        let targetRoles: String, steps: [Phrase], mistakes: [Double]
        switch i.difficulty {
        case 1:
            targetRoles = i.askAtC ? "ACB" : "ABC"
            steps = [Phrase("step_base_from_apex", p)]
            mistakes = [Double(180 - i.given), Double(i.given) / 2, Double(i.given)]
        case 2:
            targetRoles = "BAC"
            steps = [Phrase("step_equal_base", p), Phrase("step_apex", p)]
            mistakes = [Double(180 - i.given), Double(90 - i.given), Double(i.given)]
        default:
            targetRoles = "ACD"
            steps = [Phrase("step_base_from_apex_c", p), Phrase("step_linear_pair", p)]
            mistakes = [base, Double(180 - i.given), Double(i.given) + base / 2]
        }
        var q = p
        q["target"] = f.name(targetRoles)
        let answerValue = PlaneKit.decimalAnswer(answer, decimals: 1, step: 1, unit: "degree", mistakes: mistakes,
                                                 valid: { $0 > 0 && $0 < 180 }, rng: &rng, options: options)

        var scene = Scene()
        f.addPoints(to: &scene)
        scene.add(.segment(f["A"], f["B"], style: .solid))
        scene.add(.segment(f["A"], f["C"], style: .solid))
        scene.add(.segment(f["B"], i.difficulty == 3 ? f["D"] : f["C"], style: .solid))
        scene.add(.ticks(f["A"], f["B"], count: 1), .property)
        scene.add(.ticks(f["A"], f["C"], count: 1), .property)
        let t = Array(targetRoles)
        scene.add(.angle(vertex: f[t[1]], from: f[t[0]], to: f[t[2]], arcs: 2, text: nil))
        if i.difficulty == 2 {
            scene.add(.angle(vertex: f["B"], from: f["C"], to: f["A"], arcs: 1, text: "\(i.given)°"), .given)
        } else {
            scene.add(.angle(vertex: f["A"], from: f["B"], to: f["C"], arcs: 1, text: "\(i.given)°"), .given)
        }

        let givenKey = i.difficulty == 2 ? "angle_B" : "angle_A"
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": .object([(givenKey, .int(i.given))]),
            "relations": i.difficulty == 3 ? ["AB_equals_AC", "D_on_extension_of_BC_beyond_C"] : ["AB_equals_AC"],
            "target": .string("angle_" + targetRoles),
            "difficulty": .int(i.difficulty),
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [
                Fact(.descriptive, i.difficulty == 3 ? "di_triangle_extended" : "di_triangle", p),
                Fact(.implicit, "ip_equal_legs", p),
                Fact(.essential, i.difficulty == 2 ? "ec_base_angle" : "ec_apex_angle", p),
            ],
            question: Phrase("question", q), answer: answerValue, steps: steps, scene: scene,
            solved: answer, measured: answer)
    }
}
