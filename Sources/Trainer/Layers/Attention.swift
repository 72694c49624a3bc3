import Foundation

/// Multi-head scaled dot-product attention over a fused qkv buffer, done as
/// one GEMM per (sample, head) for scores, another for the weighted values.
/// Heads are addressed in place through leading dimensions (no transposes).
enum Attention {
    /// qkv[B, T, 3C] (q | k | v, head h at columns h*hs..<(h+1)*hs of each)
    /// -> out[B, T, C]; saves att[B, H, T, T], the softmax probabilities
    /// (zero above the diagonal when causal).
    static func forward(out: FloatPtr, att: FloatPtr, qkv: UnsafePointer<Float>,
                        batch b: Int, tokens t: Int, width c: Int, heads h: Int, causal: Bool) {
        let hs = c / h
        let scale = 1 / Float(hs).squareRoot()
        for bi in 0..<b {
            for hi in 0..<h {
                let q = qkv + bi * t * 3 * c + hi * hs, k = q + c, v = q + 2 * c
                let s = att + (bi * h + hi) * t * t
                gemm(transB: true, m: t, n: t, k: hs, alpha: scale, a: q, lda: 3 * c, b: k, ldb: 3 * c,
                     beta: 0, c: s, ldc: t)
                for row in 0..<t {
                    let r = s + row * t
                    let valid = causal ? row + 1 : t
                    var mx = -Float.infinity
                    for j in 0..<valid { mx = max(mx, r[j]) }
                    var sum: Float = 0
                    for j in 0..<valid { let e = expf(r[j] - mx); r[j] = e; sum += e }
                    let inv = 1 / sum
                    for j in 0..<valid { r[j] *= inv }
                    for j in valid..<t { r[j] = 0 }
                }
                gemm(m: t, n: hs, k: t, a: s, lda: t, b: v, ldb: 3 * c,
                     beta: 0, c: out + bi * t * c + hi * hs, ldc: c)
            }
        }
    }

    /// dout[B, T, C] -> dqkv[B, T, 3C] (set). `scratch` holds T*T floats.
    static func backward(dqkv: FloatPtr, scratch: FloatPtr, dout: UnsafePointer<Float>,
                         qkv: UnsafePointer<Float>, att: UnsafePointer<Float>,
                         batch b: Int, tokens t: Int, width c: Int, heads h: Int) {
        let hs = c / h
        let scale = 1 / Float(hs).squareRoot()
        for bi in 0..<b {
            for hi in 0..<h {
                let q = qkv + bi * t * 3 * c + hi * hs, k = q + c, v = q + 2 * c
                let dq = dqkv + bi * t * 3 * c + hi * hs, dk = dq + c, dv = dq + 2 * c
                let s = att + (bi * h + hi) * t * t
                let dO = dout + bi * t * c + hi * hs
                let ds = scratch
                // dP[T,T] = dO · V^T ; dV[T,hs] = P^T · dO
                gemm(transB: true, m: t, n: t, k: hs, a: dO, lda: c, b: v, ldb: 3 * c, beta: 0, c: ds, ldc: t)
                gemm(transA: true, m: t, n: hs, k: t, a: s, lda: t, b: dO, ldb: c, beta: 0, c: dv, ldc: 3 * c)
                // Softmax backward: dS = P * (dP - rowsum(P * dP)), times the 1/sqrt(hs) score scale.
                // Masked entries have P = 0, so they get no gradient.
                for row in 0..<t {
                    let p = s + row * t, d = ds + row * t
                    var dot: Float = 0
                    for j in 0..<t { dot += p[j] * d[j] }
                    for j in 0..<t { d[j] = p[j] * (d[j] - dot) * scale }
                }
                // dQ = dS · K ; dK = dS^T · Q
                gemm(m: t, n: hs, k: t, a: ds, lda: t, b: k, ldb: 3 * c, beta: 0, c: dq, ldc: 3 * c)
                gemm(transA: true, m: t, n: hs, k: t, a: ds, lda: t, b: q, ldb: 3 * c, beta: 0, c: dk, ldc: 3 * c)
            }
        }
    }
}
