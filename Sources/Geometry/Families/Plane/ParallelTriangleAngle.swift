import DatasetFormat
import Foundation

/// Triangle ABC, D on AB, E on AC, DE parallel to BC; two angles of the triangle
/// are given and an angle at D or E is asked (the MathVerse/GeoQA example).
///
/// Difficulty picks the target: 1 asks angle ADE (corresponding angles), 2 asks
/// AED (angle sum, then corresponding angles), 3 asks CED (and then a linear pair).
public struct ParallelTriangleAngle: ProblemFamily {
    public init() {}
    public let id = "plane.parallel_triangle_angle"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Labels of A, B, C, D, E in that role order.
        var names: [String]
        var angleA: Int, angleB: Int
        var target: Int  // difficulty 1...3
        var a: Vec2, b: Vec2, c: Vec2, d: Vec2, e: Vec2
        var ratio: Double
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let angleA = rng.int(30...100)
        let angleB = rng.int(30...100)
        let angleC = 180 - angleA - angleB
        guard angleC >= 25 else { throw GenerationFailure.degenerate("angle C = \(angleC) is too thin") }
        // B at the origin, C on the x axis; A where the rays from B and C meet.
        let b0 = Vec2(0, 0), c0 = Vec2(10, 0)
        let rayB = Vec2.polar(1, Angle.radians(Double(angleB)))
        let rayC = Vec2.polar(1, .pi - Angle.radians(Double(angleC)))
        guard let a0 = Construct.intersect(b0, rayB, c0, rayC) else {
            throw GenerationFailure.degenerate("sides AB and AC are parallel")
        }
        let ratio = rng.double(0.35...0.65)
        let rotation = rng.chance(0.7) ? rng.double(-0.25...0.25) : rng.double(-.pi...(.pi))
        let mirror = rng.chance(0.5)
        let o = { (p: Vec2) in Construct.orient(p, rotation: rotation, mirror: mirror) }
        let a = o(a0), b = o(b0), c = o(c0)
        let d = Construct.along(a, b, ratio)
        // E from the construction itself (parallel through D meets AC), not from the ratio.
        guard let e = Construct.intersect(d, c - b, a, c - a) else {
            throw GenerationFailure.degenerate("the parallel through D misses AC")
        }
        let sides = [a.distance(to: b), b.distance(to: c), c.distance(to: a)]
        guard let lo = sides.min(), let hi = sides.max(), lo / hi > 0.3 else {
            throw GenerationFailure.degenerate("triangle too elongated")
        }
        guard d.distance(to: e) > 0.2 * hi else { throw GenerationFailure.degenerate("DE too short") }
        let target = options.difficulty ?? rng.int(1...3)
        return Instance(names: Labels.draw(5, &rng), angleA: angleA, angleB: angleB,
                        target: max(1, min(3, target)), a: a, b: b, c: c, d: d, e: e, ratio: ratio)
    }

    public func solve(_ i: Instance) -> Double {
        let angleC = 180 - i.angleA - i.angleB  // angle sum of a triangle
        switch i.target {
        case 1: return Double(i.angleB)          // ADE = ABC, corresponding angles
        case 2: return Double(angleC)            // AED = ACB, corresponding angles
        default: return Double(180 - angleC)     // CED = 180 - AED, linear pair
        }
    }

    public func measure(_ i: Instance) -> Double {
        switch i.target {
        case 1: return Angle.measure(i.a, i.d, i.e)
        case 2: return Angle.measure(i.a, i.e, i.d)
        default: return Angle.measure(i.c, i.e, i.d)
        }
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let n = i.names
        let (A, B, C, D, E) = (n[0], n[1], n[2], n[3], n[4])
        let angleC = 180 - i.angleA - i.angleB
        let p: [String: String] = [
            "A": A, "B": B, "C": C, "D": D, "E": E,
            "a": String(i.angleA), "b": String(i.angleB), "c": String(angleC), "x": formatNumber(answer),
        ]
        let targetName: String
        let mistakes: [Double]
        var steps: [Phrase] = []
        switch i.target {
        case 1:
            targetName = A + D + E
            mistakes = [Double(angleC), Double(i.angleA), Double(180 - i.angleB)]
            steps = [Phrase("step_corresponding_d", p)]
        case 2:
            targetName = A + E + D
            mistakes = [Double(i.angleB), Double(180 - angleC), Double(i.angleA)]
            steps = [Phrase("step_angle_sum", p), Phrase("step_corresponding_e", p)]
        default:
            targetName = C + E + D
            mistakes = [Double(angleC), Double(180 - i.angleA), Double(180 - i.angleB), Double(i.angleA)]
            steps = [Phrase("step_angle_sum", p), Phrase("step_corresponding_e", p), Phrase("step_linear_pair", p)]
        }
        var q = p
        q["target"] = targetName

        var answerValue = Answer(type: .integer, text: formatNumber(answer), value: answer, tolerance: 0.5,
                                 unit: "degree")
        if rng.chance(options.multipleChoiceRate) {
            let (values, index) = Choices.make(correct: answer, mistakes: mistakes, step: 1,
                                               tolerance: answerValue.tolerance, rng: &rng, valid: { $0 > 0 && $0 < 180 })
            answerValue.choices = values.map { formatNumber($0) + unitSuffix("degree") }
            answerValue.correctIndex = index
        }

        var scene = Scene()
        for (pt, label) in [(i.a, A), (i.b, B), (i.c, C), (i.d, D), (i.e, E)] {
            scene.add(.point(at: pt, label: label, dot: true))
        }
        scene.add(.segment(i.a, i.b, style: .solid))
        scene.add(.segment(i.b, i.c, style: .solid))
        scene.add(.segment(i.c, i.a, style: .solid))
        scene.add(.segment(i.d, i.e, style: .solid))
        scene.add(.parallelArrows(i.d, i.e, count: 1), .property)
        scene.add(.parallelArrows(i.b, i.c, count: 1), .property)
        scene.add(.angle(vertex: i.a, from: i.b, to: i.c, arcs: 1, text: "\(i.angleA)°"), .given)
        scene.add(.angle(vertex: i.b, from: i.c, to: i.a, arcs: 2, text: "\(i.angleB)°"), .given)

        let spec: JSONValue = [
            "labels": ["A": .string(A), "B": .string(B), "C": .string(C), "D": .string(D), "E": .string(E)],
            "givens": ["angle_A": .int(i.angleA), "angle_B": .int(i.angleB)],
            "relations": ["D_on_AB", "E_on_AC", "DE_parallel_BC"],
            "target": .string(["angle_ADE", "angle_AED", "angle_CED"][i.target - 1]),
            "difficulty": .int(i.target),
            "d_ratio_on_AB": .double((i.ratio * 1e6).rounded() / 1e6),
            "coordinates": [
                "A": [.double(r6(i.a.x)), .double(r6(i.a.y))], "B": [.double(r6(i.b.x)), .double(r6(i.b.y))],
                "C": [.double(r6(i.c.x)), .double(r6(i.c.y))], "D": [.double(r6(i.d.x)), .double(r6(i.d.y))],
                "E": [.double(r6(i.e.x)), .double(r6(i.e.y))],
            ],
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [
                Fact(.descriptive, "di_triangle", p),
                Fact(.implicit, "ip_parallel", p),
                Fact(.essential, "ec_angles", p),
            ],
            question: Phrase("question", q), answer: answerValue, steps: steps, scene: scene,
            solved: answer, measured: answer)
    }
}

/// Rounds to 6 decimals for records (keeps files small and stable).
func r6(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }
