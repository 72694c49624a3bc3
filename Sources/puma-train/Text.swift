import ArgumentParser
import Foundation
import Trainer

/// Optimizer flags shared by the training subcommands.
struct OptimizerOptions: ParsableArguments {
    @Option(help: "Peak learning rate.") var lr: Double = 3e-4
    @Option(name: .customLong("min-lr"), help: "Floor of the cosine schedule.") var minLR: Double = 3e-5
    @Option(help: "Linear warmup steps.") var warmup: Int = 20
    @Option(name: .customLong("weight-decay")) var weightDecay: Double = 0.01
    @Option(help: "Global gradient-norm clip (0 disables).") var clip: Double = 1.0

    func config(steps: Int) -> OptimizerConfig {
        var o = OptimizerConfig()
        o.learningRate = lr
        o.minLearningRate = minLR
        o.warmupSteps = warmup
        o.totalSteps = steps
        o.weightDecay = weightDecay
        o.gradClip = clip
        return o
    }
}

/// `puma-train text`: stage 1, the LM on stage1.jsonl.
struct Text: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stage 1: train all LM parameters on stage1.jsonl.",
        discussion: "If --out already holds a checkpoint, training resumes from it exactly: its model shape, optimizer settings and schedule are kept and only --steps (the new total) is taken from the command line.")

    @Option(help: "mathgen's manifest.json; splits are read from its folder.") var manifest: String
    @Option(help: "Checkpoint folder (config.json, model.safetensors, optimizer.safetensors).") var out: String
    @Option(help: "Total optimizer steps.") var steps: Int
    @Option(name: .customLong("batch-size")) var batchSize: Int = 8
    @Option(help: "Seed of model init and batch order.") var seed: UInt64 = 0
    @Option(name: .customLong("checkpoint-every"), help: "Also save every N steps (0: only at the end).") var checkpointEvery: Int = 0
    @Option(name: .customLong("log-every"), help: "Print the loss every N steps.") var logEvery: Int = 10
    @OptionGroup var model: ModelOptions
    @OptionGroup var optimizer: OptimizerOptions

    func validate() throws {
        guard steps > 0 else { throw ValidationError("--steps must be at least 1 (got \(steps))") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize))") }
        guard logEvery > 0 else { throw ValidationError("--log-every must be at least 1 (got \(logEvery))") }
    }

    func run() throws {
        let config = try model.resolve()
        let opt = optimizer.config(steps: steps)
        try reportingErrors {
            let dataset = try Dataset(manifest: manifest)
            try Stages.text(dataset: dataset, out: out, model: config, optimizer: opt,
                            options: RunOptions(steps: steps, batchSize: batchSize, seed: seed, checkpointEvery: checkpointEvery)) { event in
                switch event {
                case let .started(step, examples, skipped, parameters):
                    print("text: \(examples) examples (\(skipped) longer than maxPositions skipped), \(parameters) parameters, from step \(step)")
                case let .step(r):
                    if r.step % logEvery == 0 || r.step == steps || r.step == 1 {
                        print(String(format: "step %5d  loss %.4f  lr %.2e  grad-norm %.3f", r.step, r.loss, r.learningRate, r.gradNorm))
                    }
                case let .saved(directory, step):
                    print("saved step \(step) to \(directory)")
                }
            }
        }
    }
}
