import DatasetFormat
import Foundation

/// Proportional segments from parallel lines and similar triangles. Answers are
/// fractions in lowest terms ("15/4") or whole numbers.
///
/// Difficulty: 1 is the side-splitter in △ABC with DE ∥ BC (AD, DB, AE given, EC asked);
/// 2 asks DE from AD, DB and BC (AB = AD + DB, then △ADE ∼ △ABC); 3 is the "hourglass":
/// AB ∥ CD with AD and BC crossing at O (OA, OD, AB given, CD asked: vertical and alternate
/// angles, similarity, ratio).
public struct SimilarTrianglesSide: ProblemFamily {
    public init() {}
    public let id = "plane.similar_triangles"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.fraction, .integer, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// A, B, C, D, E (difficulty 1, 2) or A, B, C, D, O (difficulty 3).
        var fig: PlaneFigure
        var difficulty: Int
        /// The three given lengths, in the order the difficulty names them:
        /// (AD, DB, AE), (AD, DB, BC) or (OA, OD, AB).
        var g: (Int, Int, Int)
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let pose = PlanePose.draw(&rng, tilt: 0.25, freeTurn: 0.15)
        switch difficulty {
        case 1:
            let ad = rng.int(2...9), db = rng.int(2...9), ae = rng.int(2...12)
            // Apex at the origin, AB down-left and AE down-right; C where the parallel to DE through B meets ray AE.
            let a0 = Vec2(0, 0)
            let u = Vec2.polar(1, Angle.radians(rng.double(235...255)))
            let v = Vec2.polar(1, Angle.radians(rng.double(285...310)))
            let b0 = a0 + u * Double(ad + db), d0 = a0 + u * Double(ad)
            let e0 = a0 + v * Double(ae)
            guard let c0 = Construct.intersect(b0, e0 - d0, a0, v) else { throw GenerationFailure.degenerate("parallel") }
            try check(a0, b0, c0)
            let fig = PlaneFigure(roles: "ABCDE", points: [a0, b0, c0, d0, e0].map { pose($0) }, rng: &rng)
            return Instance(fig: fig, difficulty: 1, g: (ad, db, ae))
        case 2:
            let ad = rng.int(2...9), db = rng.int(2...9), bc = rng.int(3...16)
            let b0 = Vec2(0, 0), c0 = Vec2(Double(bc), 0)
            let a0 = b0 + Vec2.polar(Double(ad + db), Angle.radians(rng.double(48...80)))
            let d0 = Construct.along(a0, b0, Double(ad) / Double(ad + db))
            // E from the construction (the parallel through D meets AC), not from the ratio.
            guard let e0 = Construct.intersect(d0, c0 - b0, a0, c0 - a0) else { throw GenerationFailure.degenerate("parallel") }
            try check(a0, b0, c0)
            let fig = PlaneFigure(roles: "ABCDE", points: [a0, b0, c0, d0, e0].map { pose($0) }, rng: &rng)
            return Instance(fig: fig, difficulty: 2, g: (ad, db, bc))
        default:
            let oa = rng.int(2...9), od = rng.int(2...9), ab = rng.int(3...12)
            guard Double(od) / Double(oa) >= 0.5, Double(od) / Double(oa) <= 2 else {
                throw GenerationFailure.degenerate("halves too different")
            }
            let a0 = Vec2(0, 0), b0 = Vec2(Double(ab), 0)
            let w = Vec2.polar(1, Angle.radians(rng.double(-70 ... -45)))
            let o0 = a0 + w * Double(oa), d0 = a0 + w * Double(oa + od)
            // C where the parallel to AB through D meets line BO.
            guard let c0 = Construct.intersect(d0, b0 - a0, b0, o0 - b0) else { throw GenerationFailure.degenerate("parallel") }
            try PlaneKit.requireSpread([a0, b0, c0, d0, o0], fraction: 0.15, "hourglass")
            let fig = PlaneFigure(roles: "ABCDO", points: [a0, b0, c0, d0, o0].map { pose($0) }, rng: &rng)
            return Instance(fig: fig, difficulty: 3, g: (oa, od, ab))
        }
    }

    /// Rejects thin triangles, whose labels and values would crowd.
    private func check(_ a: Vec2, _ b: Vec2, _ c: Vec2) throws {
        for (p, v, q) in [(b, a, c), (a, b, c), (a, c, b)] where Angle.measure(p, v, q) < 28 {
            throw GenerationFailure.degenerate("thin angle")
        }
        try PlaneKit.requireCompact([a, b, c], maxAspect: 2.2, "triangle")
    }

    /// The answer as a fraction num/den of the givens.
    func ratio(_ i: Instance) -> (Int, Int) {
        let (x, y, z) = i.g
        switch i.difficulty {
        case 1: return (z * y, x)        // AD/DB = AE/EC, so EC = AE·DB/AD
        case 2: return (z * x, x + y)    // DE/BC = AD/AB with AB = AD + DB
        default: return (z * y, x)       // CD/AB = OD/OA
        }
    }

    public func solve(_ i: Instance) -> Double {
        let (n, d) = ratio(i)
        return Double(n) / Double(d)
    }

    public func measure(_ i: Instance) -> Double {
        let f = i.fig
        switch i.difficulty {
        case 1: return f["E"].distance(to: f["C"])
        case 2: return f["D"].distance(to: f["E"])
        default: return f["C"].distance(to: f["D"])
        }
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        let (x, y, z) = i.g
        var p = f.params
        p["g1"] = String(x); p["g2"] = String(y); p["g3"] = String(z)
        p["sum"] = String(x + y)
        let (num, den) = ratio(i)
        p["x"] = Exact(num, den).text
        var scene = Scene()
        f.addPoints(to: &scene)
        let steps: [String], mistakes: [(Int, Int)], target: String, givens: JSONValue
        if i.difficulty < 3 {
            for (u, v) in [("A", "B"), ("A", "C"), ("B", "C"), ("D", "E")] as [(Character, Character)] {
                scene.add(.segment(f[u], f[v], style: .solid))
            }
            scene.add(.parallelArrows(f["D"], f["E"], count: 1), .property)
            scene.add(.parallelArrows(f["B"], f["C"], count: 1), .property)
            scene.add(.segmentValue(f["A"], f["D"], text: "\(x) cm", away: f["C"]), .given)
            scene.add(.segmentValue(f["D"], f["B"], text: "\(y) cm", away: f["C"]), .given)
            if i.difficulty == 1 {
                target = "EC"
                steps = ["step_side_splitter", "step_solve_ec"]
                mistakes = [(z * x, y), (z * (x + y), x), (z * y, x + y)]
                givens = ["AD": .int(x), "DB": .int(y), "AE": .int(z)]
                scene.add(.segmentValue(f["A"], f["E"], text: "\(z) cm", away: f["B"]), .given)
            } else {
                target = "DE"
                steps = ["step_sum", "step_similar", "step_solve_de"]
                mistakes = [(z * x, y), (z * y, x + y), (z * (x + y), x)]
                givens = ["AD": .int(x), "DB": .int(y), "BC": .int(z)]
                scene.add(.segmentValue(f["B"], f["C"], text: "\(z) cm", away: f["A"]), .given)
            }
        } else {
            target = "CD"
            for (u, v) in [("A", "B"), ("C", "D"), ("A", "D"), ("B", "C")] as [(Character, Character)] {
                scene.add(.segment(f[u], f[v], style: .solid))
            }
            // Arrows point the same way on both parallels.
            let sameWay = (f["D"] - f["C"]).dot(f["B"] - f["A"]) > 0
            scene.add(.parallelArrows(f["A"], f["B"], count: 1), .property)
            scene.add(sameWay ? .parallelArrows(f["C"], f["D"], count: 1) : .parallelArrows(f["D"], f["C"], count: 1),
                      .property)
            steps = ["step_angles", "step_similar_x", "step_solve_cd"]
            mistakes = [(z * x, y), (z * y, x + y), (z * (x + y), x)]
            givens = ["OA": .int(x), "OD": .int(y), "AB": .int(z)]
            scene.add(.segmentValue(f["O"], f["A"], text: "\(x) cm", away: f["B"]), .given)
            scene.add(.segmentValue(f["O"], f["D"], text: "\(y) cm", away: f["C"]), .given)
            scene.add(.segmentValue(f["A"], f["B"], text: "\(z) cm", away: f["O"]), .given)
        }
        let answerValue = PlaneKit.fractionAnswer(num: num, den: den, unit: "cm", mistakes: mistakes, rng: &rng,
                                                  options: options)
        let d = i.difficulty
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": givens,
            "relations": d < 3 ? ["D_on_AB", "E_on_AC", "DE_parallel_BC"] : ["AB_parallel_CD", "AD_meets_BC_at_O"],
            "target": .string(target),
            "difficulty": .int(d),
            "unit": "cm",
            "coordinates": f.coordinatesJSON,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [
                Fact(.descriptive, d < 3 ? "di_triangle" : "di_crossing", p),
                Fact(.implicit, d < 3 ? "ip_parallel_de" : "ip_parallel_ab", p),
                Fact(.essential, ["ec_splitter", "ec_sides", "ec_crossing"][d - 1], p),
            ],
            question: Phrase("question", p.merging(["t": f.name(target)]) { $1 }), answer: answerValue,
            steps: steps.map { Phrase($0, p) }, scene: scene, solved: answer, measured: answer)
    }
}
