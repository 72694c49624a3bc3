import Foundation
import Testing
@testable import Trainer

/// Finite-difference checks of the whole model (every parameter tensor) and
/// of the KL alignment loss.
///
/// Whole-model tolerance: for each tensor, 6 entries (the 3 largest analytic
/// entries and 3 random ones) are differenced with eps = 1e-3; the relative L2
/// error over them must be <= 2e-2. The test parameters are far from init, so
/// the loss is strongly curved and eps = 1e-2 leaves truncation errors of a
/// few percent (measured: they shrink 10x per 3.3x smaller eps, i.e. O(eps^2));
/// at 1e-3 truncation is ~4e-4 relative and Float32 rounding of the loss
/// (~1e-6 relative) adds ~2e-3 absolute per entry. A wrong gradient (missing
/// term, wrong transpose) shows as errors of order 1.
@Suite struct ModelGradientTests {
    static let modelTolerance = 2e-2
    static let eps: Float = 1e-3

    static func entries(_ spec: ParameterSpec, analytic: UnsafePointer<Float>, seed: UInt64) -> [Int] {
        let idx = (0..<spec.count).sorted { abs(analytic[spec.offset + $0]) > abs(analytic[spec.offset + $1]) }
        var picked = Array(idx.prefix(3))
        var rng = SplitMix64(seed: seed)
        while picked.count < min(6, spec.count) {
            let i = Int(rng.next() % UInt64(spec.count))
            if !picked.contains(i) { picked.append(i) }
        }
        return picked.map { spec.offset + $0 }
    }

    @Test func wholeModelCrossEntropy() throws {
        let model = try Fixtures.model()
        let session = TrainingSession(model: model, optimizer: OptimizerConfig())
        let batch = try Batch(examples: Fixtures.examples(), config: model.config)
        _ = session.computeGradients(batch)
        let analytic = Array(model.grads.buffer)
        var checkedParts = Set<Part>()
        for (k, spec) in model.layout.specs.enumerated() {
            let idx = Self.entries(spec, analytic: analytic, seed: UInt64(k))
            let c = compareGradient(spec.name, values: model.params.base, analytic: analytic, indices: idx, eps: Self.eps) {
                session.loss(batch)
            }
            #expect(c.relativeL2 <= Self.modelTolerance, "\(c)")
            // Every tensor reaches the loss in this batch (position rows beyond T excepted).
            if spec.name != "lm.wpe.weight" { #expect(c.maxAbsNumeric > 1e-4, "\(c) — no gradient signal") }
            checkedParts.insert(spec.part)
        }
        #expect(checkedParts == Set(Part.allCases))
    }

    /// The conv stem (with its stride-1 lead), the image summary and the pixel scale: every tensor
    /// (the stem's included) matches its finite difference.
    @Test(arguments: SummaryPooling.allCases) func wholeModelWithStemAndSummary(pooling: SummaryPooling) throws {
        var config = Fixtures.config
        config.summaryPooling = pooling
        config.patchSize = 4
        config.stem = [3, 4]
        config.stemLead = 2
        config.imageSummary = true
        config.pixelScale = 2
        let model = try Fixtures.model(config)
        // The stride-1 lead is stem.0 (1 -> 2 channels at full resolution); the stride-2 convolutions follow.
        #expect(model.layout.specs.contains { $0.name == "vision.stem.0.weight" && $0.shape == [2, 9] })
        #expect(model.layout.specs.contains { $0.name == "vision.stem.2.weight" && $0.shape == [4, 27] })
        #expect(config.stemLayers.map(\.outSide) == [config.imageSize, config.imageSize / 2, config.imageSize / 4])
        let session = TrainingSession(model: model, optimizer: OptimizerConfig())
        let batch = try Batch(examples: Fixtures.examples(), config: model.config)
        _ = session.computeGradients(batch)
        let analytic = Array(model.grads.buffer)
        for (k, spec) in model.layout.specs.enumerated() {
            let idx = Self.entries(spec, analytic: analytic, seed: UInt64(100 + k))
            let c = compareGradient(spec.name, values: model.params.base, analytic: analytic, indices: idx, eps: Self.eps) {
                session.loss(batch)
            }
            #expect(c.relativeL2 <= Self.modelTolerance, "\(c)")
            if spec.name != "lm.wpe.weight" { #expect(c.maxAbsNumeric > 1e-4, "\(c) — no gradient signal") }
        }
    }

    /// Stage-2 masking: with the LM frozen, vision and projector gradients are
    /// unchanged and the LM's stay exactly zero; with only the LM trainable,
    /// vision and projector get nothing.
    @Test func trainableMasks() throws {
        let model = try Fixtures.model()
        let session = TrainingSession(model: model, optimizer: OptimizerConfig())
        let batch = try Batch(examples: Fixtures.examples(), config: model.config)
        _ = session.computeGradients(batch)
        let full = Array(model.grads.buffer)
        session.trainable = [.vision, .projector]
        _ = session.computeGradients(batch)
        let stage2 = Array(model.grads.buffer)
        for part in Part.allCases {
            let r = model.layout.range(of: part)
            if part == .lm { #expect(stage2[r].allSatisfy { $0 == 0 }) }
            else { #expect(Array(stage2[r]) == Array(full[r])) }
        }
        session.trainable = [.lm]
        _ = session.computeGradients(batch)
        let stage1 = Array(model.grads.buffer)
        #expect(Array(stage1[model.layout.range(of: .lm)]) == Array(full[model.layout.range(of: .lm)]))
        #expect(stage1[model.layout.range(of: .vision)].allSatisfy { $0 == 0 })
        #expect(stage1[model.layout.range(of: .projector)].allSatisfy { $0 == 0 })
    }

    /// The no-shuffle path (vision tokens straight into the projector) and a
    /// model without vision blocks.
    @Test(arguments: [(false, 1), (true, 0)]) func variants(shuffle: Bool, visionLayers: Int) throws {
        var cfg = Fixtures.config
        cfg.pixelShuffle = shuffle
        cfg.visionLayers = visionLayers
        let model = try Fixtures.model(cfg)
        let session = TrainingSession(model: model, optimizer: OptimizerConfig())
        let batch = try Batch(examples: Fixtures.examples(), config: cfg)
        _ = session.computeGradients(batch)
        let analytic = Array(model.grads.buffer)
        for (k, spec) in model.layout.specs.enumerated() where spec.part != .lm {
            let idx = Self.entries(spec, analytic: analytic, seed: UInt64(k))
            let c = compareGradient(spec.name, values: model.params.base, analytic: analytic, indices: idx, eps: Self.eps) { session.loss(batch) }
            #expect(c.relativeL2 <= Self.modelTolerance, "\(c)")
        }
    }

    /// The alignment loss through the whole model: the reference member's
    /// logits are held fixed (it runs without gradient), the vision member's
    /// parameters are differenced. Stage-2 trainable parts only.
    @Test(arguments: [false, true]) func wholeModelAlignment(doubleTemperature: Bool) throws {
        let model = try Fixtures.model()
        let session = TrainingSession(model: model, optimizer: OptimizerConfig(), trainable: [.vision, .projector])
        let (r, v) = Fixtures.pairs()
        let ref = try Batch(examples: r, config: model.config), vis = try Batch(examples: v, config: model.config)
        let cfg = AlignmentConfig(alpha: 0.3, lambda: 0.6, temperature: 1.5, officialDoubleTemperature: doubleTemperature)
        let refLogits = session.logits(ref, rows: ref.lossRows)
        let value = try session.computeAlignmentGradients(reference: ref, vision: vis, config: cfg)
        let analytic = Array(model.grads.buffer)
        func loss() -> Double {
            let lv = session.logits(vis, rows: vis.lossRows)
            return AlignmentLoss.forwardBackward(vision: lv, reference: refLogits, targets: vis.lossTargets,
                                                 rows: vis.lossRows.count, vocab: model.config.vocabularySize,
                                                 batchSize: vis.size, config: cfg, dvision: nil).total
        }
        #expect(abs(loss() - value.total) < 1e-9)
        for (k, spec) in model.layout.specs.enumerated() where spec.part != .lm {
            let idx = Self.entries(spec, analytic: analytic, seed: UInt64(k))
            let c = compareGradient(spec.name, values: model.params.base, analytic: analytic, indices: idx, eps: Self.eps, loss: loss)
            #expect(c.relativeL2 <= Self.modelTolerance, "\(c)")
            #expect(c.maxAbsNumeric > 1e-5, "\(c) — no gradient signal")
        }
    }

    @Test func pairsWithDifferentAnswersAreRejected() throws {
        let model = try Fixtures.model()
        let session = TrainingSession(model: model, optimizer: OptimizerConfig(), trainable: [.vision, .projector])
        let (r, v) = Fixtures.pairs()
        var v2 = v
        v2[1].answer = "600"
        let ref = try Batch(examples: r, config: model.config), vis = try Batch(examples: v2, config: model.config)
        #expect(throws: TrainerError.pairAnswerMismatch(context: "pair 1 of the batch", reference: 3, vision: 4)) {
            try session.computeAlignmentGradients(reference: ref, vision: vis, config: AlignmentConfig())
        }
    }
}

/// The KL alignment loss on its own: gradient wrt the vision member's logits.
/// Tolerance: relative L2 error <= 1e-3 over all entries (the loss is
/// computed in Double from Float32 logits).
@Suite struct AlignmentLossTests {
    static func logits(_ seed: UInt64, _ n: Int) -> Buf {
        var rng = SplitMix64(seed: seed)
        return Buf(random: n, &rng, scale: 2, offset: 0.3)
    }

    @Test(arguments: [0.0, 0.5, 1.0], [false, true])
    func gradient(alpha: Double, doubleTemperature: Bool) {
        let m = 4, v = 11, batchSize = 2
        let x = Self.logits(1, m * v), y = Self.logits(2, m * v)
        let targets: [Int32] = [0, 3, 10, 3]
        for lambda in [1.0, 0.4] {
            let cfg = AlignmentConfig(alpha: alpha, lambda: lambda, temperature: 2, officialDoubleTemperature: doubleTemperature)
            let d = Buf(m * v)
            let value = AlignmentLoss.forwardBackward(vision: x.p, reference: y.p, targets: targets, rows: m, vocab: v,
                                                      batchSize: batchSize, config: cfg, dvision: d.p)
            // The pieces recombine into the total as docs/TRAINER.md ("Losses") writes it.
            let t2 = 4.0 * (doubleTemperature ? 4 : 1)
            let expected = lambda * t2 * (alpha * value.klForward + (1 - alpha) * value.klReverse) + (1 - lambda) * value.ce
            #expect(abs(value.total - expected) < 1e-12)
            #expect(value.klForward > 0 && value.klReverse > 0)
            expectGradient("alignment(alpha: \(alpha), lambda: \(lambda), double: \(doubleTemperature))", x, analytic: d) {
                AlignmentLoss.forwardBackward(vision: x.p, reference: y.p, targets: targets, rows: m, vocab: v,
                                              batchSize: batchSize, config: cfg, dvision: nil).total
            }
        }
    }

    /// Direction and reduction against a direct computation of
    /// KL(P||Q) = sum P log(P/Q) with P from the vision member.
    @Test func directionAndReduction() {
        let m = 3, v = 5, batchSize = 2
        let x = Self.logits(3, m * v), y = Self.logits(4, m * v)
        let value = AlignmentLoss.forwardBackward(vision: x.p, reference: y.p, targets: [1, 1, 1], rows: m, vocab: v,
                                                  batchSize: batchSize, config: AlignmentConfig(temperature: 1.7), dvision: nil)
        func dist(_ b: Buf, _ r: Int) -> [Double] {
            let row = (0..<v).map { Double(b.p[r * v + $0]) }
            let mean = row.reduce(0, +) / Double(v)
            let std = (row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v - 1)).squareRoot()
            let z = row.map { ($0 - mean) / (std + 1e-6) / 1.7 }
            let e = z.map { exp($0) }
            let s = e.reduce(0, +)
            return e.map { $0 / s }
        }
        var fwd = 0.0, rev = 0.0
        for r in 0..<m {
            let p = dist(x, r), q = dist(y, r)
            for i in 0..<v { fwd += p[i] * log(p[i] / q[i]); rev += q[i] * log(q[i] / p[i]) }
        }
        #expect(abs(value.klForward - fwd / Double(batchSize)) < 1e-9)
        #expect(abs(value.klReverse - rev / Double(batchSize)) < 1e-9)
    }

    /// Standardization makes the target invariant to shifting and scaling the
    /// reference logits, and identical members have zero KL.
    @Test func standardizationInvariance() {
        let m = 2, v = 7
        let x = Self.logits(5, m * v), y = Self.logits(6, m * v)
        let cfg = AlignmentConfig(lambda: 1)
        let a = AlignmentLoss.forwardBackward(vision: x.p, reference: y.p, targets: [0, 1], rows: m, vocab: v, batchSize: 1, config: cfg, dvision: nil)
        let y2 = Buf(count: m * v) { 3 * y.p[$0] + 5 }
        let b = AlignmentLoss.forwardBackward(vision: x.p, reference: y2.p, targets: [0, 1], rows: m, vocab: v, batchSize: 1, config: cfg, dvision: nil)
        #expect(abs(a.total - b.total) < 1e-5)
        let same = AlignmentLoss.forwardBackward(vision: x.p, reference: x.p, targets: [0, 1], rows: m, vocab: v, batchSize: 1, config: cfg, dvision: nil)
        #expect(abs(same.klForward) < 1e-12 && abs(same.klReverse) < 1e-12)
    }
}
