import DatasetFormat
import Foundation
import Testing
@testable import Geometry

/// The compose library end to end: sampled programs realize, every derived fact
/// agrees with the coordinates, and derivations get deep. All compose suites
/// hang under `ComposeTests` so `--filter ComposeTests` runs them together.
@Suite struct ComposeTests {
    @Test func sampledProgramsRealizeAndAgreeWithMeasurement() throws {
        let sampler = ProgramSampler()
        var depthCounts: [Int: Int] = [:]
        var kinds = Set<String>()
        var failures: [String] = []
        for seed in UInt64(0)..<300 {
            var rng = SplitMix64(seed: seed)
            let (program, figure) = try sampler.draw(&rng)
            #expect((3...12).contains(program.count), "seed \(seed): \(program.count) steps")
            #expect(try Realizer.realize(program).coordinates == figure.coordinates, "seed \(seed): realizes differently")
            kinds.formUnion(program.map(\.kind))
            let d = DeductionEngine().run(on: figure)
            for m in d.mismatches { failures.append("seed \(seed): \(m)") }
            let deepest = d.derivedValues.first?.depth ?? 0
            depthCounts[deepest, default: 0] += 1
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches, first: \(failures.prefix(5))")
        let deep = depthCounts.filter { $0.key >= 4 }.values.reduce(0, +)
        #expect(deep > 0, "no seed derives a value at depth 4: \(depthCounts)")
        print("compose sweep: deepest derived value per seed \(depthCounts.sorted { $0.key < $1.key }); step kinds drawn \(kinds.count)")
    }
}
