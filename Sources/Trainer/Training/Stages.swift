import Foundation

/// The four training stages of the recipe (docs/TRAINER.md, stage table).
public enum Stage: String, CaseIterable, Codable, Sendable {
    /// 0: perception pre-alignment, image -> exact description (captions.jsonl).
    case caption
    /// 1: text-only math SFT (stage1.jsonl).
    case text
    /// 2: Math-PUMA KL alignment on pairs (pairs.jsonl).
    case align
    /// 3: multimodal instruction tuning (instruct.jsonl).
    case instruct

    public var file: String {
        switch self {
        case .caption: return Dataset.captionsFile
        case .text: return Dataset.stage1File
        case .align: return Dataset.pairsFile
        case .instruct: return Dataset.instructFile
        }
    }

    /// Parts trained unless the caller selects others. Caption: everything,
    /// because the encoder starts from scratch and the LM must learn to write
    /// descriptions; text: the LM (no image reaches it); align: vision encoder
    /// + projector, the official stage 2; instruct: everything.
    public var defaultTrainable: Set<Part> {
        switch self {
        case .caption, .instruct: return Set(Part.allCases)
        case .text: return [.lm]
        case .align: return [.vision, .projector]
        }
    }
}

/// Options shared by the stage runners.
public struct RunOptions: Sendable {
    /// Total optimizer steps of the run (a resumed run continues to this count).
    public var steps: Int
    public var batchSize: Int
    /// Seeds model init (fresh runs) and the batch schedule.
    public var seed: UInt64
    /// Save a checkpoint every this many steps (0: only at the end).
    public var checkpointEvery: Int
    /// Continue from the checkpoint in `out` when there is one. When false,
    /// an existing checkpoint is an error, so a typo in `--out` cannot
    /// silently continue (or clobber) another run.
    public var resume: Bool
    /// Parts to train; nil takes the stage's default.
    public var trainable: Set<Part>?
    /// Stage 2 loss settings (ignored by the other stages).
    public var alignment: AlignmentConfig
    /// Caption records whose problem is in this set are skipped (held out so
    /// transcription accuracy is measured on unseen images).
    public var excludeProblems: Set<String>
    /// What stage 0 asks of each image: its description, its value reading, or both.
    public var captionTask: CaptionTask = .describe
    /// Stage 3 only: text-only records (stage1.jsonl, from its first line) added
    /// to instruct.jsonl's, as this fraction of the instruct records. Without
    /// them text-only accuracy decays while stage 3 trains on images alone.
    public var textMix: Double = 0
    /// Asked after every step; true stops the run there with a checkpoint (SIGINT, SIGTERM).
    public var interrupt: (@Sendable () -> Bool)? = nil

    public init(steps: Int, batchSize: Int = 8, seed: UInt64 = 0, checkpointEvery: Int = 0, resume: Bool = true,
                trainable: Set<Part>? = nil, alignment: AlignmentConfig = AlignmentConfig(),
                excludeProblems: Set<String> = [], captionTask: CaptionTask = .describe, textMix: Double = 0) {
        self.steps = steps
        self.batchSize = batchSize
        self.seed = seed
        self.checkpointEvery = checkpointEvery
        self.resume = resume
        self.trainable = trainable
        self.alignment = alignment
        self.excludeProblems = excludeProblems
        self.captionTask = captionTask
        self.textMix = textMix
    }
}

/// Progress events a CLI can print.
public enum StageEvent: Sendable {
    case started(step: Int, total: Int, examples: Int, skipped: Int, parameters: Int)
    case step(StepResult)
    case saved(directory: String, step: Int)
}

/// The stage drivers: load a split, build batches on the schedule, step, log, save.
public enum Stages {
    /// Per-step log inside a run folder.
    public static let logFile = "log.jsonl"

    /// Runs `stage` into the checkpoint folder `out`. The model comes from, in
    /// order: `out` itself (resume, exact: parameters, moments, step, schedule),
    /// `from` (weights of an earlier stage, fresh optimizer), or a fresh
    /// model of shape `model` seeded by `options.seed`.
    @discardableResult
    ///
    /// `stopWhen`, when given, is asked every `checkEvery` steps whether the
    /// run has reached its goal (the experiment stops caption pre-alignment
    /// once held-out transcription passes its target); a stop saves the
    /// checkpoint like the end of the run.
    public static func run(_ stage: Stage, dataset: Dataset, out: String, from: String? = nil, model config: ModelConfig,
                           optimizer: OptimizerConfig, options: RunOptions, checkEvery: Int = 0,
                           stopWhen: ((TrainingSession) throws -> Bool)? = nil,
                           onEvent: (StageEvent) -> Void = { _ in }) throws -> TrainingSession {
        let trainable = options.trainable ?? stage.defaultTrainable
        guard !trainable.isEmpty else {
            throw TrainerError.invalidConfig(path: nil, reason: "no trainable parts selected")
        }
        let session = try openSession(out: out, from: from, model: config, optimizer: optimizer,
                                      trainable: trainable, options: options)
        let c = session.model.config
        let source = dataset.path(stage.file)
        var run = ["stage": stage.rawValue, "data": source, "seed": String(options.seed),
                   "batchSize": String(options.batchSize)]
        if stage == .caption { run["task"] = options.captionTask.rawValue }
        if let from { run["from"] = from }

        // Examples (or pairs) that fit the position table; the rest are skipped and counted.
        var singles: [Example] = []
        var shortest = Int.max
        var pairs: [(reference: Example, vision: Example)] = []
        let total: Int
        switch stage {
        case .caption:
            let all = try dataset.captionRecords(imageSize: c.imageSize, excluding: options.excludeProblems,
                                                   task: options.captionTask, loading: .lazy)
            total = all.count
            singles = all.filter { fits($0, c) }
            shortest = all.map { length($0, c) }.min() ?? 0
        case .text:
            let all = try dataset.stage1()
            total = all.count
            singles = all.filter { fits($0, c) }
            shortest = all.map { length($0, c) }.min() ?? 0
        case .instruct:
            var all = try dataset.instruct(imageSize: c.imageSize, loading: .lazy)
            if options.textMix > 0 {
                let wanted = Int((Double(all.count) * options.textMix).rounded())
                all += try dataset.stage1().prefix(wanted)
                run["textMix"] = String(options.textMix)
            }
            total = all.count
            singles = all.filter { fits($0, c) }
            shortest = all.map { length($0, c) }.min() ?? 0
        case .align:
            let all = try dataset.pairs(imageSize: c.imageSize, loading: .lazy)
            total = all.count
            pairs = all.filter { fits($0.reference, c) && fits($0.vision, c) }
            shortest = all.map { max(length($0.reference, c), length($0.vision, c)) }.min() ?? 0
            let a = options.alignment
            run["alpha"] = String(a.alpha)
            run["lambda"] = String(a.lambda)
            run["temperature"] = String(a.temperature)
            run["officialDoubleTemperature"] = String(a.officialDoubleTemperature)
        }
        let count = stage == .align ? pairs.count : singles.count
        guard count > 0 else {
            throw TrainerError.sequenceTooLong(length: shortest, limit: c.maxPositions,
                                               context: "\(source): every record (the shortest)")
        }
        onEvent(.started(step: session.optimizer.step, total: options.steps, examples: count, skipped: total - count,
                         parameters: session.model.parameterCount))
        let log = try StepLog(path: Checkpoint.path(out, logFile), keepingThrough: session.optimizer.step)
        let schedule = BatchSchedule(count: count, batchSize: options.batchSize, seed: options.seed)
        while session.optimizer.step < options.steps {
            let started = Date()
            let indices = schedule.indices(step: session.optimizer.step)
            var result: StepResult
            var tokens: Int
            if stage == .align {
                let ref = try Batch(examples: indices.map { pairs[$0].reference }, config: c)
                let vis = try Batch(examples: indices.map { pairs[$0].vision }, config: c)
                result = try session.alignStep(reference: ref, vision: vis, config: options.alignment)
                tokens = ref.tokenCount + vis.tokenCount
            } else {
                let batch = try Batch(examples: indices.map { singles[$0] }, config: c)
                result = session.sftStep(batch)
                tokens = batch.tokenCount
            }
            result.seconds = Date().timeIntervalSince(started)
            result.tokens = tokens
            try log.append(result, stage: stage)
            // A non-finite loss or gradient poisons the weights: stop without saving,
            // so the last checkpoint on disk stays the last good one.
            guard result.loss.isFinite, result.gradNorm.isFinite else {
                try log.flush()
                throw TrainerError.nonFinite(step: result.step, loss: result.loss, gradNorm: result.gradNorm,
                                             checkpoint: out)
            }
            onEvent(.step(result))
            let s = session.optimizer.step
            if options.interrupt?() == true, s < options.steps {
                run["interruptedAt"] = String(s)
                break
            }
            if options.checkpointEvery > 0 && s % options.checkpointEvery == 0 && s < options.steps {
                try log.flush()
                try Checkpoint.save(session, to: out, run: run)
                onEvent(.saved(directory: out, step: s))
            }
            if let stopWhen, checkEvery > 0, s % checkEvery == 0, s < options.steps, try stopWhen(session) {
                run["stoppedEarly"] = String(s)
                break
            }
        }
        try log.flush()
        try Checkpoint.save(session, to: out, run: run)
        onEvent(.saved(directory: out, step: session.optimizer.step))
        return session
    }

    /// Stage 1 (`puma-train text`): all LM parameters, plain CE on stage1.jsonl.
    @discardableResult
    public static func text(dataset: Dataset, out: String, model config: ModelConfig, optimizer: OptimizerConfig,
                            options: RunOptions, onEvent: (StageEvent) -> Void = { _ in }) throws -> TrainingSession {
        try run(.text, dataset: dataset, out: out, model: config, optimizer: optimizer, options: options, onEvent: onEvent)
    }

    /// Whether `out` already holds a complete checkpoint.
    public static func hasCheckpoint(_ out: String) -> Bool {
        FileManager.default.fileExists(atPath: Checkpoint.path(out, Checkpoint.configFile))
    }

    static func openSession(out: String, from: String?, model config: ModelConfig, optimizer: OptimizerConfig,
                            trainable: Set<Part>, options: RunOptions) throws -> TrainingSession {
        if hasCheckpoint(out) {
            guard options.resume else {
                throw TrainerError.invalidConfig(path: out,
                    reason: "already holds a checkpoint; pass --resume to continue it or choose another --out")
            }
            return try Checkpoint.loadSession(out, trainable: trainable)
        }
        if let from {
            guard hasCheckpoint(from) else {
                throw TrainerError.unreadableFile(path: Checkpoint.path(from, Checkpoint.configFile),
                                                  reason: "--from names no checkpoint")
            }
            return TrainingSession(model: try Checkpoint.loadModel(from), optimizer: optimizer, trainable: trainable)
        }
        return TrainingSession(model: try Model(config: config, seed: options.seed), optimizer: optimizer, trainable: trainable)
    }

    /// Whether the tokenized sample fits the position table.
    static func fits(_ e: Example, _ c: ModelConfig) -> Bool { length(e, c) <= c.maxPositions }

    /// Tokens of the sample: bos, image tokens, instruction, answer, eos.
    static func length(_ e: Example, _ c: ModelConfig) -> Int {
        2 + (e.hasImage ? c.imageTokens : 0) + e.instruction.utf8.count + e.answer.utf8.count
    }
}
