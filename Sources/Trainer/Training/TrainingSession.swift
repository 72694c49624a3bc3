/// What one optimizer step did, for logging.
public struct StepResult: Sendable {
    public var step: Int
    /// The optimized objective (CE for plain steps, the alignment total otherwise).
    public var loss: Double
    /// Cross-entropy over answer tokens (of the vision member for alignment steps).
    public var ce: Double
    /// KL(P_vision || P_text) and KL(P_text || P_vision) per pair; nil for plain steps.
    public var klForward: Double?
    public var klReverse: Double?
    public var gradNorm: Double
    public var learningRate: Double
    /// Supervised (answer + eos) tokens in the batch.
    public var targets: Int
    /// Non-pad positions processed (both members for alignment steps) and
    /// the step's wall time; filled by the stage driver for throughput logs.
    public var tokens = 0
    public var seconds = 0.0

    public var tokensPerSecond: Double { seconds > 0 ? Double(tokens) / seconds : 0 }
}

/// A model with its optimizer and preallocated buffers: the engine every
/// stage drives. Stage 1 uses `sftStep` with `trainable = [.lm]`, stage 2
/// `alignStep` with `[.vision, .projector]`, stage 3 `sftStep` with all parts.
public final class TrainingSession {
    public let model: Model
    public let optimizer: AdamW
    public var trainable: Set<Part>
    private var workspace: Workspace?
    private var referenceLogits: [Float] = []

    public init(model: Model, optimizer: OptimizerConfig, trainable: Set<Part> = Set(Part.allCases)) {
        self.model = model
        self.optimizer = AdamW(config: optimizer, parameterCount: model.parameterCount)
        self.trainable = trainable
    }

    /// The cached workspace, grown (never shrunk) to fit.
    func workspace(for batch: Batch, rows: Int) -> Workspace {
        if let ws = workspace, ws.fits(batch, rows: rows) { return ws }
        let old = workspace
        let ws = Workspace(config: model.config,
                           batch: max(batch.size, old?.maxBatch ?? 0),
                           tokens: max(batch.length, old?.maxTokens ?? 0),
                           images: max(batch.imageCount, old?.maxImages ?? 0),
                           rows: max(rows, old?.maxRows ?? 0))
        workspace = ws
        return ws
    }

    /// Logits [rows.count, V] at positions b*T + t, without gradient.
    public func logits(_ batch: Batch, rows: [Int32]) -> [Float] {
        let ws = workspace(for: batch, rows: rows.count)
        model.forward(batch, rows: rows, workspace: ws)
        return Array(UnsafeBufferPointer(start: ws.logits, count: rows.count * model.config.vocabularySize))
    }

    /// Mean CE over answer tokens, no gradient.
    public func loss(_ batch: Batch) -> Double {
        let ws = workspace(for: batch, rows: batch.lossRows.count)
        model.forward(batch, rows: batch.lossRows, workspace: ws)
        let m = batch.lossRows.count
        guard m > 0 else { return 0 }
        return CrossEntropy.forwardBackward(logits: ws.logits, targets: batch.lossTargets, rows: m,
                                            vocab: model.config.vocabularySize, dlogits: nil, gradScale: 0) / Double(m)
    }

    /// Zeroes `model.grads`, then forward + backward of the mean answer-token
    /// CE. Returns the loss. Gradients land only in trainable parts.
    public func computeGradients(_ batch: Batch) -> Double {
        let ws = workspace(for: batch, rows: batch.lossRows.count)
        model.grads.zero()
        model.forward(batch, rows: batch.lossRows, workspace: ws)
        let m = batch.lossRows.count
        guard m > 0 else { return 0 }
        let total = CrossEntropy.forwardBackward(logits: ws.logits, targets: batch.lossTargets, rows: m,
                                                 vocab: model.config.vocabularySize, dlogits: ws.dlogits,
                                                 gradScale: 1 / Float(m))
        model.backward(batch, rows: batch.lossRows, workspace: ws, trainable: trainable)
        return total / Double(m)
    }

    /// Zeroes `model.grads`, then computes the Math-PUMA alignment loss of the
    /// vision-rich members against the text-rich reference members (run
    /// without gradient), and backpropagates through the vision members.
    public func computeAlignmentGradients(reference: Batch, vision: Batch, config: AlignmentConfig) throws -> AlignmentLossValue {
        guard reference.size == vision.size else {
            throw TrainerError.pairAnswerMismatch(context: "alignment batch of \(vision.size) vision and \(reference.size) reference members",
                                                  reference: reference.lossRows.count, vision: vision.lossRows.count)
        }
        for i in 0..<vision.size where reference.lossRowsPerSample[i] != vision.lossRowsPerSample[i] {
            throw TrainerError.pairAnswerMismatch(context: "pair \(i) of the batch",
                                                  reference: reference.lossRowsPerSample[i], vision: vision.lossRowsPerSample[i])
        }
        let v = model.config.vocabularySize, m = vision.lossRows.count
        let rows = max(m, reference.lossRows.count)
        // Reference forward first; its logits are copied out before the workspace is reused.
        let wsRef = workspace(for: reference, rows: rows)
        model.forward(reference, rows: reference.lossRows, workspace: wsRef)
        if referenceLogits.count < m * v { referenceLogits = [Float](repeating: 0, count: m * v) }
        referenceLogits.withUnsafeMutableBufferPointer { dst in
            if let base = dst.baseAddress { base.update(from: wsRef.logits, count: m * v) }
        }
        let ws = workspace(for: vision, rows: rows)
        model.grads.zero()
        model.forward(vision, rows: vision.lossRows, workspace: ws)
        let value = AlignmentLoss.forwardBackward(vision: ws.logits, reference: referenceLogits, targets: vision.lossTargets,
                                                  rows: m, vocab: v, batchSize: vision.size, config: config,
                                                  dvision: ws.dlogits)
        model.backward(vision, rows: vision.lossRows, workspace: ws, trainable: trainable)
        return value
    }

    /// One plain CE step (stages 1 and 3, and caption pre-alignment).
    @discardableResult
    public func sftStep(_ batch: Batch) -> StepResult {
        let loss = computeGradients(batch)
        let lr = optimizer.config.learningRate(at: optimizer.step)
        let norm = optimizer.update(model: model, parts: trainable, learningRate: lr)
        return StepResult(step: optimizer.step, loss: loss, ce: loss, klForward: nil, klReverse: nil,
                          gradNorm: norm, learningRate: lr, targets: batch.lossRows.count)
    }

    /// One Math-PUMA alignment step (stage 2).
    @discardableResult
    public func alignStep(reference: Batch, vision: Batch, config: AlignmentConfig) throws -> StepResult {
        let value = try computeAlignmentGradients(reference: reference, vision: vision, config: config)
        let lr = optimizer.config.learningRate(at: optimizer.step)
        let norm = optimizer.update(model: model, parts: trainable, learningRate: lr)
        return StepResult(step: optimizer.step, loss: value.total, ce: value.ce, klForward: value.klForward,
                          klReverse: value.klReverse, gradNorm: norm, learningRate: lr, targets: vision.lossRows.count)
    }
}
