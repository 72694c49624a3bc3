import DatasetFormat
import Foundation

/// One arm's answer to one eval problem at one level: a line of
/// `outcomes.jsonl`. An experiment folder writes its own (one seed); the pooled
/// report (`puma-train experiment-report`) is computed from these lines alone,
/// so anyone holding the file can recompute every accuracy, gap and test.
public struct Outcome: Codable, Equatable, Sendable {
    /// The experiment's seed (data and model initialisation).
    public var seed: UInt64
    /// `baseline`, `math-puma` or `control` (Arm.outcomeName).
    public var arm: String
    public var problemID: String
    public var family: String
    public var level: String
    public var correct: Bool

    enum CodingKeys: String, CodingKey { case seed, arm, problemID = "problem_id", family, level, correct }

    public init(seed: UInt64, arm: String, problemID: String, family: String, level: String, correct: Bool) {
        self.seed = seed; self.arm = arm; self.problemID = problemID; self.family = family
        self.level = level; self.correct = correct
    }

    /// The eval item this answers: the same for every arm.
    var unit: Unit { Unit(seed: seed, problemID: problemID) }

    /// One eval problem of one seed: the paired tests' sampling unit.
    struct Unit: Hashable, Comparable {
        var seed: UInt64
        var problemID: String
        static func < (a: Unit, b: Unit) -> Bool { (a.seed, a.problemID) < (b.seed, b.problemID) }
    }
}

extension Arm {
    /// The arm's name in outcomes.jsonl and in pooled reports.
    public var outcomeName: String {
        switch self {
        case .baseline: return "baseline"
        case .puma: return "math-puma"
        case .control: return "control"
        }
    }

    public init?(outcomeName: String) {
        guard let a = Arm.allCases.first(where: { $0.outcomeName == outcomeName }) else { return nil }
        self = a
    }
}

/// Reading, checking and writing outcomes.jsonl.
public enum Outcomes {
    public static let file = "outcomes.jsonl"

    /// The outcomes of `path`: an outcomes.jsonl file, or an experiment folder
    /// holding one. Every line is checked (known arm and level, no unit twice).
    public static func read(_ path: String) throws -> [Outcome] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw TrainerError.unreadableFile(path: path, reason: "no such file or folder")
        }
        let file = isDir.boolValue ? Checkpoint.path(path, Self.file) : path
        if isDir.boolValue && !FileManager.default.fileExists(atPath: file) {
            throw TrainerError.unreadableFile(path: file,
                reason: "no outcomes in this folder (an experiment writes them with its report; re-run it to finish)")
        }
        let lines = try JSONL.read(Outcome.self, path: file)
        guard !lines.isEmpty else { throw TrainerError.emptyDataset(path: file) }
        var seen = Set<Key>()
        for (line, o) in lines {
            if Arm(outcomeName: o.arm) == nil {
                throw TrainerError.malformedRecord(path: file, line: line,
                    reason: "arm \"\(o.arm)\" is not one of \(Arm.allCases.map(\.outcomeName).joined(separator: ", "))")
            }
            if Level(rawValue: o.level) == nil {
                throw TrainerError.malformedRecord(path: file, line: line, reason: "level \"\(o.level)\" is not a ladder level")
            }
            guard seen.insert(Key(o)).inserted else {
                throw TrainerError.malformedRecord(path: file, line: line,
                    reason: "seed \(o.seed), arm \(o.arm), problem \(o.problemID), level \(o.level) appears twice")
            }
        }
        return lines.map(\.record)
    }

    /// Joins the outcomes of several sources; a seed in two of them (one seed's
    /// folder passed twice, or two runs of one seed) is an error naming both.
    public static func merge(_ sources: [(path: String, outcomes: [Outcome])]) throws -> [Outcome] {
        // A seed comes from one input: two runs of one seed would pool as one seed.
        var seedSource: [UInt64: String] = [:]
        for (path, outcomes) in sources {
            for seed in Set(outcomes.map(\.seed)).sorted() {
                if let other = seedSource[seed] {
                    throw TrainerError.invalidConfig(path: path,
                        reason: "seed \(seed) is also in \(other); each seed's outcomes must come from one experiment (is one seed given twice?)")
                }
                seedSource[seed] = path
            }
        }
        // Inputs hold disjoint seeds and each is free of repeats (read), so the lines join as they are.
        return sorted(sources.flatMap(\.outcomes))
    }

    /// Seed, arm (baseline, math-puma, control), problem, then ladder level: the file's fixed order.
    public static func sorted(_ outcomes: [Outcome]) -> [Outcome] {
        let armOrder = Dictionary(uniqueKeysWithValues: Arm.allCases.enumerated().map { ($1.outcomeName, $0) })
        let levelOrder = Dictionary(uniqueKeysWithValues: ladderLevels.enumerated().map { ($1, $0) })
        return outcomes.sorted {
            ($0.seed, armOrder[$0.arm] ?? 9, $0.problemID, levelOrder[$0.level] ?? 9)
                < ($1.seed, armOrder[$1.arm] ?? 9, $1.problemID, levelOrder[$1.level] ?? 9)
        }
    }

    /// Writes one line per outcome, in the fixed order, atomically.
    public static func write(_ outcomes: [Outcome], to path: String) throws {
        var text = ""
        for o in sorted(outcomes) {
            do { text += try o.jsonValue().serialized() + "\n" } catch {
                throw TrainerError.writeFailed(path: path, reason: "cannot encode an outcome: \(error)")
            }
        }
        try writeAtomically(Data(text.utf8), to: path)
    }

    struct Key: Hashable {
        var seed: UInt64, arm: String, problemID: String, level: String
        init(_ o: Outcome) { seed = o.seed; arm = o.arm; problemID = o.problemID; level = o.level }
    }
}

extension Experiment {
    /// Every arm's eval answers as outcomes (the family from eval.jsonl).
    public func outcomes() throws -> [Outcome] {
        var family: [String: String] = [:]
        for (_, r) in try dataset.eval() { family[r.problemID] = r.family ?? "unknown" }
        var out: [Outcome] = []
        for arm in Arm.allCases {
            let path = dir(arm.rawValue, "eval", "report.json")
            let report = try readJSON(EvalReport.self, from: path)
            for s in report.samples {
                guard let f = family[s.problemID] else {
                    throw TrainerError.invalidConfig(path: path,
                        reason: "problem \(s.problemID) is not in \(dataset.path(Dataset.evalFile)); was the data regenerated?")
                }
                out.append(Outcome(seed: config.seed, arm: arm.outcomeName, problemID: s.problemID, family: f,
                                   level: s.level, correct: s.correct))
            }
        }
        return Outcomes.sorted(out)
    }
}

extension OutcomeReport {
    /// Reads the outcomes of `inputs` (files or experiment folders), pools them
    /// and writes `out`/outcomes.jsonl (all of them, one order), report.json
    /// and report.md.
    @discardableResult
    public static func pool(inputs: [String], out: String) throws -> OutcomeReport {
        let outDir = URL(fileURLWithPath: out).standardizedFileURL.path
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.path == outDir {
            throw TrainerError.invalidConfig(path: out, reason: "--out is one of the inputs; write the pooled report to its own folder")
        }
        if FileManager.default.fileExists(atPath: Checkpoint.path(out, Experiment.stateFile)) {
            throw TrainerError.invalidConfig(path: out, reason: "--out holds an experiment; write the pooled report to its own folder")
        }
        let sources = try inputs.map { (path: $0, outcomes: try Outcomes.read($0)) }
        let all = try Outcomes.merge(sources)
        // Each input checked alone first, so a shape error names its file.
        for (path, outcomes) in sources { try OutcomeReport.validate(outcomes, source: path) }
        let report = try OutcomeReport(outcomes: all, source: inputs.joined(separator: ", "))
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw TrainerError.writeFailed(path: out, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        try Outcomes.write(all, to: Checkpoint.path(out, Outcomes.file))
        try writeJSON(report, to: Checkpoint.path(out, "report.json"))
        try writeAtomically(Data(report.markdown(sources: inputs).utf8), to: Checkpoint.path(out, "report.md"))
        return report
    }
}
