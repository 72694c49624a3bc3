/// LayerNorm over the last axis, eps 1e-5 (PyTorch's default). Rows are
/// shared out among the workers; the inner loops run on SIMD8 lanes.
enum LayerNorm {
    static let eps: Float = 1e-5

    /// inp[N, C] -> out[N, C]; saves mean[N] and rstd[N] = 1/sqrt(var + eps) for backward.
    static func forward(out: FloatPtr, mean: FloatPtr, rstd: FloatPtr, inp: UnsafePointer<Float>,
                        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, rows n: Int, width c: Int) {
        let invC = 1 / Float(c)
        Parallel.ranges(n, workers: Parallel.workers(forWork: n * c)) { _, rows in
            for r in rows {
                let x = inp + r * c, y = out + r * c
                var acc = V8()
                var i = 0
                while i + 8 <= c { acc += load8(x + i); i += 8 }
                var m = acc.sum()
                while i < c { m += x[i]; i += 1 }
                m *= invC
                acc = V8()
                i = 0
                while i + 8 <= c { let d = load8(x + i) - m; acc += d * d; i += 8 }
                var v = acc.sum()
                while i < c { let d = x[i] - m; v += d * d; i += 1 }
                v *= invC
                let s = 1 / (v + eps).squareRoot()
                i = 0
                while i + 8 <= c {
                    store8((load8(x + i) - m) * s * load8(weight + i) + load8(bias + i), y + i)
                    i += 8
                }
                while i < c { y[i] = (x[i] - m) * s * weight[i] + bias[i]; i += 1 }
                mean[r] = m
                rstd[r] = s
            }
        }
    }

    /// dout[N, C] -> dinp[N, C] (accumulated), dweight[C], dbias[C] (accumulated, if non-nil).
    static func backward(dinp: FloatPtr, dweight: FloatPtr?, dbias: FloatPtr?, dout: UnsafePointer<Float>,
                         inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                         mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>, rows n: Int, width c: Int) {
        backward(dinp: dinp, residual: UnsafePointer(dinp), dweight: dweight, dbias: dbias, dout: dout, inp: inp,
                 weight: weight, mean: mean, rstd: rstd, rows: n, width: c)
    }

    /// As above but dinp = residual + (gradient through the norm) (set;
    /// `residual` may alias `dinp`): the pre-LN block's skip connection
    /// folded into the same pass.
    static func backward(dinp: FloatPtr, residual: UnsafePointer<Float>, dweight: FloatPtr?, dbias: FloatPtr?,
                         dout: UnsafePointer<Float>, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                         mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>, rows n: Int, width c: Int) {
        let w = Parallel.workers(forWork: n * c)
        let needParams = dweight != nil || dbias != nil
        // Per-worker partial sums of dweight | dbias, added in worker order afterwards.
        withUnsafeTemporaryAllocation(of: Float.self, capacity: needParams ? w * 2 * c : 1) { partial in
            guard let pbase = partial.baseAddress else { return }
            if needParams { pbase.initialize(repeating: 0, count: w * 2 * c) }
            Parallel.ranges(n, workers: w) { worker, rows in
                let pw = pbase + worker * 2 * c, pb = pw + c
                rowsBackward(rows, dinp: dinp, residual: residual, pw: needParams ? pw : nil, pb: pb, dout: dout,
                             inp: inp, weight: weight, mean: mean, rstd: rstd, width: c)
            }
            guard needParams else { return }
            for worker in 0..<w {
                let pw = pbase + worker * 2 * c
                if let dweight { VectorMath.accumulate(dweight, pw, count: c) }
                if let dbias { VectorMath.accumulate(dbias, pw + c, count: c) }
            }
        }
    }

    @inline(__always)
    private static func rowsBackward(_ rows: Range<Int>, dinp: FloatPtr, residual: UnsafePointer<Float>, pw: FloatPtr?,
                                     pb: FloatPtr, dout: UnsafePointer<Float>, inp: UnsafePointer<Float>,
                                     weight: UnsafePointer<Float>, mean: UnsafePointer<Float>,
                                     rstd: UnsafePointer<Float>, width c: Int) {
        let invC = 1 / Float(c)
        for r in rows {
            let x = inp + r * c, dy = dout + r * c, dx = dinp + r * c, res = residual + r * c
            let m = mean[r], s = rstd[r]
            // With xhat = (x - m) * s and g = dy * weight:
            // dx = s * (g - mean(g) - xhat * mean(g * xhat)).
            var ga = V8(), gxa = V8()
            var i = 0
            while i + 8 <= c {
                let xhat = (load8(x + i) - m) * s
                let g = load8(dy + i) * load8(weight + i)
                ga += g
                gxa += g * xhat
                i += 8
            }
            var gMean = ga.sum(), gxMean = gxa.sum()
            while i < c {
                let xhat = (x[i] - m) * s
                let g = dy[i] * weight[i]
                gMean += g
                gxMean += g * xhat
                i += 1
            }
            gMean *= invC
            gxMean *= invC
            i = 0
            while i + 8 <= c {
                let xhat = (load8(x + i) - m) * s
                let d = load8(dy + i)
                store8(load8(res + i) + s * (d * load8(weight + i) - gMean - xhat * gxMean), dx + i)
                if let pw {
                    store8(load8(pw + i) + d * xhat, pw + i)
                    store8(load8(pb + i) + d, pb + i)
                }
                i += 8
            }
            while i < c {
                let xhat = (x[i] - m) * s
                dx[i] = res[i] + s * (dy[i] * weight[i] - gMean - xhat * gxMean)
                if let pw {
                    pw[i] += dy[i] * xhat
                    pb[i] += dy[i]
                }
                i += 1
            }
        }
    }
}
