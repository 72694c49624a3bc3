import TrainerBench
import DatasetFormat
import ArgumentParser
import Foundation
import Trainer

/// `puma-train bench`: training throughput on the reference shape (issue 8).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tokens per second for an SFT step and a KL alignment step on the reference shape.",
        discussion: """
            The batch has the PyTorch anchor's shape (../shared/anchors/torch_tiny_mllm.py): ViT 2x192 on 96x96 \
            gray, patch 8; LM 4x256, 4 heads; batch 8; 144 image + 192 text tokens. GFLOP/s counts the anchor's \
            work (72.6 GFLOP per SFT step, 96.2 per alignment step on this shape). Threads set both OpenBLAS \
            and the trainer's own kernels.
            """)

    @Option(help: "Thread counts to measure, comma separated.") var threads: String = "1,2"
    @Option(help: "Timed steps per kind (the median and best are reported).") var steps: Int = 6
    @Option(help: "Untimed warm-up steps per kind.") var warmup: Int = 2
    @Option(name: .customLong("batch-size")) var batchSize: Int = 8
    @Option(name: .customLong("text-tokens"), help: "Text positions per sample (bos, bytes, eos).") var textTokens: Int = 192
    @Option(help: "Step kinds: sft, align (every part trains, as the anchor), align-stage2 (vision + projector).")
    var kinds: String = "sft,align,align-stage2"
    @Flag(help: "Print one JSON object instead of text.") var json = false
    @OptionGroup var model: ModelOptions

    func validate() throws {
        guard steps > 0, warmup >= 0, batchSize > 0, textTokens >= 3 else {
            throw ValidationError("--steps and --batch-size must be positive, --warmup >= 0, --text-tokens >= 3")
        }
        guard !threadCounts.isEmpty, threadCounts.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--threads: give positive counts separated by commas, e.g. 1,2")
        }
    }

    var threadCounts: [Int] { threads.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        var o = TrainerBenchmark.Options()
        o.model = try model.resolve()
        o.batchSize = batchSize
        o.textTokens = textTokens
        o.steps = steps
        o.warmupSteps = warmup
        let kindList = kinds.split(separator: ",").map { String($0) }
        if let core = BLASInfo.recommendedCoreType {
            FileHandle.standardError.write(Data(("puma-train bench: OpenBLAS runs its \(BLASInfo.coreName) kernels on a CPU with "
                + "AVX-512; OPENBLAS_CORETYPE=\(core) in the environment selects faster ones\n").utf8))
        }
        var reports: [TrainerBenchmark.Report] = []
        for n in threadCounts {
            o.threads = n
            let r = try reportingErrors { try TrainerBenchmark.run(o, kinds: kindList) }
            reports.append(r)
            if !json {
                if reports.count == 1 { print("shape: \(r.shape); \(r.parameters) parameters; OpenBLAS core \(r.blasCore)") }
                for m in r.measurements {
                    var line = String(format: "%@: threads=%d step=%.1fms (best %.1f, cpu %.1f) tokens/s=%.0f (best %.0f)",
                                      m.kind, m.threads, m.medianMilliseconds, m.bestMilliseconds, m.cpuMilliseconds,
                                      m.tokensPerSecond, m.bestTokensPerSecond)
                    if let g = m.modelGFLOP, let gs = m.gflopPerSecond {
                        line += String(format: " model_GFLOP=%.1f GFLOP/s=%.1f", g, gs)
                    }
                    print(line)
                }
            }
        }
        let peak = TrainerBenchmark.peakMemoryMiB()
        if json {
            struct Output: Codable { var runs: [TrainerBenchmark.Report]; var peakMemoryMiB: Double }
            print(try Output(runs: reports, peakMemoryMiB: peak).jsonValue(sortedKeys: true).pretty(), terminator: "")
        } else {
            print(String(format: "peak memory: %.0f MiB", peak))
        }
    }
}
