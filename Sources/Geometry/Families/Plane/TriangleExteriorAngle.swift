import DatasetFormat
import Foundation

/// Triangle ABC with side BC extended beyond C to D. Two angles are given and a
/// third (interior or exterior) is asked.
///
/// Difficulty: 1 asks ∠ACB from ∠A and ∠B (angle sum); 2 asks the exterior ∠ACD
/// from ∠A and ∠B (exterior-angle theorem); 3 gives the exterior ∠ACD and ∠A and
/// asks ∠B (linear pair, then angle sum).
public struct TriangleExteriorAngle: ProblemFamily {
    public init() {}
    public let id = "plane.triangle_exterior_angle"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// A, B, C and D (on the extension of BC beyond C).
        var fig: PlaneFigure
        var angleA: Int, angleB: Int
        var difficulty: Int
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let angleA = rng.int(30...100), angleB = rng.int(30...95)
        let angleC = 180 - angleA - angleB
        guard angleC >= 25 else { throw GenerationFailure.degenerate("angle C = \(angleC) is too thin") }
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        // B at the origin, C on the x axis; A where the rays with the given angles at B and C meet.
        let b0 = Vec2(0, 0), c0 = Vec2(6, 0)
        guard let a0 = Construct.intersect(b0, Vec2.polar(1, Angle.radians(Double(angleB))),
                                           c0, Vec2.polar(1, .pi - Angle.radians(Double(angleC)))) else {
            throw GenerationFailure.degenerate("sides AB and AC are parallel")
        }
        let d0 = c0 + Vec2(rng.double(2.4...3.2), 0)
        let sides = [a0.distance(to: b0), b0.distance(to: c0), c0.distance(to: a0)]
        guard let lo = sides.min(), let hi = sides.max(), lo / hi > 0.35 else {
            throw GenerationFailure.degenerate("triangle too elongated")
        }
        let pose = PlanePose.draw(&rng, tilt: 0.3, freeTurn: 0.15)
        let fig = PlaneFigure(roles: "ABCD", points: [a0, b0, c0, d0].map { pose($0) }, rng: &rng)
        return Instance(fig: fig, angleA: angleA, angleB: angleB, difficulty: difficulty)
    }

    public func solve(_ i: Instance) -> Double {
        switch i.difficulty {
        case 1: return Double(180 - i.angleA - i.angleB)  // angle sum
        case 2: return Double(i.angleA + i.angleB)        // exterior angle = sum of the remote interior angles
        default:
            let exterior = i.angleA + i.angleB            // the given ∠ACD
            let acb = 180 - exterior                      // linear pair
            return Double(180 - i.angleA - acb)           // angle sum
        }
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        switch i.difficulty {
        case 1: return Angle.measure(f["A"], f["C"], f["B"])
        case 2: return Angle.measure(f["A"], f["C"], f["D"])
        default: return Angle.measure(f["A"], f["B"], f["C"])
        }
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        let exterior = i.angleA + i.angleB
        p["a"] = String(i.angleA)
        p["b"] = String(i.angleB)
        p["c"] = String(180 - exterior)
        p["e"] = String(exterior)
        p["x"] = formatNumber(answer)
        let ec: String, target: String, targetRoles: String, mistakes: [Double]
        var steps: [Phrase]
        switch i.difficulty {
        case 1:
            ec = "ec_two_angles"; targetRoles = "ACB"
            steps = [Phrase("step_angle_sum_c", p)]
            mistakes = [Double(exterior), Double(180 - i.angleA), Double(180 - i.angleB)]
        case 2:
            ec = "ec_two_angles"; targetRoles = "ACD"
            steps = [Phrase("step_exterior", p)]
            mistakes = [Double(180 - exterior), Double(180 - i.angleA), Double(abs(i.angleA - i.angleB))]
        default:
            ec = "ec_exterior"; targetRoles = "ABC"
            steps = [Phrase("step_linear_pair", p), Phrase("step_angle_sum_b", p)]
            mistakes = [Double(180 - exterior), Double(180 - i.angleA), Double(exterior + i.angleA) / 2]
        }
        target = f.name(targetRoles)
        var q = p
        q["target"] = target
        let answerValue = PlaneKit.integerAnswer(answer, unit: "degree", mistakes: mistakes,
                                                 valid: { $0 > 0 && $0 < 180 }, rng: &rng, options: options)

        var scene = Scene()
        f.addPoints(to: &scene)
        scene.add(.segment(f["A"], f["B"], style: .solid))
        scene.add(.segment(f["A"], f["C"], style: .solid))
        scene.add(.segment(f["B"], f["D"], style: .solid))
        let t = Array(targetRoles)
        scene.add(.angle(vertex: f[t[1]], from: f[t[0]], to: f[t[2]], arcs: 3, text: nil))
        scene.add(.angle(vertex: f["A"], from: f["B"], to: f["C"], arcs: 1, text: "\(i.angleA)°"), .given)
        if i.difficulty == 3 {
            scene.add(.angle(vertex: f["C"], from: f["A"], to: f["D"], arcs: 2, text: "\(exterior)°"), .given)
        } else {
            scene.add(.angle(vertex: f["B"], from: f["C"], to: f["A"], arcs: 2, text: "\(i.angleB)°"), .given)
        }

        let givens: JSONValue = i.difficulty == 3
            ? ["angle_A": .int(i.angleA), "angle_ACD": .int(exterior)]
            : ["angle_A": .int(i.angleA), "angle_B": .int(i.angleB)]
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": ["D_on_extension_of_BC_beyond_C"],
            "target": .string("angle_" + targetRoles),
            "difficulty": .int(i.difficulty),
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [
                Fact(.descriptive, "di_triangle", p),
                Fact(.implicit, "ip_collinear", p, shownBy: [.figure]),
                Fact(.essential, ec, p),
            ],
            question: Phrase("question", q), answer: answerValue, steps: steps, scene: scene,
            solved: answer, measured: answer)
    }
}
