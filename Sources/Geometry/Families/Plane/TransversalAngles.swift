import DatasetFormat
import Foundation

/// Two parallel lines AB and CD cut by a transversal EF at G (on AB) and H (on CD);
/// one angle at G is given and an angle at H is asked.
///
/// Difficulty: 1 is one step (alternate interior or corresponding angles), 2 uses
/// co-interior angles, 3 chains a vertical-angle step with a parallel-line step.
public struct TransversalAngles: ProblemFamily {
    public init() {}
    public let id = "plane.transversal_angles"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .choice]
    public let agreementTolerance = 1e-6

    /// One reasoning step: `target` follows from `from` by `rule` ("alternate", "corresponding",
    /// "cointerior", "vertical"). Angle names are role letters (A...H), mapped to labels on output.
    struct Step: Sendable {
        var rule: String
        var target: String
        var from: String
    }

    /// A given angle at G, the asked angle at H, and the chain between them.
    struct Variant: Sendable {
        var given: String
        var target: String
        var steps: [Step]
    }

    /// The variants per difficulty. With θ = ∠GHD: ∠GHD = ∠EGB = ∠AGH = ∠CHF = θ and
    /// ∠CHG = ∠AGE = ∠BGH = ∠DHF = 180° − θ.
    static let variants: [[Variant]] = [
        [
            Variant(given: "AGH", target: "GHD", steps: [Step(rule: "alternate", target: "GHD", from: "AGH")]),
            Variant(given: "EGB", target: "GHD", steps: [Step(rule: "corresponding", target: "GHD", from: "EGB")]),
            Variant(given: "BGH", target: "CHG", steps: [Step(rule: "alternate", target: "CHG", from: "BGH")]),
            Variant(given: "AGE", target: "CHG", steps: [Step(rule: "corresponding", target: "CHG", from: "AGE")]),
        ],
        [
            Variant(given: "BGH", target: "GHD", steps: [Step(rule: "cointerior", target: "GHD", from: "BGH")]),
            Variant(given: "AGH", target: "CHG", steps: [Step(rule: "cointerior", target: "CHG", from: "AGH")]),
        ],
        [
            Variant(given: "AGE", target: "GHD", steps: [Step(rule: "vertical", target: "BGH", from: "AGE"),
                                                         Step(rule: "cointerior", target: "GHD", from: "BGH")]),
            Variant(given: "EGB", target: "CHG", steps: [Step(rule: "vertical", target: "AGH", from: "EGB"),
                                                         Step(rule: "cointerior", target: "CHG", from: "AGH")]),
            Variant(given: "AGE", target: "DHF", steps: [Step(rule: "corresponding", target: "CHG", from: "AGE"),
                                                         Step(rule: "vertical", target: "DHF", from: "CHG")]),
        ],
    ]

    public struct Instance: Sendable {
        /// Points A...H with their labels and constructed coordinates.
        var fig: PlaneFigure
        var difficulty: Int
        var variant: Variant
        /// ∠GHD in degrees (the transversal's direction against CD).
        var theta: Int
        var givenValue: Int
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let theta = rng.chance(0.5) ? rng.int(35...78) : rng.int(102...145)
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let variant = rng.pick(Self.variants[difficulty - 1])
        // CD on the x axis through H = origin, AB parallel at height h; the transversal through H.
        let h = rng.double(3.2...4.2)
        let u = Vec2.polar(1, Angle.radians(Double(theta)))
        let h0 = Vec2(0, 0)
        let g0 = h0 + u * (h / u.y)
        let left = min(0, g0.x), right = max(0, g0.x)
        let a0 = Vec2(left - rng.double(2.2...4.0), h), b0 = Vec2(right + rng.double(2.2...4.0), h)
        let c0 = Vec2(left - rng.double(2.2...4.0), 0), d0 = Vec2(right + rng.double(2.2...4.0), 0)
        let e0 = g0 + u * rng.double(1.8...2.4), f0 = h0 - u * rng.double(1.8...2.4)
        // Parallel arrows sit at a line's midpoint: keep it clear of the crossing.
        guard abs((a0.x + b0.x) / 2 - g0.x) > 1.1, abs((c0.x + d0.x) / 2 - h0.x) > 1.1 else {
            throw GenerationFailure.degenerate("parallel mark would sit on the crossing")
        }
        let pose = PlanePose.draw(&rng, tilt: 0.35, freeTurn: 0.15)
        let pts = [a0, b0, c0, d0, e0, f0, g0, h0].map { pose($0) }
        try PlaneKit.requireCompact(pts, maxAspect: 2.2, "transversal")
        let fig = PlaneFigure(roles: "ABCDEFGH", points: pts, rng: &rng)
        let given = Self.value(of: variant.given, theta: theta)
        return Instance(fig: fig, difficulty: difficulty, variant: variant, theta: theta, givenValue: given)
    }

    /// The size of a named angle from θ, by which side of the transversal it opens to.
    static func value(of angle: String, theta: Int) -> Int {
        ["GHD", "EGB", "AGH", "CHF"].contains(angle) ? theta : 180 - theta
    }

    public func solve(_ i: Instance) -> Double {
        // Walk the chain: equal-angle rules keep the value, co-interior angles are supplementary.
        var v = i.givenValue
        for s in i.variant.steps where s.rule == "cointerior" { v = 180 - v }
        return Double(v)
    }

    public func measure(_ i: Instance) -> Double {
        let t = Array(i.variant.target)
        return Angle.measure(i.fig[t[0]], i.fig[t[1]], i.fig[t[2]])
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        var p = i.fig.params
        p["given"] = i.fig.name(i.variant.given)
        p["target"] = i.fig.name(i.variant.target)
        p["x"] = String(i.givenValue)
        p["v"] = formatNumber(answer)
        var steps: [Phrase] = []
        var current = i.givenValue
        for s in i.variant.steps {
            let before = current
            if s.rule == "cointerior" { current = 180 - current }
            var q = p
            q["t"] = i.fig.name(s.target)
            q["f"] = i.fig.name(s.from)
            q["fv"] = String(before)
            q["tv"] = String(current)
            steps.append(Phrase("step_" + s.rule, q))
        }
        let answerValue = PlaneKit.integerAnswer(answer, unit: "degree",
                                                 mistakes: [180 - answer, abs(90 - answer), 90 + answer / 2],
                                                 valid: { $0 > 0 && $0 < 180 }, rng: &rng, options: options)

        var scene = Scene()
        let pt = { (k: Character) in i.fig[k] }
        i.fig.addPoints(to: &scene)
        scene.add(.segment(pt("A"), pt("B"), style: .solid))
        scene.add(.segment(pt("C"), pt("D"), style: .solid))
        scene.add(.segment(pt("E"), pt("F"), style: .solid))
        scene.add(.parallelArrows(pt("A"), pt("B"), count: 1), .property)
        scene.add(.parallelArrows(pt("C"), pt("D"), count: 1), .property)
        let g = Array(i.variant.given), t = Array(i.variant.target)
        scene.add(.angle(vertex: pt(t[1]), from: pt(t[0]), to: pt(t[2]), arcs: 2, text: nil))
        scene.add(.angle(vertex: pt(g[1]), from: pt(g[0]), to: pt(g[2]), arcs: 1, text: "\(i.givenValue)°"), .given)

        let spec: JSONValue = [
            "labels": i.fig.labelsJSON,
            "givens": .object([("angle_" + i.variant.given, .int(i.givenValue))]),
            "relations": ["AB_parallel_CD", "G_on_AB", "H_on_CD", "E_G_H_F_collinear"],
            "target": .string("angle_" + i.variant.target),
            "difficulty": .int(i.difficulty),
            "steps": .array(i.variant.steps.map { .string($0.rule) }),
            "coordinates": i.fig.coordinatesJSON,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [
                Fact(.descriptive, "di_lines", p),
                // Which side of EF each line's named end lies on decides θ or 180° − θ.
                Fact(.descriptive, "di_sides", p, pinsConfiguration: true),
                Fact(.implicit, "ip_parallel", p),
                Fact(.essential, "ec_angle", p),
            ],
            question: Phrase("question", p), answer: answerValue, steps: steps, scene: scene,
            solved: answer, measured: answer, configurationMatters: true)
    }
}
