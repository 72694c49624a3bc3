import Foundation

/// Options shared by the stage runners.
public struct RunOptions: Sendable {
    /// Total optimizer steps of the run (a resumed run continues to this count).
    public var steps: Int
    public var batchSize: Int
    /// Seeds model init (fresh runs) and the batch schedule.
    public var seed: UInt64
    /// Save a checkpoint every this many steps (0: only at the end).
    public var checkpointEvery: Int

    public init(steps: Int, batchSize: Int = 8, seed: UInt64 = 0, checkpointEvery: Int = 0) {
        self.steps = steps
        self.batchSize = batchSize
        self.seed = seed
        self.checkpointEvery = checkpointEvery
    }
}

/// Progress events a CLI can print.
public enum StageEvent: Sendable {
    case started(step: Int, examples: Int, skipped: Int, parameters: Int)
    case step(StepResult)
    case saved(directory: String, step: Int)
}

/// The stage drivers: load a split, build batches on the schedule, step, save.
public enum Stages {
    /// Stage 1 (`puma-train text`): all LM parameters, plain CE on
    /// stage1.jsonl. Resumes from `out` when it already holds a checkpoint,
    /// otherwise starts a fresh model of shape `model`.
    @discardableResult
    public static func text(dataset: Dataset, out: String, model config: ModelConfig, optimizer: OptimizerConfig,
                            options: RunOptions, onEvent: (StageEvent) -> Void = { _ in }) throws -> TrainingSession {
        let session: TrainingSession
        if FileManager.default.fileExists(atPath: Checkpoint.path(out, Checkpoint.configFile)) {
            session = try Checkpoint.loadSession(out, trainable: [.lm])
        } else {
            session = TrainingSession(model: try Model(config: config, seed: options.seed), optimizer: optimizer, trainable: [.lm])
        }
        let all = try dataset.stage1()
        let examples = all.filter { fits($0, session.model.config) }
        guard !examples.isEmpty else {
            throw TrainerError.sequenceTooLong(length: 0, limit: session.model.config.maxPositions,
                                               context: "\(dataset.path(Dataset.stage1File)): every record")
        }
        onEvent(.started(step: session.optimizer.step, examples: examples.count, skipped: all.count - examples.count,
                         parameters: session.model.parameterCount))
        let schedule = BatchSchedule(count: examples.count, batchSize: options.batchSize, seed: options.seed)
        let run = ["stage": "text", "data": dataset.path(Dataset.stage1File), "seed": String(options.seed),
                   "batchSize": String(options.batchSize)]
        while session.optimizer.step < options.steps {
            let batch = try Batch(examples: schedule.indices(step: session.optimizer.step).map { examples[$0] },
                                  config: session.model.config)
            onEvent(.step(session.sftStep(batch)))
            let s = session.optimizer.step
            if options.checkpointEvery > 0 && s % options.checkpointEvery == 0 && s < options.steps {
                try Checkpoint.save(session, to: out, run: run)
                onEvent(.saved(directory: out, step: s))
            }
        }
        try Checkpoint.save(session, to: out, run: run)
        onEvent(.saved(directory: out, step: session.optimizer.step))
        return session
    }

    /// Whether the tokenized sample fits the position table.
    static func fits(_ e: Example, _ c: ModelConfig) -> Bool {
        let n = 2 + (e.image == nil ? 0 : c.imageTokens) + e.instruction.utf8.count + e.answer.utf8.count
        return n <= c.maxPositions
    }
}
