import DatasetFormat
import Foundation

/// Everything an experiment run depends on besides the dataset. Stored as
/// `experiment.json` in the run folder so arms run as separate processes
/// (and a resumed experiment) use exactly the same settings. Missing keys
/// take the defaults of `standard`; unknown keys are errors.
public struct ExperimentConfig: Codable, Equatable, Sendable {
    public var model: ModelConfig
    public var batchSize: Int
    public var seed: UInt64
    /// Caption pre-alignment: at most this many steps, stopping early once the
    /// teacher-forced digit accuracy on held-out images reaches `captionTarget`
    /// (checked every `captionCheckEvery` steps).
    public var captionSteps: Int
    public var captionCheckEvery: Int
    public var captionTarget: Double
    public var captionLR: Double
    /// What stage 0 trains: descriptions, value readings or both; transcription
    /// is measured on the reading task unless only descriptions are trained.
    public var captionTask: CaptionTask
    /// A second stage-0 phase from the first's weights (fresh optimizer): at
    /// most `caption2Steps` steps of `caption2Task` at peak `caption2LR`, with
    /// the same checks and stop; 0 steps: none. The default reads decoys
    /// first (on real figures too the model learns the geometry instead, and
    /// never starts reading), then real figures and decoys together, which
    /// took real-figure reading from 61% to 86% of digits in 4,000 steps.
    public var caption2Steps: Int
    public var caption2Task: CaptionTask
    public var caption2LR: Double
    public var textSteps: Int
    public var textLR: Double
    /// Each arm gets alignSteps + instructSteps optimizer steps (matched compute):
    /// the baseline spends them all on stage 3.
    public var alignSteps: Int
    public var alignLR: Double
    public var alignment: AlignmentConfig
    public var alignTrainable: [Part]
    public var instructSteps: Int
    public var instructLR: Double
    /// Text-only records mixed into stage 3, as a fraction of its instruct records.
    public var instructTextMix: Double
    /// Eval problems (each at all six levels); nil: the whole eval split.
    public var evalProblems: Int?
    /// Held-out images transcribed (generated captions) after pre-alignment.
    public var transcriptionImages: Int
    public var maxNewTokens: Int

    /// The default run, sized for about 60 minutes on two shared cores
    /// (docs/EXPERIMENT.md says why each number is what it is).
    public static let standard = ExperimentConfig(
        model: {
            var m = ModelConfig(imageSize: 128, patchSize: 16, visionWidth: 128, visionLayers: 2, visionHeads: 4,
                                pixelShuffle: false, width: 128, layers: 2, heads: 4, maxPositions: 320)
            m.stem = [16, 32, 64, 128]
            m.stemLead = 16
            m.imageSummary = true
            m.summaryPooling = .max
            m.pixelScale = 30
            return m
        }(),
        batchSize: 16, seed: 0,
        captionSteps: 14000, captionCheckEvery: 2000, captionTarget: 0.9, captionLR: 1e-3, captionTask: .decoys,
        caption2Steps: 4000, caption2Task: .values, caption2LR: 5e-4,
        textSteps: 3000, textLR: 1e-3,
        alignSteps: 1000, alignLR: 5e-4, alignment: AlignmentConfig(), alignTrainable: [.vision, .projector, .lm],
        instructSteps: 2000, instructLR: 5e-4, instructTextMix: 0.25,
        evalProblems: nil, transcriptionImages: 64, maxNewTokens: 16)

    /// CI size: a tiny model and a handful of steps; exercises every path.
    public static let quick = ExperimentConfig(
        model: {
            var m = ModelConfig(imageSize: 16, patchSize: 4, visionWidth: 16, visionLayers: 1, visionHeads: 2,
                                pixelShuffle: true, width: 16, layers: 1, heads: 2, maxPositions: 256)
            m.stem = [4]
            m.imageSummary = true
            m.pixelScale = 4
            return m
        }(),
        batchSize: 4, seed: 0,
        captionSteps: 6, captionCheckEvery: 3, captionTarget: 0.9, captionLR: 3e-3, captionTask: .values,
        caption2Steps: 6, caption2Task: .values, caption2LR: 3e-3,
        textSteps: 3, textLR: 3e-3,
        alignSteps: 3, alignLR: 3e-3, alignment: AlignmentConfig(), alignTrainable: [.vision, .projector, .lm],
        instructSteps: 3, instructLR: 3e-3, instructTextMix: 0.25,
        evalProblems: 4, transcriptionImages: 4, maxNewTokens: 8)

    public init(model: ModelConfig, batchSize: Int, seed: UInt64, captionSteps: Int, captionCheckEvery: Int,
                captionTarget: Double, captionLR: Double, captionTask: CaptionTask,
                caption2Steps: Int, caption2Task: CaptionTask, caption2LR: Double, textSteps: Int, textLR: Double, alignSteps: Int,
                alignLR: Double, alignment: AlignmentConfig, alignTrainable: [Part], instructSteps: Int,
                instructLR: Double, instructTextMix: Double, evalProblems: Int?, transcriptionImages: Int, maxNewTokens: Int) {
        self.model = model; self.batchSize = batchSize; self.seed = seed
        self.captionSteps = captionSteps; self.captionCheckEvery = captionCheckEvery
        self.captionTarget = captionTarget; self.captionLR = captionLR; self.captionTask = captionTask
        self.caption2Steps = caption2Steps; self.caption2Task = caption2Task; self.caption2LR = caption2LR
        self.textSteps = textSteps; self.textLR = textLR
        self.alignSteps = alignSteps; self.alignLR = alignLR; self.alignment = alignment
        self.alignTrainable = alignTrainable
        self.instructSteps = instructSteps; self.instructLR = instructLR
        self.instructTextMix = instructTextMix
        self.evalProblems = evalProblems; self.transcriptionImages = transcriptionImages
        self.maxNewTokens = maxNewTokens
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model, batchSize, seed, captionSteps, captionCheckEvery, captionTarget, captionLR, captionTask, caption2Steps, caption2Task
        case caption2LR, textSteps, textLR
        case alignSteps, alignLR, alignment, alignTrainable, instructSteps, instructLR, instructTextMix, evalProblems
        case transcriptionImages, maxNewTokens
    }

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ExperimentConfig.standard
        model = try c.decodeIfPresent(ModelConfig.self, forKey: .model) ?? d.model
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? d.batchSize
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        captionSteps = try c.decodeIfPresent(Int.self, forKey: .captionSteps) ?? d.captionSteps
        captionCheckEvery = try c.decodeIfPresent(Int.self, forKey: .captionCheckEvery) ?? d.captionCheckEvery
        captionTarget = try c.decodeIfPresent(Double.self, forKey: .captionTarget) ?? d.captionTarget
        captionLR = try c.decodeIfPresent(Double.self, forKey: .captionLR) ?? d.captionLR
        captionTask = try c.decodeIfPresent(CaptionTask.self, forKey: .captionTask) ?? d.captionTask
        caption2Steps = try c.decodeIfPresent(Int.self, forKey: .caption2Steps) ?? d.caption2Steps
        caption2Task = try c.decodeIfPresent(CaptionTask.self, forKey: .caption2Task) ?? d.caption2Task
        caption2LR = try c.decodeIfPresent(Double.self, forKey: .caption2LR) ?? d.caption2LR
        textSteps = try c.decodeIfPresent(Int.self, forKey: .textSteps) ?? d.textSteps
        textLR = try c.decodeIfPresent(Double.self, forKey: .textLR) ?? d.textLR
        alignSteps = try c.decodeIfPresent(Int.self, forKey: .alignSteps) ?? d.alignSteps
        alignLR = try c.decodeIfPresent(Double.self, forKey: .alignLR) ?? d.alignLR
        alignment = try c.decodeIfPresent(AlignmentConfig.self, forKey: .alignment) ?? d.alignment
        alignTrainable = try c.decodeIfPresent([Part].self, forKey: .alignTrainable) ?? d.alignTrainable
        instructSteps = try c.decodeIfPresent(Int.self, forKey: .instructSteps) ?? d.instructSteps
        instructLR = try c.decodeIfPresent(Double.self, forKey: .instructLR) ?? d.instructLR
        instructTextMix = try c.decodeIfPresent(Double.self, forKey: .instructTextMix) ?? d.instructTextMix
        evalProblems = try c.decodeIfPresent(Int.self, forKey: .evalProblems) ?? d.evalProblems
        transcriptionImages = try c.decodeIfPresent(Int.self, forKey: .transcriptionImages) ?? d.transcriptionImages
        maxNewTokens = try c.decodeIfPresent(Int.self, forKey: .maxNewTokens) ?? d.maxNewTokens
    }

    public func validate() throws {
        try model.validate()
        let counts: [(String, Int)] = [("batchSize", batchSize), ("captionSteps", captionSteps), ("textSteps", textSteps),
                                       ("alignSteps", alignSteps), ("instructSteps", instructSteps),
                                       ("maxNewTokens", maxNewTokens)]
        for (k, v) in counts where v <= 0 {
            throw TrainerError.invalidConfig(path: nil, reason: "\(k) must be positive, got \(v)")
        }
        guard instructTextMix.isFinite, (0...1).contains(instructTextMix) else {
            throw TrainerError.invalidConfig(path: nil, reason: "instructTextMix must be in 0...1, got \(instructTextMix)")
        }
        guard caption2Steps >= 0 else {
            throw TrainerError.invalidConfig(path: nil, reason: "caption2Steps must be 0 (no second phase) or more, got \(caption2Steps)")
        }
        if alignTrainable.isEmpty { throw TrainerError.invalidConfig(path: nil, reason: "alignTrainable is empty") }
    }

    /// The task transcription is measured on: the reading task whenever it is trained.
    var transcriptionTask: CaptionTask {
        captionTask == .describe && (caption2Steps == 0 || caption2Task == .describe) ? .describe : .values
    }

    /// AdamW settings of one stage: peak `lr`, cosine to lr/10 over `steps`, warmup 10% (at most 50 steps).
    func optimizer(lr: Double, steps: Int) -> OptimizerConfig {
        var o = OptimizerConfig()
        o.learningRate = lr
        o.minLearningRate = lr / 10
        o.warmupSteps = min(50, max(1, steps / 10))
        o.totalSteps = steps
        return o
    }
}
