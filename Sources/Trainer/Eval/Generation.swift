import Foundation

/// Greedy decoding. The model has no KV cache (its API belongs to the engine
/// work of issue 8), so every new token recomputes the whole forward over the
/// prompt and the tokens so far; affordable because the experiment asks for
/// short outputs. Prompts are sorted by length and decoded in batches, and a
/// sample leaves its batch as soon as it emits eos.
public enum Generation {
    /// Decodes each prompt (its `answer` is ignored) up to `maxNewTokens`
    /// tokens or eos, and returns the texts in prompt order.
    public static func greedy(session: TrainingSession, prompts: [Example], maxNewTokens: Int,
                              batchSize: Int = 16, onProgress: (Int) -> Void = { _ in }) throws -> [String] {
        let c = session.model.config
        let tokenizer = ByteTokenizer()
        let v = c.vocabularySize
        var outputs = [String](repeating: "", count: prompts.count)
        let promptLength = prompts.map { 2 + ($0.hasImage ? c.imageTokens : 0) + $0.instruction.utf8.count }
        let order = prompts.indices.sorted { promptLength[$0] < promptLength[$1] }
        var done = 0
        for chunkStart in stride(from: 0, to: order.count, by: max(batchSize, 1)) {
            var active = Array(order[chunkStart..<min(chunkStart + max(batchSize, 1), order.count)])
            var generated = [Int: [Int32]]()
            for i in active { generated[i] = [] }
            // A prompt that cannot take even one token is answered with nothing.
            active.removeAll { promptLength[$0] >= c.maxPositions }
            var step = 0
            while !active.isEmpty && step < maxNewTokens {
                let batch = try Batch(prompts: active.map { prompts[$0] },
                                      generated: active.map { generated[$0] ?? [] }, config: c, tokenizer: tokenizer)
                let logits = session.logits(batch, rows: batch.lastRows)
                var still: [Int] = []
                for (k, i) in active.enumerated() {
                    let next = argmaxAllowed(logits, row: k, vocab: v)
                    if next == ByteTokenizer.eos { continue }
                    generated[i, default: []].append(next)
                    if promptLength[i] + (generated[i]?.count ?? 0) < c.maxPositions { still.append(i) }
                }
                active = still
                step += 1
            }
            for (key, ids) in generated { outputs[key] = tokenizer.decode(ids) }
            done += min(max(batchSize, 1), order.count - chunkStart)
            onProgress(done)
        }
        return outputs
    }

    /// The most likely byte or eos; pad, bos and the image placeholder are
    /// never emitted (they would be meaningless in generated text).
    static func argmaxAllowed(_ logits: [Float], row: Int, vocab v: Int) -> Int32 {
        let base = row * v
        var best = ByteTokenizer.eos
        var bestValue = logits[base + Int(ByteTokenizer.eos)]
        for id in 0..<256 where logits[base + id] > bestValue {
            bestValue = logits[base + id]
            best = Int32(id)
        }
        return best
    }
}
