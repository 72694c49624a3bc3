import DatasetFormat
import Foundation

/// Right triangle ABC with the right angle at C (marked). Sides from the
/// Pythagorean theorem: whole numbers for Pythagorean triples, exact radicals
/// ("√41", "2√13") otherwise, a fraction for the altitude to the hypotenuse.
///
/// Difficulty: 1 asks the hypotenuse from the legs; 2 asks a leg from the
/// hypotenuse and the other leg; 3 asks the altitude CD to the hypotenuse
/// (Pythagoras, then the area computed two ways).
public struct PythagoreanSide: ProblemFamily {
    public init() {}
    public let id = "plane.pythagorean_side"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .expression, .fraction, .choice]
    public let agreementTolerance = 1e-6


    public struct Instance: Sendable {
        /// A, B, C (right angle), and D (foot of the altitude from C) at difficulty 3.
        var fig: PlaneFigure
        var difficulty: Int
        /// Squared legs BC² and AC² (so an irrational asked side stays exact); AB² is their sum.
        var a2: Int, b2: Int
        /// Difficulty 2: whether the given leg is BC (else AC); the other leg is asked.
        var givenLegIsBC: Bool
        var c2: Int { a2 + b2 }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let givenLegIsBC = rng.chance(0.5)
        var a2: Int, b2: Int
        if rng.chance(0.5) {
            // Whole givens, irrational answer: legs (difficulty 1, 3) or hypotenuse and a leg (difficulty 2).
            if difficulty != 2 {
                let a = rng.int(2...20), b = rng.int(2...20)
                (a2, b2) = (a * a, b * b)
            } else {
                let c = rng.int(4...25), known = rng.int(2...(c - 1))
                let other2 = c * c - known * known
                (a2, b2) = givenLegIsBC ? (known * known, other2) : (other2, known * known)
            }
            let asked = difficulty == 2 ? (givenLegIsBC ? b2 : a2) : a2 + b2
            let r = Int(Double(asked).squareRoot().rounded())
            guard r * r != asked else { throw GenerationFailure.degenerate("whole answer: drawn in the other branch") }
        } else {
            let t = PlaneKit.triple(&rng, maxHypotenuse: 100)
            let (a, b) = (t.0, t.1)
            (a2, b2) = (a * a, b * b)
        }
        let a = Double(a2).squareRoot(), b = Double(b2).squareRoot()
        guard min(a, b) / max(a, b) >= 0.28 else { throw GenerationFailure.degenerate("too thin") }
        // C at the origin, legs along the axes. At difficulty 2 the vertex opposite the given leg
        // is found where the perpendicular leg meets the circle of radius AB (no subtraction formula).
        let c0 = Vec2(0, 0)
        var a0 = Vec2(b, 0), b0 = Vec2(0, a)
        let hyp = Double(a2 + b2).squareRoot()
        if difficulty == 2 {
            if givenLegIsBC {
                guard let p = PlaneKit.lineCircle(c0, Vec2(1, 0), center: b0, radius: hyp).last else {
                    throw GenerationFailure.degenerate("circle misses the leg")
                }
                a0 = p
            } else {
                guard let p = PlaneKit.lineCircle(c0, Vec2(0, 1), center: a0, radius: hyp).last else {
                    throw GenerationFailure.degenerate("circle misses the leg")
                }
                b0 = p
            }
        }
        let d0 = PlaneKit.foot(c0, a0, b0)
        let pose = PlanePose.draw(&rng, tilt: 0.3, freeTurn: 0.3)
        let fig = difficulty == 3
            ? PlaneFigure(roles: "ABCD", points: [a0, b0, c0, d0].map { pose($0) }, rng: &rng)
            : PlaneFigure(roles: "ABC", points: [a0, b0, c0].map { pose($0) }, rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, a2: a2, b2: b2, givenLegIsBC: givenLegIsBC)
    }

    public func solve(_ i: Instance) -> Double {
        let a = Double(i.a2).squareRoot(), b = Double(i.b2).squareRoot()
        switch i.difficulty {
        case 1: return (a * a + b * b).squareRoot()
        case 2:
            // The hypotenuse and one leg are given; the missing leg is √(c² − known²).
            let c = Double(i.c2).squareRoot(), known = i.givenLegIsBC ? a : b
            return (c * c - known * known).squareRoot()
        default: return a * b / (a * a + b * b).squareRoot()  // the area twice: a·b = c·CD
        }
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        switch i.difficulty {
        case 1: return f["A"].distance(to: f["B"])
        case 2: return i.givenLegIsBC ? f["A"].distance(to: f["C"]) : f["B"].distance(to: f["C"])
        default: return f["C"].distance(to: f["D"])
        }
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        let c2 = i.c2
        let a = Int(Double(i.a2).squareRoot().rounded()), b = Int(Double(i.b2).squareRoot().rounded())
        p["a"] = Exact.sqrt(i.a2).text; p["b"] = Exact.sqrt(i.b2).text
        p["c"] = Exact.sqrt(c2).text
        var scene = Scene()
        f.addPoints(to: &scene)
        scene.add(.segment(f["A"], f["B"], style: .solid))
        scene.add(.segment(f["B"], f["C"], style: .solid))
        scene.add(.segment(f["C"], f["A"], style: .solid))
        scene.add(.rightAngle(vertex: f["C"], a: f["A"], b: f["B"]), .property)

        let answerValue: Answer, steps: [Phrase], question: Phrase, givens: JSONValue, target: String
        var ecs: [String] = []
        switch i.difficulty {
        case 1:
            target = "AB"
            ecs = ["ec_legs"]
            p["x"] = Exact.sqrt(c2).text
            steps = [Phrase("step_hypotenuse", p)]
            answerValue = PlaneKit.radicalAnswer(num: 1, rad: c2, den: 1, unit: "cm",
                                                 mistakes: [(a + b, 1, 1), (1, abs(i.a2 - i.b2), 1), (1, a + b, 1)],
                                                 rng: &rng, options: options)
            question = Phrase("question_side", p.merging(["t": f.name("AB")]) { $1 })
            givens = ["BC": .int(a), "AC": .int(b)]
            scene.add(.segmentValue(f["B"], f["C"], text: "\(a) cm", away: f["A"]), .given)
            scene.add(.segmentValue(f["C"], f["A"], text: "\(b) cm", away: f["B"]), .given)
        case 2:
            let known = i.givenLegIsBC ? a : b, other2 = i.givenLegIsBC ? i.b2 : i.a2
            let knownName = i.givenLegIsBC ? "BC" : "AC", otherName = i.givenLegIsBC ? "AC" : "BC"
            target = otherName
            p["k"] = f.name(knownName); p["t"] = f.name(otherName)
            p["kv"] = String(known)
            p["x"] = Exact.sqrt(other2).text
            ecs = ["ec_hyp_leg"]
            steps = [Phrase("step_leg", p)]
            answerValue = PlaneKit.radicalAnswer(num: 1, rad: other2, den: 1, unit: "cm",
                                                 mistakes: [(1, c2 + known * known, 1), (1, abs(other2 - known * known), 1)],
                                                 rng: &rng, options: options)
            question = Phrase("question_side", p)
            givens = .object([("AB", .int(Int(Double(c2).squareRoot().rounded()))), (knownName, .int(known))])
            scene.add(.segmentValue(f["A"], f["B"], text: "\(p["c"] ?? "") cm", away: f["C"]), .given)
            if i.givenLegIsBC {
                scene.add(.segmentValue(f["B"], f["C"], text: "\(a) cm", away: f["A"]), .given)
            } else {
                scene.add(.segmentValue(f["C"], f["A"], text: "\(b) cm", away: f["B"]), .given)
            }
        default:
            target = "CD"
            // CD = ab/√c² = ab√c²/c²: a fraction for triples, a radical otherwise.
            p["x"] = Exact(a * b, c2, root: c2).text
            ecs = ["ec_legs"]
            steps = [Phrase("step_hypotenuse", p.merging(["x": p["c"] ?? ""]) { $1 }), Phrase("step_two_areas", p),
                     Phrase("step_altitude", p)]
            answerValue = PlaneKit.radicalAnswer(num: a * b, rad: c2, den: c2, unit: "cm",
                                                 mistakes: [(a * b, c2, 2 * c2), (1, c2, 2), (a + b, 1, 2)],
                                                 rng: &rng, options: options)
            question = Phrase("question_altitude", p)
            givens = ["BC": .int(a), "AC": .int(b)]
            scene.add(.segment(f["C"], f["D"], style: .solid))
            scene.add(.rightAngle(vertex: f["D"], a: f["B"], b: f["C"]), .property)
            scene.add(.segmentValue(f["B"], f["C"], text: "\(a) cm", away: f["A"]), .given)
            scene.add(.segmentValue(f["C"], f["A"], text: "\(b) cm", away: f["B"]), .given)
        }
        p["t"] = p["t"] ?? f.name(target)
        var facts = [Fact(.descriptive, i.difficulty == 3 ? "di_triangle_altitude" : "di_triangle", p),
                     Fact(.implicit, "ip_right_angle", p)]
        if i.difficulty == 3 { facts.append(Fact(.implicit, "ip_altitude", p)) }
        facts += ecs.map { Fact(.essential, $0, p) }

        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": i.difficulty == 3 ? ["angle_ACB_90", "D_on_AB", "CD_perpendicular_AB"] : ["angle_ACB_90"],
            "target": .string(target),
            "difficulty": .int(i.difficulty),
            "unit": "cm",
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts, question: question,
                       answer: answerValue, steps: steps, scene: scene, solved: answer, measured: answer)
    }
}
