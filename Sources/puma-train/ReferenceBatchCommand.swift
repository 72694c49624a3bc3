import ArgumentParser
import Foundation
import Trainer

/// `puma-train reference-batch`: one stage-2 batch, its logits and its loss, for
/// scripts/reference_forward.py to recompute independently (docs/TRAINER.md).
struct ReferenceBatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference-batch",
        abstract: "Write one stage-2 batch with puma-train's logits and alignment loss, for an independent check of the forward pass.",
        discussion: "With --fresh, a newly initialised model (the shape options, --seed) is first saved to --checkpoint.")

    @Option(help: "mathgen's manifest.json.") var manifest: String
    @Option(help: "Checkpoint folder to read (or, with --fresh, to write).") var checkpoint: String
    @Flag(help: "Initialise a model instead of reading one, and save it to --checkpoint.") var fresh = false
    @Option(help: "Initialisation seed with --fresh.") var seed: UInt64 = 0
    @Option(help: "Pairs in the batch (the first that fit).") var pairs: Int = 4
    @Option(help: "Output file (safetensors).") var out: String
    @Option(help: "Weight of KL(P_vision || P_text).") var alpha: Double = 0.5
    @Option(help: "Weight of the KL part against the CE.") var lambda: Double = 0.1
    @Option(help: "Softmax temperature.") var temperature: Double = 1
    @OptionGroup var model: ModelOptions

    func validate() throws {
        guard pairs > 0 else { throw ValidationError("--pairs must be at least 1 (got \(pairs))") }
        guard temperature > 0 else { throw ValidationError("--temperature must be positive (got \(temperature))") }
    }

    func run() throws {
        try reportingErrors {
            let dataset = try Dataset(manifest: manifest)
            let session: TrainingSession
            if fresh {
                session = TrainingSession(model: try Model(config: try model.resolve(), seed: seed), optimizer: OptimizerConfig())
                try Checkpoint.save(session, to: checkpoint)
            } else {
                session = try Checkpoint.loadForInference(checkpoint)
            }
            let v = try ReferenceBatch.write(session: session, dataset: dataset, pairs: pairs,
                                             alignment: AlignmentConfig(alpha: alpha, lambda: lambda, temperature: temperature),
                                             to: out)
            print("loss \(v.total) (ce \(v.ce), kl forward \(v.klForward), kl reverse \(v.klReverse)) -> \(out)")
        }
    }
}
