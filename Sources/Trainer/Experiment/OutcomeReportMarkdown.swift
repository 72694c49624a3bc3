import Foundation

extension OutcomeReport {
    /// report.md of `puma-train experiment-report`.
    public func markdown(sources: [String]) -> String {
        let perSeedProblems = perSeed.map(\.problems)
        var o = "# Math-PUMA experiment, pooled\n\n"
        o += "Computed by `puma-train experiment-report` from the outcomes of: "
        o += sources.map { "`\($0)`" }.joined(separator: ", ") + ".\n\n"
        o += "Seeds \(seeds.map(String.init).joined(separator: ", ")); eval problems per seed "
        o += perSeedProblems.map(String.init).joined(separator: ", ")
        o += " (\(pooled.problems) in all), each at \(levels.count) levels; families: \(families.joined(separator: ", ")).\n\n"
        o += "A problem's gap, for one arm, is 1 if it is answered right at text-dominant and wrong at vision-only, "
        o += "-1 the other way round, 0 otherwise; an arm's gap is the mean (text-dominant minus vision-only accuracy). "
        o += "Every p is an exact two-sided sign test over problems x seeds: per level, the problems one arm gets right "
        o += "and the other wrong; for the gap, the problems where one arm's gap is smaller than the other's (a gap "
        o += "also shrinks when text-dominant is lost: read it beside the per-level tests). "
        o += "\"k/\(seeds.count) seeds\" counts the seeds whose own difference goes the pooled way. The tests treat "
        o += "problems x seeds as independent and are not corrected for their number; a difference that every seed "
        o += "shares is the one to trust.\n\n"
        let absent = Arm.allCases.map(\.outcomeName).filter { !arms.contains($0) }
        if !absent.isEmpty { o += "No outcomes for \(absent.joined(separator: ", ")): its comparisons are left out.\n\n" }
        o += "## Pooled over seeds\n\n"
        o += Self.accuracyTable(pooled)
        o += "\n### Does stage 2 narrow the gap?\n\n"
        o += "Problems where the first arm's per-problem gap is smaller, then where the second's is.\n\n"
        o += "| comparison | pooled | " + perSeed.map(\.name).joined(separator: " | ") + " |\n"
        o += "|---|---|" + perSeed.map { _ in "---|" }.joined() + "\n"
        for test in pooled.gapTests {
            o += "| \(test.first) vs \(test.second) | \(Self.gapCell(test, seeds: seeds.count)) | "
            o += perSeed.map { s in
                s.gapTests.first { $0.first == test.first && $0.second == test.second }.map { Self.gapCell($0, seeds: nil) } ?? "-"
            }.joined(separator: " | ") + " |\n"
        }
        o += "\n### Paired comparisons per level\n\n"
        o += Self.testTable(pooled, seeds: seeds.count)
        for s in perSeed {
            o += "\n## \(s.name.prefix(1).uppercased() + s.name.dropFirst())\n\n"
            o += Self.accuracyTable(s) + "\n" + Self.testTable(s, seeds: nil)
        }
        for f in perFamily {
            o += "\n## Family \(f.name) (all seeds)\n\n"
            o += Self.accuracyTable(f) + "\n" + Self.testTable(f, seeds: nil)
            o += f.gapTests.map { "\n- gap, \($0.first) vs \($0.second): \(Self.gapCell($0, seeds: nil))" }.joined() + "\n"
        }
        return o
    }

    static func pct(_ x: Double?) -> String { x.map { String(format: "%.1f%%", 100 * $0) } ?? "n/a" }
    static func points(_ x: Double?) -> String { x.map { String(format: "%+.1f", 100 * $0) } ?? "n/a" }
    static func p(_ x: Double) -> String { x < 0.001 ? "p < 0.001" : String(format: "p %.3f", x) }

    static func accuracyTable(_ s: OutcomeSlice) -> String {
        var o = "| level | " + s.arms.map(\.arm).joined(separator: " | ") + " |\n|---|" + s.arms.map { _ in "---:|" }.joined() + "\n"
        let levels = s.arms.first?.levels.map(\.level) ?? []
        for l in levels {
            o += "| \(l) | " + s.arms.map { a in
                a.levels.first { $0.level == l && $0.count > 0 }.map { "\(pct($0.accuracy)) (\($0.correct)/\($0.count))" } ?? "-"
            }.joined(separator: " | ") + " |\n"
        }
        o += "| gap text-dominant - vision-only (points) | " + s.arms.map { points($0.gap) }.joined(separator: " | ") + " |\n"
        o += "| correct at every level | " + s.arms.map { pct($0.allLevelsCorrect) }.joined(separator: " | ") + " |\n"
        return o
    }

    static func testTable(_ s: OutcomeSlice, seeds: Int?) -> String {
        let pairs = OutcomeReport.comparisons.filter { c in s.levelTests.contains { $0.first == c.first && $0.second == c.second } }
        guard !pairs.isEmpty else { return "" }
        var o = "| level | " + pairs.map { "\($0.first) vs \($0.second)" }.joined(separator: " | ") + " |\n"
        o += "|---|" + pairs.map { _ in "---|" }.joined() + "\n"
        let levels = s.arms.first?.levels.map(\.level) ?? []
        for l in levels {
            o += "| \(l) | " + pairs.map { c in
                guard let t = s.levelTests.first(where: { $0.first == c.first && $0.second == c.second && $0.level == l }) else { return "-" }
                var cell = "\(t.firstBetter) vs \(t.secondBetter), \(p(t.p))"
                if let n = seeds, let k = t.seedsAgreeing, t.firstBetter != t.secondBetter { cell += " (\(k)/\(n) seeds)" }
                return cell
            }.joined(separator: " | ") + " |\n"
        }
        return o
    }

    static func gapCell(_ t: SignTest, seeds: Int?) -> String {
        var cell = "\(t.first) smaller on \(t.firstBetter), \(t.second) on \(t.secondBetter), \(p(t.p))"
        if let n = seeds, let k = t.seedsAgreeing, t.firstBetter != t.secondBetter { cell += " (\(k)/\(n) seeds)" }
        return cell
    }
}
