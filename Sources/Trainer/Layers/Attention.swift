import Foundation

/// Multi-head scaled dot-product attention over a fused qkv buffer, done as
/// GEMMs per (sample, head); heads are addressed in place through leading
/// dimensions (no transposes). The (sample, head) pairs are shared out among
/// the workers, each running its GEMMs single-threaded.
///
/// Causal attention skips the blocks above the diagonal: rows are cut into
/// blocks of `blockRows`, and row block [r0, r1) only multiplies against keys
/// and values 0..<r1 (about 0.6 of the full T x T work at T = 336). Inside a
/// computed block the masked probabilities are stored as exact zeros, so the
/// backward's block GEMMs see no gradient through them.
enum Attention {
    /// Row block for causal attention: ~48-64 rows keeps each GEMM big
    /// enough for the BLAS kernel while skipping most of the upper triangle.
    static func blocks(tokens t: Int, causal: Bool) -> [Range<Int>] {
        guard causal, t > 96 else { return [0..<t] }
        let count = (t + 55) / 56
        return (0..<count).map { i in (i * t / count)..<((i + 1) * t / count) }
    }

    /// qkv[B, T, 3C] (q | k | v, head h at columns h*hs..<(h+1)*hs of each)
    /// -> out[B, T, C]; saves att[B, H, T, T], the softmax probabilities.
    /// Row i holds valid entries at columns 0..<(end of i's row block) (zero
    /// above the diagonal) when causal; the rest of the row is not written.
    static func forward(out: FloatPtr, att: FloatPtr, qkv: UnsafePointer<Float>,
                        batch b: Int, tokens t: Int, width c: Int, heads h: Int, causal: Bool) {
        let hs = c / h
        let scale = 1 / Float(hs).squareRoot()
        let blocks = blocks(tokens: t, causal: causal)
        Parallel.ranges(b * h, workers: Parallel.workers(forWork: b * h * t * t * hs, minimumPerWorker: 1 << 18)) { _, tasks in
            for task in tasks {
                let bi = task / h, hi = task % h
                let q = qkv + bi * t * 3 * c + hi * hs, k = q + c, v = q + 2 * c
                let s = att + task * t * t
                let o = out + bi * t * c + hi * hs
                for blk in blocks {
                    let r0 = blk.lowerBound, cols = blk.upperBound
                    gemm(transB: true, m: blk.count, n: cols, k: hs, alpha: scale, a: q + r0 * 3 * c, lda: 3 * c,
                         b: k, ldb: 3 * c, beta: 0, c: s + r0 * t, ldc: t, workers: 1)
                    for row in blk {
                        let r = s + row * t
                        let valid = causal ? row + 1 : t
                        let mx = VectorMath.max(r, count: valid)
                        let sum = VectorMath.expShiftSum(r, count: valid, shift: mx)
                        VectorMath.scale(r, count: valid, by: 1 / sum)
                        if valid < cols { (r + valid).update(repeating: 0, count: cols - valid) }
                    }
                    gemm(m: blk.count, n: hs, k: cols, a: s + r0 * t, lda: t, b: v, ldb: 3 * c,
                         beta: 0, c: o + r0 * c, ldc: c, workers: 1)
                }
            }
        }
    }

    /// dout[B, T, C] -> dqkv[B, T, 3C] (set). `scratch` holds `scratchSlots`
    /// blocks of T*T floats (one per concurrent worker; 1 runs serially).
    /// `causal` must match the forward (it decides which blocks were computed).
    static func backward(dqkv: FloatPtr, scratch: FloatPtr, scratchSlots: Int = 1, dout: UnsafePointer<Float>,
                         qkv: UnsafePointer<Float>, att: UnsafePointer<Float>,
                         batch b: Int, tokens t: Int, width c: Int, heads h: Int, causal: Bool = false) {
        let hs = c / h
        let scale = 1 / Float(hs).squareRoot()
        let blocks = blocks(tokens: t, causal: causal)
        let w = min(scratchSlots, Parallel.workers(forWork: b * h * t * t * hs, minimumPerWorker: 1 << 18))
        Parallel.ranges(b * h, workers: w) { worker, tasks in
            let ds = scratch + worker * t * t
            for task in tasks {
                let bi = task / h, hi = task % h
                let q = qkv + bi * t * 3 * c + hi * hs, k = q + c, v = q + 2 * c
                let dq = dqkv + bi * t * 3 * c + hi * hs, dk = dq + c, dv = dq + 2 * c
                let p = att + task * t * t
                let dO = dout + bi * t * c + hi * hs
                for blk in blocks {
                    let r0 = blk.lowerBound, cols = blk.upperBound
                    // dP[rows, :cols] = dO[rows] · V[:cols]^T
                    gemm(transB: true, m: blk.count, n: cols, k: hs, a: dO + r0 * c, lda: c, b: v, ldb: 3 * c,
                         beta: 0, c: ds + r0 * t, ldc: t, workers: 1)
                    // Softmax backward: dS = P * (dP - rowsum(P * dP)), times the 1/sqrt(hs) score scale.
                    for row in blk {
                        let pr = p + row * t, d = ds + row * t
                        let dot = VectorMath.dot(pr, d, count: cols)
                        var j = 0
                        while j + 8 <= cols {
                            store8(load8(pr + j) * (load8(d + j) - dot) * scale, d + j)
                            j += 8
                        }
                        while j < cols { d[j] = pr[j] * (d[j] - dot) * scale; j += 1 }
                    }
                    // dQ[rows] = dS[rows, :cols] · K[:cols]
                    gemm(m: blk.count, n: hs, k: cols, a: ds + r0 * t, lda: t, b: k, ldb: 3 * c,
                         beta: 0, c: dq + r0 * 3 * c, ldc: 3 * c, workers: 1)
                }
                // Column block [c0, c1) gets gradient from rows c0..<T only (above them P and dS are 0 or unwritten).
                for blk in blocks {
                    let c0 = blk.lowerBound, rows = t - c0
                    // dV[cols] = P[c0:, cols]^T · dO[c0:] ; dK[cols] = dS[c0:, cols]^T · Q[c0:]
                    gemm(transA: true, m: blk.count, n: hs, k: rows, a: p + c0 * t + c0, lda: t, b: dO + c0 * c, ldb: c,
                         beta: 0, c: dv + c0 * 3 * c, ldc: 3 * c, workers: 1)
                    gemm(transA: true, m: blk.count, n: hs, k: rows, a: ds + c0 * t + c0, lda: t, b: q + c0 * 3 * c,
                         ldb: 3 * c, beta: 0, c: dk + c0 * 3 * c, ldc: 3 * c, workers: 1)
                }
            }
        }
    }
}
