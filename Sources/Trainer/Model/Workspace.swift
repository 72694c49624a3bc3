/// Preallocated activations and gradient scratch for batches up to a given
/// shape. Smaller batches reuse the prefix of every buffer, so the hot path
/// allocates nothing; a larger batch gets a new workspace.
public final class Workspace {
    let pool = BufferPool()
    public let maxBatch: Int, maxTokens: Int, maxImages: Int, maxRows: Int

    // Vision: Np patches per image, Ni image tokens per image after the optional shuffle.
    let scaled: FloatPtr         // [Bi*R*R] pixels times pixelScale
    let stemCols: [FloatPtr]     // per stem layer [Bi*Ho*Ho, 9*Cin]
    let stemPre: [FloatPtr]      // per stem layer [Bi*Ho*Ho, Cout] before GELU
    let stemAct: [FloatPtr]      // per stem layer [Bi*Ho*Ho, Cout] after GELU
    let patches: FloatPtr        // [Bi*Np, patchInputs]
    let vx: FloatPtr             // [Bi*Np, Dv] patch embeddings + positions
    let vActs: [BlockActivations]
    let vln: FloatPtr, vlnMean: FloatPtr, vlnRstd: FloatPtr  // [Bi*Np, Dv], [Bi*Np], [Bi*Np]
    let shuffled: FloatPtr       // [Bi*Ni, 4Dv] (only with pixelShuffle)
    let projH: FloatPtr          // [Bi*Ni, D] fc1 output
    let projG: FloatPtr          // [Bi*Ni, D] GELU
    let imageEmb: FloatPtr       // [Bi*Ni, D] projector output
    // LM
    let x: FloatPtr              // [B*T, D]
    let acts: [BlockActivations]
    let lnf: FloatPtr, lnfMean: FloatPtr, lnfRstd: FloatPtr  // [B*T, D], [B*T], [B*T]
    let gathered: FloatPtr       // [M, D]
    /// Logits at the requested rows, [M, V]; the loss overwrites them with dlogits.
    public let logits: FloatPtr
    // Backward
    let dlogits: FloatPtr        // [M, V]
    let dlnf: FloatPtr           // [B*T, D] gradient at ln_f output
    let dstack: FloatPtr         // [B*T, D] gradient at the stack output
    let headScratch: FloatPtr    // [M, D]
    let scratch: StackScratch
    let dImageEmb: FloatPtr      // [Bi*Ni, D]
    let dProjG: FloatPtr         // [Bi*Ni, D]
    let dShuffled: FloatPtr      // [Bi*Ni, Dp]
    let dvln: FloatPtr           // [Bi*Np, Dv]
    let dvstack: FloatPtr        // [Bi*Np, Dv]
    let vScratch: StackScratch
    let dpatches: FloatPtr       // [Bi*Np, patchInputs] (stem only)
    let dStemAct: FloatPtr, dStemPre: FloatPtr, dStemCols: FloatPtr  // largest stem layer's sizes

    public init(config c: ModelConfig, batch b: Int, tokens t: Int, images bi: Int, rows m: Int) {
        maxBatch = b; maxTokens = t; maxImages = bi; maxRows = m
        let p = pool
        let np = c.patchCount, ni = c.imageTokens, dv = c.visionWidth, d = c.width, v = c.vocabularySize
        let vn = bi * np
        scaled = p.take(bi * c.imageSize * c.imageSize)
        let layers = c.stemLayers
        let colCounts = layers.map { bi * $0.outSide * $0.outSide * 9 * $0.channels }
        let mapCounts = layers.map { bi * $0.outSide * $0.outSide * $0.outChannels }
        let cols = colCounts.map { p.take($0) }, pre = mapCounts.map { p.take($0) }, act = mapCounts.map { p.take($0) }
        let maxCols = colCounts.max() ?? 0, maxMap = mapCounts.max() ?? 0
        stemCols = cols; stemPre = pre; stemAct = act
        patches = p.take(vn * c.patchInputs)
        vx = p.take(vn * dv)
        vActs = (0..<c.visionLayers).map { _ in
            BlockActivations(p, rows: vn, width: dv, heads: c.visionHeads, batch: bi, tokens: np)
        }
        vln = p.take(vn * dv); vlnMean = p.take(vn); vlnRstd = p.take(vn)
        shuffled = p.take(c.pixelShuffle ? bi * ni * c.projectorInput : 0)
        projH = p.take(bi * ni * d); projG = p.take(bi * ni * d); imageEmb = p.take(bi * ni * d)
        let n = b * t
        x = p.take(n * d)
        acts = (0..<c.layers).map { _ in BlockActivations(p, rows: n, width: d, heads: c.heads, batch: b, tokens: t) }
        lnf = p.take(n * d); lnfMean = p.take(n); lnfRstd = p.take(n)
        gathered = p.take(m * d)
        logits = p.take(m * v)
        dlogits = p.take(m * v)
        dlnf = p.take(n * d); dstack = p.take(n * d); headScratch = p.take(m * d)
        scratch = StackScratch(p, rows: n, width: d, tokens: t)
        dImageEmb = p.take(bi * ni * d); dProjG = p.take(bi * ni * d)
        dShuffled = p.take(c.pixelShuffle ? bi * ni * c.projectorInput : 0)
        dvln = p.take(vn * dv); dvstack = p.take(vn * dv)
        vScratch = StackScratch(p, rows: vn, width: dv, tokens: np)
        dpatches = p.take(c.stemLayers.isEmpty ? 0 : vn * c.patchInputs)
        dStemAct = p.take(maxMap); dStemPre = p.take(maxMap); dStemCols = p.take(maxCols)
    }

    func fits(_ batch: Batch, rows: Int) -> Bool {
        batch.size <= maxBatch && batch.length <= maxTokens && batch.imageCount <= maxImages && rows <= maxRows
    }
}
