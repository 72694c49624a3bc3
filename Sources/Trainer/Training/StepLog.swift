import Foundation

/// `log.jsonl` of a run: one JSON object per optimizer step (stage, step,
/// loss, ce, kl_forward, kl_reverse, lr, grad_norm, tokens, seconds,
/// tokens_per_s). Lines are buffered and appended at checkpoints and every
/// few seconds. Opening for a resumed run first drops every line after the
/// checkpoint's step (those steps are about to be redone), so the log of a
/// killed-and-resumed run reads like an uninterrupted one.
final class StepLog {
    let path: String
    private var pending: [String] = []
    private var lastFlush = Date()

    init(path: String, keepingThrough step: Int) throws {
        self.path = path
        let kept = Self.read(path: path).filter { $0.step <= step }.map(\.line)
        let text = kept.isEmpty ? "" : kept.joined(separator: "\n") + "\n"
        try writeAtomically(Data(text.utf8), to: path)
    }

    func append(_ r: StepResult, stage: Stage) throws {
        var o: [String: Any] = [
            "stage": stage.rawValue, "step": r.step, "loss": r.loss, "ce": r.ce, "lr": r.learningRate,
            "grad_norm": r.gradNorm, "tokens": r.tokens, "seconds": r.seconds, "tokens_per_s": r.tokensPerSecond,
        ]
        o["kl_forward"] = r.klForward ?? NSNull()
        o["kl_reverse"] = r.klReverse ?? NSNull()
        for (k, v) in o { if let d = v as? Double, !d.isFinite { o[k] = NSNull() } }
        let data = try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
        pending.append(String(decoding: data, as: UTF8.self))
        if Date().timeIntervalSince(lastFlush) > 5 { try flush() }
    }

    func flush() throws {
        lastFlush = Date()
        guard !pending.isEmpty else { return }
        let text = pending.joined(separator: "\n") + "\n"
        pending.removeAll()
        guard let h = FileHandle(forWritingAtPath: path) else {
            throw TrainerError.writeFailed(path: path, reason: "cannot open the step log for appending")
        }
        defer { try? h.close() }
        do {
            try h.seekToEnd()
            try h.write(contentsOf: Data(text.utf8))
        } catch {
            throw TrainerError.writeFailed(path: path, reason: "\(error)")
        }
    }

    /// Parsed lines of an existing log (a torn last line from a kill is skipped).
    static func read(path: String) -> [(step: Int, line: String, fields: [String: Any])] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var out: [(Int, String, [String: Any])] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  let step = o["step"] as? Int else { continue }
            out.append((step, String(line), o))
        }
        return out
    }
}

/// A run's loss curve read back from its `log.jsonl` (for charts and reports).
public struct LossCurve: Sendable {
    public var steps: [Int]
    public var loss: [Double]
    public var ce: [Double]

    public init(steps: [Int], loss: [Double], ce: [Double]) {
        self.steps = steps
        self.loss = loss
        self.ce = ce
    }

    public init(run: String) {
        let rows = StepLog.read(path: Checkpoint.path(run, Stages.logFile))
        steps = rows.map(\.step)
        loss = rows.map { ($0.fields["loss"] as? Double) ?? .nan }
        ce = rows.map { ($0.fields["ce"] as? Double) ?? .nan }
    }

    /// This curve, then `next` with its steps counted on from this one's
    /// last: two runs of one chain (stage 2 then 3, stage 0's phases) end to end.
    public func followed(by next: LossCurve) -> LossCurve {
        let offset = steps.last ?? 0
        return LossCurve(steps: steps + next.steps.map { $0 + offset }, loss: loss + next.loss, ce: ce + next.ce)
    }
}
