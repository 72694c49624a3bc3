import ArgumentParser
import CLISupport
import Foundation
import Trainer

/// `puma-train eval`: greedy decoding on eval.jsonl and the report.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a checkpoint on eval.jsonl: accuracy per level, text-dominant minus vision-only gap, cross-level consistency.",
        discussion: "Writes report.md, report.json, accuracy.png and loss.png (from the run's log.jsonl) into --report.")

    @Option(help: "Checkpoint folder to evaluate.") var checkpoint: String
    @Option(help: "mathgen's manifest.json.") var manifest: String
    @Option(help: "Output folder for the report (default: CHECKPOINT/eval).") var report: String?
    @Option(name: .customLong("max-new-tokens"), help: "Generation budget per answer.") var maxNewTokens: Int = 24
    @Option(name: .customLong("batch-size"), help: "Prompts decoded together.") var batchSize: Int = 16
    @Option(help: "Only the first N eval problems (each at all its levels).") var problems: Int?
    @Option(help: "Also transcribe N held-out images (values drawn) and score the drawn numbers (0: skip).")
    var transcription: Int = 0
    @Option(name: .customLong("transcription-task"),
            help: "What --transcription asks: describe (the caption) or values (the written values; also reads the held-out decoys when the data has them).")
    var transcriptionTask: CaptionTask = .describe

    func validate() throws {
        guard maxNewTokens > 0 else { throw ValidationError("--max-new-tokens must be at least 1 (got \(maxNewTokens))") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize))") }
        if let p = problems, p <= 0 { throw ValidationError("--problems must be at least 1 (got \(p))") }
        guard transcription >= 0 else { throw ValidationError("--transcription must be >= 0 (got \(transcription))") }
    }

    func run() throws {
        let out = report ?? URL(fileURLWithPath: checkpoint).appendingPathComponent("eval").path
        try reportingErrors {
            let dataset = try Dataset(manifest: manifest)
            let session = try Checkpoint.loadForInference(checkpoint)
            var progress: ProgressBar?
            var r = try Evaluator.run(session: session, dataset: dataset, checkpoint: checkpoint,
                                      options: EvalOptions(maxNewTokens: maxNewTokens, batchSize: batchSize,
                                                           problemLimit: problems, transcriptionImages: transcription,
                                                           transcriptionTask: transcriptionTask)) { what, done, total in
                // One bar per phase (eval, transcription, decoys).
                if progress?.label != what {
                    progress?.finishLine()
                    progress = ProgressBar(label: what, total: total, unit: "prompts")
                }
                progress?.update(done)
            }
            progress?.finishLine()
            r.step = session.optimizer.step
            try EvalReportWriter.write(r, to: out, lossRuns: [(name: "loss", run: checkpoint)])
            for l in r.levels { emit(String(format: "%-18@ %4d  %.3f", l.level as NSString, l.count, l.accuracy)) }
            emit(String(format: "overall %.3f  gap %@  consistency %.3f", r.overall,
                         r.gap.map { String(format: "%+.3f", $0) } ?? "n/a", r.consistency))
            if let t = r.transcription { emit(String(format: "transcription: digits %.3f  values %.3f", t.digitAccuracy, t.valueAccuracy)) }
            if let t = r.transcriptionTeacherForced {
                emit(String(format: "teacher-forced transcription: digits %.3f  values %.3f", t.digitAccuracy, t.valueAccuracy))
            }
            if let d = r.decoyTranscription {
                emit(String(format: "decoys: digits %.3f  values %.3f  (teacher-forced digits %.3f, %d images)",
                            d.generated.digitAccuracy, d.generated.valueAccuracy, d.teacherForced.digitAccuracy, d.images))
            }
            emit("wrote \(out)/report.md")
        }
    }
}

/// `puma-train infer`: answer one problem.
struct Infer: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Answer one problem with a checkpoint (greedy decoding).")

    @Option(help: "Checkpoint folder.") var checkpoint: String
    @Option(help: "PNG of the figure (omit for a text-only problem).") var image: String?
    @Option(help: "The instruction text.") var prompt: String
    @Option(name: .customLong("max-new-tokens"), help: "Generation budget.") var maxNewTokens: Int = 64

    func validate() throws {
        guard maxNewTokens > 0 else { throw ValidationError("--max-new-tokens must be at least 1 (got \(maxNewTokens))") }
    }

    func run() throws {
        try reportingErrors {
            let session = try Checkpoint.loadForInference(checkpoint)
            let model = session.model
            let pixels = try image.map { try ImageLoader.modelInput(path: $0, size: model.config.imageSize) }
            let text = try Generation.greedy(session: session, prompts: [Example(image: pixels, instruction: prompt, answer: "")],
                                             maxNewTokens: maxNewTokens)
            emit(text.first ?? "")
        }
    }
}
