/// LayerNorm over the last axis, eps 1e-5 (PyTorch's default).
enum LayerNorm {
    static let eps: Float = 1e-5

    /// inp[N, C] -> out[N, C]; saves mean[N] and rstd[N] = 1/sqrt(var + eps) for backward.
    static func forward(out: FloatPtr, mean: FloatPtr, rstd: FloatPtr, inp: UnsafePointer<Float>,
                        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, rows n: Int, width c: Int) {
        let invC = 1 / Float(c)
        for r in 0..<n {
            let x = inp + r * c, y = out + r * c
            var m: Float = 0
            for i in 0..<c { m += x[i] }
            m *= invC
            var v: Float = 0
            for i in 0..<c { let d = x[i] - m; v += d * d }
            v *= invC
            let s = 1 / (v + eps).squareRoot()
            for i in 0..<c { y[i] = (x[i] - m) * s * weight[i] + bias[i] }
            mean[r] = m
            rstd[r] = s
        }
    }

    /// dout[N, C] -> dinp[N, C] (accumulated), dweight[C], dbias[C] (accumulated, if non-nil).
    static func backward(dinp: FloatPtr, dweight: FloatPtr?, dbias: FloatPtr?, dout: UnsafePointer<Float>,
                         inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                         mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>, rows n: Int, width c: Int) {
        let invC = 1 / Float(c)
        for r in 0..<n {
            let x = inp + r * c, dy = dout + r * c, dx = dinp + r * c
            let m = mean[r], s = rstd[r]
            // With xhat = (x - m) * s and g = dy * weight:
            // dx = s * (g - mean(g) - xhat * mean(g * xhat)).
            var gMean: Float = 0, gxMean: Float = 0
            for i in 0..<c {
                let xhat = (x[i] - m) * s
                let g = dy[i] * weight[i]
                gMean += g
                gxMean += g * xhat
            }
            gMean *= invC
            gxMean *= invC
            for i in 0..<c {
                let xhat = (x[i] - m) * s
                dx[i] += s * (dy[i] * weight[i] - gMean - xhat * gxMean)
                if let dweight { dweight[i] += dy[i] * xhat }
                if let dbias { dbias[i] += dy[i] }
            }
        }
    }
}
