import Foundation
import Testing
@testable import Geometry

/// Facts of the plane families, asserted on the constructed coordinates over 300
/// seeds each (every difficulty). A failure names the family, the seed and the fact.
@Suite struct PlaneFamilyTests {
    static let seeds: [UInt64] = (0..<300).map { UInt64($0) }

    /// One valid instance per seed (resampling degenerate draws as `make` does), cycling the difficulties.
    func instances<F: ProblemFamily>(_ family: F) throws -> [(UInt64, F.Instance)] {
        try Self.seeds.map { seed in
            var rng = SplitMix64(seed: seed)
            let options = GenerationOptions(difficulty: Int(seed % 3) + 1)
            for _ in 0..<64 {
                if let i = try? family.generate(&rng, options: options) { return (seed, i) }
            }
            throw GenerationFailure.degenerate("\(family.id) seed \(seed): no valid draw")
        }
    }

    func close(_ a: Double, _ b: Double, _ tol: Double = 1e-7) -> Bool { abs(a - b) <= tol * max(1, abs(a), abs(b)) }
    func collinear(_ a: Vec2, _ b: Vec2, _ c: Vec2) -> Bool {
        abs((b - a).cross(c - a)) <= 1e-8 * max(1, (b - a).length * (c - a).length)
    }
    func parallel(_ u: Vec2, _ v: Vec2) -> Bool { abs(u.normalized.cross(v.normalized)) < 1e-9 }
    func perpendicular(_ u: Vec2, _ v: Vec2) -> Bool { abs(u.normalized.dot(v.normalized)) < 1e-9 }
    /// p lies strictly between a and b on segment ab.
    func between(_ p: Vec2, _ a: Vec2, _ b: Vec2) -> Bool {
        collinear(a, p, b) && (p - a).dot(b - a) > 0 && (p - b).dot(a - b) > 0
    }

    @Test func transversalAnglesFollowFromTheParallels() throws {
        let family = TransversalAngles()
        for (s, i) in try instances(family) {
            let f = i.fig
            #expect(parallel(f["B"] - f["A"], f["D"] - f["C"]), "seed \(s): AB not parallel to CD")
            #expect(collinear(f["E"], f["G"], f["F"]) && collinear(f["E"], f["H"], f["F"]), "seed \(s): G or H off EF")
            #expect(between(f["G"], f["A"], f["B"]) && between(f["H"], f["C"], f["D"]), "seed \(s): crossing off the lines")
            // Every one of the eight angles has the size the rule table says.
            for name in ["GHD", "EGB", "AGH", "CHF", "CHG", "AGE", "BGH", "DHF"] {
                let t = Array(name)
                let measured = Angle.measure(f[t[0]], f[t[1]], f[t[2]])
                #expect(close(measured, Double(TransversalAngles.value(of: name, theta: i.theta))),
                        "seed \(s): ∠\(name) is \(measured)")
            }
            let g = Array(i.variant.given)
            #expect(close(Angle.measure(f[g[0]], f[g[1]], f[g[2]]), Double(i.givenValue)), "seed \(s): drawn given angle")
        }
    }

    @Test func exteriorAngleIsTheSumOfTheRemoteInteriorAngles() throws {
        for (s, i) in try instances(TriangleExteriorAngle()) {
            let f = i.fig
            #expect(between(f["C"], f["B"], f["D"]), "seed \(s): C not between B and D")
            let a = Angle.measure(f["B"], f["A"], f["C"]), b = Angle.measure(f["A"], f["B"], f["C"])
            #expect(close(a, Double(i.angleA)) && close(b, Double(i.angleB)), "seed \(s): drawn angles")
            #expect(close(Angle.measure(f["A"], f["C"], f["D"]), a + b), "seed \(s): exterior angle")
            #expect(close(a + b + Angle.measure(f["A"], f["C"], f["B"]), 180), "seed \(s): angle sum")
        }
    }

    @Test func isoscelesTrianglesHaveEqualLegsAndBaseAngles() throws {
        for (s, i) in try instances(IsoscelesBaseAngles()) {
            let f = i.fig
            #expect(close(f["A"].distance(to: f["B"]), f["A"].distance(to: f["C"])), "seed \(s): legs differ")
            #expect(close(Angle.measure(f["A"], f["B"], f["C"]), Angle.measure(f["A"], f["C"], f["B"])), "seed \(s): base angles")
            let drawn = i.difficulty == 2 ? Angle.measure(f["A"], f["B"], f["C"]) : Angle.measure(f["B"], f["A"], f["C"])
            #expect(close(drawn, Double(i.given)), "seed \(s): given angle \(drawn)")
            if i.difficulty == 3 { #expect(between(f["C"], f["B"], f["D"]), "seed \(s): D not beyond C") }
        }
    }

    @Test func equilateralTrianglesAndTheirAltitudes() throws {
        for (s, i) in try instances(EquilateralTriangleHeight()) {
            let f = i.fig
            let ab = f["A"].distance(to: f["B"]), bc = f["B"].distance(to: f["C"]), ca = f["C"].distance(to: f["A"])
            #expect(close(ab, bc) && close(bc, ca), "seed \(s): sides \(ab) \(bc) \(ca)")
            let side = i.difficulty == 3 ? Double(i.given) : Double(i.given) / 2
            #expect(close(ab, side), "seed \(s): side \(ab) is not the given \(side)")
            if i.difficulty != 2 {
                #expect(perpendicular(f["D"] - f["A"], f["C"] - f["B"]), "seed \(s): AD not ⊥ BC")
                #expect(close(f["B"].distance(to: f["D"]), f["D"].distance(to: f["C"])), "seed \(s): D not the midpoint")
            }
            // Heron's formula, a third route to the area.
            let p = (ab + bc + ca) / 2
            #expect(close(PlaneKit.area([f["A"], f["B"], f["C"]]), (p * (p - ab) * (p - bc) * (p - ca)).squareRoot(), 1e-6),
                    "seed \(s): Heron")
        }
    }

    @Test func pythagoreanTrianglesAreRightAngledAtC() throws {
        for (s, i) in try instances(PythagoreanSide()) {
            let f = i.fig
            #expect(perpendicular(f["A"] - f["C"], f["B"] - f["C"]), "seed \(s): angle C not right")
            let a2 = pow(f["B"].distance(to: f["C"]), 2), b2 = pow(f["A"].distance(to: f["C"]), 2)
            #expect(close(a2, Double(i.a2)) && close(b2, Double(i.b2)), "seed \(s): legs are not the givens")
            #expect(close(a2 + b2, pow(f["A"].distance(to: f["B"]), 2)), "seed \(s): a² + b² ≠ c²")
            if i.difficulty == 3 {
                #expect(perpendicular(f["D"] - f["C"], f["B"] - f["A"]) && between(f["D"], f["A"], f["B"]),
                        "seed \(s): CD is not the altitude")
            }
        }
    }

    @Test func similarTrianglesHaveProportionalSides() throws {
        for (s, i) in try instances(SimilarTrianglesSide()) {
            let f = i.fig
            let (x, y, z) = (Double(i.g.0), Double(i.g.1), Double(i.g.2))
            if i.difficulty < 3 {
                #expect(parallel(f["E"] - f["D"], f["C"] - f["B"]), "seed \(s): DE not ∥ BC")
                #expect(between(f["D"], f["A"], f["B"]) && between(f["E"], f["A"], f["C"]), "seed \(s): D or E off the sides")
                #expect(close(f["A"].distance(to: f["D"]), x) && close(f["D"].distance(to: f["B"]), y), "seed \(s): AD, DB")
                let third = i.difficulty == 1 ? f["A"].distance(to: f["E"]) : f["B"].distance(to: f["C"])
                #expect(close(third, z), "seed \(s): third given")
                #expect(close(f["A"].distance(to: f["D"]) / f["A"].distance(to: f["B"]),
                              f["A"].distance(to: f["E"]) / f["A"].distance(to: f["C"])), "seed \(s): AD/AB ≠ AE/AC")
            } else {
                #expect(parallel(f["B"] - f["A"], f["D"] - f["C"]), "seed \(s): AB not ∥ CD")
                #expect(between(f["O"], f["A"], f["D"]) && between(f["O"], f["B"], f["C"]), "seed \(s): O not the crossing")
                #expect(close(f["O"].distance(to: f["A"]), x) && close(f["O"].distance(to: f["D"]), y)
                        && close(f["A"].distance(to: f["B"]), z), "seed \(s): givens")
            }
        }
    }

    @Test func inscribedAngleIsHalfTheCentralAngle() throws {
        for (s, i) in try instances(InscribedCentralAngle()) {
            let f = i.fig
            for k: Character in ["A", "B", "C"] {
                #expect(close(f[k].distance(to: f["O"]), i.radius), "seed \(s): \(k) off the circle")
            }
            let central = Angle.measure(f["A"], f["O"], f["B"]), inscribed = Angle.measure(f["A"], f["C"], f["B"])
            #expect(close(inscribed, central / 2), "seed \(s): \(inscribed) ≠ \(central)/2")
            // C on the major arc: C and O on the same side of chord AB.
            let side = { (p: Vec2) in (f["B"] - f["A"]).cross(p - f["A"]) }
            #expect(side(f["C"]) * side(f["O"]) > 0, "seed \(s): C on the minor arc")
        }
    }

    @Test func angleInASemicircleIsRight() throws {
        for (s, i) in try instances(ThalesSemicircle()) {
            let f = i.fig
            #expect(close(f["O"].distance(to: (f["A"] + f["B"]) / 2) + 1, 1), "seed \(s): O not the midpoint of AB")
            #expect(close(f["O"].distance(to: f["C"]), f["O"].distance(to: f["A"])), "seed \(s): C off the circle")
            #expect(close(Angle.measure(f["A"], f["C"], f["B"]), 90), "seed \(s): ∠ACB not 90°")
        }
    }

    @Test func tangentIsPerpendicularToTheRadius() throws {
        for (s, i) in try instances(TangentSegmentLength()) {
            let f = i.fig
            let r = Double(i.r)
            #expect(close(f["O"].distance(to: f["A"]), r), "seed \(s): A off the circle")
            #expect(perpendicular(f["A"] - f["O"], f["P"] - f["A"]), "seed \(s): PA not ⊥ OA")
            #expect(f["O"].distance(to: f["P"]) > r, "seed \(s): P not outside")
            // The tangent line meets the circle only at A: its distance to O is the radius.
            #expect(close(PlaneKit.distanceToLine(f["O"], f["P"], f["A"]), r), "seed \(s): PA cuts the circle")
            if i.difficulty == 3 {
                #expect(between(f["B"], f["O"], f["P"]) && close(f["O"].distance(to: f["B"]), r), "seed \(s): B")
            }
        }
    }

    @Test func perpendicularFromTheCenterBisectsTheChord() throws {
        for (s, i) in try instances(ChordDistanceLength()) {
            let f = i.fig
            let r = f["O"].distance(to: f["A"])
            #expect(close(f["O"].distance(to: f["B"]), r), "seed \(s): B off the circle")
            #expect(perpendicular(f["M"] - f["O"], f["B"] - f["A"]), "seed \(s): OM not ⊥ AB")
            #expect(close(f["A"].distance(to: f["M"]), f["M"].distance(to: f["B"])), "seed \(s): M not the midpoint")
            if i.difficulty == 3 {
                #expect(close(f["O"].distance(to: f["C"]), r) && between(f["M"], f["O"], f["C"]), "seed \(s): C")
                #expect(close(f["C"].distance(to: f["M"]), Double(i.g2)), "seed \(s): CM is not the given")
            }
        }
    }

    @Test func triangleAreaIsHalfBaseTimesHeight() throws {
        for (s, i) in try instances(TriangleBaseHeightArea()) {
            let f = i.fig
            #expect(perpendicular(f["D"] - f["A"], f["C"] - f["B"]) && collinear(f["B"], f["C"], f["D"]),
                    "seed \(s): AD is not the altitude")
            let area = PlaneKit.area([f["A"], f["B"], f["C"]])
            #expect(close(area, f["B"].distance(to: f["C"]) * f["A"].distance(to: f["D"]) / 2), "seed \(s): ½·BC·AD")
            #expect(close(f["B"].distance(to: f["C"]), Double(i.base)), "seed \(s): BC is not the given")
            if i.difficulty == 2 { #expect(close(area, Double(i.second)), "seed \(s): area is not the given") }
            if i.difficulty == 3 {
                #expect(perpendicular(f["E"] - f["C"], f["B"] - f["A"]) && between(f["E"], f["A"], f["B"]), "seed \(s): CE")
                #expect(close(area, f["A"].distance(to: f["B"]) * f["C"].distance(to: f["E"]) / 2), "seed \(s): ½·AB·CE")
                #expect(close(f["A"].distance(to: f["B"]), Double(i.ab)), "seed \(s): AB is not the given")
            }
        }
    }

    @Test func parallelogramsHaveParallelOppositeSides() throws {
        for (s, i) in try instances(ParallelogramMeasure()) {
            let f = i.fig
            let ab = f["B"] - f["A"], dc = f["C"] - f["D"], ad = f["D"] - f["A"], bc = f["C"] - f["B"]
            #expect(close(ab.x, dc.x, 1e-9) && close(ab.y, dc.y, 1e-9) && parallel(ad, bc), "seed \(s): not a parallelogram")
            #expect(close(ab.length, Double(i.g[0])), "seed \(s): AB is not the given")
            switch i.difficulty {
            case 1:
                #expect(perpendicular(ab, ad), "seed \(s): not a rectangle")
            case 2:
                #expect(perpendicular(f["E"] - f["D"], ab) && between(f["E"], f["A"], f["B"]), "seed \(s): DE")
                #expect(close(f["D"].distance(to: f["E"]), Double(i.g[2])), "seed \(s): DE is not the given")
            default:
                #expect(close(Angle.measure(f["B"], f["A"], f["D"]), Double(i.g[2])), "seed \(s): ∠A is not the given")
            }
        }
    }

    @Test func trapezoidsHaveParallelBasesAndTheRightHeight() throws {
        for (s, i) in try instances(TrapezoidMeasure()) {
            let f = i.fig
            #expect(parallel(f["D"] - f["A"], f["C"] - f["B"]), "seed \(s): AD not ∥ BC")
            #expect(perpendicular(f["E"] - f["A"], f["C"] - f["B"]) && between(f["E"], f["B"], f["C"]), "seed \(s): AE")
            let area = PlaneKit.area([f["A"], f["B"], f["C"], f["D"]])
            let formula = (f["A"].distance(to: f["D"]) + f["B"].distance(to: f["C"])) * f["A"].distance(to: f["E"]) / 2
            #expect(close(area, formula), "seed \(s): shoelace \(area) vs formula \(formula)")
            if i.difficulty == 3 {
                #expect(close(f["A"].distance(to: f["B"]), f["D"].distance(to: f["C"])), "seed \(s): legs differ")
            }
        }
    }

    @Test func circleMeasuresConvergeToTheFormulas() throws {
        for (s, i) in try instances(CircleCircumferenceArea()) {
            let f = i.fig
            let r = f["O"].distance(to: f["A"])
            #expect(close(r, Double(i.given) / 2), "seed \(s): radius is not the given")
            if i.difficulty == 2 { #expect(close(f["O"].distance(to: (f["A"] + f["B"]) / 2) + 1, 1), "seed \(s): AB") }
            // A coarser and a finer polygon bracket the exact value from below.
            let coarse = PlaneKit.circlePoints(center: f["O"], through: f["A"], samples: 2_000)
            let fine = PlaneKit.circlePoints(center: f["O"], through: f["A"], samples: 40_000)
            #expect(PlaneKit.area(coarse) < PlaneKit.area(fine) && PlaneKit.area(fine) < .pi * r * r, "seed \(s): area")
            #expect(close(PlaneKit.pathLength(fine, closed: true), 2 * .pi * r, 1e-8), "seed \(s): circumference")
        }
    }

    @Test func sectorArcMatchesItsCentralAngle() throws {
        let family = SectorArcArea()
        for (s, i) in try instances(family) {
            let f = i.fig
            let r = Double(i.radius)
            #expect(close(f["O"].distance(to: f["A"]), r) && close(f["O"].distance(to: f["B"]), r), "seed \(s): radii")
            #expect(close(Angle.measure(f["A"], f["O"], f["B"]), Double(i.theta)), "seed \(s): ∠AOB")
            let (a, b) = family.arcEnds(i)
            let arc = PlaneKit.arcPoints(center: f["O"], from: a, to: b, samples: 40_000)
            // The arc's length over its radius is the angle in radians; every sample lies on the circle.
            #expect(close(PlaneKit.pathLength(arc, closed: false) / r, Angle.radians(Double(i.theta)), 1e-8), "seed \(s): arc")
            #expect(arc.allSatisfy { close($0.distance(to: f["O"]), r) }, "seed \(s): arc off the circle")
        }
    }

    @Test func polygonAnglesAddUpAndThePolygonIsConvex() throws {
        for (s, i) in try instances(PolygonAngleSum()) {
            let n = i.interior.count
            let pts = Array(i.fig.points.prefix(n))
            var sum = 0.0
            // Convex: every turn has the same sense (which one depends on the mirror).
            let sense = (pts[0] - pts[n - 1]).cross(pts[1] - pts[0])
            for k in 0..<n {
                let prev = pts[(k + n - 1) % n], next = pts[(k + 1) % n]
                let turn = (pts[k] - prev).cross(next - pts[k])
                #expect(turn * sense > 0, "seed \(s): not convex at vertex \(k)")
                let angle = Angle.measure(prev, pts[k], next)
                #expect(close(angle, Double(i.interior[k])), "seed \(s): vertex \(k) measures \(angle)")
                sum += angle
            }
            #expect(close(sum, Double((n - 2) * 180)), "seed \(s): angle sum \(sum)")
            if i.difficulty == 3 {
                #expect(between(pts[i.target], pts[(i.target + n - 1) % n], i.fig["G"]), "seed \(s): G not on the extension")
            }
        }
    }

    /// The ladder contract: every problem has a value drawn for each essential condition, and
    /// difficulty 1...3 gives 1...4 solution steps; templates exist for every key in both languages.
    @Test(arguments: PlaneFamilies.all.map(\.id))
    func wordingAndLadderContract(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates")
        var tables: [String: [String: String]] = [:]
        for lang in ["en", "zh"] {
            let url = root.appendingPathComponent(lang).appendingPathComponent(id + ".json")
            let data = try Data(contentsOf: url)
            tables[lang] = try #require(JSONSerialization.jsonObject(with: data) as? [String: String], "\(url.path)")
        }
        let placeholder = try Regex("\\{\\{\\s*([A-Za-z0-9_]+)\\s*\\}\\}")
        for seed in Self.seeds.prefix(120) {
            for d in 1...3 {
                let p = try family.make(seed: seed, options: GenerationOptions(difficulty: d)).get()
                #expect((1...4).contains(p.steps.count), "\(id) seed \(seed): \(p.steps.count) steps")
                let drawn = p.scene.items.filter { $0.role == .given }.count
                #expect(drawn >= 1, "\(id) seed \(seed): no value drawn for the essential conditions")
                let phrases = p.facts.map { Phrase($0.key, $0.params) } + [p.question] + p.steps
                for phrase in phrases {
                    for (lang, table) in tables {
                        guard let template = table[phrase.key] else {
                            Issue.record("\(id) \(lang): missing key \(phrase.key)")
                            continue
                        }
                        for m in template.matches(of: placeholder) {
                            let name = String(m.output[1].substring ?? "")
                            #expect(phrase.params[name] != nil, "\(id) \(lang) \(phrase.key): no parameter \(name)")
                        }
                    }
                }
            }
        }
    }

    @Test func formattingOfExactAnswers() {
        #expect(Exact.sqrt(52).text == "2√13")
        #expect(Exact(5, 2, root: 3).text == "5√3/2")
        #expect(Exact(6, 4, root: 3).text == "3√3/2")
        #expect(Exact.sqrt(49).text == "7")
        #expect(Exact(1, 2, root: 169).text == "13/2")
        #expect(Exact(25, 4, pi: 1).text == "25π/4")
        #expect(Exact(90, 180, pi: 1).text == "π/2")
        #expect(Exact(12, 1, pi: 1).text == "12π")
        #expect(Exact(30, 8).text == "15/4")
        #expect(Exact(12, 4).text == "3")
    }

    @Test func multipleChoiceOptionsAreDistinctAndHoldTheAnswer() throws {
        for family in PlaneFamilies.all {
            for seed in Self.seeds.prefix(100) {
                let p = try family.make(seed: seed, options: GenerationOptions(multipleChoiceRate: 1)).get()
                let choices = try #require(p.answer.choices, "\(family.id) seed \(seed)")
                let index = try #require(p.answer.correctIndex)
                #expect(choices.count == 4, "\(family.id) seed \(seed): \(choices)")
                #expect(Set(choices).count == choices.count, "\(family.id) seed \(seed): \(choices)")
                #expect(choices[index].hasPrefix(p.answer.text), "\(family.id) seed \(seed): \(choices) vs \(p.answer.text)")
            }
        }
    }
}
