/// Fully connected layer with PyTorch's weight layout W[OC, C] (so tensors
/// load into nn.Linear unchanged).
enum Linear {
    /// out[N, OC] = inp[N, C] · W[OC, C]^T + bias[OC]
    static func forward(out: FloatPtr, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                        bias: UnsafePointer<Float>?, rows n: Int, inFeatures c: Int, outFeatures oc: Int) {
        if let bias {
            for r in 0..<n { (out + r * oc).update(from: bias, count: oc) }
        }
        gemm(transB: true, m: n, n: oc, k: c, a: inp, lda: c, b: weight, ldb: c,
             beta: bias == nil ? 0 : 1, c: out, ldc: oc)
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
        if let dbias {
            for r in 0..<n {
                let row = dout + r * oc
                for o in 0..<oc { dbias[o] += row[o] }
            }
        }
    }
}
