import Foundation
import Testing
@testable import Trainer

/// The optimised kernels (issue 8) against plain references: the vectorized
/// exp/tanh against libm, blocked causal attention against a naive Double
/// implementation, and the multi-worker paths against the serial one.
@Suite struct SpeedKernelTests {
    @Test func vectorExpAndTanh() {
        var worstExp = 0.0, worstTanh = 0.0
        var x: Float = -87
        while x <= 88 {
            let e = VectorMath.exp(x), t = VectorMath.tanh(0.1 * x)
            let xd = Double(x)
            worstExp = max(worstExp, abs(Double(e) - Foundation.exp(xd)) / Foundation.exp(xd))
            worstTanh = max(worstTanh, abs(Double(t) - Foundation.tanh(Double(0.1 * x))))
            x += 0.0173
        }
        // The vectorized loop computes what the scalar function does.
        let buf = Buf(count: 100) { Float($0) * -0.37 }
        let want = (0..<100).map { VectorMath.exp(buf.p[$0] - 1) }
        _ = VectorMath.expShiftSum(buf.p, count: 100, shift: 1)
        #expect(buf.array == want)
        #expect(worstExp < 5e-7, "exp relative error \(worstExp)")
        #expect(worstTanh < 5e-7, "tanh absolute error \(worstTanh)")
        #expect(VectorMath.tanh(Float(40)) == 1 && VectorMath.tanh(Float(-40)) == -1)
    }

    /// Naive attention in Double: out and, for dout, dqkv.
    static func reference(qkv: [Float], dout: [Float], b: Int, t: Int, c: Int, h: Int, causal: Bool) -> (out: [Double], dqkv: [Double]) {
        let hs = c / h, scale = 1 / Double(hs).squareRoot()
        var out = [Double](repeating: 0, count: b * t * c), dqkv = [Double](repeating: 0, count: b * t * 3 * c)
        func q(_ bi: Int, _ i: Int, _ hi: Int, _ d: Int, _ part: Int) -> Double {
            let at: Int = (bi * t + i) * 3 * c + part * c + hi * hs + d
            return Double(qkv[at])
        }
        for bi in 0..<b {
            for hi in 0..<h {
                var p = [[Double]](repeating: [Double](repeating: 0, count: t), count: t)
                for i in 0..<t {
                    let valid = causal ? i + 1 : t
                    var s = [Double](repeating: 0, count: valid)
                    for j in 0..<valid { for d in 0..<hs { s[j] += q(bi, i, hi, d, 0) * q(bi, j, hi, d, 1) * scale } }
                    let mx = s.max() ?? 0
                    let z = s.reduce(0) { $0 + Foundation.exp($1 - mx) }
                    for j in 0..<valid { p[i][j] = Foundation.exp(s[j] - mx) / z }
                    let o: Int = (bi * t + i) * c + hi * hs
                    for d in 0..<hs { for j in 0..<valid { out[o + d] += p[i][j] * q(bi, j, hi, d, 2) } }
                }
                func dO(_ i: Int, _ d: Int) -> Double {
                    let at: Int = (bi * t + i) * c + hi * hs + d
                    return Double(dout[at])
                }
                for i in 0..<t {
                    var dp = [Double](repeating: 0, count: t)
                    for j in 0..<t { for d in 0..<hs { dp[j] += dO(i, d) * q(bi, j, hi, d, 2) } }
                    let dot = (0..<t).reduce(0.0) { $0 + p[i][$1] * dp[$1] }
                    for j in 0..<t {
                        let ds = p[i][j] * (dp[j] - dot) * scale
                        let rowI: Int = (bi * t + i) * 3 * c + hi * hs
                        let rowJ: Int = (bi * t + j) * 3 * c + hi * hs
                        let pij: Double = p[i][j]
                        for d in 0..<hs {
                            dqkv[rowI + d] += ds * q(bi, j, hi, d, 1)
                            dqkv[rowJ + c + d] += ds * q(bi, i, hi, d, 0)
                            dqkv[rowJ + 2 * c + d] += pij * dO(i, d)
                        }
                    }
                }
            }
        }
        return (out, dqkv)
    }

    static func relativeL2(_ a: [Float], _ b: [Double]) -> Double {
        var d = 0.0, n = 0.0
        for i in 0..<b.count { d += (Double(a[i]) - b[i]) * (Double(a[i]) - b[i]); n += b[i] * b[i] }
        return (d / max(n, 1e-30)).squareRoot()
    }

    /// T = 130 > 96 so causal attention runs in row blocks; with 1 and 2 workers.
    @Test(arguments: [(true, 1), (true, 2), (false, 2)]) func blockedAttention(causal: Bool, workers: Int) {
        var rng = SplitMix64(seed: 21)
        let b = 2, t = 130, c = 8, h = 2
        #expect(Attention.blocks(tokens: t, causal: causal).count == (causal ? 3 : 1))
        let qkv = Buf(random: b * t * 3 * c, &rng, scale: 1.5), r = Buf(random: b * t * c, &rng)
        let out = Buf(b * t * c), att = Buf(b * h * t * t), dqkv = Buf(b * t * 3 * c), scratch = Buf(2 * t * t)
        ComputeThreads.$override.withValue(workers) {
            Attention.forward(out: out.p, att: att.p, qkv: qkv.p, batch: b, tokens: t, width: c, heads: h, causal: causal)
            Attention.backward(dqkv: dqkv.p, scratch: scratch.p, scratchSlots: 2, dout: r.p, qkv: qkv.p, att: att.p,
                               batch: b, tokens: t, width: c, heads: h, causal: causal)
        }
        let ref = Self.reference(qkv: qkv.array, dout: r.array, b: b, t: t, c: c, h: h, causal: causal)
        #expect(Self.relativeL2(out.array, ref.out) < 1e-5)
        #expect(Self.relativeL2(dqkv.array, ref.dqkv) < 1e-5)
    }

    @Test func layerNormResidualMatchesAccumulate() {
        var rng = SplitMix64(seed: 22)
        let n = 37, c = 20
        let x = Buf(random: n * c, &rng), w = Buf(random: c, &rng), bias = Buf(random: c, &rng), dy = Buf(random: n * c, &rng)
        let res = Buf(random: n * c, &rng)
        let y = Buf(n * c), mean = Buf(n), rstd = Buf(n)
        LayerNorm.forward(out: y.p, mean: mean.p, rstd: rstd.p, inp: x.p, weight: w.p, bias: bias.p, rows: n, width: c)
        let acc = Buf(n * c), set = Buf(n * c), dw1 = Buf(c), db1 = Buf(c), dw2 = Buf(c), db2 = Buf(c)
        acc.p.update(from: res.p, count: n * c)
        LayerNorm.backward(dinp: acc.p, dweight: dw1.p, dbias: db1.p, dout: dy.p, inp: x.p, weight: w.p,
                           mean: mean.p, rstd: rstd.p, rows: n, width: c)
        ComputeThreads.$override.withValue(2) {
            LayerNorm.backward(dinp: set.p, residual: res.p, dweight: dw2.p, dbias: db2.p, dout: dy.p, inp: x.p, weight: w.p,
                               mean: mean.p, rstd: rstd.p, rows: n, width: c)
        }
        for i in 0..<(n * c) { #expect(abs(acc.p[i] - set.p[i]) <= 1e-5 * max(1, abs(acc.p[i]))) }
        for i in 0..<c {
            #expect(abs(dw1.p[i] - dw2.p[i]) <= 1e-4 * max(1, abs(dw1.p[i])))
            #expect(abs(db1.p[i] - db2.p[i]) <= 1e-4 * max(1, abs(db1.p[i])))
        }
    }

    @Test func crossEntropyMatchesDouble() {
        var rng = SplitMix64(seed: 23)
        let m = 13, v = 29
        let logits = Buf(random: m * v, &rng, scale: 3)
        let targets: [Int32] = (0..<m).map { Int32($0 * 7 % v) }
        let d = Buf(m * v)
        let loss = CrossEntropy.forwardBackward(logits: logits.p, targets: targets, rows: m, vocab: v, dlogits: d.p, gradScale: 0.5)
        var want = 0.0
        for r in 0..<m {
            let x = (0..<v).map { Double(logits.p[r * v + $0]) }
            let mx = x.max() ?? 0
            let lse = mx + Foundation.log(x.reduce(0) { $0 + Foundation.exp($1 - mx) })
            want += lse - x[Int(targets[r])]
            for i in 0..<v {
                let g = (Foundation.exp(x[i] - lse) - (i == Int(targets[r]) ? 1 : 0)) * 0.5
                #expect(abs(Double(d.p[r * v + i]) - g) < 1e-6)
            }
        }
        #expect(abs(loss - want) < 1e-5 * want)
    }

    /// The whole model with 2 workers against 1: same gradients up to
    /// rounding, and bit-identical from run to run. The LM sees T > 96 so the
    /// causal blocks are exercised.
    @Test func workersAgreeOnTheWholeModel() throws {
        var cfg = Fixtures.config
        cfg.maxPositions = 160
        let model = try Fixtures.model(cfg)
        let long = String(repeating: "0123456789", count: 11)
        let examples = [Example(image: Fixtures.image(1), instruction: long, answer: "4"),
                        Example(image: nil, instruction: "1+1?", answer: long),
                        Example(image: Fixtures.image(2), instruction: "a", answer: "90")]
        let batch = try Batch(examples: examples, config: model.config)
        #expect(batch.length > 96)
        func grads(_ workers: Int) -> (Double, [Float]) {
            ComputeThreads.$override.withValue(workers) {
                let session = TrainingSession(model: model, optimizer: OptimizerConfig())
                let loss = session.computeGradients(batch)
                return (loss, Array(model.grads.buffer))
            }
        }
        let (l1, g1) = grads(1)
        let (l2, g2) = grads(2)
        let (l2b, g2b) = grads(2)
        #expect(l2 == l2b && g2 == g2b, "two runs with 2 workers differ")
        #expect(abs(l1 - l2) <= 1e-5 * abs(l1))
        var d = 0.0, n = 0.0
        for i in 0..<g1.count { d += Double(g1[i] - g2[i]) * Double(g1[i] - g2[i]); n += Double(g1[i]) * Double(g1[i]) }
        #expect((d / n).squareRoot() < 1e-4, "relative L2 difference \((d / n).squareRoot())")
    }
}
