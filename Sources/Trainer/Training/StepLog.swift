import DatasetFormat
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
        // Keys in alphabetical order; a missing value is null, and so is one that is not
        // finite (JSONValue writes those as null).
        func number(_ d: Double?) -> JSONValue { d.map { .double($0) } ?? .null }
        let o: JSONValue = [
            "ce": number(r.ce), "grad_norm": number(r.gradNorm), "kl_forward": number(r.klForward),
            "kl_reverse": number(r.klReverse), "loss": number(r.loss), "lr": number(r.learningRate),
            "seconds": number(r.seconds), "stage": .string(stage.rawValue), "step": .int(r.step),
            "tokens": .int(r.tokens), "tokens_per_s": number(r.tokensPerSecond),
        ]
        pending.append(o.serialized())
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
    static func read(path: String) -> [(step: Int, line: String, fields: JSONValue)] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var out: [(Int, String, JSONValue)] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let o = try? JSONParser.parse(String(line)), let step = o["step"]?.intValue else { continue }
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
        loss = rows.map { $0.fields["loss"]?.doubleValue ?? .nan }
        ce = rows.map { $0.fields["ce"]?.doubleValue ?? .nan }
    }

    /// This curve, then `next` with its steps counted on from this one's
    /// last: two runs of one chain (stage 2 then 3, stage 0's phases) end to end.
    public func followed(by next: LossCurve) -> LossCurve {
        let offset = steps.last ?? 0
        return LossCurve(steps: steps + next.steps.map { $0 + offset }, loss: loss + next.loss, ce: ce + next.ce)
    }
}
