import Foundation
import Testing
@testable import Trainer

/// Finite-difference checks of every layer's backward against its forward.
/// Each test defines the scalar L = sum(out * R) for a fixed random R, so
/// dL/dout = R, runs the layer's backward with that, and compares every
/// input and parameter gradient entry by entry (tolerance: relative L2 error
/// <= 1e-3, see `compareGradient`).
@Suite struct LayerGradientTests {
    @Test func layerNorm() {
        var rng = SplitMix64(seed: 1)
        let n = 3, c = 8
        let x = Buf(random: n * c, &rng, scale: 2, offset: 0.5), w = Buf(random: c, &rng, scale: 0.5, offset: 1)
        let b = Buf(random: c, &rng, scale: 0.5), r = Buf(random: n * c, &rng)
        let out = Buf(n * c), mean = Buf(n), rstd = Buf(n)
        func loss() -> Double {
            LayerNorm.forward(out: out.p, mean: mean.p, rstd: rstd.p, inp: x.p, weight: w.p, bias: b.p, rows: n, width: c)
            return dot(out.p, r)
        }
        _ = loss()
        let dx = Buf(n * c), dw = Buf(c), db = Buf(c)
        LayerNorm.backward(dinp: dx.p, dweight: dw.p, dbias: db.p, dout: r.p, inp: x.p, weight: w.p,
                           mean: mean.p, rstd: rstd.p, rows: n, width: c)
        expectGradient("ln.x", x, analytic: dx, loss: loss)
        expectGradient("ln.weight", w, analytic: dw, loss: loss)
        expectGradient("ln.bias", b, analytic: db, loss: loss)
    }

    @Test func linear() {
        var rng = SplitMix64(seed: 2)
        let n = 4, c = 5, oc = 6
        let x = Buf(random: n * c, &rng), w = Buf(random: oc * c, &rng, scale: 0.5), b = Buf(random: oc, &rng)
        let r = Buf(random: n * oc, &rng), out = Buf(n * oc)
        func loss() -> Double {
            Linear.forward(out: out.p, inp: x.p, weight: w.p, bias: b.p, rows: n, inFeatures: c, outFeatures: oc)
            return dot(out.p, r)
        }
        _ = loss()
        let dx = Buf(n * c), dw = Buf(oc * c), db = Buf(oc)
        Linear.backward(dinp: dx.p, dweight: dw.p, dbias: db.p, dout: r.p, inp: x.p, weight: w.p,
                        rows: n, inFeatures: c, outFeatures: oc)
        expectGradient("linear.x", x, analytic: dx, loss: loss)
        expectGradient("linear.weight", w, analytic: dw, loss: loss)
        expectGradient("linear.bias", b, analytic: db, loss: loss)
    }

    /// The stem convolution at both strides: input, weight and bias, on an
    /// odd side so the padding taps at the far edge are exercised too.
    @Test(arguments: [(6, 2), (7, 2), (5, 1)]) func conv3x3(side h: Int, stride st: Int) {
        var rng = SplitMix64(seed: UInt64(20 + h))
        let b = 2, c = 3, oc = 4, ho = Conv3x3.outputSide(h, stride: st)
        #expect(ho == (st == 1 ? h : (h + 1) / 2))
        let x = Buf(random: b * h * h * c, &rng), w = Buf(random: oc * 9 * c, &rng, scale: 0.5), bias = Buf(random: oc, &rng)
        let r = Buf(random: b * ho * ho * oc, &rng), out = Buf(b * ho * ho * oc), cols = Buf(b * ho * ho * 9 * c)
        func loss() -> Double {
            Conv3x3.forward(out: out.p, cols: cols.p, inp: x.p, weight: w.p, bias: bias.p, batch: b, side: h,
                            channels: c, outChannels: oc, stride: st)
            return dot(out.p, r)
        }
        _ = loss()
        let dx = Buf(b * h * h * c), dw = Buf(oc * 9 * c), db = Buf(oc), dcols = Buf(b * ho * ho * 9 * c)
        Conv3x3.backward(dinp: dx.p, dcols: dcols.p, dweight: dw.p, dbias: db.p, dout: r.p, cols: cols.p, weight: w.p,
                         batch: b, side: h, channels: c, outChannels: oc, stride: st)
        expectGradient("conv.x", x, analytic: dx, loss: loss)
        expectGradient("conv.weight", w, analytic: dw, loss: loss)
        expectGradient("conv.bias", bias, analytic: db, loss: loss)
        // A direct tap: output (0, 0) of image 0 sees input (0, 0) through kernel tap (1, 1).
        #expect(abs(Double(out.p[0]) - (Double(bias.p[0]) + (0..<9).reduce(0.0) { acc, t in
            let ky = t / 3, kx = t % 3, y = ky - 1, xx = kx - 1
            guard y >= 0, xx >= 0 else { return acc }
            return acc + (0..<c).reduce(0.0) { $0 + Double(w.p[t * c + $1]) * Double(x.p[(y * h + xx) * c + $1]) }
        })) < 1e-4)
    }

    /// Patches of a channel-last map and back are the identity.
    @Test func patchifyOfAMapRoundTrips() {
        var rng = SplitMix64(seed: 31)
        let b = 2, r = 8, p = 4, c = 3
        let map = Buf(random: b * r * r * c, &rng), patches = Buf(b * r * r * c), back = Buf(b * r * r * c)
        PatchEmbed.patchify(patches: patches.p, images: map.p, count: b, imageSize: r, patchSize: p, channels: c)
        // Patch (0, 1) of image 1 starts at pixel (0, 4).
        #expect(patches.p[(1 * 4 + 1) * p * p * c] == map.p[((1 * r + 0) * r + 4) * c])
        PatchEmbed.unpatchify(maps: back.p, patches: patches.p, count: b, imageSize: r, patchSize: p, channels: c)
        #expect((0..<map.count).allSatisfy { back.p[$0] == map.p[$0] })
    }

    /// The image summary adds the image tokens' mean (or per-channel max) to text positions only.
    @Test(arguments: SummaryPooling.allCases) func imageSummary(pooling: SummaryPooling) {
        var rng = SplitMix64(seed: 32)
        let b = 2, t = 5, d = 3, ni = 2
        // Sample 0: bos, 2 image tokens (image 0), 2 text; sample 1: text only.
        let rows: [Int32] = [-1, 0, 1, -1, -1, -1, -1, -1, -1, -1]
        let image = Buf(random: ni * d, &rng), base = Buf(random: b * t * d, &rng), x = Buf(b * t * d)
        let r = Buf(random: b * t * d, &rng)
        func loss() -> Double {
            x.p.update(from: base.p, count: b * t * d)
            ImageSummary.forward(x: x.p, imageRows: rows, image: image.p, batch: b, tokens: t, width: d, imageTokens: ni,
                                 pooling: pooling)
            return dot(x.p, r)
        }
        _ = loss()
        let pooled = pooling == .mean ? (image.p[0] + image.p[d]) / 2 : max(image.p[0], image.p[d])
        #expect(abs(x.p[3 * d] - base.p[3 * d] - pooled) < 1e-6)
        #expect(x.p[1 * d] == base.p[1 * d] && x.p[5 * d] == base.p[5 * d])
        let dimage = Buf(ni * d)
        ImageSummary.backward(dimage: dimage.p, dx: r.p, imageRows: rows, image: image.p, batch: b, tokens: t, width: d,
                              imageTokens: ni, pooling: pooling)
        expectGradient("summary.image", image, analytic: dimage, loss: loss)
    }

    @Test func gelu() {
        var rng = SplitMix64(seed: 3)
        let n = 40
        let x = Buf(random: n, &rng, scale: 2), r = Buf(random: n, &rng), out = Buf(n)
        func loss() -> Double { GELU.forward(out: out.p, inp: x.p, count: n); return dot(out.p, r) }
        let dx = Buf(n)
        _ = loss()  // the backward reads the forward's output
        GELU.backward(dinp: dx.p, inp: x.p, out: out.p, dout: r.p, count: n)
        expectGradient("gelu.x", x, analytic: dx, loss: loss)
    }

    /// The backward reads sigmoid(2u) back as out / x: at x = 0 (no division), tiny, large and
    /// very negative x it must still give the closed-form derivative.
    @Test func geluDerivativeAtTheEdges() {
        let xs: [Float] = [0, 1e-20, -1e-20, 0.5, -0.5, 3, -3, 10, -10, -30, -80]
        let n = xs.count
        let x = Buf(n), out = Buf(n), ones = Buf(n), d = Buf(n)
        for i in 0..<n { x.p[i] = xs[i]; ones.p[i] = 1 }
        GELU.forward(out: out.p, inp: x.p, count: n)
        GELU.backward(dinp: d.p, inp: x.p, out: out.p, dout: ones.p, count: n)
        for i in 0..<n {
            let v = Double(xs[i]), k = (2 / Double.pi).squareRoot(), a = 0.044715
            let u = k * (v + a * v * v * v), t = tanh(u)
            let exact = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * k * (1 + 3 * a * v * v)
            #expect(abs(Double(d.p[i]) - exact) <= 1e-5, "x = \(xs[i]): \(d.p[i]) vs \(exact)")
        }
    }

    @Test(arguments: [true, false]) func attention(causal: Bool) {
        var rng = SplitMix64(seed: causal ? 4 : 5)
        let b = 2, t = 5, c = 6, h = 2
        let qkv = Buf(random: b * t * 3 * c, &rng), r = Buf(random: b * t * c, &rng)
        let out = Buf(b * t * c), att = Buf(b * h * t * t)
        func loss() -> Double {
            Attention.forward(out: out.p, att: att.p, qkv: qkv.p, batch: b, tokens: t, width: c, heads: h, causal: causal)
            return dot(out.p, r)
        }
        _ = loss()
        let dqkv = Buf(b * t * 3 * c), scratch = Buf(t * t)
        Attention.backward(dqkv: dqkv.p, scratch: scratch.p, dout: r.p, qkv: qkv.p, att: att.p,
                           batch: b, tokens: t, width: c, heads: h)
        expectGradient("attention(causal: \(causal)).qkv", qkv, analytic: dqkv, loss: loss)
        if causal {
            // Causality: the first output row must not depend on later tokens' keys/values.
            let before = out.array
            qkv.p[(t - 1) * 3 * c + c] += 1
            _ = loss()
            #expect(Array(out.array[0..<c]) == Array(before[0..<c]))
        }
    }

    @Test func patchEmbed() {
        var rng = SplitMix64(seed: 6)
        let bi = 2, r = 4, p = 2, dv = 3, np = (r / p) * (r / p)
        let images = Buf(count: bi * r * r) { _ in Float(rng.uniform()) }
        let patches = Buf(bi * np * p * p)
        PatchEmbed.patchify(patches: patches.p, images: images.p, count: bi, imageSize: r, patchSize: p)
        // Patch (gy=0, gx=1) of image 0 starts at pixel (0, 2).
        #expect(patches.p[1 * p * p] == images.p[2])
        #expect(patches.p[1 * p * p + 2] == images.p[r + 2])
        let w = Buf(random: dv * p * p, &rng), b = Buf(random: dv, &rng), pos = Buf(random: np * dv, &rng)
        let rr = Buf(random: bi * np * dv, &rng), out = Buf(bi * np * dv)
        func loss() -> Double {
            PatchEmbed.forward(out: out.p, patches: patches.p, weight: w.p, bias: b.p, pos: pos.p,
                               images: bi, patchCount: np, patchPixels: p * p, width: dv)
            return dot(out.p, rr)
        }
        _ = loss()
        let dw = Buf(dv * p * p), db = Buf(dv), dpos = Buf(np * dv)
        PatchEmbed.backward(dweight: dw.p, dbias: db.p, dpos: dpos.p, dout: rr.p, patches: patches.p, weight: w.p,
                            images: bi, patchCount: np, patchPixels: p * p, width: dv)
        expectGradient("patch_embed.weight", w, analytic: dw, loss: loss)
        expectGradient("patch_embed.bias", b, analytic: db, loss: loss)
        expectGradient("pos_embed", pos, analytic: dpos, loss: loss)
    }

    @Test func pixelShuffle() {
        var rng = SplitMix64(seed: 7)
        let bi = 2, g = 4, c = 3
        let x = Buf(random: bi * g * g * c, &rng), r = Buf(random: bi * g * g * c, &rng), out = Buf(bi * g * g * c)
        func loss() -> Double { PixelShuffle.forward(out: out.p, inp: x.p, images: bi, grid: g, width: c); return dot(out.p, r) }
        _ = loss()
        // Token (0,0) of the output holds grid tokens (0,0), (0,1), (1,0), (1,1).
        #expect(out.p[c] == x.p[c])
        #expect(out.p[2 * c] == x.p[g * c])
        #expect(out.p[3 * c] == x.p[(g + 1) * c])
        let dx = Buf(bi * g * g * c)
        PixelShuffle.backward(dinp: dx.p, dout: r.p, images: bi, grid: g, width: c)
        expectGradient("pixel_shuffle.x", x, analytic: dx, loss: loss)
    }

    /// The projector composite: Linear -> GELU -> Linear.
    @Test func projector() {
        var rng = SplitMix64(seed: 8)
        let n = 3, cin = 4, d = 5
        let x = Buf(random: n * cin, &rng), w1 = Buf(random: d * cin, &rng, scale: 0.7), b1 = Buf(random: d, &rng)
        let w2 = Buf(random: d * d, &rng, scale: 0.7), b2 = Buf(random: d, &rng), r = Buf(random: n * d, &rng)
        let h = Buf(n * d), gl = Buf(n * d), out = Buf(n * d)
        func loss() -> Double {
            Linear.forward(out: h.p, inp: x.p, weight: w1.p, bias: b1.p, rows: n, inFeatures: cin, outFeatures: d)
            GELU.forward(out: gl.p, inp: h.p, count: n * d)
            Linear.forward(out: out.p, inp: gl.p, weight: w2.p, bias: b2.p, rows: n, inFeatures: d, outFeatures: d)
            return dot(out.p, r)
        }
        _ = loss()
        let dx = Buf(n * cin), dw1 = Buf(d * cin), db1 = Buf(d), dw2 = Buf(d * d), db2 = Buf(d), dg = Buf(n * d)
        Linear.backward(dinp: dg.p, dweight: dw2.p, dbias: db2.p, dout: r.p, inp: gl.p, weight: w2.p, rows: n, inFeatures: d, outFeatures: d)
        GELU.backward(dinp: dg.p, inp: h.p, out: gl.p, dout: dg.p, count: n * d)
        Linear.backward(dinp: dx.p, dweight: dw1.p, dbias: db1.p, dout: dg.p, inp: x.p, weight: w1.p, rows: n, inFeatures: cin, outFeatures: d)
        expectGradient("projector.x", x, analytic: dx, loss: loss)
        expectGradient("projector.fc1.weight", w1, analytic: dw1, loss: loss)
        expectGradient("projector.fc1.bias", b1, analytic: db1, loss: loss)
        expectGradient("projector.fc2.weight", w2, analytic: dw2, loss: loss)
        expectGradient("projector.fc2.bias", b2, analytic: db2, loss: loss)
    }

    /// Input assembly plus the tied output head: wte gets gradient from both ends.
    @Test func embeddingAndTiedHead() {
        var rng = SplitMix64(seed: 9)
        let b = 2, t = 4, d = 3, v = 7
        let tokens: [Int32] = [1, 5, 5, 2, 0, 6, 3, 3]
        let imageRows: [Int32] = [-1, 0, 1, -1, -1, -1, -1, -1]   // sample 0 positions 1-2 are image tokens
        let rows: [Int32] = [0, 2, 3, 5, 7]
        let wte = Buf(random: v * d, &rng), wpe = Buf(random: t * d, &rng), img = Buf(random: 2 * d, &rng)
        let x = Buf(b * t * d), gathered = Buf(rows.count * d), logits = Buf(rows.count * v)
        let r = Buf(random: rows.count * v, &rng)
        func loss() -> Double {
            Embedding.forward(x: x.p, tokens: tokens, imageRows: imageRows, image: img.p, wte: wte.p, wpe: wpe.p,
                              batch: b, tokens: t, width: d)
            TiedHead.forward(logits: logits.p, gathered: gathered.p, hidden: x.p, rows: rows, rowCount: rows.count,
                             wte: wte.p, vocab: v, width: d)
            return dot(logits.p, r)
        }
        _ = loss()
        let dx = Buf(b * t * d), dwte = Buf(v * d), dwpe = Buf(t * d), dimg = Buf(2 * d), scratch = Buf(rows.count * d)
        TiedHead.backward(dhidden: dx.p, dwte: dwte.p, scratch: scratch.p, dlogits: r.p, gathered: gathered.p, rows: rows,
                          rowCount: rows.count, wte: wte.p, vocab: v, width: d)
        Embedding.backward(dwte: dwte.p, dwpe: dwpe.p, dimage: dimg.p, dx: dx.p, tokens: tokens, imageRows: imageRows,
                           batch: b, tokens: t, width: d)
        expectGradient("wte (tied)", wte, analytic: dwte, loss: loss)
        expectGradient("wpe", wpe, analytic: dwpe, loss: loss)
        expectGradient("image embeddings", img, analytic: dimg, loss: loss)
    }

    @Test func softmaxCrossEntropy() {
        var rng = SplitMix64(seed: 10)
        let m = 4, v = 9
        let logits = Buf(random: m * v, &rng, scale: 2)
        let targets: [Int32] = [0, 8, 3, 3]
        func loss() -> Double {
            CrossEntropy.forwardBackward(logits: logits.p, targets: targets, rows: m, vocab: v, dlogits: nil, gradScale: 0) / Double(m)
        }
        let d = Buf(m * v)
        let l = CrossEntropy.forwardBackward(logits: logits.p, targets: targets, rows: m, vocab: v, dlogits: d.p, gradScale: 1 / Float(m))
        #expect(l > 0)
        expectGradient("softmax_ce.logits", logits, analytic: d, loss: loss)
    }
}

extension Buf {
    convenience init(count: Int, _ fill: (Int) -> Float) {
        self.init(count)
        for i in 0..<count { p[i] = fill(i) }
    }
}
