import Foundation

/// One stage-2 batch through the model, written out so an independent
/// implementation of the forward pass and of the alignment loss can be compared
/// with this one (`scripts/reference_forward.py`, run by the tests): the
/// finite-difference checks prove each backward matches its forward, not that the
/// forward is right. The file is safetensors, every tensor F32 (token ids and row
/// indices are exact in F32): for each member (`reference.`, `vision.`) its
/// `tokens` [B, T], `image_rows` [B, T] (row of the projector output at each
/// position, -1 for a token), `images` [I, S, S] (model input pixels), `loss_rows`
/// [M] (b*T + t of each answer position) and `loss_targets` [M], and `logits` [M, V]
/// at those rows; `loss` is [total, ce, kl_forward, kl_reverse]; the metadata holds
/// alpha, lambda, temperature and the batch size.
public enum ReferenceBatch {
    /// The first `pairs` pairs of the dataset that fit the model, through `session`'s
    /// model; writes `path` and returns the loss.
    @discardableResult
    public static func write(session: TrainingSession, dataset: Dataset, pairs count: Int, alignment: AlignmentConfig,
                             to path: String) throws -> AlignmentLossValue {
        let c = session.model.config
        let all = try dataset.pairs(imageSize: c.imageSize, loading: .eager)
        let fitting = all.filter { Stages.fits($0.reference, c) && Stages.fits($0.vision, c) }.prefix(count)
        guard !fitting.isEmpty else {
            throw TrainerError.invalidConfig(path: dataset.path(Dataset.pairsFile), reason: "no pair fits the model's positions")
        }
        let reference = try Batch(examples: fitting.map(\.reference), config: c)
        let vision = try Batch(examples: fitting.map(\.vision), config: c)
        for i in 0..<vision.size where reference.lossRowsPerSample[i] != vision.lossRowsPerSample[i] {
            throw TrainerError.pairAnswerMismatch(context: "pair \(i) of the reference batch",
                                                  reference: reference.lossRowsPerSample[i], vision: vision.lossRowsPerSample[i])
        }
        let v = c.vocabularySize
        let refLogits = logits(session, reference), visLogits = logits(session, vision)
        let m = vision.lossRows.count
        let value = refLogits.withUnsafeBufferPointer { r in
            visLogits.withUnsafeBufferPointer { x in
                vision.lossTargets.withUnsafeBufferPointer { t -> AlignmentLossValue? in
                    guard let rb = r.baseAddress, let xb = x.baseAddress, let tb = t.baseAddress else { return nil }
                    return AlignmentLoss.forwardBackward(vision: xb, reference: rb, targets: tb, rows: m, vocab: v,
                                                         batchSize: vision.size, config: alignment, dvision: nil)
                }
            }
        }
        guard let value else {
            throw TrainerError.invalidConfig(path: dataset.path(Dataset.pairsFile), reason: "the reference batch has no answer rows")
        }
        var arrays: [(String, [Int], [Float])] = []
        for (name, b, l) in [("reference", reference, refLogits), ("vision", vision, visLogits)] {
            arrays.append(("\(name).tokens", [b.size, b.length], b.tokens.map(Float.init)))
            arrays.append(("\(name).image_rows", [b.size, b.length], b.imageRows.map(Float.init)))
            arrays.append(("\(name).images", [b.imageCount, c.imageSize, c.imageSize],
                           b.imageCount > 0 ? b.images : [0]))
            arrays.append(("\(name).loss_rows", [b.lossRows.count], b.lossRows.map(Float.init)))
            arrays.append(("\(name).loss_targets", [b.lossTargets.count], b.lossTargets.map(Float.init)))
            arrays.append(("\(name).logits", [b.lossRows.count, v], l))
        }
        arrays.append(("loss", [4], [value.total, value.ce, value.klForward, value.klReverse].map { Float($0) }))
        let metadata = ["alpha": String(alignment.alpha), "lambda": String(alignment.lambda),
                        "temperature": String(alignment.temperature), "batch_size": String(vision.size),
                        "loss_f64": [value.total, value.ce, value.klForward, value.klReverse].map { String($0) }.joined(separator: ",")]
        let data = withPointers(arrays) { tensors in Safetensors.encode(tensors, metadata: metadata) }
        try writeAtomically(data, to: path)
        return value
    }

    /// The logits [rows, V] at the batch's loss rows.
    static func logits(_ session: TrainingSession, _ batch: Batch) -> [Float] {
        let ws = session.workspace(for: batch, rows: batch.lossRows.count)
        session.model.forward(batch, rows: batch.lossRows, workspace: ws)
        let n = batch.lossRows.count * session.model.config.vocabularySize
        return Array(UnsafeBufferPointer(start: ws.logits, count: n))
    }

    /// Safetensors tensors over the arrays (kept alive for the call).
    static func withPointers<R>(_ arrays: [(String, [Int], [Float])], _ body: ([Safetensors.Tensor]) throws -> R) rethrows -> R {
        func go(_ k: Int, _ acc: [Safetensors.Tensor]) throws -> R {
            guard k < arrays.count else { return try body(acc) }
            let (name, shape, values) = arrays[k]
            return try values.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return try go(k + 1, acc) }
                return try go(k + 1, acc + [Safetensors.Tensor(name: name, shape: shape, data: base)])
            }
        }
        return try go(0, [])
    }
}
