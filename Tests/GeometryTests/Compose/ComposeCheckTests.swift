import DatasetFormat
import Testing
@testable import Geometry

/// A deliberately wrong rule: any two angles of a triangle are "base angles"
/// and so "equal" (true only for the base angles of an isosceles one).
struct WrongBaseAngles: DeductionRule {
    let id = "wrong_base_angles"
    func apply(to base: FactBase) -> [Conclusion] {
        base.triangles.flatMap { t in
            (0..<3).map { k in
                let a = t[k], b = t[(k + 1) % 3], c = t[(k + 2) % 3]
                return Conclusion(.equalAngles(Ang(a, b, c), Ang(a, c, b)), [])
            }
        }
    }
}

extension ComposeTests {
    /// The coordinate check catches a wrong rule: its false conclusions are
    /// reported as mismatches and never enter the fact set; its true one
    /// (the isosceles apex) is accepted.
    @Test func wrongRuleIsCaughtByMeasurement() throws {
        let figure = try Realizer.realize([.triangle(names: ["A", "B", "C"], base: 6, angleA: 60, angleB: 50)])
        let d = DeductionEngine(rules: RuleCatalog.all + [WrongBaseAngles()]).run(on: figure)
        let wrong = d.mismatches.filter { $0.rule == "wrong_base_angles" }
        #expect(wrong.count == 3, "\(d.mismatches)")
        #expect(!d.base.facts.contains { $0.rule == "wrong_base_angles" })
        #expect(d.base.id(of: .equalAngles(Ang("A", "B", "C"), Ang("A", "C", "B"))) == nil)

        let iso = try Realizer.realize([.isoscelesTriangle(names: ["A", "B", "C"], leg: 6, apex: 40)])
        let e = DeductionEngine(rules: [WrongBaseAngles()]).run(on: iso)
        #expect(e.mismatches.count == 2, "\(e.mismatches)")
        #expect(e.base.facts.contains { $0.rule == "wrong_base_angles" })
    }

    /// A given fact the figure does not show (a step that lies) is reported too.
    @Test func everyConclusionIsMeasuredEvenWhenAlreadyKnown() throws {
        let figure = try Realizer.realize([.triangle(names: ["A", "B", "C"], base: 6, angleA: 60, angleB: 50)])
        struct WrongValue: DeductionRule {
            let id = "wrong_value"
            func apply(to base: FactBase) -> [Conclusion] { [Conclusion(.angleValue(Ang("B", "A", "C"), 61), [])] }
        }
        let d = DeductionEngine(rules: [WrongValue()]).run(on: figure)
        #expect(d.mismatches.map(\.rule) == ["wrong_value"])
        #expect(d.base.angle(Ang("B", "A", "C"))?.value == 60)
    }

    /// Facts are stored once in canonical form: ∠ABC = ∠CBA, AB = BA, either order of an equal pair.
    @Test func factsAreCanonical() {
        #expect(Relation.equalAngles(Ang("A", "B", "C"), Ang("F", "E", "D")).canonical
                == Relation.equalAngles(Ang("D", "E", "F"), Ang("C", "B", "A")).canonical)
        #expect(Relation.equalLengths(Seg("B", "A"), Seg("C", "D")).canonical == Relation.equalLengths(Seg("D", "C"), Seg("A", "B")).canonical)
        #expect(Relation.lengthRatio(Seg("C", "D"), Seg("A", "B"), 2).canonical == .lengthRatio(Seg("A", "B"), Seg("C", "D"), 0.5))
        #expect(Relation.collinear(["C", "A", "B"]).canonical == .collinear(["A", "B", "C"]))
        #expect(Relation.equalLengths(Seg("A", "B"), Seg("B", "A")).canonical == nil)
        #expect(Relation.angleValue(Ang("A", "B", "C"), 30).key == Relation.angleValue(Ang("C", "B", "A"), 31).key)
        var base = FactBase(figure: Figure())
        base.insert(.parallel(Seg("A", "B"), Seg("C", "D")), rule: "t", premises: [], depth: 1)
        base.insert(.parallel(Seg("D", "C"), Seg("B", "A")), rule: "t", premises: [], depth: 1)
        #expect(base.facts.count == 1)
    }

    /// Each guard refuses the figure it is for, with its reason.
    @Test func degenerateStepsThrowClearErrors() {
        let abc = ["A", "B", "C"], abcd = ["A", "B", "C", "D"]
        let t = ConstructionStep.triangle(names: abc, base: 6, angleA: 60, angleB: 50)
        let circle = ConstructionStep.circle(center: "O", through: "A", radius: 5)
        func error(_ p: [ConstructionStep]) -> ConstructionError? {
            do { _ = try Realizer.realize(p); return nil } catch { return error as? ConstructionError }
        }
        /// The error's case, without its numbers.
        func kind(_ p: [ConstructionStep]) -> String { error(p).map { "\($0)".components(separatedBy: ":")[0] } ?? "none" }
        #expect(kind([.triangle(names: abc, base: 6, angleA: 6, angleB: 60)]) == "angle too thin at A")
        #expect(kind([.parallelogram(names: abcd, side1: 6, side2: 4, angle: 60), .intersection(name: "E", a: "A", b: "B", c: "D", d: "C")])
                == "angle too thin at AB and DC")
        #expect(error([t, .midpoint(name: "D", a: "A", b: "B"), .onSegment(name: "E", a: "A", b: "B", ratio: 0.52)]) == .tooClose("E", "D"))
        #expect(error([t, .extend(name: "D", a: "A", b: "B", ratio: 8)]) == .tooBig(54))
        #expect(kind([.rectangle(names: abcd, width: 10, height: 1.5)]) == "figure too flat")
        #expect(error([t, .freePoint(name: "D", x: 3, y: 0.1)]) == .nearIncidence("D", "line AB"))
        #expect(error([circle, .freePoint(name: "P", x: 1, y: 1), .tangentPoint(name: "T", from: "P", center: "O", through: "A", which: 0)])
                == .noIntersection("tangent from P inside circle O"))
        #expect(error([circle, .freePoint(name: "P", x: 8, y: 8), .freePoint(name: "Q", x: 9, y: 6),
                       .lineCircle(name: "X", a: "P", b: "Q", center: "O", through: "A", which: 0)])
                == .noIntersection("PQ and circle O"))
        #expect(error([t, .midpoint(name: "D", a: "A", b: "Z")]) == .unknownPoint("Z"))
        #expect(error([t, .midpoint(name: "A", a: "B", b: "C")]) == .nameTaken("A"))
        #expect(error([t, .diameter(name: "D", from: "A", center: "B")]) == .badArguments("A not on a circle about B"))
        #expect(error([t, .lineCircle(name: "D", a: "A", b: "B", center: "O", through: "A", which: 0)]) == .noSuchCircle("O", "A"))
    }

    /// Programs are data: every sampled program survives the project's JSON
    /// stack (encode, serialize, parse, decode) unchanged.
    @Test func stepsRoundTripThroughJSON() throws {
        var kinds = Set<String>()
        for seed in UInt64(0)..<120 {
            var rng = SplitMix64(seed: seed)
            let (program, _) = try ProgramSampler().draw(&rng)
            kinds.formUnion(program.map(\.kind))
            let text = try JSONValueEncoder().encode(program).serialized()
            let back = try JSONValueDecoder().decode([ConstructionStep].self, from: Array(text.utf8))
            #expect(back == program, "seed \(seed): \(text)")
        }
        #expect(kinds.count == ConstructionStep.kinds.count, "kinds never drawn: \(Set(ConstructionStep.kinds).subtracting(kinds))")
        #expect(ConstructionStep.kinds.count >= 30)
    }
}
