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
        var saturated = 0, facts = 0, derived = 0, seconds = 0.0
        var ruleUse: [String: Int] = [:], stepUse: [String: Int] = [:]
        for seed in UInt64(0)..<300 {
            var rng = SplitMix64(seed: seed)
            let (program, figure) = try sampler.draw(&rng)
            #expect((3...12).contains(program.count), "seed \(seed): \(program.count) steps")
            #expect(try Realizer.realize(program).coordinates == figure.coordinates, "seed \(seed): realizes differently")
            kinds.formUnion(program.map(\.kind))
            for k in program.map(\.kind) { stepUse[k, default: 0] += 1 }
            let start = Date()
            let d = DeductionEngine().run(on: figure)
            seconds += Date().timeIntervalSince(start)
            saturated += d.saturated ? 1 : 0
            facts += d.base.facts.count
            for f in d.base.facts where f.rule != FactBase.givenRule { derived += 1; ruleUse[f.rule, default: 0] += 1 }
            for m in d.mismatches { failures.append("seed \(seed): \(m)") }
            let deepest = d.derivedValues.first?.depth ?? 0
            depthCounts[deepest, default: 0] += 1
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches, first: \(failures.prefix(5))")
        let deep = depthCounts.filter { $0.key >= 4 }.values.reduce(0, +)
        #expect(deep > 0, "no seed derives a value at depth 4: \(depthCounts)")
        print("compose sweep: deepest derived value per seed \(depthCounts.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" })")
        print("compose sweep: \(kinds.count) step kinds drawn, closure reached in \(saturated)/300, \(facts) facts (\(derived) derived), "
              + "engine \(String(format: "%.1f", seconds)) s in all")
        print("compose sweep: steps \(stepUse.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" })")
        print("compose sweep: rules \(ruleUse.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" })")
        #expect(Set(ruleUse.keys).count >= 30, "rules never used in the sweep: \(Set(RuleCatalog.all.map(\.id)).subtracting(ruleUse.keys))")
    }
}
