import DatasetFormat
import Foundation

/// Sector OAB with radius OA and central angle ∠AOB: arc length θ/360 × 2πr and
/// sector area θ/360 × πr², in terms of π ("10π/3") or rounded to two decimals.
///
/// Difficulty: 1 asks the arc length from r and θ; 2 asks the sector area from r and θ;
/// 3 gives r and the arc length and asks the area (the angle from the arc, then the area).
public struct SectorArcArea: ProblemFamily {
    public init() {}
    public let id = "plane.sector_arc_area"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.expression, .decimal, .integer, .choice]
    /// The numeric route samples the arc with 20,000 chords: its shortfall is below 1e-8 of the answer.
    public let agreementTolerance = 1e-3

    public struct Instance: Sendable {
        /// O (center), A, B (ends of the arc; the arc runs counter-clockwise from `arcFrom` to `arcTo`).
        var fig: PlaneFigure
        var difficulty: Int
        var radius: Int
        /// ∠AOB in degrees (at difficulty 3 it is not given, only used to build the arc).
        var theta: Int
        var rounded: Bool
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let theta = 5 * rng.int(6...32), radius = rng.int(2...20)
        let o = Vec2(0, 0), a = Vec2(Double(radius), 0)
        // B is θ round from A. At difficulty 3 the given is the arc length θπr/180, which fixes θ the same way.
        let b = Vec2.polar(Double(radius), Angle.radians(Double(theta)))
        let pose = PlanePose.draw(&rng, tilt: .pi, freeTurn: 0)
        let fig = PlaneFigure(roles: "OAB", points: [o, a, b].map { pose($0) }, rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, radius: radius, theta: theta, rounded: rng.chance(0.35))
    }

    /// The answer as (num/den)·π.
    func piFraction(_ i: Instance) -> (Int, Int) {
        let t = i.theta, r = i.radius
        return i.difficulty == 1 ? (t * r, 180) : (t * r * r, 360)
    }

    public func solve(_ i: Instance) -> Double {
        let t = Double(i.theta), r = Double(i.radius)
        switch i.difficulty {
        case 1: return t / 360 * 2 * .pi * r
        case 2: return t / 360 * .pi * r * r
        default:
            let arc = t * .pi * r / 180          // the given arc length
            return arc * r / 2                   // S = ½ l r
        }
    }

    /// The short arc from A to B, counter-clockwise in the drawn (possibly mirrored) figure.
    func arcEnds(_ i: Instance) -> (Vec2, Vec2) {
        let f = i.fig
        return (f["A"] - f["O"]).cross(f["B"] - f["O"]) > 0 ? (f["A"], f["B"]) : (f["B"], f["A"])
    }

    public func measure(_ i: Instance) -> Double {
        let (s, e) = arcEnds(i)
        let pts = PlaneKit.arcPoints(center: i.fig["O"], from: s, to: e, samples: 20_000)
        return i.difficulty == 1 ? PlaneKit.pathLength(pts, closed: false) : PlaneKit.area([i.fig["O"]] + pts)
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        var p = f.params
        let (t, r) = (i.theta, i.radius)
        let (num, den) = piFraction(i)
        p["theta"] = String(t); p["r"] = String(r)
        p["l"] = Exact(t * r, 180, pi: 1).text
        p["exact"] = Exact(num, den, pi: 1).text
        p["x"] = i.rounded ? twoPlaces(answer) : (p["exact"] ?? "")
        let unit = i.difficulty == 1 ? "cm" : "cm2"
        // Typical slips: πr in place of 2πr, the area formula for the arc, θ/180 for θ/360.
        let mistakes: [(Int, Int)] = i.difficulty == 1
            ? [(t * r, 360), (t * r * r, 360), (t * r, 90)]
            : [(t * r * r, 180), (t * r, 360), (t * r * r, 720)]
        let answerValue: Answer
        if i.rounded {
            answerValue = PlaneKit.roundedAnswer(answer, step: max(0.5, (answer * 0.08).rounded()), unit: unit,
                                                 mistakes: mistakes.map { Double($0.0) / Double($0.1) * .pi },
                                                 rng: &rng, options: options)
        } else {
            answerValue = PlaneKit.piAnswer(num: num, den: den, unit: unit, mistakes: mistakes, rng: &rng, options: options)
        }

        var scene = Scene()
        let (s, e) = arcEnds(i)
        let o = f["O"]
        // The arc as a polyline: an `.arc` element would make the view fit the whole circle's box,
        // leaving a thin sector small on the canvas.
        scene.add(.curve(points: PlaneKit.arcPoints(center: o, from: s, to: e, samples: 90), label: nil, style: .solid))
        f.addPoints(to: &scene)
        scene.add(.segment(o, f["A"], style: .solid))
        scene.add(.segment(o, f["B"], style: .solid))
        scene.add(.segmentValue(o, f["A"], text: "\(r) cm", away: f["B"]), .given)
        let ec: String, target: String, givens: JSONValue
        var steps: [String]
        if i.difficulty == 3 {
            ec = "ec_radius_arc"; target = "sector_area"
            let mid = (s + e) / 2 - o
            scene.add(.text(at: o + mid.normalized * (Double(r) * 1.16), text: "l = \(p["l"] ?? "") cm"), .given)
            givens = ["radius": .int(r), "arc_length_over_pi": .string(Exact(t * r, 180).text)]
            steps = ["step_angle_from_arc", "step_area"]
        } else {
            ec = "ec_radius_angle"
            target = i.difficulty == 1 ? "arc_length" : "sector_area"
            scene.add(.angle(vertex: o, from: f["A"], to: f["B"], arcs: 1, text: "\(t)°"), .given)
            givens = ["radius": .int(r), "angle_AOB": .int(t)]
            steps = [i.difficulty == 1 ? "step_arc" : "step_area"]
        }
        if i.rounded { steps.append("step_round") }
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": ["O_center_of_arc_AB", "A_on_arc", "B_on_arc"],
            "target": .string(target),
            "answer_form": .string(i.rounded ? "decimal_2dp" : "in_terms_of_pi"),
            "difficulty": .int(i.difficulty),
            "angle_AOB": .int(t),
            "coordinates": f.coordinatesJSON,
        ]
        let question = "question_" + (i.difficulty == 1 ? "arc" : "area") + (i.rounded ? "_round" : "_pi")
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_sector", p), Fact(.implicit, "ip_arc", p, shownBy: [.figure]), Fact(.essential, ec, p)],
            question: Phrase(question, p), answer: answerValue, steps: steps.map { Phrase($0, p) }, scene: scene,
            solved: answer, measured: answer)
    }
}
