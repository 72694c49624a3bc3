import Foundation

/// Softmax cross-entropy on rows that all carry a target (rows without a
/// target, the official collator's -100 labels, were never gathered).
enum CrossEntropy {
    /// logits[M, V], targets[M] -> sum over rows of -log softmax(logits)[target].
    /// If `dlogits` is given: dlogits[M, V] = (softmax - onehot) * gradScale (set; may alias logits).
    /// Rows are shared out among the workers; their partial sums are added in worker order.
    static func forwardBackward(logits: UnsafePointer<Float>, targets: UnsafePointer<Int32>, rows m: Int,
                                vocab v: Int, dlogits: FloatPtr?, gradScale: Float) -> Double {
        let w = Parallel.workers(forWork: m * v * 8)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: w) { partial -> Double in
            partial.initialize(repeating: 0)
            Parallel.ranges(m, workers: w) { worker, rows in
                var total = 0.0
                for r in rows {
                    let x = logits + r * v
                    let t = Int(targets[r])
                    let xt = Double(x[t])
                    let mx = VectorMath.max(x, count: v)
                    if let dlogits {
                        let d = dlogits + r * v
                        if UnsafePointer(d) != x { d.update(from: x, count: v) }
                        let sum = VectorMath.expShiftSum(d, count: v, shift: mx)
                        total += Double(mx) + log(Double(sum)) - xt
                        VectorMath.scale(d, count: v, by: gradScale / sum)
                        d[t] -= gradScale
                    } else {
                        var sum: Float = 0
                        for i in 0..<v { sum += VectorMath.exp(x[i] - mx) }
                        total += Double(mx) + log(Double(sum)) - xt
                    }
                }
                partial[worker] = total
            }
            var total = 0.0
            for i in 0..<w { total += partial[i] }
            return total
        }
    }
}
