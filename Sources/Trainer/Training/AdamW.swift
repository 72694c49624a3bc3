import DatasetFormat
import Foundation

/// AdamW hyperparameters (PyTorch defaults except weight decay and clip).
public struct OptimizerConfig: Codable, Equatable, Sendable {
    public var learningRate: Double = 3e-4
    /// Floor of the cosine schedule.
    public var minLearningRate: Double = 3e-5
    public var warmupSteps = 20
    /// Length of the cosine schedule; the rate stays at the floor afterwards.
    public var totalSteps = 1000
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    /// Decoupled weight decay, applied to rank >= 2 tensors only.
    public var weightDecay: Double = 0.01
    /// Global gradient-norm clip over the trainable parameters; 0 disables.
    public var gradClip: Double = 1.0

    public init() {}

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case learningRate, minLearningRate, warmupSteps, totalSteps, beta1, beta2, epsilon, weightDecay, gradClip
    }

    /// Missing keys take the defaults; unknown keys are errors.
    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = OptimizerConfig()
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? d.learningRate
        minLearningRate = try c.decodeIfPresent(Double.self, forKey: .minLearningRate) ?? d.minLearningRate
        warmupSteps = try c.decodeIfPresent(Int.self, forKey: .warmupSteps) ?? d.warmupSteps
        totalSteps = try c.decodeIfPresent(Int.self, forKey: .totalSteps) ?? d.totalSteps
        beta1 = try c.decodeIfPresent(Double.self, forKey: .beta1) ?? d.beta1
        beta2 = try c.decodeIfPresent(Double.self, forKey: .beta2) ?? d.beta2
        epsilon = try c.decodeIfPresent(Double.self, forKey: .epsilon) ?? d.epsilon
        weightDecay = try c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? d.weightDecay
        gradClip = try c.decodeIfPresent(Double.self, forKey: .gradClip) ?? d.gradClip
    }

    /// Linear warmup from lr/warmup to lr over `warmupSteps`, then cosine
    /// decay to `minLearningRate` at `totalSteps`. `step` counts from 0.
    public func learningRate(at step: Int) -> Double {
        if step < warmupSteps { return learningRate * Double(step + 1) / Double(warmupSteps) }
        let span = max(totalSteps - warmupSteps, 1)
        let progress = min(Double(step - warmupSteps) / Double(span), 1)
        return minLearningRate + 0.5 * (1 + cos(Double.pi * progress)) * (learningRate - minLearningRate)
    }
}

/// AdamW (Loshchilov & Hutter) with bias correction and decoupled decay:
/// p <- p - lr * (wd * p + m_hat / (sqrt(v_hat) + eps)), as torch.optim.AdamW.
/// Moments live in two arenas shaped like the parameters.
public final class AdamW {
    public var config: OptimizerConfig
    public let m: Arena
    public let v: Arena
    /// Updates taken so far; bias correction uses step + 1 for the next one.
    public var step = 0

    public init(config: OptimizerConfig, parameterCount: Int) {
        self.config = config
        m = Arena(count: parameterCount)
        v = Arena(count: parameterCount)
    }

    /// Global L2 norm of the gradients of the trainable parts.
    public static func gradientNorm(_ grads: Arena, layout: ParameterLayout, parts: Set<Part>) -> Double {
        var ss = 0.0
        for part in parts {
            let r = layout.range(of: part)
            var s: Float = 0
            var block = 0
            for i in r {
                let g = grads.base[i]
                s += g * g
                block += 1
                // Flush to Double every 4096 terms so large arenas do not lose precision.
                if block == 4096 { ss += Double(s); s = 0; block = 0 }
            }
            ss += Double(s)
        }
        return ss.squareRoot()
    }

    /// Clips (if configured) and applies one update to the trainable parts.
    /// Returns the gradient norm before clipping.
    @discardableResult
    public func update(model: Model, parts: Set<Part>, learningRate lr: Double) -> Double {
        let norm = Self.gradientNorm(model.grads, layout: model.layout, parts: parts)
        let clipScale = config.gradClip > 0 && norm > config.gradClip ? config.gradClip / norm : 1
        step += 1
        let b1 = Float(config.beta1), b2 = Float(config.beta2)
        let c1 = Float(1 / (1 - pow(config.beta1, Double(step))))
        let c2 = Float(1 / (1 - pow(config.beta2, Double(step))))
        let eps = Float(config.epsilon), lrf = Float(lr), gs = Float(clipScale)
        let p = model.params.base, g = model.grads.base, mm = m.base, vv = v.base
        for spec in model.layout.specs where parts.contains(spec.part) {
            let decay = spec.decays ? Float(1 - lr * config.weightDecay) : 1
            for i in spec.offset..<(spec.offset + spec.count) {
                let grad = g[i] * gs
                let mi = b1 * mm[i] + (1 - b1) * grad
                let vi = b2 * vv[i] + (1 - b2) * grad * grad
                mm[i] = mi
                vv[i] = vi
                p[i] = p[i] * decay - lrf * (mi * c1) / ((vi * c2).squareRoot() + eps)
            }
        }
        return norm
    }
}
