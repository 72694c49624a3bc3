import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder

/// The variety measure (mathgen stats) and the manifest's composed counts.
@Suite struct DatasetStatsTests {
    @Test func skeletonMasksNumbersAndPointsAndDropsTheChoices() {
        let a = DatasetStats.skeleton("In △ABC, ∠A = 50° and AB = 7.5. Find BC.\nChoices: A. 3 B. 4")
        let b = DatasetStats.skeleton("In △DEF, ∠D = 72° and DE = 12. Find EF.\nChoices: A. 9 B. 10")
        #expect(a == b)
        #expect(a == "Pn △PPP, ∠P = #° and PP = #. Pind PP.")
        #expect(DatasetStats.skeleton("AB = 3/4") == "PP = #")
        #expect(DatasetStats.skeleton("Find AB.") != DatasetStats.skeleton("Find ∠ABC."))
    }

    @Test func manifestCountsDepthsWidthsAndStepsOfWhatWasWritten() throws {
        let families = [AnyFamily(ParallelTriangleAngle()), try #require(FamilyRegistry.named("compose.plane"))]
        let out = try TestSupport.build(TestSupport.config(pairs: 12, eval: 4, families: families, size: 96), name: "stats")
        defer { try? FileManager.default.removeItem(at: out) }
        let problems = try TestSupport.lines(out.appendingPathComponent(OutputFile.problems))
        let manifest = try JSONParser.parse(Array(Data(contentsOf: out.appendingPathComponent(OutputFile.manifest))))
        let counts = try #require(manifest["counts"])
        let composed = problems.filter { $0["family"]?.stringValue == "compose.plane" }
        #expect(composed.count == 8, "half of the 16 problems are composed")
        var depths: [String: Int] = [:]
        for p in composed { depths[String(p["spec"]?["depth"]?.intValue ?? -1), default: 0] += 1 }
        #expect(counts["composed_per_depth"]?.objectValue?.map { $0.0 }.sorted() == depths.keys.sorted())
        for (d, n) in depths { #expect(counts["composed_per_depth"]?[d]?.intValue == n) }
        #expect(counts["composed_per_width"]?.objectValue?.compactMap { $0.1.intValue }.reduce(0, +) == composed.count)
        let steps = problems.compactMap { $0["solution"]?.arrayValue?.count }.reduce(0, +)
        #expect(counts["solution_steps"]?.intValue == steps)
        let stats = try DatasetStats.measure(out)
        #expect(stats.all.problems == problems.count && stats.all.steps == steps)
        #expect(stats.perFamily.map(\.family) == ["compose.plane", "plane.parallel_triangle_angle"])
    }
}
