import COpenBLAS
import Dispatch
import Foundation

/// The trainer's threads. One knob sets how many workers every kernel uses;
/// OpenBLAS itself is pinned to one thread and the trainer splits each large
/// GEMM into one independent piece per worker (`gemm`), so GEMMs, attention
/// and the elementwise kernels share one pool (Dispatch's) instead of two
/// pools spinning against each other on few cores.
///
/// Work is always split into the same contiguous pieces for a given worker
/// count, and every reduction adds per-worker partials in worker order, so
/// results are deterministic for a fixed thread count (and bit-identical to
/// the serial path with one thread).
public enum ComputeThreads {
    nonisolated(unsafe) private static var requested: Int?

    /// The default: `OPENBLAS_NUM_THREADS` if set (so a pinned test run stays
    /// serial), else the number of active processors.
    static let defaultCount: Int = {
        if let s = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"], let n = Int(s), n > 0 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    private static let pinBLAS: Void = { openblas_set_num_threads(1) }()

    /// A scoped override for the current task (tests compare worker counts
    /// side by side without touching the process-wide setting).
    @TaskLocal static var override: Int?

    /// Workers for the trainer's kernels. Set it before training starts, not
    /// while a step runs.
    public static var count: Int {
        get { _ = pinBLAS; return override ?? requested ?? defaultCount }
        set { _ = pinBLAS; requested = max(1, newValue) }
    }
}

enum Parallel {
    /// Splits 0..<count into `workers` contiguous ranges (the first ones one
    /// longer when uneven), each a multiple of `granule` except the last, and
    /// runs `body(worker, range)` for each, concurrently when workers > 1.
    static func ranges(_ count: Int, workers requested: Int = ComputeThreads.count, granule: Int = 1,
                       _ body: (_ worker: Int, _ range: Range<Int>) -> Void) {
        let units = (count + granule - 1) / granule
        let w = max(1, min(requested, units))
        if w == 1 {
            if count > 0 { body(0, 0..<count) }
            return
        }
        let per = units / w, extra = units % w
        // concurrentPerform wants a @Sendable closure; the kernels hand each
        // worker disjoint output ranges, which is what makes this sound.
        withoutActuallyEscaping(body) { body in
            let job = UncheckedSendable(value: body)
            DispatchQueue.concurrentPerform(iterations: w) { i in
                let lo = (i * per + min(i, extra)) * granule
                let hi = min(((i + 1) * per + min(i + 1, extra)) * granule, count)
                job.value(i, lo..<hi)
            }
        }
    }

    /// Worker count worth using for `work` elementary operations: small jobs
    /// stay on the calling thread (a Dispatch round trip costs microseconds).
    static func workers(forWork work: Int, minimumPerWorker: Int = 32_768) -> Int {
        max(1, min(ComputeThreads.count, work / minimumPerWorker))
    }
}

/// Carries a non-Sendable value (a kernel closure over raw pointers) into
/// Dispatch's workers; the kernels guarantee disjoint writes.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
}
