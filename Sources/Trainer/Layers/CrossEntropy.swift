import Foundation

/// Softmax cross-entropy on rows that all carry a target (rows without a
/// target, the official collator's -100 labels, were never gathered).
enum CrossEntropy {
    /// logits[M, V], targets[M] -> sum over rows of -log softmax(logits)[target].
    /// If `dlogits` is given: dlogits[M, V] = (softmax - onehot) * gradScale (set; may alias logits).
    static func forwardBackward(logits: UnsafePointer<Float>, targets: UnsafePointer<Int32>, rows m: Int,
                                vocab v: Int, dlogits: FloatPtr?, gradScale: Float) -> Double {
        var total = 0.0
        for r in 0..<m {
            let x = logits + r * v
            var mx = -Float.infinity
            for i in 0..<v { mx = max(mx, x[i]) }
            var sum: Double = 0
            for i in 0..<v { sum += Double(expf(x[i] - mx)) }
            let lse = Double(mx) + log(sum)
            let t = Int(targets[r])
            total += lse - Double(x[t])
            if let dlogits {
                let d = dlogits + r * v
                for i in 0..<v {
                    let p = Float(exp(Double(x[i]) - lse))
                    d[i] = (p - (i == t ? 1 : 0)) * gradScale
                }
            }
        }
        return total
    }
}
