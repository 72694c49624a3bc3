import DatasetFormat
import Foundation

/// Circumference and area of a circle, answered in terms of π ("25π/4") or rounded
/// to two decimals (then an extra step evaluates π).
///
/// Difficulty: 1 gives the radius OA (halves allowed) and asks the circumference or
/// the area; 2 gives a diameter AB (halve it first for the area); 3 gives the
/// circumference and asks the area (radius from the circumference, then the area).
public struct CircleCircumferenceArea: ProblemFamily {
    public init() {}
    public let id = "plane.circle_measure"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.expression, .decimal, .choice]
    /// The numeric route inscribes a 20,000-gon: its shortfall is below 2e-8 of the answer.
    public let agreementTolerance = 1e-3

    public struct Instance: Sendable {
        /// O and A (on the circle); at difficulty 2 also B, the other end of the diameter through A.
        var fig: PlaneFigure
        var difficulty: Int
        /// Twice the radius (1), the diameter (2) or k with circumference kπ (3): always an integer.
        var given: Int
        var askArea: Bool
        /// Answer rounded to two decimals instead of in terms of π.
        var rounded: Bool
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let given: Int
        switch difficulty {
        case 1: given = rng.int(2...80)
        default: given = rng.int(2...60)
        }
        // The radius each given fixes: half of 2r, half the diameter, C/(2π) for C = kπ.
        let r = Double(given) / 2
        let o = Vec2(0, 0), a = Vec2.polar(r, rng.double(-Double.pi...Double.pi))
        let fig = difficulty == 2
            ? PlaneFigure(roles: "OAB", points: [o, a, o - (a - o)], rng: &rng)
            : PlaneFigure(roles: "OA", points: [o, a], rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, given: given, askArea: difficulty == 3 || rng.chance(0.5),
                        rounded: rng.chance(0.4))
    }

    /// The answer as (num/den)·π.
    func piFraction(_ i: Instance) -> (Int, Int) {
        let g = i.given
        switch i.difficulty {
        case 1: return i.askArea ? (g * g, 4) : (g, 1)    // r = g/2: πr², 2πr
        case 2: return i.askArea ? (g * g, 4) : (g, 1)    // d = g: π(d/2)², πd
        default: return (g * g, 4)                        // C = gπ gives r = g/2
        }
    }

    public func solve(_ i: Instance) -> Double {
        let (n, d) = piFraction(i)
        return Double(n) / Double(d) * .pi
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        let polygon = PlaneKit.circlePoints(center: f["O"], through: f["A"], samples: 20_000)
        return i.askArea ? PlaneKit.area(polygon) : PlaneKit.pathLength(polygon, closed: true)
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        let g = i.given
        let (num, den) = piFraction(i)
        p["g"] = String(g)
        p["r"] = formatNumber(Double(g) / 2)
        p["exact"] = Exact(num, den, pi: 1).text
        p["x"] = i.rounded ? twoPlaces(answer) : (p["exact"] ?? "")
        let unit = i.askArea ? "cm2" : "cm"
        let target = i.askArea ? "area" : "circumference"
        // Typical slips: diameter for radius, 2πr for πr², a forgotten square or halving.
        let mistakes: [(Int, Int)]
        switch (i.difficulty, i.askArea) {
        case (1, false): mistakes = [(g, 2), (g * g, 4), (2 * g, 1)]
        case (1, true): mistakes = [(g * g, 1), (g, 1), (g * g, 2)]
        case (2, false): mistakes = [(2 * g, 1), (g, 2), (g * g, 4)]
        case (2, true): mistakes = [(g * g, 1), (g * g, 2), (g, 1)]
        default: mistakes = [(g * g, 1), (g * g, 2), (g, 2)]
        }
        let answerValue: Answer
        if i.rounded {
            answerValue = PlaneKit.roundedAnswer(answer, step: max(0.5, (answer * 0.08).rounded()), unit: unit,
                                                 mistakes: mistakes.map { Double($0.0) / Double($0.1) * .pi },
                                                 rng: &rng, options: options)
        } else {
            answerValue = PlaneKit.piAnswer(num: num, den: den, unit: unit, mistakes: mistakes, rng: &rng, options: options)
        }

        var scene = Scene()
        let r = f["O"].distance(to: f["A"])
        scene.add(.circle(center: f["O"], radius: r, style: .solid))
        let di: String, ip: String, ec: String, givens: JSONValue
        var steps: [String]
        switch i.difficulty {
        case 1:
            f.addPoints(to: &scene)
            scene.add(.segment(f["O"], f["A"], style: .solid))
            scene.add(.segmentValue(f["O"], f["A"], text: "\(p["r"] ?? "") cm", away: f["O"] + (f["O"] - f["A"]).perpendicular),
                      .given)
            di = "di_radius"; ip = "ip_radius"; ec = "ec_radius"
            givens = ["radius": .double(Double(g) / 2)]
            steps = [i.askArea ? "step_area" : "step_circumference"]
        case 2:
            f.addPoints(to: &scene)
            scene.add(.segment(f["A"], f["B"], style: .solid))
            // A note beside the half OA: at AB's midpoint the value would crowd the centre's label.
            scene.add(.text(at: (f["A"] + f["O"]) / 2, text: f.name("AB") + " = \(g) cm"), .given)
            di = "di_diameter"; ip = "ip_diameter"; ec = "ec_diameter"
            givens = ["diameter": .int(g)]
            steps = i.askArea ? ["step_halve", "step_area"] : ["step_circumference_d"]
        default:
            // Only the center is drawn: the circumference is written beside the circle.
            scene.add(.point(at: f["O"], label: "O", dot: true))
            let spot = f["O"] + (f["A"] - f["O"]) * 1.12
            scene.add(.text(at: spot, text: "C = \(g)π cm"), .given)
            di = "di_circle"; ip = "ip_center"; ec = "ec_circumference"
            givens = ["circumference_over_pi": .int(g)]
            steps = ["step_radius_from_c", "step_area"]
        }
        if i.rounded { steps.append("step_round") }
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": i.difficulty == 2 ? ["O_center", "AB_diameter"] : ["O_center"],
            "target": .string(target),
            "answer_form": .string(i.rounded ? "decimal_2dp" : "in_terms_of_pi"),
            "difficulty": .int(i.difficulty),
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, di, p), Fact(.implicit, ip, p, shownBy: [.figure]), Fact(.essential, ec, p)],
            question: Phrase("question_\(target)_\(i.rounded ? "round" : "pi")", p), answer: answerValue,
            steps: steps.map { Phrase($0, p) }, scene: scene, solved: answer, measured: answer)
    }
}
