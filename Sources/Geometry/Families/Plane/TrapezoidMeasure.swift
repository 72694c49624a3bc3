import DatasetFormat
import Foundation

/// Trapezoid ABCD with AD ∥ BC and the height AE to BC (right-angle mark):
/// area = (AD + BC) × AE ÷ 2.
///
/// Difficulty: 1 asks the area from both bases and the height; 2 gives the area and
/// both bases and asks the height; 3 is an isosceles trapezoid (AB = DC) with both bases
/// and the leg given, asking the area (BE from the symmetry, AE by Pythagoras, area).
public struct TrapezoidMeasure: ProblemFamily {
    public init() {}
    public let id = "plane.trapezoid_area"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .decimal, .fraction, .choice]
    public let agreementTolerance = 1e-6


    public struct Instance: Sendable {
        /// A, D (ends of the short base), B, C (ends of the long base), E (foot of the height from A).
        var fig: PlaneFigure
        var difficulty: Int
        /// AD, BC, and AE (1), the area (2) or the leg AB (3).
        var top: Int, bottom: Int, third: Int
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let top: Int, bottom: Int, third: Int, height: Double, offset: Double
        switch difficulty {
        case 1:
            top = rng.int(2...12); bottom = top + rng.int(2...14); third = rng.int(2...12)
            height = Double(third)
            offset = Double(bottom - top) * rng.double(0.15...0.85)
        case 2:
            top = rng.int(2...12); bottom = top + rng.int(2...14); third = rng.int(10...160)
            // The height that gives the stated area: the only way to draw it to scale.
            height = 2 * Double(third) / Double(top + bottom)
            offset = Double(bottom - top) * rng.double(0.15...0.85)
        default:
            let t = PlaneKit.triple(&rng, maxHypotenuse: 30)
            let be = t.0
            top = rng.int(2...14); bottom = top + 2 * be; third = t.2
            // A where the circle of radius AB about B meets the vertical through the foot of the symmetric height.
            guard let a = PlaneKit.lineCircle(Vec2(Double(be), 0), Vec2(0, 1), center: .zero, radius: Double(third)).last else {
                throw GenerationFailure.degenerate("leg too short")
            }
            height = a.y
            offset = a.x
        }
        let b0 = Vec2(0, 0), c0 = Vec2(Double(bottom), 0)
        let a0 = Vec2(offset, height), d0 = a0 + Vec2(Double(top), 0), e0 = PlaneKit.foot(a0, b0, c0)
        guard height / Double(bottom) >= 0.28, height / Double(bottom) <= 1.6 else {
            throw GenerationFailure.degenerate("trapezoid too flat or too tall")
        }
        // Parallel arrows sit at BC's midpoint: keep the foot E clear of it.
        guard abs(e0.x - Double(bottom) / 2) > 0.1 * Double(bottom), e0.x > 0.08 * Double(bottom) else {
            throw GenerationFailure.degenerate("height foot on the parallel mark or at B")
        }
        let pose = PlanePose.draw(&rng, tilt: 0.2, freeTurn: 0.1)
        let fig = PlaneFigure(roles: "ABCDE", points: [a0, b0, c0, d0, e0].map { pose($0) }, rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, top: top, bottom: bottom, third: third)
    }

    public func solve(_ i: Instance) -> Double {
        let a = Double(i.top), b = Double(i.bottom), t = Double(i.third)
        switch i.difficulty {
        case 1: return (a + b) * t / 2
        case 2: return 2 * t / (a + b)
        default:
            let be = (b - a) / 2                      // symmetric: the overhang on each side
            let h = (t * t - be * be).squareRoot()    // Pythagoras in △ABE
            return (a + b) * h / 2
        }
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        let quad = [f["A"], f["B"], f["C"], f["D"]]
        guard i.difficulty == 2 else { return PlaneKit.area(quad) }
        // Bisect for the height at which a trapezoid on the same bases has the given shoelace area.
        let n = (f["A"] - f["E"]).normalized, top = f["D"] - f["A"]
        var lo = 0.0, hi = 1e3
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            let a = f["E"] + n * mid
            if PlaneKit.area([a, f["B"], f["C"], a + top]) < Double(i.third) { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        let (a, b, t) = (i.top, i.bottom, i.third)
        p["a"] = String(a); p["b"] = String(b); p["t"] = String(t); p["sum"] = String(a + b)
        p["twice"] = String(2 * t)
        var scene = Scene()
        f.addPoints(to: &scene)
        for (u, v) in [("A", "B"), ("B", "C"), ("C", "D"), ("D", "A"), ("A", "E")] as [(Character, Character)] {
            scene.add(.segment(f[u], f[v], style: .solid))
        }
        scene.add(.rightAngle(vertex: f["E"], a: f["C"], b: f["A"]), .property)
        scene.add(.parallelArrows(f["A"], f["D"], count: 1), .property)
        scene.add(.parallelArrows(f["B"], f["C"], count: 1), .property)
        scene.add(.segmentValue(f["A"], f["D"], text: "\(a) cm", away: f["B"]), .given)
        scene.add(PlaneKit.splitSegmentValue(f["B"], f["C"], inner: f["E"], text: f.name("BC") + " = \(b) cm", away: f["A"]),
                  .given)
        let answerValue: Answer, steps: [String], ec: String, question: String, target: String, givens: JSONValue
        var facts = [Fact(.descriptive, "di_trapezoid", p), Fact(.implicit, "ip_parallel", p),
                     Fact(.implicit, "ip_height", p)]
        switch i.difficulty {
        case 1:
            ec = "ec_bases_height"; question = "question_area"; target = "area"
            p["x"] = formatNumber(answer)
            steps = ["step_area"]
            answerValue = PlaneKit.decimalAnswer(answer, decimals: 1, step: 1, unit: "cm2",
                                                 mistakes: [Double((a + b) * t), Double(a * t + b), Double(b * t) / 2],
                                                 rng: &rng, options: options)
            givens = ["AD": .int(a), "BC": .int(b), "AE": .int(t)]
            scene.add(.segmentValue(f["A"], f["E"], text: "\(t) cm", away: f["C"]), .given)
        case 2:
            ec = "ec_area_bases"; question = "question_height"; target = "AE"
            p["x"] = Exact(2 * t, a + b).text
            steps = ["step_formula", "step_solve"]
            answerValue = PlaneKit.fractionAnswer(num: 2 * t, den: a + b, unit: "cm",
                                                  mistakes: [(t, a + b), (2 * t, b), (4 * t, a + b)],
                                                  rng: &rng, options: options)
            givens = ["area": .int(t), "AD": .int(a), "BC": .int(b)]
            let center = (f["A"] + f["B"] + f["C"] + f["D"]) / 4
            scene.add(.text(at: (center + f["D"]) / 2 + (f["C"] - f["D"]) * 0.1, text: "S = \(t) cm²"), .given)
        default:
            ec = "ec_bases_leg"; question = "question_area"; target = "area"
            let be = (b - a) / 2
            let h = Int((Double(t * t - be * be)).squareRoot().rounded())
            p["be"] = String(be); p["h"] = String(h)
            p["x"] = formatNumber(answer)
            steps = ["step_overhang", "step_height", "step_area_iso"]
            answerValue = PlaneKit.decimalAnswer(answer, decimals: 1, step: 1, unit: "cm2",
                                                 mistakes: [Double((a + b) * t) / 2, Double((a + b) * h), Double(b * h)],
                                                 rng: &rng, options: options)
            givens = ["AD": .int(a), "BC": .int(b), "AB": .int(t)]
            scene.add(.ticks(f["A"], f["B"], count: 1), .property)
            scene.add(.ticks(f["D"], f["C"], count: 1), .property)
            scene.add(.segmentValue(f["A"], f["B"], text: "\(t) cm", away: f["C"]), .given)
            facts.append(Fact(.implicit, "ip_isosceles", p))
        }
        facts.append(Fact(.essential, ec, p))
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": i.difficulty == 3 ? ["AD_parallel_BC", "AE_perpendicular_BC", "AB_equals_DC"]
                                           : ["AD_parallel_BC", "AE_perpendicular_BC"],
            "target": .string(target),
            "difficulty": .int(i.difficulty),
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts, question: Phrase(question, p),
                       answer: answerValue, steps: steps.map { Phrase($0, p) }, scene: scene,
                       solved: answer, measured: answer)
    }
}
