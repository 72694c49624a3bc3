import Foundation
import Testing
@testable import Trainer

@Suite struct TrainingTests {
    static func optimizer(lr: Double = 1e-2) -> OptimizerConfig {
        var o = OptimizerConfig()
        o.learningRate = lr
        o.minLearningRate = lr
        o.warmupSteps = 0
        o.totalSteps = 100
        o.weightDecay = 0
        return o
    }

    /// Overfitting one fixed batch: the loss must fall steadily.
    @Test func lossDecreasesOnFixedBatch() throws {
        let model = try Model(config: Fixtures.config, seed: 3)
        let session = TrainingSession(model: model, optimizer: Self.optimizer())
        let batch = try Batch(examples: Fixtures.examples(), config: model.config)
        var losses: [Double] = []
        for _ in 0..<30 { losses.append(session.sftStep(batch).loss) }
        let final = session.loss(batch)
        #expect(losses[0] > 5)   // ~log(260) at init
        #expect(final < losses[0] - 1.5, "losses: \(losses)")
        #expect(zip(losses, losses.dropFirst()).filter { $1 > $0 }.count <= 3, "losses: \(losses)")
    }

    /// Stage-2 steps move only vision + projector and lower the alignment loss.
    @Test func alignmentStepsReduceLoss() throws {
        let model = try Fixtures.model()
        let session = TrainingSession(model: model, optimizer: Self.optimizer(lr: 3e-3), trainable: [.vision, .projector])
        let (r, v) = Fixtures.pairs()
        let ref = try Batch(examples: r, config: model.config), vis = try Batch(examples: v, config: model.config)
        let lmBefore = Array(model.params.buffer[model.layout.range(of: .lm)])
        let cfg = AlignmentConfig(lambda: 0.5)
        var totals: [Double] = []
        for _ in 0..<15 { totals.append(try session.alignStep(reference: ref, vision: vis, config: cfg).loss) }
        let after = try session.computeAlignmentGradients(reference: ref, vision: vis, config: cfg).total
        #expect(after < totals[0] * 0.9, "totals: \(totals)")
        #expect(zip(totals, totals.dropFirst()).allSatisfy { $1 < $0 }, "totals: \(totals)")
        #expect(Array(model.params.buffer[model.layout.range(of: .lm)]) == lmBefore)
    }

    @Test func cosineScheduleWithWarmup() {
        var o = OptimizerConfig()
        o.learningRate = 1
        o.minLearningRate = 0.1
        o.warmupSteps = 4
        o.totalSteps = 14
        #expect(o.learningRate(at: 0) == 0.25)
        #expect(o.learningRate(at: 3) == 1)
        #expect(abs(o.learningRate(at: 4) - 1) < 1e-12)
        #expect(abs(o.learningRate(at: 9) - 0.55) < 1e-12)      // half way: (1 + 0.1) / 2
        #expect(abs(o.learningRate(at: 14) - 0.1) < 1e-12)
        #expect(abs(o.learningRate(at: 100) - 0.1) < 1e-12)
    }

    /// One AdamW step by hand, with clipping and decoupled decay.
    @Test func adamWUpdateMatchesFormula() throws {
        let model = try Model(config: Fixtures.config, seed: 1)
        var o = Self.optimizer(lr: 0.1)
        o.weightDecay = 0.5
        o.gradClip = 1
        let opt = AdamW(config: o, parameterCount: model.parameterCount)
        let parts: Set<Part> = [.lm]
        let lm = model.layout.range(of: .lm)
        for i in lm { model.grads.base[i] = 0.01 * Float(i % 7) - 0.02 }
        let before = Array(model.params.buffer)
        let norm = opt.update(model: model, parts: parts, learningRate: 0.1)
        let expectedNorm = lm.map { Double(model.grads.base[$0]) * Double(model.grads.base[$0]) }.reduce(0, +).squareRoot()
        #expect(abs(norm - expectedNorm) < 1e-4 * expectedNorm)
        let scale = norm > 1 ? 1 / norm : 1
        for spec in model.layout.specs {
            let i = spec.offset
            if spec.part != .lm { #expect(model.params.base[i] == before[i]); continue }
            let g = Double(model.grads.base[i]) * scale
            let m = 0.1 * g, v = 0.001 * g * g
            let mhat = m / (1 - 0.9), vhat = v / (1 - 0.999)
            let decay = spec.decays ? 1 - 0.1 * 0.5 : 1
            let expected = Double(before[i]) * decay - 0.1 * mhat / (vhat.squareRoot() + 1e-8)
            #expect(abs(Double(model.params.base[i]) - expected) < 1e-5, "\(spec.name)")
        }
        #expect(opt.step == 1)
    }

    /// Every sample is seen once per epoch, and the schedule is a pure function of (seed, step).
    @Test func batchScheduleCoversEachEpoch() {
        let s = BatchSchedule(count: 10, batchSize: 5, seed: 7)
        #expect(Set(s.indices(step: 0) + s.indices(step: 1)) == Set(0..<10))
        #expect(Set(s.indices(step: 2) + s.indices(step: 3)) == Set(0..<10))
        #expect(s.indices(step: 3) == BatchSchedule(count: 10, batchSize: 5, seed: 7).indices(step: 3))
        #expect(s.indices(step: 0) != BatchSchedule(count: 10, batchSize: 5, seed: 8).indices(step: 0))
    }
}
