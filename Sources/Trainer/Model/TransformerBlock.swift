/// Arena offsets of one pre-LN transformer block (GPT-2 names).
struct BlockParameters {
    var ln1w = 0, ln1b = 0, qkvw = 0, qkvb = 0, projw = 0, projb = 0
    var ln2w = 0, ln2b = 0, fcw = 0, fcb = 0, fc2w = 0, fc2b = 0

    /// Registers `prefix.ln_1.weight`, `prefix.attn.c_attn.weight`, ... in arena order.
    static func register(_ layout: inout ParameterLayout, prefix p: String, width c: Int, part: Part) -> BlockParameters {
        var b = BlockParameters()
        b.ln1w = layout.add("\(p).ln_1.weight", [c], part: part)
        b.ln1b = layout.add("\(p).ln_1.bias", [c], part: part)
        b.qkvw = layout.add("\(p).attn.c_attn.weight", [3 * c, c], part: part)
        b.qkvb = layout.add("\(p).attn.c_attn.bias", [3 * c], part: part)
        b.projw = layout.add("\(p).attn.c_proj.weight", [c, c], part: part)
        b.projb = layout.add("\(p).attn.c_proj.bias", [c], part: part)
        b.ln2w = layout.add("\(p).ln_2.weight", [c], part: part)
        b.ln2b = layout.add("\(p).ln_2.bias", [c], part: part)
        b.fcw = layout.add("\(p).mlp.c_fc.weight", [4 * c, c], part: part)
        b.fcb = layout.add("\(p).mlp.c_fc.bias", [4 * c], part: part)
        b.fc2w = layout.add("\(p).mlp.c_proj.weight", [c, 4 * c], part: part)
        b.fc2b = layout.add("\(p).mlp.c_proj.bias", [c], part: part)
        return b
    }
}

/// Saved activations of one block for N = B*T rows of width C.
struct BlockActivations {
    var ln1, ln1Mean, ln1Rstd: FloatPtr   // [N,C], [N], [N]
    var qkv: FloatPtr                     // [N,3C]
    var att: FloatPtr                     // [B,H,T,T] softmax probabilities
    var atty: FloatPtr                    // [N,C] attention output before c_proj
    var res1: FloatPtr                    // [N,C] x + attn
    var ln2, ln2Mean, ln2Rstd: FloatPtr   // [N,C], [N], [N]
    var fch: FloatPtr                     // [N,4C] before GELU
    var fchGelu: FloatPtr                 // [N,4C]
    var res2: FloatPtr                    // [N,C] block output

    init(_ alloc: BufferPool, rows n: Int, width c: Int, heads h: Int, batch b: Int, tokens t: Int) {
        ln1 = alloc.take(n * c); ln1Mean = alloc.take(n); ln1Rstd = alloc.take(n)
        qkv = alloc.take(3 * n * c); att = alloc.take(b * h * t * t); atty = alloc.take(n * c)
        res1 = alloc.take(n * c)
        ln2 = alloc.take(n * c); ln2Mean = alloc.take(n); ln2Rstd = alloc.take(n)
        fch = alloc.take(4 * n * c); fchGelu = alloc.take(4 * n * c); res2 = alloc.take(n * c)
    }
}

/// Backward scratch shared by all blocks of a stack (llm.c reuses these too).
struct StackScratch {
    var dres1, dln, datty: FloatPtr   // [N,C]
    var dqkv: FloatPtr                // [N,3C]
    var dfc: FloatPtr                 // [N,4C]
    var datt: FloatPtr                // [slots,T,T], one T x T per attention worker
    var attSlots: Int
    var dA, dB: FloatPtr              // [N,C] ping-pong residual-stream gradients

    init(_ alloc: BufferPool, rows n: Int, width c: Int, tokens t: Int, workers: Int = ComputeThreads.count) {
        dres1 = alloc.take(n * c); dln = alloc.take(n * c); datty = alloc.take(n * c)
        dqkv = alloc.take(3 * n * c); dfc = alloc.take(4 * n * c)
        attSlots = max(1, workers)
        datt = alloc.take(attSlots * t * t)
        dA = alloc.take(n * c); dB = alloc.take(n * c)
    }
}

/// A stack of pre-LN blocks: x + attn(ln_1(x)), then + mlp(ln_2(.)).
/// Bidirectional for the vision encoder, causal for the LM.
struct TransformerStack {
    var width: Int
    var heads: Int
    var causal: Bool
    var blocks: [BlockParameters]

    /// x[B*T, C] -> acts[last].res2 [B*T, C]
    func forward(x: UnsafePointer<Float>, acts: [BlockActivations], params w: FloatPtr, batch b: Int, tokens t: Int) {
        let c = width, n = b * t
        for (l, p) in blocks.enumerated() {
            let a = acts[l]
            let inp = l == 0 ? x : UnsafePointer(acts[l - 1].res2)
            LayerNorm.forward(out: a.ln1, mean: a.ln1Mean, rstd: a.ln1Rstd, inp: inp, weight: w + p.ln1w, bias: w + p.ln1b, rows: n, width: c)
            Linear.forward(out: a.qkv, inp: a.ln1, weight: w + p.qkvw, bias: w + p.qkvb, rows: n, inFeatures: c, outFeatures: 3 * c)
            Attention.forward(out: a.atty, att: a.att, qkv: a.qkv, batch: b, tokens: t, width: c, heads: heads, causal: causal)
            // res1 = inp + c_proj(atty): the residual is written with the bias, the GEMM adds onto it.
            Linear.forward(out: a.res1, inp: a.atty, weight: w + p.projw, bias: w + p.projb, rows: n, inFeatures: c, outFeatures: c,
                           residual: inp)
            LayerNorm.forward(out: a.ln2, mean: a.ln2Mean, rstd: a.ln2Rstd, inp: a.res1, weight: w + p.ln2w, bias: w + p.ln2b, rows: n, width: c)
            Linear.forward(out: a.fch, inp: a.ln2, weight: w + p.fcw, bias: w + p.fcb, rows: n, inFeatures: c, outFeatures: 4 * c)
            GELU.forward(out: a.fchGelu, inp: a.fch, count: 4 * n * c)
            Linear.forward(out: a.res2, inp: a.fchGelu, weight: w + p.fc2w, bias: w + p.fc2b, rows: n, inFeatures: 4 * c, outFeatures: c,
                           residual: a.res1)
        }
    }

    /// dout[B*T, C] (gradient at the stack output) -> returns the gradient at
    /// the stack input x (one of the scratch ping-pong buffers). Parameter
    /// gradients are accumulated into `grads` unless it is nil (frozen stack).
    func backward(dout: UnsafePointer<Float>, x: UnsafePointer<Float>, acts: [BlockActivations], scratch s: StackScratch,
                  params w: FloatPtr, grads gOpt: FloatPtr?, batch b: Int, tokens t: Int) -> UnsafePointer<Float> {
        let c = width, n = b * t
        var dcur = dout
        var next = s.dA
        for l in stride(from: blocks.count - 1, through: 0, by: -1) {
            let p = blocks[l], a = acts[l]
            let inp = l == 0 ? x : UnsafePointer(acts[l - 1].res2)
            func g(_ off: Int) -> FloatPtr? { gOpt.map { $0 + off } }
            // res2 = res1 + mlp(ln_2(res1)): dres1 = dres2 + (gradient through the MLP branch).
            Linear.backward(dinp: s.dfc, dweight: g(p.fc2w), dbias: g(p.fc2b), dout: dcur, inp: a.fchGelu, weight: w + p.fc2w,
                            rows: n, inFeatures: 4 * c, outFeatures: c)
            GELU.backward(dinp: s.dfc, inp: a.fch, out: a.fchGelu, dout: s.dfc, count: 4 * n * c)
            Linear.backward(dinp: s.dln, dweight: g(p.fcw), dbias: g(p.fcb), dout: s.dfc, inp: a.ln2, weight: w + p.fcw,
                            rows: n, inFeatures: c, outFeatures: 4 * c)
            LayerNorm.backward(dinp: s.dres1, residual: dcur, dweight: g(p.ln2w), dbias: g(p.ln2b), dout: s.dln, inp: a.res1,
                               weight: w + p.ln2w, mean: a.ln2Mean, rstd: a.ln2Rstd, rows: n, width: c)
            // res1 = x + c_proj(attn(c_attn(ln_1(x)))): dx = dres1 + (gradient through the attention branch).
            Linear.backward(dinp: s.datty, dweight: g(p.projw), dbias: g(p.projb), dout: s.dres1, inp: a.atty, weight: w + p.projw,
                            rows: n, inFeatures: c, outFeatures: c)
            Attention.backward(dqkv: s.dqkv, scratch: s.datt, scratchSlots: s.attSlots, dout: s.datty, qkv: a.qkv, att: a.att,
                               batch: b, tokens: t, width: c, heads: heads, causal: causal)
            Linear.backward(dinp: s.dln, dweight: g(p.qkvw), dbias: g(p.qkvb), dout: s.dqkv, inp: a.ln1, weight: w + p.qkvw,
                            rows: n, inFeatures: c, outFeatures: 3 * c)
            LayerNorm.backward(dinp: next, residual: s.dres1, dweight: g(p.ln1w), dbias: g(p.ln1b), dout: s.dln, inp: inp,
                               weight: w + p.ln1w, mean: a.ln1Mean, rstd: a.ln1Rstd, rows: n, width: c)
            dcur = UnsafePointer(next)
            next = next == s.dA ? s.dB : s.dA
        }
        return dcur
    }
}

/// Owns a set of Float buffers for one workspace; freed together.
final class BufferPool {
    private var buffers: [FloatPtr] = []
    init() {}
    /// A zeroed buffer of `count` floats.
    func take(_ count: Int) -> FloatPtr {
        let p = FloatPtr.allocate(capacity: max(count, 1))
        p.initialize(repeating: 0, count: max(count, 1))
        buffers.append(p)
        return p
    }
    deinit { for p in buffers { p.deallocate() } }
}
