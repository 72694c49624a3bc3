import Foundation

/// Hyperparameters of the Math-PUMA KL alignment loss (stage 2).
public struct AlignmentConfig: Codable, Equatable, Sendable {
    /// Weight of KL(P_vision || P_text) against KL(P_text || P_vision).
    public var alpha: Double = 0.5
    /// Weight of the KL part against the hard-label CE of the vision member.
    public var lambda: Double = 0.1
    /// Softmax temperature T applied to the standardized logits.
    public var temperature: Double = 1
    /// The official trainer scales each KL term by T^2 inside its KL helper
    /// and the sum by T^2 again, i.e. by T^4 overall. Off by default: the
    /// paper's formula (and docs/TRAINER.md, "Losses") has a single T^2. Identical at T = 1.
    public var officialDoubleTemperature = false

    public init(alpha: Double = 0.5, lambda: Double = 0.1, temperature: Double = 1,
                officialDoubleTemperature: Bool = false) {
        self.alpha = alpha
        self.lambda = lambda
        self.temperature = temperature
        self.officialDoubleTemperature = officialDoubleTemperature
    }
}

/// The pieces of one alignment loss evaluation, for logging.
public struct AlignmentLossValue: Equatable, Sendable {
    /// lambda*T^2*(alpha*klForward + (1-alpha)*klReverse) + (1-lambda)*ce.
    public var total: Double
    /// Cross-entropy of the vision member, mean over answer tokens.
    public var ce: Double
    /// KL(P_vision || P_text), summed over answer positions and vocabulary, divided by the batch size.
    public var klForward: Double
    /// KL(P_text || P_vision), same reduction.
    public var klReverse: Double
}

/// Math-PUMA's alignment loss (docs/TRAINER.md, "Losses", stage 2). At each answer position
/// (matched by index between the members of a pair) both members' logits are
/// standardized over the vocabulary, z = (x - mean) / (std + 1e-6), with
/// PyTorch's default Bessel-corrected std (the official trainer calls
/// `Tensor.std`), and P = softmax(z / T).
///
/// KL(P || Q) = sum_v P_v log(P_v / Q_v). "Forward" here is KL(P_vision || P_text)
/// (the official `F.kl_div(log P_text, P_vision)`), weighted by alpha;
/// "reverse" is KL(P_text || P_vision), weighted by 1 - alpha. The text-rich
/// reference member is a constant target: it runs without gradient.
enum AlignmentLoss {
    static let stdEps = 1e-6

    /// vision[M, V], reference[M, V] (the same M answer rows, in the same order),
    /// targets[M] -> loss pieces; if `dvision` is given, dvision[M, V] = dL/dvision (set).
    /// Rows are shared out among the workers (each with its own row buffers);
    /// the per-worker sums are added in worker order.
    static func forwardBackward(vision: UnsafePointer<Float>, reference: UnsafePointer<Float>,
                                targets: UnsafePointer<Int32>, rows m: Int, vocab v: Int, batchSize: Int,
                                config: AlignmentConfig, dvision: FloatPtr?) -> AlignmentLossValue {
        let t = config.temperature, a = config.alpha, lam = config.lambda
        let t2 = t * t
        let klScale = lam * t2 * (config.officialDoubleTemperature ? t2 : 1) / Double(batchSize)
        let ceScale = m > 0 ? (1 - lam) / Double(m) : 0
        let w = Parallel.workers(forWork: m * v * 16)
        var sums = [Double](repeating: 0, count: 3 * w)   // klF, klR, ce per worker
        sums.withUnsafeMutableBufferPointer { sumsBuf in
            guard let partial = sumsBuf.baseAddress else { return }
            Parallel.ranges(m, workers: w) { worker, rows in
                var cv = [Double](repeating: 0, count: v)
                var logP = [Double](repeating: 0, count: v), logQ = [Double](repeating: 0, count: v)
                var g = [Double](repeating: 0, count: v)
                var klF = 0.0, klR = 0.0, ce = 0.0
                for r in rows {
                    let x = vision + r * v, y = reference + r * v
                    let sv = standardize(x, count: v, centered: &cv, out: &logP)
                    standardize(y, count: v, centered: &g, out: &logQ)
                    logSoftmaxInPlace(&logP, scale: 1 / t)
                    logSoftmaxInPlace(&logQ, scale: 1 / t)
                    var f = 0.0, rv = 0.0
                    for i in 0..<v {
                        let p = exp(logP[i]), q = exp(logQ[i])
                        f += p * (logP[i] - logQ[i])
                        rv += q * (logQ[i] - logP[i])
                    }
                    klF += f
                    klR += rv
                    // Hard-label CE on the raw logits of the vision member.
                    var mx = -Double.infinity
                    for i in 0..<v { mx = max(mx, Double(x[i])) }
                    var s = 0.0
                    for i in 0..<v { s += exp(Double(x[i]) - mx) }
                    let lse = mx + log(s)
                    let target = Int(targets[r])
                    ce += lse - Double(x[target])

                    guard let dvision else { continue }
                    // d/du_k KL(P||Q) = P_k (log P_k - log Q_k - KL(P||Q));  d/du_k KL(Q||P) = P_k - Q_k;  u = z / T.
                    var gsum = 0.0, gc = 0.0
                    for i in 0..<v {
                        let p = exp(logP[i]), q = exp(logQ[i])
                        let du = klScale * (a * p * (logP[i] - logQ[i] - f) + (1 - a) * (p - q))
                        g[i] = du / t
                        gsum += g[i]
                        gc += g[i] * cv[i]
                    }
                    // Through z = c / (s + eps), c = x - mean, s = sqrt(sum c^2 / (V - 1)):
                    // dx_j = (g_j - mean(g)) / (s + eps) - (sum_i g_i c_i) c_j / ((s + eps)^2 (V - 1) s)
                    let gmean = gsum / Double(v)
                    let den = sv + stdEps
                    let k2 = sv > 0 ? gc / (den * den * Double(v - 1) * sv) : 0
                    let d = dvision + r * v
                    for i in 0..<v {
                        let pce = exp(Double(x[i]) - lse) - (i == target ? 1 : 0)
                        d[i] = Float((g[i] - gmean) / den - k2 * cv[i] + ceScale * pce)
                    }
                }
                partial[3 * worker] = klF
                partial[3 * worker + 1] = klR
                partial[3 * worker + 2] = ce
            }
        }
        var klF = 0.0, klR = 0.0, ce = 0.0
        for i in 0..<w { klF += sums[3 * i]; klR += sums[3 * i + 1]; ce += sums[3 * i + 2] }
        let ceMean = m > 0 ? ce / Double(m) : 0
        let forward = klF / Double(batchSize), reverse = klR / Double(batchSize)
        let total = lam * t2 * (config.officialDoubleTemperature ? t2 : 1) * (a * forward + (1 - a) * reverse)
            + (1 - lam) * ceMean
        return AlignmentLossValue(total: total, ce: ceMean, klForward: forward, klReverse: reverse)
    }

    /// z = (x - mean) / (std + 1e-6), std Bessel-corrected. Writes x - mean to
    /// `centered`, z to `out`; returns std.
    @discardableResult
    static func standardize(_ x: UnsafePointer<Float>, count v: Int, centered: inout [Double], out: inout [Double]) -> Double {
        var mean = 0.0
        for i in 0..<v { mean += Double(x[i]) }
        mean /= Double(v)
        var ss = 0.0
        for i in 0..<v { let c = Double(x[i]) - mean; centered[i] = c; ss += c * c }
        let std = (ss / Double(max(v - 1, 1))).squareRoot()
        for i in 0..<v { out[i] = centered[i] / (std + stdEps) }
        return std
    }

    /// z <- log softmax(z * scale)
    static func logSoftmaxInPlace(_ z: inout [Double], scale: Double) {
        var mx = -Double.infinity
        for i in 0..<z.count { mx = max(mx, z[i] * scale) }
        var s = 0.0
        for i in 0..<z.count { s += exp(z[i] * scale - mx) }
        let lse = mx + log(s)
        for i in 0..<z.count { z[i] = z[i] * scale - lse }
    }
}
