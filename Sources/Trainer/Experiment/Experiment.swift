import DatasetFormat
import Foundation

/// The three arms compared after the shared caption pre-alignment and stage 1.
/// Each gets alignSteps + instructSteps optimizer steps of the same batch size.
public enum Arm: String, CaseIterable, Codable, Sendable {
    /// Stage 3 only, for all the arm's steps.
    case baseline
    /// Stage 2 (KL alignment, the configured lambda), then stage 3.
    case puma
    /// Stage 2 with lambda = 0 (vision-rich cross-entropy only), then stage 3:
    /// the same extra vision-rich steps without the KL term.
    case control

    public var title: String {
        switch self {
        case .baseline: return "baseline (stage 3 only)"
        case .puma: return "Math-PUMA (stage 2 + 3)"
        case .control: return "control (stage 2 with lambda 0 + 3)"
        }
    }
}

/// One experiment in a run folder:
///
///     experiment.json          ExperimentConfig + manifest path
///     caption/                 stage 0 checkpoint, log.jsonl, checks.json, transcription.json
///     caption2/                stage 0's second phase (caption2Steps > 0)
///     text/                    stage 1 checkpoint
///     <arm>/align, <arm>/instruct, <arm>/eval
///     report.md, report.json, accuracy.png, loss.png
///
/// Every phase is skipped when its output is complete, so re-running the same
/// command after a kill continues where it stopped (a half-done stage
/// resumes exactly from its last checkpoint).
public final class Experiment {
    public let config: ExperimentConfig
    public let dataset: Dataset
    public let out: String

    public static let stateFile = "experiment.json"

    struct State: Codable, Equatable {
        var manifest: String
        var config: ExperimentConfig
    }

    /// Opens (or creates) the run folder. A folder made with other settings is an error.
    public init(config: ExperimentConfig, manifest: String, out: String) throws {
        try config.validate()
        let manifestPath = URL(fileURLWithPath: manifest).standardizedFileURL.path
        dataset = try Dataset(manifest: manifestPath)
        self.config = config
        self.out = out
        let statePath = Checkpoint.path(out, Self.stateFile)
        let state = State(manifest: manifestPath, config: config)
        if let existing = try Self.readState(out) {
            guard existing == state else {
                throw TrainerError.invalidConfig(path: statePath,
                    reason: "the folder holds an experiment with other settings or data; use another --out")
            }
        } else {
            try writeJSON(state, to: statePath)
        }
    }

    /// Reopens an experiment from its folder (how arm processes start).
    public convenience init(existing out: String) throws {
        guard let state = try Self.readState(out) else {
            throw TrainerError.unreadableFile(path: Checkpoint.path(out, Self.stateFile), reason: "no experiment in this folder")
        }
        try self.init(config: state.config, manifest: state.manifest, out: out)
    }

    static func readState(_ out: String) throws -> State? {
        let p = Checkpoint.path(out, stateFile)
        guard let data = FileManager.default.contents(atPath: p) else { return nil }
        do { return try RecordFile.object(State.self, data: data, path: p) } catch {
            throw TrainerError.invalidConfig(path: p, reason: error.reason)
        }
    }

    public func dir(_ parts: String...) -> String {
        parts.reduce(URL(fileURLWithPath: out)) { $0.appendingPathComponent($1) }.path
    }

    // MARK: phases

    /// Runs the whole experiment in this process, arms one after another
    /// (the CLI instead starts one process per arm between `runShared` and
    /// `writeReport`).
    public func run(log: @escaping (String) -> Void) throws {
        try runShared(log: log)
        for arm in Arm.allCases { try runArm(arm, log: log) }
        try writeReport()
        log("report: \(dir("report.md"))")
    }

    /// Stage 0 (until held-out transcription passes the target or the step
    /// cap), its transcription measurement, then stage 1.
    public func runShared(log: @escaping (String) -> Void) throws {
        let c = config
        let captionDir = dir("caption")
        // The held-out images, read once for the stopping checks and the final
        // transcription. Decoys (when the data has them) measure reading alone.
        var loaded: (captions: [Example], decoys: [Example])?
        func heldOut() throws -> (captions: [Example], decoys: [Example]) {
            if let loaded { return loaded }
            let n = max(c.transcriptionImages, 16)
            let sets = (captions: try dataset.evalCaptions(imageSize: c.model.imageSize, limit: n, task: c.transcriptionTask),
                        decoys: c.transcriptionTask == .values
                            ? try dataset.evalDecoys(imageSize: c.model.imageSize, limit: n) : [])
            loaded = sets
            return sets
        }
        // Stage 0 in one or two phases (ExperimentConfig.caption2Steps); the
        // second starts from the first's weights unless the first already
        // reached the target. Checks of both go to caption/checks.json, steps
        // counted from the start of stage 0.
        var phases = [(name: "caption", steps: c.captionSteps, lr: c.captionLR, task: c.captionTask, offset: 0)]
        if c.caption2Steps > 0 {
            phases.append(("caption2", c.caption2Steps, c.caption2LR, c.caption2Task, c.captionSteps))
        }
        // The phase stage 1 and the transcription start from.
        var stage0 = phases[0]
        for (k, phase) in phases.enumerated() {
            let phaseDir = dir(phase.name)
            if k > 0 {
                let first = try Checkpoint.readConfig(captionDir)
                if first.run?["stoppedEarly"] != nil { break }
            }
            if !isDone(phaseDir, steps: phase.steps) {
                // The stop needs both readings at the target.
                let (captions, decoys) = try heldOut()
                var checks: [[String: Double]] = (try? readJSON([[String: Double]].self, from: dir("caption", "checks.json"))) ?? []
                let t0 = Date()
                try Stages.run(.caption, dataset: dataset, out: phaseDir, from: k == 0 ? nil : dir(stage0.name), model: c.model,
                               optimizer: c.optimizer(lr: phase.lr, steps: phase.steps),
                               options: RunOptions(steps: phase.steps, batchSize: c.batchSize, seed: c.seed &+ UInt64(k * 10),
                                                   checkpointEvery: c.captionCheckEvery, captionTask: phase.task),
                               checkEvery: c.captionCheckEvery, stopWhen: { session in
                    let step = phase.offset + session.optimizer.step
                    let s = try Transcription.teacherForced(session: session, examples: captions)
                    var check = ["step": Double(step), "digitAccuracy": s.digitAccuracy,
                                 "valueAccuracy": s.valueAccuracy, "phase": Double(k + 1)]
                    var line = String(format: "%@ step %d: held-out teacher-forced digit accuracy %.3f",
                                      phase.name, step, s.digitAccuracy)
                    var reached = s.digitAccuracy >= c.captionTarget
                    if !decoys.isEmpty {
                        let d = try Transcription.teacherForced(session: session, examples: decoys)
                        check["decoyDigitAccuracy"] = d.digitAccuracy
                        check["decoyValueAccuracy"] = d.valueAccuracy
                        line += String(format: ", on decoys %.3f", d.digitAccuracy)
                        reached = reached && d.digitAccuracy >= c.captionTarget
                    }
                    checks.append(check)
                    try writeJSON(checks, to: self.dir("caption", "checks.json"))
                    log(line)
                    return reached
                }, onEvent: progressLogger(phase.name, log))
                try addSeconds(Date().timeIntervalSince(t0), phase: phase.name)
            }
            stage0 = phase
        }
        let stage0Dir = dir(stage0.name)
        let transcriptionPath = dir("caption", "transcription.json")
        if !FileManager.default.fileExists(atPath: transcriptionPath) {
            let t0 = Date()
            let session = try Checkpoint.loadForInference(stage0Dir)
            let sets = try heldOut()
            let caps = Array(sets.captions.prefix(c.transcriptionImages))
            var result = TranscriptionResult(step: stage0.offset + session.optimizer.step,
                                             try .measure(session: session, on: caps, batchSize: c.batchSize))
            var line = String(format: "transcription after pre-alignment: %.3f of digits, %.3f of values (%d images)",
                              result.generated.digitAccuracy, result.generated.valueAccuracy, caps.count)
            let decoys = Array(sets.decoys.prefix(c.transcriptionImages))
            if !decoys.isEmpty {
                let d = try TranscriptionResult.Reading.measure(session: session, on: decoys, batchSize: c.batchSize)
                result.decoys = d
                line += String(format: "; decoys: %.3f of digits, %.3f of values (%d images)",
                               d.generated.digitAccuracy, d.generated.valueAccuracy, decoys.count)
            }
            try writeJSON(result, to: transcriptionPath)
            try addSeconds(Date().timeIntervalSince(t0), phase: "transcription")
            log(line)
        }
        let textDir = dir("text")
        if !isDone(textDir, steps: c.textSteps) {
            let t0 = Date()
            try Stages.run(.text, dataset: dataset, out: textDir, from: stage0Dir, model: c.model,
                           optimizer: c.optimizer(lr: c.textLR, steps: c.textSteps),
                           options: RunOptions(steps: c.textSteps, batchSize: c.batchSize, seed: c.seed &+ 1),
                           onEvent: progressLogger("text", log))
            try addSeconds(Date().timeIntervalSince(t0), phase: "text")
        }
    }

    /// One arm: its stages from the stage-1 checkpoint, then eval.
    @discardableResult
    public func runArm(_ arm: Arm, log: @escaping (String) -> Void) throws -> EvalReport {
        let c = config
        var start = dir("text")
        let t0 = Date()
        if arm != .baseline {
            var a = c.alignment
            if arm == .control { a.lambda = 0 }
            let alignDir = dir(arm.rawValue, "align")
            if !isDone(alignDir, steps: c.alignSteps) {
                try Stages.run(.align, dataset: dataset, out: alignDir, from: start, model: c.model,
                               optimizer: c.optimizer(lr: c.alignLR, steps: c.alignSteps),
                               options: RunOptions(steps: c.alignSteps, batchSize: c.batchSize, seed: c.seed &+ 2,
                                                   checkpointEvery: 100, trainable: Set(c.alignTrainable), alignment: a),
                               onEvent: progressLogger("\(arm.rawValue)/align", log))
            }
            start = alignDir
        }
        let steps = arm == .baseline ? c.alignSteps + c.instructSteps : c.instructSteps
        let instructDir = dir(arm.rawValue, "instruct")
        if !isDone(instructDir, steps: steps) {
            try Stages.run(.instruct, dataset: dataset, out: instructDir, from: start, model: c.model,
                           optimizer: c.optimizer(lr: c.instructLR, steps: steps),
                           options: RunOptions(steps: steps, batchSize: c.batchSize, seed: c.seed &+ 3, checkpointEvery: 100,
                                               textMix: c.instructTextMix),
                           onEvent: progressLogger("\(arm.rawValue)/instruct", log))
        }
        let t1 = Date()
        let evalDir = dir(arm.rawValue, "eval")
        if let done = try? readJSON(EvalReport.self, from: Checkpoint.path(evalDir, "report.json")) { return done }
        let session = try Checkpoint.loadForInference(instructDir)
        var report = try Evaluator.run(session: session, dataset: dataset, checkpoint: instructDir,
                                       options: EvalOptions(maxNewTokens: c.maxNewTokens, batchSize: c.batchSize,
                                                            problemLimit: c.evalProblems))
        report.step = session.optimizer.step
        var lossRuns = [(name: "instruct", run: instructDir)]
        if arm != .baseline { lossRuns.insert((name: "align", run: dir(arm.rawValue, "align")), at: 0) }
        try EvalReportWriter.write(report, to: evalDir, lossRuns: lossRuns)
        try writeJSON(["train": t1.timeIntervalSince(t0), "eval": Date().timeIntervalSince(t1)],
                      to: dir(arm.rawValue, "seconds.json"))
        log(String(format: "%@: overall %.3f, gap %@, consistency %.3f", arm.rawValue, report.overall,
                   report.gap.map { String(format: "%+.3f", $0) } ?? "n/a", report.consistency))
        return report
    }

    // MARK: helpers

    /// Whether `dir` holds a finished stage: `steps` reached, or stopped early on purpose.
    func isDone(_ dir: String, steps: Int) -> Bool {
        guard Stages.hasCheckpoint(dir), let cfg = try? Checkpoint.readConfig(dir) else { return false }
        return (cfg.step ?? 0) >= steps || cfg.run?["stoppedEarly"] != nil
    }

    func addSeconds(_ s: Double, phase: String) throws {
        let p = dir("seconds.json")
        var all = (try? readJSON([String: Double].self, from: p)) ?? [:]
        all[phase, default: 0] += s
        try writeJSON(all, to: p)
    }

    func progressLogger(_ name: String, _ log: @escaping (String) -> Void) -> (StageEvent) -> Void {
        var last = Date()
        return { event in
            switch event {
            case let .started(step, total, examples, skipped, _):
                log("\(name): \(examples) examples (\(skipped) too long), step \(step) of \(total)")
            case let .step(r):
                if Date().timeIntervalSince(last) > 30 {
                    last = Date()
                    log(String(format: "%@: step %d  loss %.4f  ce %.4f  %.0f tok/s", name, r.step, r.loss, r.ce, r.tokensPerSecond))
                }
            case let .saved(_, step):
                log("\(name): saved step \(step)")
            }
        }
    }
}

/// Drawn-value transcription after pre-alignment, on held-out images.
public struct TranscriptionResult: Codable, Sendable {
    public var step: Int
    public var images: Int
    /// Greedy-decoded captions scored per digit and per value.
    public var generated: Transcription.Score
    /// The same captions teacher-forced (the early-stopping signal).
    public var teacherForced: Transcription.Score
    /// [reference, generated] caption pairs to read.
    public var examples: [[String]]
    /// The same measurement on held-out decoys (values redrawn at random, so
    /// the geometry cannot give them away), when the data has them.
    public var decoys: Reading?

    init(step: Int, _ r: Reading) {
        self.step = step
        images = r.images; generated = r.generated; teacherForced = r.teacherForced; examples = r.examples
    }

    /// Greedy and teacher-forced reading of some held-out images.
    public struct Reading: Codable, Sendable {
        public var images: Int
        public var generated: Transcription.Score
        public var teacherForced: Transcription.Score
        public var examples: [[String]]

        /// How the model of `session` reads `examples` (greedy, then teacher-forced).
        static func measure(session: TrainingSession, on examples: [Example], batchSize: Int) throws -> Reading {
            // Budget: the longest reference plus a margin (an untrained model never stops on its own).
            let budget = (examples.map { $0.answer.utf8.count }.max() ?? 0) + 8
            let gen = try Generation.greedy(session: session, prompts: examples, maxNewTokens: budget, batchSize: batchSize)
            let score = zip(gen, examples).map { Transcription.score(generated: $0, reference: $1.answer) }
                .reduce(Transcription.Score(), +)
            let forced = try Transcription.teacherForced(session: session, examples: examples)
            return Reading(images: examples.count, generated: score, teacherForced: forced,
                           examples: zip(examples, gen).prefix(4).map { [$0.answer, $1] })
        }
    }
}

/// Writes `value` as indented JSON, keys sorted, atomically.
func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
    let data: Data
    do { data = try RecordFile.pretty(value, path: path) } catch {
        throw TrainerError.writeFailed(path: path, reason: error.reason)
    }
    try writeAtomically(data, to: path)
}

func readJSON<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw TrainerError.unreadableFile(path: path, reason: "no such file")
    }
    do { return try RecordFile.object(T.self, data: data, path: path) } catch {
        throw TrainerError.malformedRecord(path: path, line: 1, reason: error.reason)
    }
}
