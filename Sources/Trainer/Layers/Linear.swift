/// Fully connected layer with PyTorch's weight layout W[OC, C] (so tensors
/// load into nn.Linear unchanged).
enum Linear {
    /// out[N, OC] = inp[N, C] · W[OC, C]^T + bias[OC] (+ residual[N, OC] when
    /// given: the skip connection is written with the bias before the GEMM
    /// accumulates onto it, so it costs no extra pass; `residual` may alias `out`).
    static func forward(out: FloatPtr, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                        bias: UnsafePointer<Float>?, rows n: Int, inFeatures c: Int, outFeatures oc: Int,
                        residual: UnsafePointer<Float>? = nil) {
        if bias != nil || residual != nil {
            Parallel.ranges(n, workers: Parallel.workers(forWork: n * oc)) { _, rows in
                for r in rows {
                    let o = out + r * oc
                    switch (bias, residual) {
                    case let (b?, res?): VectorMath.add(o, res + r * oc, b, count: oc)
                    case let (b?, nil): o.update(from: b, count: oc)
                    case let (nil, res?): if UnsafePointer(o) != res + r * oc { o.update(from: res + r * oc, count: oc) }
                    case (nil, nil): break
                    }
                }
            }
        }
        gemm(transB: true, m: n, n: oc, k: c, a: inp, lda: c, b: weight, ldb: c,
             beta: bias == nil && residual == nil ? 0 : 1, c: out, ldc: oc)
    }

    /// dout[N, OC] -> dinp[N, C] (set, or added when `accumulateInput`),
    /// dweight[OC, C] += dout^T · inp, dbias[OC] += column sums of dout.
    /// Pass nil for the gradients a frozen or input-free layer does not need.
    static func backward(dinp: FloatPtr?, dweight: FloatPtr?, dbias: FloatPtr?,
                         dout: UnsafePointer<Float>, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                         rows n: Int, inFeatures c: Int, outFeatures oc: Int, accumulateInput: Bool = false) {
        if let dinp {
            gemm(m: n, n: c, k: oc, a: dout, lda: oc, b: weight, ldb: c,
                 beta: accumulateInput ? 1 : 0, c: dinp, ldc: c)
        }
        if let dweight {
            gemm(transA: true, m: oc, n: c, k: n, a: dout, lda: oc, b: inp, ldb: c,
                 beta: 1, c: dweight, ldc: c)
        }
        if let dbias { columnSums(dbias, dout, rows: n, columns: oc) }
    }

    /// acc[OC] += column sums of x[N, OC]; columns are shared out among the
    /// workers, each summing its columns over all rows in row order.
    static func columnSums(_ acc: FloatPtr, _ x: UnsafePointer<Float>, rows n: Int, columns oc: Int) {
        Parallel.ranges(oc, workers: Parallel.workers(forWork: n * oc), granule: 8) { _, cols in
            let o0 = cols.lowerBound, w = cols.count
            for r in 0..<n { VectorMath.accumulate(acc + o0, x + r * oc + o0, count: w) }
        }
    }
}
