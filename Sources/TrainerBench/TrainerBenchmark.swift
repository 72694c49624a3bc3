import Trainer
import Foundation

/// Training throughput on a fixed synthetic batch (`puma-train bench`,
/// scripts/bench-trainer.sh). The batch has the anchor's shape
/// (`../shared/anchors/torch_tiny_mllm.py`): every sample is bos, the image
/// tokens, then text bytes up to `textTokens` text positions, and every
/// position after the image predicts the next byte (191 supervised rows per
/// sample at the default shape, like the anchor's logits[:, n_img:-1]).
///
/// The alignment step trains every part, as the anchor's `kl_step` does
/// (its optimizer holds all parameters); the stage-2 default (vision +
/// projector only, the LM passing gradients through) is reported beside it.
public enum TrainerBenchmark {
    public struct Options: Sendable {
        public var model = ModelConfig()
        public var batchSize = 8
        /// Text positions per sample (bos, text bytes, eos), as the anchor's `--text`.
        public var textTokens = 192
        public var warmupSteps = 2
        public var steps = 6
        /// OpenBLAS threads and the trainer's own worker count.
        public var threads = 1
        public var seed: UInt64 = 0
        public init() {}
    }

    /// One step kind at one thread count.
    public struct Measurement: Codable, Sendable {
        public var kind: String
        public var threads: Int
        /// Tokens per step as the anchor counts them: batch x (image + text tokens) of one member.
        public var tokensPerStep: Int
        public var stepMilliseconds: [Double]
        public var medianMilliseconds: Double
        public var bestMilliseconds: Double
        /// Median process CPU time per step (all threads): on a busy machine
        /// steadier than wall time; about threads x wall time when every worker is busy.
        public var cpuMilliseconds: Double
        /// From the median step.
        public var tokensPerSecond: Double
        public var bestTokensPerSecond: Double
        /// Anchor-equivalent work per step (`ModelFLOPs`); nil where the anchor has no such step.
        public var modelGFLOP: Double?
        /// modelGFLOP / median step time.
        public var gflopPerSecond: Double?
    }

    public struct Report: Codable, Sendable {
        public var shape: String
        /// OpenBLAS's kernel family (`openblas_get_corename`), e.g. Haswell or SkylakeX.
        public var blasCore: String
        public var parameters: Int
        public var measurements: [Measurement]
        /// Peak resident set of the process (getrusage ru_maxrss), MiB.
        public var peakMemoryMiB: Double
    }

    /// The synthetic batch: random pixels, random printable bytes.
    public static func batch(_ o: Options) throws -> Batch {
        var rng = SplitMix64(seed: o.seed &+ 1)
        let r2 = o.model.imageSize * o.model.imageSize
        let textBytes = max(o.textTokens - 2, 1)   // bos and eos are text positions too
        let examples = (0..<o.batchSize).map { i in
            let image = (0..<r2).map { _ in Float(rng.uniform()) }
            let bytes = (0..<textBytes).map { _ in UInt8(32 + rng.next() % 95) }
            return Example(image: image, instruction: "", answer: String(decoding: bytes, as: UTF8.self),
                           source: "bench sample \(i)")
        }
        return try Batch(examples: examples, config: o.model)
    }

    public static func run(_ o: Options, kinds: [String] = ["sft", "align", "align-stage2"]) throws -> Report {
        ComputeThreads.count = o.threads
        let model = try Model(config: o.model, seed: o.seed)
        let batch = try batch(o)
        let flops = ModelFLOPs(config: o.model, batch: o.batchSize, textTokens: o.textTokens)
        let tokens = batch.size * batch.length
        var out: [Measurement] = []
        for kind in kinds {
            var opt = OptimizerConfig()
            opt.warmupSteps = 1
            opt.totalSteps = 1_000
            let session = TrainingSession(model: model, optimizer: opt,
                                          trainable: kind == "align-stage2" ? [.vision, .projector] : Set(Part.allCases))
            let step: () throws -> Void
            let gflop: Double?
            switch kind {
            case "sft":
                step = { session.sftStep(batch) }
                gflop = flops.sftStep / 1e9
            case "align", "align-stage2":
                step = { _ = try session.alignStep(reference: batch, vision: batch, config: AlignmentConfig()) }
                gflop = kind == "align" ? flops.alignmentStep / 1e9 : nil
            default:
                throw TrainerError.invalidConfig(path: nil, reason: "bench: unknown step kind '\(kind)' (sft, align, align-stage2)")
            }
            for _ in 0..<o.warmupSteps { try step() }
            var times: [Double] = [], cpu: [Double] = []
            for _ in 0..<o.steps {
                let t0 = DispatchTime.now().uptimeNanoseconds, c0 = cpuSeconds()
                try step()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                cpu.append((cpuSeconds() - c0) * 1e3)
            }
            let median = Self.median(times)
            let best = times.min() ?? 0
            out.append(Measurement(kind: kind, threads: o.threads, tokensPerStep: tokens, stepMilliseconds: times,
                                   medianMilliseconds: median, bestMilliseconds: best, cpuMilliseconds: Self.median(cpu),
                                   tokensPerSecond: median > 0 ? Double(tokens) / median * 1e3 : 0,
                                   bestTokensPerSecond: best > 0 ? Double(tokens) / best * 1e3 : 0,
                                   modelGFLOP: gflop, gflopPerSecond: gflop.map { median > 0 ? $0 / median * 1e3 : 0 }))
        }
        let c = o.model
        let shape = "ViT \(c.visionLayers)x\(c.visionWidth) on \(c.imageSize)x\(c.imageSize) gray, patch \(c.patchSize); "
            + "LM \(c.layers)x\(c.width), \(c.heads) heads; batch \(o.batchSize); "
            + "\(c.imageTokens) image + \(o.textTokens) text tokens"
        return Report(shape: shape, blasCore: BLASInfo.coreName, parameters: model.parameterCount, measurements: out, peakMemoryMiB: peakMemoryMiB())
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        if s.isEmpty { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// CPU time of the whole process (every thread), seconds.
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// getrusage's ru_maxrss (KiB on Linux, bytes on macOS) in MiB.
    public static func peakMemoryMiB() -> Double {
        var usage = rusage()
        getrusage(0, &usage)   // RUSAGE_SELF is 0 on Linux and macOS
        #if os(macOS)
        return Double(usage.ru_maxrss) / 1_048_576
        #else
        return Double(usage.ru_maxrss) / 1024
        #endif
    }
}
