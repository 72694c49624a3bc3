import DatasetFormat
import Foundation

/// Triangle ABC with the altitude AD to BC (right-angle mark; D may fall on the
/// extension of CB, drawn dashed): area = ½ × base × height.
///
/// Difficulty: 1 asks the area from BC and AD; 2 gives the area and BC and asks AD;
/// 3 gives BC, AD and AB and asks the altitude CE to AB (the area computed two ways).
public struct TriangleBaseHeightArea: ProblemFamily {
    public init() {}
    public let id = "plane.triangle_area"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .decimal, .fraction, .choice]
    public let agreementTolerance = 1e-6


    public struct Instance: Sendable {
        /// A, B, C, D (foot of the altitude from A), and E (foot of the altitude from C) at difficulty 3.
        var fig: PlaneFigure
        var difficulty: Int
        /// BC, and AD (1, 3) or the area (2), and AB (3).
        var base: Int, second: Int, ab: Int
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let base: Int, second: Int, height: Double, foot: Double
        var ab = 0
        switch difficulty {
        case 1:
            base = rng.int(3...20); second = rng.int(2...16)
            height = Double(second)
            foot = rng.chance(0.25) ? -Double(base) * rng.double(0.25...0.5) : Double(base) * rng.double(0.2...0.8)
        case 2:
            base = rng.int(3...16); second = rng.int(6...120)
            // The apex height that gives the stated area: the only way to draw it to scale.
            height = 2 * Double(second) / Double(base)
            foot = Double(base) * rng.double(0.2...0.8)
        default:
            let t = PlaneKit.triple(&rng, maxHypotenuse: 30)
            let (bd, ad) = (t.0, t.1)
            ab = t.2
            base = bd + rng.int(2...max(2, bd + 4))
            second = ad
            height = Double(ad)
            foot = Double(bd)
        }
        let b0 = Vec2(0, 0), c0 = Vec2(Double(base), 0), d0 = Vec2(foot, 0), a0 = Vec2(foot, height)
        guard height / Double(base) >= 0.3, height / Double(base) <= 1.8 else {
            throw GenerationFailure.degenerate("triangle too flat or too tall")
        }
        var pts = [a0, b0, c0, d0], roles = "ABCD"
        if difficulty == 3 {
            let e0 = PlaneKit.foot(c0, a0, b0)
            let t = (e0 - b0).dot(a0 - b0) / (a0 - b0).dot(a0 - b0)
            guard t > 0.15, t < 0.85 else { throw GenerationFailure.degenerate("foot E off side AB") }
            pts.append(e0); roles = "ABCDE"
        }
        for (p, v, q) in [(b0, a0, c0), (a0, b0, c0), (a0, c0, b0)] where Angle.measure(p, v, q) < 20 {
            throw GenerationFailure.degenerate("thin angle")
        }
        let pose = PlanePose.draw(&rng, tilt: 0.25, freeTurn: 0.1)
        let fig = PlaneFigure(roles: roles, points: pts.map { pose($0) }, rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, base: base, second: second, ab: ab)
    }

    public func solve(_ i: Instance) -> Double {
        let b = Double(i.base), s = Double(i.second)
        switch i.difficulty {
        case 1: return b * s / 2                      // ½ · BC · AD
        case 2: return 2 * s / b                      // AD = 2S / BC
        default: return b * s / Double(i.ab)          // ½·BC·AD = ½·AB·CE
        }
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        switch i.difficulty {
        case 1: return PlaneKit.area([f["A"], f["B"], f["C"]])
        case 2:
            // Bisect for the apex height on the altitude line whose shoelace area is the given area.
            let n = (f["A"] - f["D"]).normalized
            var lo = 0.0, hi = 1e3
            for _ in 0..<200 {
                let mid = (lo + hi) / 2
                if PlaneKit.area([f["D"] + n * mid, f["B"], f["C"]]) < Double(i.second) { lo = mid } else { hi = mid }
            }
            return (lo + hi) / 2
        default: return PlaneKit.distanceToLine(f["C"], f["A"], f["B"])
        }
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        let (b, s) = (i.base, i.second)
        p["b"] = String(b); p["h"] = String(s); p["s"] = String(s); p["c"] = String(i.ab)
        p["twice"] = String(2 * s)
        p["area"] = formatNumber(Double(b * s) / 2)
        var scene = Scene()
        f.addPoints(to: &scene)
        scene.add(.segment(f["A"], f["B"], style: .solid))
        scene.add(.segment(f["A"], f["C"], style: .solid))
        scene.add(.segment(f["B"], f["C"], style: .solid))
        scene.add(.segment(f["A"], f["D"], style: .solid))
        let outside = (f["D"] - f["B"]).dot(f["C"] - f["B"]) < 0
        if outside { scene.add(.segment(f["B"], f["D"], style: .dashed)) }
        scene.add(.rightAngle(vertex: f["D"], a: f["C"], b: f["A"]), .property)
        if outside {
            scene.add(.segmentValue(f["B"], f["C"], text: "\(b) cm", away: f["A"]), .given)
        } else {
            scene.add(PlaneKit.splitSegmentValue(f["B"], f["C"], inner: f["D"], text: f.name("BC") + " = \(b) cm",
                                                 away: f["A"]), .given)
        }
        let answerValue: Answer, steps: [String], ec: String, question: String, target: String, givens: JSONValue
        switch i.difficulty {
        case 1:
            ec = "ec_base_height"; question = "question_area"; target = "area"
            p["x"] = formatNumber(answer)
            steps = ["step_area"]
            answerValue = PlaneKit.decimalAnswer(answer, decimals: 1, step: 1, unit: "cm2",
                                                 mistakes: [Double(b * s), Double(b + s), Double(b * s) / 4],
                                                 rng: &rng, options: options)
            givens = ["BC": .int(b), "AD": .int(s)]
            scene.add(.segmentValue(f["A"], f["D"], text: "\(s) cm", away: f["C"]), .given)
        case 2:
            ec = "ec_area_base"; question = "question_height"; target = "AD"
            p["x"] = Exact(2 * s, b).text
            steps = ["step_area_formula", "step_height"]
            answerValue = PlaneKit.fractionAnswer(num: 2 * s, den: b, unit: "cm",
                                                  mistakes: [(s, b), (4 * s, b), (s, 2 * b)],
                                                  rng: &rng, options: options)
            givens = ["area": .int(s), "BC": .int(b)]
            let centroid = (f["A"] + f["B"] + f["C"]) / 3
            scene.add(.text(at: centroid, text: "S = \(s) cm²"), .given)
        default:
            ec = "ec_three"; question = "question_altitude"; target = "CE"
            p["x"] = Exact(b * s, i.ab).text
            steps = ["step_area", "step_two_ways", "step_altitude"]
            answerValue = PlaneKit.fractionAnswer(num: b * s, den: i.ab, unit: "cm",
                                                  mistakes: [(b * s, 2 * i.ab), (i.ab * s, b), (b * i.ab, s)],
                                                  rng: &rng, options: options)
            givens = ["BC": .int(b), "AD": .int(s), "AB": .int(i.ab)]
            scene.add(.segment(f["C"], f["E"], style: .solid))
            scene.add(.rightAngle(vertex: f["E"], a: f["A"], b: f["C"]), .property)
            scene.add(.segmentValue(f["A"], f["D"], text: "\(s) cm", away: f["C"]), .given)
            scene.add(PlaneKit.splitSegmentValue(f["A"], f["B"], inner: f["E"], text: f.name("AB") + " = \(i.ab) cm",
                                                 away: f["C"]), .given)
        }
        var facts = [Fact(.descriptive, i.difficulty == 3 ? "di_two_altitudes" : (outside ? "di_altitude_outside" : "di_altitude"), p),
                     Fact(.implicit, "ip_perpendicular", p)]
        if i.difficulty == 3 { facts.append(Fact(.implicit, "ip_perpendicular_ce", p)) }
        facts.append(Fact(.essential, ec, p))
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": i.difficulty == 3 ? ["D_on_BC", "AD_perpendicular_BC", "E_on_AB", "CE_perpendicular_AB"]
                                           : [outside ? "D_on_extension_of_CB" : "D_on_BC", "AD_perpendicular_BC"],
            "target": .string(target),
            "difficulty": .int(i.difficulty),
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts, question: Phrase(question, p),
                       answer: answerValue, steps: steps.map { Phrase($0, p) }, scene: scene,
                       solved: answer, measured: answer)
    }
}
