import DatasetFormat
import Foundation
import Testing
@testable import Geometry

extension ComposeTests {
    /// A trace lists each derived fact after its premises, ends with the fact,
    /// and its depth is the longest chain of rules in it.
    @Test func traceIsInDependencyOrder() throws {
        for seed in UInt64(0)..<40 {
            var rng = SplitMix64(seed: seed)
            let (_, figure) = try ProgramSampler().draw(&rng)
            let d = DeductionEngine().run(on: figure)
            for (fact, depth) in d.derivedValues.prefix(5) {
                let t = d.trace(fact.id)
                #expect(t.steps.last == fact.id && t.depth == depth)
                var known = Set(t.givens)
                var level: [Int: Int] = Dictionary(uniqueKeysWithValues: t.givens.map { ($0, 0) })
                for i in t.steps {
                    let f = d.base[i]
                    #expect(f.premises.allSatisfy(known.contains), "seed \(seed): #\(i) before its premises")
                    #expect(f.rule != FactBase.givenRule)
                    level[i] = 1 + (f.premises.compactMap { level[$0] }.max() ?? 0)
                    known.insert(i)
                }
                #expect(level[fact.id] == t.depth, "seed \(seed): depth \(t.depth) vs chain \(level[fact.id] ?? -1)")
            }
        }
    }

    /// COMPOSE_PRINT=1 prints the deepest derivation of depth at most 5 in 60 seeds (docs/families/compose.md).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["COMPOSE_PRINT"] != nil)) func printDeepDerivation() throws {
        var best: (UInt64, Int, Int) = (0, 0, 0)
        for seed in UInt64(0)..<60 {
            var rng = SplitMix64(seed: seed)
            let (_, figure) = try ProgramSampler().draw(&rng)
            let d = DeductionEngine().run(on: figure)
            if let top = d.derivedValues.first(where: { $0.depth <= 5 }), top.depth > best.1 { best = (seed, top.depth, top.fact.id) }
        }
        var rng = SplitMix64(seed: best.0)
        let (program, figure) = try ProgramSampler().draw(&rng)
        let d = DeductionEngine().run(on: figure)
        print("seed \(best.0)")
        for s in program { print("  \(s)") }
        print("  json: " + (try JSONValueEncoder().encode(Array(program.prefix(2))).serialized()))
        for l in d.explain(best.2) { print("  " + l) }
    }
}
