import DatasetFormat
import Foundation

/// Rectangles and parallelograms: perimeter and area.
///
/// Difficulty: 1 is a rectangle (right-angle marks) with two sides given, asking the
/// area or the perimeter; 2 is a parallelogram with base AB, slanted side AD and the
/// height DE given, asking the area (AD is a distractor); 3 is a parallelogram with
/// AB, AD and ∠A (30°, 45° or 60°) given, asking the area (height from the special
/// right triangle, then base × height): decimal, integer or radical answers.
public struct ParallelogramMeasure: ProblemFamily {
    public init() {}
    public let id = "plane.parallelogram_area"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .decimal, .expression, .choice]
    public let agreementTolerance = 1e-6


    public struct Instance: Sendable {
        /// A, B, C, D, and E (foot of the height from D on AB) at difficulty 2.
        var fig: PlaneFigure
        var difficulty: Int
        /// AB and BC (1); AB, AD and DE (2); AB, AD and ∠A in degrees (3).
        var g: [Int]
        /// Difficulty 1: ask the perimeter instead of the area.
        var askPerimeter: Bool
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let a0 = Vec2(0, 0)
        var pts: [Vec2], roles = "ABCD"
        let g: [Int]
        switch difficulty {
        case 1:
            let l = rng.int(3...20), w = rng.int(2...15)
            guard l != w else { throw GenerationFailure.degenerate("a square: keep the sides distinct") }
            g = [l, w]
            pts = [a0, Vec2(Double(l), 0), Vec2(Double(l), Double(w)), Vec2(0, Double(w))]
        case 2:
            let t = PlaneKit.triple(&rng, maxHypotenuse: 30)
            let (ae, de) = (t.0, t.1)
            let ab = ae + rng.int(2...max(3, 2 * ae))
            g = [ab, t.2, de]
            let d0 = Vec2(Double(ae), Double(de)), b0 = Vec2(Double(ab), 0)
            // The parallel arrows sit at AB's midpoint: keep the foot E clear of it.
            guard abs(Double(ae) - Double(ab) / 2) > 0.12 * Double(ab), Double(ae) <= 0.75 * Double(ab) else {
                throw GenerationFailure.degenerate("height foot on the parallel mark or crowding B")
            }
            pts = [a0, b0, b0 + d0, d0, PlaneKit.foot(d0, a0, b0)]
            roles = "ABCDE"
        default:
            let angle = rng.pick([30, 45, 60])
            let ab = rng.int(4...20), ad = rng.int(3...14)
            g = [ab, ad, angle]
            let b0 = Vec2(Double(ab), 0), d0 = Vec2.polar(Double(ad), Angle.radians(Double(angle)))
            pts = [a0, b0, b0 + d0, d0]
        }
        try PlaneKit.requireCompact(Array(pts.prefix(4)), maxAspect: 2.6, "parallelogram")
        let pose = PlanePose.draw(&rng, tilt: 0.25, freeTurn: 0.1)
        let fig = PlaneFigure(roles: roles, points: pts.map { pose($0) }, rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, g: g, askPerimeter: difficulty == 1 && rng.chance(0.4))
    }

    public func solve(_ i: Instance) -> Double {
        let x = Double(i.g[0]), y = Double(i.g[1])
        switch i.difficulty {
        case 1: return i.askPerimeter ? 2 * (x + y) : x * y
        case 2: return x * Double(i.g[2])                         // base × height; AD is not needed
        default:
            // The height from D is AD·sin A, read from the 30-60-90 or 45-45-90 triangle.
            let h: Double
            switch i.g[2] {
            case 30: h = y / 2
            case 45: h = y * 2.0.squareRoot() / 2
            default: h = y * 3.0.squareRoot() / 2
            }
            return x * h
        }
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        let quad = [f["A"], f["B"], f["C"], f["D"]]
        return i.askPerimeter ? PlaneKit.pathLength(quad, closed: true) : PlaneKit.area(quad)
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        let (x, y) = (i.g[0], i.g[1])
        p["g1"] = String(x); p["g2"] = String(y); p["g3"] = i.g.count > 2 ? String(i.g[2]) : ""
        var scene = Scene()
        f.addPoints(to: &scene)
        for (u, v) in [("A", "B"), ("B", "C"), ("C", "D"), ("D", "A")] as [(Character, Character)] {
            scene.add(.segment(f[u], f[v], style: .solid))
        }
        let answerValue: Answer, steps: [String], ec: String, question: String, target: String, givens: JSONValue
        var facts: [Fact]
        switch i.difficulty {
        case 1:
            for (v, a, b) in [("A", "B", "D"), ("B", "C", "A"), ("C", "D", "B"), ("D", "A", "C")] as [(Character, Character, Character)] {
                scene.add(.rightAngle(vertex: f[v], a: f[a], b: f[b]), .property)
            }
            ec = "ec_rectangle"
            target = i.askPerimeter ? "perimeter" : "area"
            question = "question_" + target
            p["x"] = formatNumber(answer)
            p["sum"] = String(x + y)
            steps = [i.askPerimeter ? "step_rect_perimeter" : "step_rect_area"]
            answerValue = PlaneKit.integerAnswer(answer, unit: i.askPerimeter ? "cm" : "cm2",
                                                 mistakes: i.askPerimeter ? [Double(x + y), Double(x * y), Double(4 * x)]
                                                                          : [Double(2 * (x + y)), Double(x + y), Double(x * y) / 2],
                                                 rng: &rng, options: options)
            givens = ["AB": .int(x), "BC": .int(y)]
            scene.add(.segmentValue(f["A"], f["B"], text: "\(x) cm", away: f["C"]), .given)
            scene.add(.segmentValue(f["B"], f["C"], text: "\(y) cm", away: f["A"]), .given)
            facts = [Fact(.descriptive, "di_quad", p), Fact(.implicit, "ip_rectangle", p)]
        case 2:
            let h = i.g[2]
            p["h"] = String(h)
            ec = "ec_base_side_height"; question = "question_area"; target = "area"
            p["x"] = formatNumber(answer)
            steps = ["step_para_height", "step_para_area"]
            answerValue = PlaneKit.integerAnswer(answer, unit: "cm2", mistakes: [Double(x * y), Double(x * h) / 2, Double(y * h)],
                                                 rng: &rng, options: options)
            givens = ["AB": .int(x), "AD": .int(y), "DE": .int(h)]
            scene.add(.segment(f["D"], f["E"], style: .solid))
            scene.add(.rightAngle(vertex: f["E"], a: f["B"], b: f["D"]), .property)
            addParallelMarks(&scene, f)
            scene.add(PlaneKit.splitSegmentValue(f["A"], f["B"], inner: f["E"], text: f.name("AB") + " = \(x) cm", away: f["D"]),
                      .given)
            scene.add(.segmentValue(f["A"], f["D"], text: "\(y) cm", away: f["B"]), .given)
            scene.add(.segmentValue(f["D"], f["E"], text: "\(h) cm", away: f["A"]), .given)
            facts = [Fact(.descriptive, "di_quad_height", p), Fact(.implicit, "ip_parallelogram", p),
                     Fact(.implicit, "ip_height", p)]
        default:
            let angle = i.g[2]
            ec = "ec_sides_angle"; question = "question_area"; target = "area"
            let prod = x * y
            let hText: String
            switch angle {
            case 30:
                hText = formatNumber(Double(y) / 2)
                p["x"] = formatNumber(answer)
                answerValue = PlaneKit.decimalAnswer(answer, decimals: 1, step: 1, unit: "cm2",
                                                     mistakes: [Double(prod), Double(prod) / 4, Double(x + y)],
                                                     rng: &rng, options: options)
            case 45:
                hText = Exact(y, 2, root: 2).text
                p["x"] = Exact(prod, 2, root: 2).text
                answerValue = PlaneKit.radicalAnswer(num: prod, rad: 2, den: 2, unit: "cm2",
                                                     mistakes: [(prod, 1, 1), (prod, 2, 1), (prod, 1, 2)],
                                                     rng: &rng, options: options)
            default:
                hText = Exact(y, 2, root: 3).text
                p["x"] = Exact(prod, 2, root: 3).text
                answerValue = PlaneKit.radicalAnswer(num: prod, rad: 3, den: 2, unit: "cm2",
                                                     mistakes: [(prod, 1, 2), (prod, 3, 1), (prod, 1, 1)],
                                                     rng: &rng, options: options)
            }
            p["h"] = hText
            steps = ["step_special_\(angle)", "step_para_area_angle"]
            givens = ["AB": .int(x), "AD": .int(y), "angle_A": .int(angle)]
            addParallelMarks(&scene, f)
            scene.add(.segmentValue(f["A"], f["B"], text: "\(x) cm", away: f["D"]), .given)
            scene.add(.segmentValue(f["A"], f["D"], text: "\(y) cm", away: f["B"]), .given)
            scene.add(.angle(vertex: f["A"], from: f["B"], to: f["D"], arcs: 1, text: "\(angle)°"), .given)
            facts = [Fact(.descriptive, "di_quad", p), Fact(.implicit, "ip_parallelogram", p)]
        }
        facts.append(Fact(.essential, ec, p))
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": i.difficulty == 1 ? ["ABCD_rectangle"]
                : (i.difficulty == 2 ? ["ABCD_parallelogram", "E_on_AB", "DE_perpendicular_AB"] : ["ABCD_parallelogram"]),
            "target": .string(target),
            "difficulty": .int(i.difficulty),
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts, question: Phrase(question, p),
                       answer: answerValue, steps: steps.map { Phrase($0, p) }, scene: scene,
                       solved: answer, measured: answer)
    }

    /// AB ∥ DC with single arrows, AD ∥ BC with double arrows, pointing the same way in each pair.
    private func addParallelMarks(_ scene: inout Scene, _ f: PlaneFigure) {
        scene.add(.parallelArrows(f["A"], f["B"], count: 1), .property)
        scene.add(.parallelArrows(f["D"], f["C"], count: 1), .property)
        scene.add(.parallelArrows(f["A"], f["D"], count: 2), .property)
        scene.add(.parallelArrows(f["B"], f["C"], count: 2), .property)
    }
}
