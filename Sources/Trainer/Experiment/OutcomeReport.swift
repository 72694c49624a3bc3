import DatasetFormat
import Foundation

/// Accuracies, gaps and paired sign tests computed from outcomes alone:
/// pooled over seeds, per seed and per family (`puma-train experiment-report`).
///
/// The sampling unit of every test is one eval problem of one seed; two arms
/// are compared on the units where exactly one of them is right (per level),
/// or where their per-problem gaps differ (the gap test).
public struct OutcomeReport: Codable, Sendable {
    public var seeds: [UInt64]
    public var families: [String]
    public var arms: [String]
    public var levels: [String]
    public var pooled: OutcomeSlice
    public var perSeed: [OutcomeSlice]
    public var perFamily: [OutcomeSlice]

    /// The comparisons reported: (first, second) arm names, first the one expected to gain.
    public static let comparisons = [(Arm.puma, Arm.baseline), (Arm.puma, Arm.control), (Arm.control, Arm.baseline)]
        .map { (first: $0.0.outcomeName, second: $0.1.outcomeName) }
}

/// One slice of the outcomes (everything, one seed, or one family).
public struct OutcomeSlice: Codable, Sendable {
    /// "pooled", "seed 0", or a family name.
    public var name: String
    /// Units (problem x seed) in the slice.
    public var problems: Int
    public var arms: [ArmOutcomes]
    /// Per level and comparison.
    public var levelTests: [SignTest]
    /// Per comparison: whose text-dominant minus vision-only gap is narrower.
    public var gapTests: [SignTest]
}

public struct ArmOutcomes: Codable, Sendable {
    public var arm: String
    public var levels: [LevelAccuracy]
    /// Text-dominant minus vision-only accuracy (nil when a level is missing).
    public var gap: Double?
    /// Share of problems answered right at every level.
    public var allLevelsCorrect: Double
}

/// An exact two-sided sign test between two arms.
public struct SignTest: Codable, Sendable {
    public var first: String
    public var second: String
    /// A ladder level, or "gap" for the gap test.
    public var level: String
    /// Units where the first does better: right where the second is wrong, or
    /// (gap test) a smaller per-problem gap.
    public var firstBetter: Int
    public var secondBetter: Int
    public var p: Double
    /// Pooled tests only: how many seeds' own differences have the pooled
    /// difference's sign (a difference that holds across seeds has all of them);
    /// nil where the pooled counts tie.
    public var seedsAgreeing: Int?

    /// Exact two-sided binomial p of `a` against `b` successes at one half.
    public static func pValue(_ a: Int, _ b: Int) -> Double {
        let n = a + b
        // Counts one apart are the most even split there is: p is exactly 1
        // (the sum below can round to just under it).
        guard n > 0, abs(a - b) > 1 else { return 1 }
        // log C(n, i) - n log 2, C(n, i + 1) = C(n, i) (n - i) / (i + 1).
        var term = -Double(n) * log(2.0), tail = 0.0
        for i in 0...min(a, b) {
            tail += exp(term)
            term += log(Double(n - i)) - log(Double(i + 1))
        }
        return min(1, 2 * tail)
    }
}

extension OutcomeReport {
    /// Computes the report; every arm must hold the same problems at the same levels.
    public init(outcomes: [Outcome], source: String) throws {
        try Self.validate(outcomes, source: source)
        let arms = Arm.allCases.map(\.outcomeName).filter { a in outcomes.contains { $0.arm == a } }
        let levels = ladderLevels.filter { l in outcomes.contains { $0.level == l } }
        let seeds = Array(Set(outcomes.map(\.seed))).sorted()
        let families = Array(Set(outcomes.map(\.family))).sorted()
        let perSeed = seeds.map { s in Self.slice("seed \(s)", outcomes.filter { $0.seed == s }, arms: arms, levels: levels) }
        var pooled = Self.slice("pooled", outcomes, arms: arms, levels: levels)
        // Which pooled differences every seed shares.
        for k in pooled.levelTests.indices {
            pooled.levelTests[k].seedsAgreeing = Self.agreeing(pooled.levelTests[k], perSeed.map(\.levelTests))
        }
        for k in pooled.gapTests.indices {
            pooled.gapTests[k].seedsAgreeing = Self.agreeing(pooled.gapTests[k], perSeed.map(\.gapTests))
        }
        self.init(seeds: seeds, families: families, arms: arms, levels: levels, pooled: pooled, perSeed: perSeed,
                  perFamily: families.map { f in Self.slice(f, outcomes.filter { $0.family == f }, arms: arms, levels: levels) })
    }

    /// The shape a report needs, each error naming `source`: not empty, every
    /// problem at every level under one family, and every arm holding the same
    /// problems and levels (otherwise the comparisons are not paired).
    static func validate(_ outcomes: [Outcome], source: String) throws {
        guard !outcomes.isEmpty else { throw TrainerError.emptyDataset(path: source) }
        let arms = Arm.allCases.map(\.outcomeName).filter { a in outcomes.contains { $0.arm == a } }
        let levels = ladderLevels.filter { l in outcomes.contains { $0.level == l } }
        // Every problem at every level, under one family: otherwise the levels'
        // accuracies (and the gap) would come from different problems.
        var unitLevels: [Outcome.Unit: Set<String>] = [:], unitFamily: [Outcome.Unit: String] = [:]
        for o in outcomes {
            unitLevels[o.unit, default: []].insert(o.level)
            if let f = unitFamily[o.unit], f != o.family {
                throw TrainerError.invalidConfig(path: source,
                    reason: "seed \(o.seed), problem \(o.problemID) is in family \(f) on one line and \(o.family) on another")
            }
            unitFamily[o.unit] = o.family
        }
        for (u, have) in unitLevels.sorted(by: { $0.key < $1.key }) where have.count < levels.count {
            let missing = levels.filter { !have.contains($0) }.joined(separator: ", ")
            throw TrainerError.invalidConfig(path: source,
                reason: "seed \(u.seed), problem \(u.problemID) has no outcome at \(missing), which other problems have")
        }
        // The same items for every arm, or the comparisons are not paired.
        var items: [String: Set<String>] = [:]
        for o in outcomes { items[o.arm, default: []].insert("seed \(o.seed), problem \(o.problemID), \(o.level)") }
        if let first = arms.first, let reference = items[first] {
            for a in arms.dropFirst() {
                let other = items[a] ?? []
                if let missing = reference.subtracting(other).sorted().first {
                    throw TrainerError.invalidConfig(path: source, reason: "arm \(a) has no outcome for \(missing), which \(first) has")
                }
                if let extra = other.subtracting(reference).sorted().first {
                    throw TrainerError.invalidConfig(path: source, reason: "arm \(first) has no outcome for \(extra), which \(a) has")
                }
            }
        }
    }

    /// Nil for a pooled tie: no direction to agree with.
    static func agreeing(_ test: SignTest, _ seeds: [[SignTest]]) -> Int? {
        let sign = (test.firstBetter - test.secondBetter).signum()
        guard sign != 0 else { return nil }
        return seeds.filter { tests in
            tests.contains { $0.first == test.first && $0.second == test.second && $0.level == test.level
                && ($0.firstBetter - $0.secondBetter).signum() == sign }
        }.count
    }

    static func slice(_ name: String, _ outcomes: [Outcome], arms: [String], levels: [String]) -> OutcomeSlice {
        // correct[arm][unit][level]
        var correct: [String: [Outcome.Unit: [String: Bool]]] = [:]
        for o in outcomes { correct[o.arm, default: [:]][o.unit, default: [:]][o.level] = o.correct }
        let units = Set(outcomes.map(\.unit)).sorted()
        let td = Level.textDominant.rawValue, vo = Level.visionOnly.rawValue
        let armStats = arms.map { arm -> ArmOutcomes in
            let byUnit = correct[arm] ?? [:]
            let accs = levels.map { l -> LevelAccuracy in
                let answers = units.compactMap { byUnit[$0]?[l] }
                return LevelAccuracy(level: l, count: answers.count, correct: answers.filter { $0 }.count)
            }
            let acc = { (l: String) in accs.first { $0.level == l && $0.count > 0 }?.accuracy }
            let gap = acc(td).flatMap { a in acc(vo).map { a - $0 } }
            let everywhere = units.filter { u in byUnit[u].map { $0.values.allSatisfy { $0 } } ?? false }.count
            return ArmOutcomes(arm: arm, levels: accs, gap: gap,
                               allLevelsCorrect: units.isEmpty ? 0 : Double(everywhere) / Double(units.count))
        }
        var levelTests: [SignTest] = [], gapTests: [SignTest] = []
        for (first, second) in OutcomeReport.comparisons where arms.contains(first) && arms.contains(second) {
            let a = correct[first] ?? [:], b = correct[second] ?? [:]
            for l in levels {
                var firstBetter = 0, secondBetter = 0
                for u in units {
                    guard let x = a[u]?[l], let y = b[u]?[l], x != y else { continue }
                    if x { firstBetter += 1 } else { secondBetter += 1 }
                }
                levelTests.append(SignTest(first: first, second: second, level: l, firstBetter: firstBetter,
                                           secondBetter: secondBetter, p: SignTest.pValue(firstBetter, secondBetter)))
            }
            guard levels.contains(td) && levels.contains(vo) else { continue }
            // Per problem, an arm's gap is right(TD) - right(VO): -1, 0 or 1.
            func gap(_ m: [String: Bool]?) -> Int? {
                guard let m, let t = m[td], let v = m[vo] else { return nil }
                return (t ? 1 : 0) - (v ? 1 : 0)
            }
            var narrower = 0, wider = 0
            for u in units {
                guard let x = gap(a[u]), let y = gap(b[u]), x != y else { continue }
                if x < y { narrower += 1 } else { wider += 1 }
            }
            gapTests.append(SignTest(first: first, second: second, level: "gap", firstBetter: narrower,
                                     secondBetter: wider, p: SignTest.pValue(narrower, wider)))
        }
        return OutcomeSlice(name: name, problems: units.count, arms: armStats, levelTests: levelTests, gapTests: gapTests)
    }
}
