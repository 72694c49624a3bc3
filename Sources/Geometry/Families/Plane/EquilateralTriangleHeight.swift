import DatasetFormat
import Foundation

/// Equilateral triangle ABC; its height or area from the side, or its area or
/// perimeter from the height. Answers are exact radicals ("3√3", "25√3/4") or integers.
///
/// Difficulty: 1 asks the altitude AD from the side (half the base, then Pythagoras);
/// 2 asks the area from the side; 3 gives the altitude AD = m√3/2 and asks the area or
/// the perimeter (half the side from the 30°-60°-90° triangle, the side, then the result).
public struct EquilateralTriangleHeight: ProblemFamily {
    public init() {}
    public let id = "plane.equilateral_triangle"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.expression, .integer, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// A, B, C, and D (foot of the altitude from A) except at difficulty 2.
        var fig: PlaneFigure
        var difficulty: Int
        /// Twice the side (difficulty 1, 2: sides step by halves), or the side m with AD = m√3/2 given
        /// (difficulty 3).
        var given: Int
        /// Difficulty 3 only: ask the perimeter instead of the area.
        var askPerimeter: Bool
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let given = difficulty == 3 ? rng.int(3...60) : rng.int(4...120)
        let side = difficulty == 3 ? Double(given) : Double(given) / 2
        // Apex where the circles of radius `side` about B and C meet (no height formula used).
        let b0 = Vec2(0, 0), c0 = Vec2(side, 0)
        guard let a0 = PlaneKit.circleCircle(b0, side, c0, side).max(by: { $0.y < $1.y }) else {
            throw GenerationFailure.degenerate("circles miss")
        }
        let d0 = PlaneKit.foot(a0, b0, c0)
        let pose = PlanePose.draw(&rng, tilt: 0.3, freeTurn: 0.2)
        let fig = difficulty == 2
            ? PlaneFigure(roles: "ABC", points: [a0, b0, c0].map { pose($0) }, rng: &rng)
            : PlaneFigure(roles: "ABCD", points: [a0, b0, c0, d0].map { pose($0) }, rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, given: given, askPerimeter: difficulty == 3 && rng.chance(0.4))
    }

    public func solve(_ i: Instance) -> Double {
        let r3 = 3.0.squareRoot()
        switch i.difficulty {
        case 1:
            let s = Double(i.given) / 2
            return s * r3 / 2                     // √(s² − (s/2)²)
        case 2:
            let s = Double(i.given) / 2
            return s * s * r3 / 4                 // ½ · s · s√3/2
        default:
            // AD is the long leg of the 30-60-90 triangle ABD: BD = AD/√3, the side is twice that.
            let ad = Double(i.given) * r3 / 2
            let side = 2 * ad / r3
            return i.askPerimeter ? 3 * side : side * ad / 2
        }
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        let tri = [f["A"], f["B"], f["C"]]
        switch i.difficulty {
        case 1: return f["A"].distance(to: f["D"])
        case 2: return PlaneKit.area(tri)
        default: return i.askPerimeter ? PlaneKit.pathLength(tri, closed: true) : PlaneKit.area(tri)
        }
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        let g = i.given
        var p = f.params
        // Difficulty 1, 2: side = g/2. Difficulty 3: side = g, AD = g√3/2, BD = g/2.
        p["s"] = formatNumber(Double(g) / 2)
        p["half"] = formatNumber(Double(g) / 4)
        p["ad"] = Exact(g, 2, root: 3).text
        p["k"] = formatNumber(Double(g) / 2)
        p["side"] = String(g)
        let answerValue: Answer
        let target: String, steps: [String], unit: String, ec: String
        switch i.difficulty {
        case 1:
            target = "height"; unit = "cm"; ec = "ec_side"
            p["x"] = Exact(g, 4, root: 3).text
            steps = ["step_midpoint", "step_height"]
            answerValue = PlaneKit.radicalAnswer(num: g, rad: 3, den: 4, unit: unit,
                                                 mistakes: [(g, 3, 2), (g, 2, 4), (g * g, 3, 16)],
                                                 rng: &rng, options: options)
        case 2:
            target = "area"; unit = "cm2"; ec = "ec_side"
            p["h"] = Exact(g, 4, root: 3).text
            p["x"] = Exact(g * g, 16, root: 3).text
            steps = ["step_area_height", "step_area"]
            answerValue = PlaneKit.radicalAnswer(num: g * g, rad: 3, den: 16, unit: unit,
                                                 mistakes: [(g * g, 3, 8), (g * g, 3, 4), (g * g, 1, 8)],
                                                 rng: &rng, options: options)
        default:
            ec = "ec_height"
            if i.askPerimeter {
                target = "perimeter"; unit = "cm"
                p["x"] = String(3 * g)
                steps = ["step_30_60_90", "step_side", "step_perimeter"]
                answerValue = PlaneKit.integerAnswer(answer, unit: unit, mistakes: [Double(2 * g), Double(6 * g), Double(4 * g)],
                                                     rng: &rng, options: options)
            } else {
                target = "area"; unit = "cm2"
                p["x"] = Exact(g * g, 4, root: 3).text
                steps = ["step_30_60_90", "step_side", "step_area_from_height"]
                answerValue = PlaneKit.radicalAnswer(num: g * g, rad: 3, den: 4, unit: unit,
                                                     mistakes: [(g * g, 3, 2), (g * g, 3, 8), (g * g, 3, 1)],
                                                     rng: &rng, options: options)
            }
        }

        var scene = Scene()
        f.addPoints(to: &scene)
        scene.add(.segment(f["A"], f["B"], style: .solid))
        scene.add(.segment(f["A"], f["C"], style: .solid))
        scene.add(.segment(f["B"], f["C"], style: .solid))
        if i.difficulty == 2 {
            // No altitude drawn: the equal sides carry ticks.
            for (u, v) in [(f["A"], f["B"]), (f["B"], f["C"]), (f["C"], f["A"])] {
                scene.add(.ticks(u, v, count: 1), .property)
            }
            scene.add(.segmentValue(f["A"], f["B"], text: "\(p["s"] ?? "") cm", away: f["C"]), .given)
        } else {
            // The altitude lands on BC's midpoint, where a tick would sit: mark the equal angles instead.
            scene.add(.segment(f["A"], f["D"], style: .solid))
            scene.add(.rightAngle(vertex: f["D"], a: f["C"], b: f["A"]), .property)
            scene.add(.angle(vertex: f["A"], from: f["B"], to: f["C"], arcs: 1, text: nil), .property)
            scene.add(.angle(vertex: f["B"], from: f["C"], to: f["A"], arcs: 1, text: nil), .property)
            scene.add(.angle(vertex: f["C"], from: f["A"], to: f["B"], arcs: 1, text: nil), .property)
            if i.difficulty == 1 {
                scene.add(.segmentValue(f["A"], f["B"], text: "\(p["s"] ?? "") cm", away: f["C"]), .given)
            } else {
                scene.add(.segmentValue(f["A"], f["D"], text: "\(p["ad"] ?? "") cm", away: f["B"]), .given)
            }
        }

        let givens: JSONValue = i.difficulty == 3
            ? ["AD_over_sqrt3": .double(Double(g) / 2)]
            : ["AB": .double(Double(g) / 2)]
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": i.difficulty == 2 ? ["ABC_equilateral"] : ["ABC_equilateral", "D_on_BC", "AD_perpendicular_BC"],
            "target": .string(target),
            "difficulty": .int(i.difficulty),
            "unit": "cm",
            "coordinates": f.coordinatesJSON,
        ]
        var facts = [Fact(.descriptive, i.difficulty == 2 ? "di_triangle" : "di_triangle_altitude", p),
                     Fact(.implicit, "ip_equilateral", p)]
        if i.difficulty != 2 { facts.append(Fact(.implicit, "ip_perpendicular", p)) }
        facts.append(Fact(.essential, ec, p))
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec, facts: facts,
            question: Phrase("question_" + target, p), answer: answerValue,
            steps: steps.map { Phrase($0, p) }, scene: scene, solved: answer, measured: answer)
    }
}
