import Foundation
import Testing
@testable import Trainer

/// outcomes.jsonl and the pooled report computed from it.
@Suite struct OutcomeReportTests {
    /// Exact two-sided sign test against values worked by hand:
    /// 2 * sum_{i <= k} C(n, i) / 2^n.
    @Test func signTestMatchesTheBinomialTail() {
        // 5 vs 19: C(24, 0..5) sum to 55,455.
        #expect(abs(SignTest.pValue(5, 19) - 2 * 55_455 / 16_777_216) < 1e-12)
        #expect(abs(SignTest.pValue(19, 5) - SignTest.pValue(5, 19)) < 1e-15)
        #expect(abs(SignTest.pValue(19, 0) - 2 / 524_288) < 1e-15)
        // 1 vs 2: 2 * (1 + 3) / 8 = 1.
        #expect(SignTest.pValue(1, 2) == 1 && SignTest.pValue(5, 4) == 1 && SignTest.pValue(7, 6) == 1)
        #expect(SignTest.pValue(0, 0) == 1 && SignTest.pValue(7, 7) == 1)
        // 2 vs 8: 2 * (1 + 10 + 45) / 1024.
        #expect(abs(SignTest.pValue(2, 8) - 112.0 / 1024) < 1e-12)
        // Large n stays finite and symmetric.
        let big = SignTest.pValue(420, 480)
        #expect(big > 0.04 && big < 0.06 && abs(big - SignTest.pValue(480, 420)) < 1e-12)
    }

    /// Outcomes for `problems` problems of two families at text-dominant and
    /// vision-only; `right(arm, seed, problem, level)` says which are correct.
    static func make(seeds: [UInt64], problems: Int,
                     right: (String, UInt64, Int, String) -> Bool) -> [Outcome] {
        var out: [Outcome] = []
        for s in seeds {
            for arm in Arm.allCases.map(\.outcomeName) {
                for p in 0..<problems {
                    for level in ["text_dominant", "vision_only"] {
                        out.append(Outcome(seed: s, arm: arm, problemID: "e\(p)", family: p % 2 == 0 ? "even" : "odd",
                                           level: level, correct: right(arm, s, p, level)))
                    }
                }
            }
        }
        return out
    }

    @Test func accuraciesGapsAndPairedCountsComeFromTheLines() throws {
        // Text-dominant always right. Vision-only: the baseline gets problems
        // 0..<4 right, Math-PUMA 0..<10 (seed 0) or 0..<8 (seed 1), the control
        // 0..<4 and problem 19.
        let outcomes = Self.make(seeds: [0, 1], problems: 20) { arm, seed, p, level in
            if level == "text_dominant" { return true }
            switch arm {
            case "baseline": return p < 4
            case "math-puma": return p < (seed == 0 ? 10 : 8)
            default: return p < 4 || p == 19
            }
        }
        let r = try OutcomeReport(outcomes: outcomes, source: "test")
        #expect(r.seeds == [0, 1] && r.families == ["even", "odd"] && r.levels == ["text_dominant", "vision_only"])
        #expect(r.arms == ["baseline", "math-puma", "control"])
        #expect(r.pooled.problems == 40 && r.perSeed.map(\.problems) == [20, 20] && r.perFamily.map(\.problems) == [20, 20])
        let puma = try #require(r.pooled.arms.first { $0.arm == "math-puma" })
        #expect(puma.levels.map(\.correct) == [40, 18] && puma.levels.map(\.count) == [40, 40])
        #expect(abs((puma.gap ?? 0) - (1 - 18.0 / 40)) < 1e-12)
        #expect(abs(puma.allLevelsCorrect - 18.0 / 40) < 1e-12)

        // Vision-only, Math-PUMA vs baseline: 6 + 4 problems only Math-PUMA gets, none the other way.
        let vo = try #require(r.pooled.levelTests.first { $0.first == "math-puma" && $0.second == "baseline" && $0.level == "vision_only" })
        #expect(vo.firstBetter == 10 && vo.secondBetter == 0 && abs(vo.p - SignTest.pValue(10, 0)) < 1e-15)
        #expect(vo.seedsAgreeing == 2)
        // The same problems narrow the gap; text-dominant ties everywhere.
        let gap = try #require(r.pooled.gapTests.first { $0.first == "math-puma" && $0.second == "baseline" })
        #expect(gap.firstBetter == 10 && gap.secondBetter == 0)
        let td = try #require(r.pooled.levelTests.first { $0.first == "math-puma" && $0.second == "baseline" && $0.level == "text_dominant" })
        #expect(td.firstBetter == 0 && td.secondBetter == 0 && td.p == 1 && td.seedsAgreeing == nil)
        // Math-PUMA vs control: problem 19 goes to the control in both seeds.
        let pc = try #require(r.pooled.levelTests.first { $0.first == "math-puma" && $0.second == "control" && $0.level == "vision_only" })
        #expect(pc.firstBetter == 10 && pc.secondBetter == 2)
        // Per seed and per family.
        let s1 = try #require(r.perSeed.last?.levelTests.first { $0.first == "math-puma" && $0.second == "baseline" && $0.level == "vision_only" })
        #expect(s1.firstBetter == 4 && s1.seedsAgreeing == nil)
        let odd = try #require(r.perFamily.last?.gapTests.first { $0.first == "control" && $0.second == "baseline" })
        #expect(odd.firstBetter == 2 && odd.secondBetter == 0)

        let md = r.markdown(sources: ["a", "b"])
        #expect(md.contains("| vision_only | 20.0% (8/40) | 45.0% (18/40) | 25.0% (10/40) |"))
        #expect(md.contains("10 vs 0, p 0.002 (2/2 seeds)"))
        #expect(md.contains("## Seed 1") && md.contains("## Family odd (all seeds)"))
    }

    /// A difference seen in one seed only is counted as such.
    @Test func seedsAgreeingCountsOnlySeedsWithThePooledSign() throws {
        let outcomes = Self.make(seeds: [0, 1, 2], problems: 10) { arm, seed, p, level in
            if level == "text_dominant" { return true }
            if arm == "math-puma" { return seed == 0 ? p < 9 : (seed == 1 ? p < 2 : p < 3) }
            return p < 3
        }
        let r = try OutcomeReport(outcomes: outcomes, source: "test")
        let t = try #require(r.pooled.levelTests.first { $0.first == "math-puma" && $0.second == "baseline" && $0.level == "vision_only" })
        #expect(t.firstBetter == 6 && t.secondBetter == 1 && t.seedsAgreeing == 1)
    }

    @Test func unpairedArmsAndRepeatedLinesAreRefused() throws {
        var outcomes = Self.make(seeds: [0], problems: 3) { _, _, _, _ in true }
        outcomes.removeAll { $0.arm == "control" && $0.problemID == "e2" && $0.level == "vision_only" }
        #expect { try OutcomeReport(outcomes: outcomes, source: "x.jsonl") } throws: {
            "\($0)".contains("x.jsonl") && "\($0)".contains("control") && "\($0)".contains("problem e2, vision_only")
        }
        let dir = TempDirectory()
        let a = dir.path + "/a.jsonl", b = dir.path + "/b.jsonl"
        let full = Self.make(seeds: [0], problems: 3) { _, _, p, _ in p > 0 }
        try Outcomes.write(full, to: a)
        try Outcomes.write(full, to: b)
        #expect(try Outcomes.read(a) == Outcomes.sorted(full))
        // The same seed twice: named.
        #expect { try OutcomeReport.pool(inputs: [a, b], out: dir.path + "/r") } throws: {
            "\($0)".contains("b.jsonl") && "\($0)".contains("seed 0")
        }
        // A bad line: file and line named.
        var text = try String(contentsOfFile: a, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"arm\":\"math-puma\"", with: "\"arm\":\"puma\"")
        try text.write(toFile: b, atomically: true, encoding: .utf8)
        #expect { try Outcomes.read(b) } throws: { "\($0)".contains("b.jsonl:7") && "\($0)".contains("\"puma\"") }
        let lines = try String(contentsOfFile: a, encoding: .utf8).split(separator: "\n")
        try (lines + [lines[0]]).joined(separator: "\n").write(toFile: b, atomically: true, encoding: .utf8)
        #expect { try Outcomes.read(b) } throws: { "\($0)".contains("appears twice") }
        #expect { try Outcomes.read(dir.path) } throws: { "\($0)".contains("outcomes.jsonl") }

        // Another run of seed 0 (other problems) is not pooled as the same seed.
        let other = Self.make(seeds: [0], problems: 2) { _, _, _, _ in true }.map { o -> Outcome in
            var o = o; o.problemID = "x" + o.problemID; return o
        }
        try Outcomes.write(other, to: b)
        #expect { try OutcomeReport.pool(inputs: [a, b], out: dir.path + "/r") } throws: {
            "\($0)".contains("b.jsonl") && "\($0)".contains("seed 0 is also in") && "\($0)".contains("a.jsonl")
        }
        // The report never goes into an input.
        #expect { try OutcomeReport.pool(inputs: [dir.path + "/exp"], out: dir.path + "/exp/") } throws: {
            "\($0)".contains("one of the inputs")
        }
        // A problem without one of the levels the others have, or with two families.
        var partial = full
        partial.removeAll { $0.problemID == "e1" && $0.level == "vision_only" }
        #expect { try OutcomeReport(outcomes: partial, source: "p.jsonl") } throws: {
            "\($0)".contains("p.jsonl") && "\($0)".contains("problem e1 has no outcome at vision_only")
        }
        var twoFamilies = full
        twoFamilies[0].family = "other"
        #expect { try OutcomeReport(outcomes: twoFamilies, source: "f.jsonl") } throws: { "\($0)".contains("family") }
    }

    /// A per-problem gap can be negative (vision-only right, text-dominant
    /// wrong): the smaller signed gap is counted, and a seed without any
    /// difference has no direction.
    @Test func negativeGapsAndTiesAreCountedAsTheyAre() throws {
        let outcomes = Self.make(seeds: [0], problems: 4) { arm, _, p, level in
            // Math-PUMA loses text-dominant on problem 0 (its gap there -1 against the baseline's 0);
            // the control equals the baseline everywhere.
            if arm == "math-puma" && p == 0 { return level == "vision_only" }
            return level == "text_dominant" || p == 0
        }
        let r = try OutcomeReport(outcomes: outcomes, source: "test")
        let g = try #require(r.pooled.gapTests.first { $0.first == "math-puma" && $0.second == "baseline" })
        #expect(g.firstBetter == 1 && g.secondBetter == 0 && g.seedsAgreeing == 1)
        let td = try #require(r.pooled.levelTests.first { $0.first == "math-puma" && $0.second == "baseline" && $0.level == "text_dominant" })
        #expect(td.firstBetter == 0 && td.secondBetter == 1)
        let c = try #require(r.pooled.gapTests.first { $0.first == "control" && $0.second == "baseline" })
        #expect(c.firstBetter == 0 && c.secondBetter == 0 && c.seedsAgreeing == nil && c.p == 1)
        #expect(r.markdown(sources: ["x"]).contains("math-puma smaller on 1, baseline on 0"))
    }

    /// An experiment writes its outcomes; pooling two of them (two seeds) gives
    /// per-seed slices equal to each folder's own report.
    @Test func experimentOutcomesPoolAcrossSeeds() throws {
        let data = try PipelineFixture.make()
        var runs: [Experiment] = []
        let dirs = [TempDirectory(), TempDirectory()]
        for (k, d) in dirs.enumerated() {
            var c = ExperimentTests.quick()
            c.seed = UInt64(k)
            let e = try Experiment(config: c, manifest: data.file("manifest.json"), out: d.path)
            try e.run(log: { _ in })
            runs.append(e)
        }
        let first = try Outcomes.read(runs[0].out)
        // Three arms x 3 problems x 6 levels, each line matching the arm's eval samples.
        #expect(first.count == 3 * 3 * 6 && Set(first.map(\.arm)) == ["baseline", "math-puma", "control"])
        let pumaEval = try readJSON(EvalReport.self, from: runs[0].dir("puma", "eval", "report.json"))
        #expect(first.filter { $0.arm == "math-puma" }.filter(\.correct).count == pumaEval.samples.filter(\.correct).count)
        #expect(first.allSatisfy { $0.family == "fixture" && $0.seed == 0 })

        let out = TempDirectory()
        let r = try OutcomeReport.pool(inputs: runs.map(\.out), out: out.path)
        #expect(r.seeds == [0, 1] && r.pooled.problems == 6)
        for (k, e) in runs.enumerated() {
            let summary = try readJSON(ExperimentSummary.self, from: e.dir("report.json"))
            for arm in Arm.allCases {
                let pooled = try #require(r.perSeed[k].arms.first { $0.arm == arm.outcomeName })
                #expect(pooled.levels.map(\.correct) == summary.arms[arm.rawValue]?.levels.map(\.correct))
            }
        }
        #expect(try Outcomes.read(out.path).count == 2 * 3 * 3 * 6)
        #expect(FileManager.default.fileExists(atPath: out.path + "/report.md"))
    }
}
