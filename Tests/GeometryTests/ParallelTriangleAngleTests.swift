import DatasetFormat
import Testing
@testable import Geometry

/// Facts of the parallel-line triangle family, checked on the constructed coordinates.
@Suite struct ParallelTriangleAngleTests {
    let family = ParallelTriangleAngle()

    @Test func anglesOfTheTriangleSumTo180() throws {
        for s in 0..<300 {
            var rng = SplitMix64(seed: UInt64(s))
            let i = try generateValid(&rng)
            let sum = Angle.measure(i.b, i.a, i.c) + Angle.measure(i.a, i.b, i.c) + Angle.measure(i.a, i.c, i.b)
            #expect(abs(sum - 180) < 1e-9, "seed \(s): angle sum \(sum)")
            #expect(abs(Angle.measure(i.b, i.a, i.c) - Double(i.angleA)) < 1e-9, "seed \(s): angle A")
            #expect(abs(Angle.measure(i.a, i.b, i.c) - Double(i.angleB)) < 1e-9, "seed \(s): angle B")
        }
    }

    @Test func parallelLinesGiveEqualCorrespondingAngles() throws {
        for s in 0..<300 {
            var rng = SplitMix64(seed: UInt64(s))
            let i = try generateValid(&rng)
            // DE parallel to BC: cross product of directions vanishes.
            let cross = (i.e - i.d).normalized.cross((i.c - i.b).normalized)
            #expect(abs(cross) < 1e-9, "seed \(s): DE not parallel to BC (\(cross))")
            #expect(abs(Angle.measure(i.a, i.d, i.e) - Angle.measure(i.a, i.b, i.c)) < 1e-9, "seed \(s): ADE != ABC")
            #expect(abs(Angle.measure(i.a, i.e, i.d) - Angle.measure(i.a, i.c, i.b)) < 1e-9, "seed \(s): AED != ACB")
            // D and E lie on the sides.
            #expect(Construct.distance(i.d, segment: i.a, i.b) < 1e-9, "seed \(s): D off AB")
            #expect(Construct.distance(i.e, segment: i.a, i.c) < 1e-9, "seed \(s): E off AC")
        }
    }

    @Test func difficultyPicksTheTargetAndItsChainLength() throws {
        for d in 1...3 {
            let p = try family.make(seed: 7, options: GenerationOptions(difficulty: d)).get()
            #expect(p.steps.count == d)
            #expect(p.spec["difficulty"]?.intValue == d)
        }
    }

    @Test func aBrokenSolverIsCaughtAsAMismatch() {
        struct Broken: ProblemFamily {
            let inner = ParallelTriangleAngle()
            let id = "plane.broken"
            let subject = Subject.plane
            let answerTypes: [AnswerType] = [.integer]
            let agreementTolerance = 1e-6
            func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> ParallelTriangleAngle.Instance {
                try inner.generate(&rng, options: options)
            }
            func solve(_ i: ParallelTriangleAngle.Instance) -> Double { inner.solve(i) + 1 }
            func measure(_ i: ParallelTriangleAngle.Instance) -> Double { inner.measure(i) }
            func compose(_ i: ParallelTriangleAngle.Instance, answer: Double, rng: inout SplitMix64,
                         options: GenerationOptions) -> Problem {
                inner.compose(i, answer: answer, rng: &rng, options: options)
            }
        }
        let result = Broken().make(seed: 1, options: GenerationOptions())
        guard case .failure(.mismatch) = result else {
            Issue.record("expected a mismatch, got \(result)")
            return
        }
    }

    private func generateValid(_ rng: inout SplitMix64) throws -> ParallelTriangleAngle.Instance {
        for _ in 0..<64 {
            if let i = try? family.generate(&rng, options: GenerationOptions()) { return i }
        }
        throw GenerationFailure.degenerate("no draw")
    }
}

@Suite struct PrimitivesTests {
    @Test func splitMixIsDeterministicAndDerivedSeedsDiffer() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
        let seeds = Set((0..<1000).map { SplitMix64.derive(1, UInt64($0)) })
        #expect(seeds.count == 1000)
        #expect(SplitMix64.derive(1, 5, salt: 1) != SplitMix64.derive(1, 5, salt: 2))
    }

    @Test func lineIntersectionAndAngles() throws {
        let p = try #require(Construct.intersect(Vec2(0, 0), Vec2(1, 1), Vec2(2, 0), Vec2(-1, 1)))
        #expect(approxEqual(p.x, 1) && approxEqual(p.y, 1))
        #expect(Construct.intersect(Vec2(0, 0), Vec2(1, 0), Vec2(0, 1), Vec2(2, 0)) == nil)
        #expect(approxEqual(Angle.measure(Vec2(1, 0), Vec2(0, 0), Vec2(0, 1)), 90))
        #expect(approxEqual(Construct.signedArea([Vec2(0, 0), Vec2(4, 0), Vec2(0, 3)]), 6))
    }

    @Test func jsonSerialisationKeepsOrderAndEscapes() {
        let v: JSONValue = ["b": 1, "a": [true, .null, 2.5], "s": "q\"\n\u{1}∠"]
        #expect(v.serialized() == #"{"b":1,"a":[true,null,2.5],"s":"q\"\n\u0001∠"}"#)
        #expect(JSONValue.format(3.0) == "3.0", "a Double keeps its fraction: one JSON type per key (format version 2)")
        #expect(JSONValue.format(.nan) == "null")
    }

    @Test func choicesHoldTheAnswerOnceAndDistinctValues() {
        for s in 0..<200 {
            var rng = SplitMix64(seed: UInt64(s))
            let (values, index) = Choices.make(correct: 50, mistakes: [50, 130, 40, 40], rng: &rng)
            #expect(values.count == 4)
            #expect(values[index] == 50)
            #expect(Set(values).count == 4)
        }
    }
}
