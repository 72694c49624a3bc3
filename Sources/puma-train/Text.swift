import ArgumentParser
import CLISupport
import Foundation
import Trainer

extension CaptionTask: ExpressibleByArgument {}

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

    func validate() throws {
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be positive (got \(lr))") }
        guard minLR >= 0 else { throw ValidationError("--min-lr must be >= 0 (got \(minLR))") }
        guard warmup >= 0 else { throw ValidationError("--warmup must be >= 0 (got \(warmup))") }
        guard clip >= 0 else { throw ValidationError("--clip must be >= 0 (got \(clip))") }
    }
}

/// Flags every stage command shares: data, run folder, schedule, logging.
struct StageOptions: ParsableArguments {
    @Option(help: "mathgen's manifest.json; splits are read from its folder.") var manifest: String
    @Option(help: "Run folder: checkpoint (config.json, model.safetensors, optimizer.safetensors) and log.jsonl.") var out: String
    @Option(help: "Start from this run's weights (fresh optimizer); the model shape is the checkpoint's.") var from: String?
    @Flag(help: "Continue the checkpoint in --out exactly where it stopped (parameters, moments, step, batch order).") var resume = false
    @Option(help: "Total optimizer steps.") var steps: Int
    @Option(name: .customLong("batch-size")) var batchSize: Int = 8
    @Option(help: "Seed of model init and batch order.") var seed: UInt64 = 0
    @Option(name: .customLong("checkpoint-every"), help: "Also save every N steps (0: only at the end).") var checkpointEvery: Int = 0
    @Option(help: "Comma-separated parts to train: vision, projector, lm (default: the stage's).") var trainable: String?
    @Flag(help: "No progress bar; print a line every --log-every steps.") var quiet = false
    @Option(name: .customLong("log-every"), help: "Print a line every N steps when not drawing a progress bar.") var logEvery: Int = 50

    func validate() throws {
        guard steps > 0 else { throw ValidationError("--steps must be at least 1 (got \(steps))") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize))") }
        guard checkpointEvery >= 0 else { throw ValidationError("--checkpoint-every must be >= 0 (got \(checkpointEvery))") }
        guard logEvery > 0 else { throw ValidationError("--log-every must be at least 1 (got \(logEvery))") }
        _ = try parts()
    }

    func parts() throws -> Set<Part>? {
        guard let trainable else { return nil }
        var out = Set<Part>()
        for name in trainable.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let p = Part(rawValue: name) else {
                throw ValidationError("--trainable: unknown part \"\(name)\" (use vision, projector, lm)")
            }
            out.insert(p)
        }
        guard !out.isEmpty else { throw ValidationError("--trainable: name at least one part") }
        return out
    }

    /// Runs one stage with a progress bar (or log lines) on the terminal.
    func run(_ stage: Stage, model: ModelOptions, optimizer: OptimizerOptions,
             alignment: AlignmentConfig = AlignmentConfig(), captionTask: CaptionTask = .describe,
             textMix: Double = 0) throws {
        let config = try model.resolve()
        let opt = optimizer.config(steps: steps)
        var options = RunOptions(steps: steps, batchSize: batchSize, seed: seed, checkpointEvery: checkpointEvery,
                                 resume: resume, trainable: try parts(), alignment: alignment, captionTask: captionTask,
                                 textMix: textMix)
        let stop = StopOnSignal(notice: "puma-train: stopping after this step (signal again to quit now)")
        options.interrupt = { stop.isSet }
        let progress = ProgressBar(label: stage.rawValue, total: steps, unit: "steps", enabled: !quiet)
        try reportingErrors {
            let dataset = try Dataset(manifest: manifest)
            try Stages.run(stage, dataset: dataset, out: out, from: from, model: config, optimizer: opt, options: options, onEvent: { event in
                switch event {
                case let .started(step, total, examples, skipped, parameters):
                    emit("\(stage.rawValue): \(examples) examples (\(skipped) longer than maxPositions skipped), "
                          + "\(parameters) parameters, step \(step) of \(total)")
                    progress.start(at: step)
                case let .step(r):
                    var line = String(format: "loss %.4f  ce %.4f", r.loss, r.ce)
                    if let f = r.klForward, let b = r.klReverse { line += String(format: "  kl %.4f/%.4f", f, b) }
                    line += String(format: "  lr %.2e  |g| %.3f  %.0f tok/s", r.learningRate, r.gradNorm, r.tokensPerSecond)
                    if progress.drawing {
                        progress.update(r.step, status: line)
                    } else if r.step % logEvery == 0 || r.step == steps || r.step == 1 {
                        emit(String(format: "step %5d  ", r.step) + line)
                    }
                case let .saved(directory, step):
                    progress.finishLine()
                    emit("saved step \(step) to \(directory)")
                }
            })
        }
        if stop.isSet {
            FileHandle.standardError.write(Data(
                "puma-train: interrupted; checkpoint saved in \(out); continue with the same command and --resume\n".utf8))
            throw ExitCode(130)
        }
    }
}

/// `puma-train caption`: stage 0, perception pre-alignment.
struct Caption: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stage 0: perception pre-alignment on captions.jsonl (image -> exact description of what is drawn).",
        discussion: "Trains every part by default: the vision encoder starts from scratch and must learn to read drawn values. --task values trains the reading task alone (each image -> its written values in reading order; short targets), --task both trains both answers of every image, --task decoys reads only the decoy images (mathgen --decoy-rate), whose values the geometry cannot give away.")
    @OptionGroup var stage: StageOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var optimizer: OptimizerOptions
    @Option(help: "What to ask of each image: describe (the caption), values (the written values in reading order; decoys too when the data has them), both, or decoys (the decoys' values alone).")
    var task: CaptionTask = .describe
    func run() throws { try stage.run(.caption, model: model, optimizer: optimizer, captionTask: task) }
}

/// `puma-train text`: stage 1, the LM on stage1.jsonl.
struct Text: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stage 1: train all LM parameters on stage1.jsonl.",
        discussion: "With --resume, an interrupted run in --out continues exactly: its model shape, optimizer settings and schedule are kept and only --steps (the new total) is taken from the command line.")
    @OptionGroup var stage: StageOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var optimizer: OptimizerOptions
    func run() throws { try stage.run(.text, model: model, optimizer: optimizer) }
}

/// `puma-train align`: stage 2, Math-PUMA KL alignment.
struct Align: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stage 2: Math-PUMA KL alignment on pairs.jsonl (vision member learns the text member's next-token distribution).",
        discussion: """
            L = lambda * T^2 * (alpha * KL(P_vision || P_text) + (1 - alpha) * KL(P_text || P_vision)) + (1 - lambda) * CE(vision member), \
            with P = softmax(z / T) of the logits z-normalised over the vocabulary at each answer position. The reference member runs \
            without gradient. Trains vision + projector by default (the official stage 2); --trainable vision,projector,lm lets the LM move too.
            """)
    @OptionGroup var stage: StageOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var optimizer: OptimizerOptions
    @Option(help: "Weight of KL(P_vision || P_text); 1 - alpha weights the reverse direction.") var alpha: Double = 0.5
    @Option(help: "Weight of the KL part; 1 - lambda weights the vision member's cross-entropy.") var lambda: Double = 0.1
    @Option(help: "Softmax temperature T on the z-normalised logits.") var temperature: Double = 1
    @Flag(name: .customLong("official-double-temperature"),
          help: "Multiply each KL term by T^2 a second time, as the official trainer's KL helper does (T^4 overall).")
    var officialDoubleTemperature = false

    func validate() throws {
        guard (0...1).contains(alpha) else { throw ValidationError("--alpha must be in 0...1 (got \(alpha))") }
        guard (0...1).contains(lambda) else { throw ValidationError("--lambda must be in 0...1 (got \(lambda))") }
        guard temperature > 0, temperature.isFinite else { throw ValidationError("--temperature must be positive (got \(temperature))") }
    }

    func run() throws {
        try stage.run(.align, model: model, optimizer: optimizer,
                      alignment: AlignmentConfig(alpha: alpha, lambda: lambda, temperature: temperature,
                                                 officialDoubleTemperature: officialDoubleTemperature))
    }
}

/// `puma-train instruct`: stage 3, multimodal instruction tuning.
struct Instruct: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stage 3: train every part with plain cross-entropy on instruct.jsonl.",
        discussion: "--text-mix F adds text-only records from stage1.jsonl (from its first line), F times as many as instruct.jsonl holds, so text-only skill is kept while the images are learned.")
    @OptionGroup var stage: StageOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var optimizer: OptimizerOptions
    @Option(name: .customLong("text-mix"), help: "Text-only records from stage1.jsonl to add, as a fraction of instruct.jsonl's records (0-1).")
    var textMix: Double = 0

    func validate() throws {
        guard textMix.isFinite, (0...1).contains(textMix) else {
            throw ValidationError("--text-mix must be in 0...1 (got \(textMix))")
        }
    }

    func run() throws { try stage.run(.instruct, model: model, optimizer: optimizer, textMix: textMix) }
}
