import Foundation

/// The tiny MLLM: ViT encoder -> (pixel shuffle) -> Linear-GELU-Linear
/// projector -> GPT-2 style causal LM with an output head tied to the token
/// embedding. Parameters and gradients each live in one arena.
public final class Model {
    public let config: ModelConfig
    public let layout: ParameterLayout
    public let params: Arena
    public let grads: Arena

    // Arena offsets.
    let stemW: [Int], stemB: [Int]
    let patchW: Int, patchB: Int, vpos: Int, vlnW: Int, vlnB: Int
    let fc1W: Int, fc1B: Int, fc2W: Int, fc2B: Int
    let wte: Int, wpe: Int, lnfW: Int, lnfB: Int
    let vision: TransformerStack
    let lm: TransformerStack

    /// Builds the layout and initializes GPT-2 style: weights N(0, 0.02),
    /// residual output projections N(0, 0.02/sqrt(2L)), biases 0, LayerNorm gains 1.
    public init(config: ModelConfig, seed: UInt64 = 0) throws {
        try config.validate()
        self.config = config
        var l = ParameterLayout()
        let c = config
        var sw: [Int] = [], sb: [Int] = []
        for (i, s) in c.stemLayers.enumerated() {
            sw.append(l.add("vision.stem.\(i).weight", [s.outChannels, 9 * s.channels], part: .vision))
            sb.append(l.add("vision.stem.\(i).bias", [s.outChannels], part: .vision))
        }
        stemW = sw; stemB = sb
        patchW = l.add("vision.patch_embed.weight", [c.visionWidth, c.patchInputs], part: .vision)
        patchB = l.add("vision.patch_embed.bias", [c.visionWidth], part: .vision)
        vpos = l.add("vision.pos_embed", [c.patchCount, c.visionWidth], part: .vision)
        let vb = (0..<c.visionLayers).map {
            BlockParameters.register(&l, prefix: "vision.h.\($0)", width: c.visionWidth, part: .vision)
        }
        vlnW = l.add("vision.ln_f.weight", [c.visionWidth], part: .vision)
        vlnB = l.add("vision.ln_f.bias", [c.visionWidth], part: .vision)
        fc1W = l.add("projector.fc1.weight", [c.width, c.projectorInput], part: .projector)
        fc1B = l.add("projector.fc1.bias", [c.width], part: .projector)
        fc2W = l.add("projector.fc2.weight", [c.width, c.width], part: .projector)
        fc2B = l.add("projector.fc2.bias", [c.width], part: .projector)
        wte = l.add("lm.wte.weight", [c.vocabularySize, c.width], part: .lm)
        wpe = l.add("lm.wpe.weight", [c.maxPositions, c.width], part: .lm)
        let lb = (0..<c.layers).map { BlockParameters.register(&l, prefix: "lm.h.\($0)", width: c.width, part: .lm) }
        lnfW = l.add("lm.ln_f.weight", [c.width], part: .lm)
        lnfB = l.add("lm.ln_f.bias", [c.width], part: .lm)
        layout = l
        vision = TransformerStack(width: c.visionWidth, heads: c.visionHeads, causal: false, blocks: vb)
        lm = TransformerStack(width: c.width, heads: c.heads, causal: true, blocks: lb)
        params = Arena(count: l.count)
        grads = Arena(count: l.count)
        initialize(seed: seed)
    }

    public var parameterCount: Int { layout.count }

    func initialize(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let residualStd = 0.02 / (2 * Double(max(config.layers, 1))).squareRoot()
        let visionResidualStd = 0.02 / (2 * Double(max(config.visionLayers, 1))).squareRoot()
        for s in layout.specs {
            let p = params[s.offset]
            let isGain = s.name.hasSuffix("ln_1.weight") || s.name.hasSuffix("ln_2.weight") || s.name.hasSuffix("ln_f.weight")
            if isGain {
                p.update(repeating: 1, count: s.count)
            } else if s.shape.count == 1 {
                p.update(repeating: 0, count: s.count)
            } else {
                var std = s.name.hasSuffix("c_proj.weight") ? (s.part == .vision ? visionResidualStd : residualStd) : 0.02
                // Stem convolutions feed GELUs: He initialization keeps the signal's scale through them.
                if s.name.hasPrefix("vision.stem.") { std = (2 / Double(s.shape[1])).squareRoot() }
                for i in 0..<s.count { p[i] = Float(rng.normal() * std) }
            }
        }
    }

    /// A workspace big enough for `batch` with `rows` logit rows.
    public func makeWorkspace(for batch: Batch, rows: Int) -> Workspace {
        Workspace(config: config, batch: batch.size, tokens: batch.length, images: batch.imageCount, rows: rows)
    }

    // MARK: forward / backward

    /// Runs the model on `batch` and writes logits at `rows` (positions
    /// b*T + t) to `ws.logits` [rows.count, V].
    public func forward(_ batch: Batch, rows: [Int32], workspace ws: Workspace) {
        precondition(ws.fits(batch, rows: rows.count), "workspace too small for batch")
        let c = config, w = params.base
        let b = batch.size, t = batch.length, d = c.width
        let bi = batch.imageCount, np = c.patchCount, ni = c.imageTokens, dv = c.visionWidth
        if bi > 0 {
            // The encoder's input: pixels times pixelScale, in the workspace (a copy costs nothing beside the encoder).
            let k = Float(c.pixelScale)
            batch.images.withUnsafeBufferPointer { px in
                for i in 0..<(bi * c.imageSize * c.imageSize) { ws.scaled[i] = px[i] * k }
            }
            var map = UnsafePointer(ws.scaled)
            for (i, s) in c.stemLayers.enumerated() {
                Conv3x3.forward(out: ws.stemPre[i], cols: ws.stemCols[i], inp: map, weight: w + stemW[i], bias: w + stemB[i],
                                batch: bi, side: s.side, channels: s.channels, outChannels: s.outChannels, stride: s.stride)
                GELU.forward(out: ws.stemAct[i], inp: ws.stemPre[i], count: bi * s.outSide * s.outSide * s.outChannels)
                map = UnsafePointer(ws.stemAct[i])
            }
            PatchEmbed.patchify(patches: ws.patches, images: map, count: bi,
                                imageSize: c.featureSide, patchSize: c.featurePatch, channels: c.featureChannels)
            PatchEmbed.forward(out: ws.vx, patches: ws.patches, weight: w + patchW, bias: w + patchB, pos: w + vpos,
                               images: bi, patchCount: np, patchPixels: c.patchInputs, width: dv)
            vision.forward(x: ws.vx, acts: ws.vActs, params: w, batch: bi, tokens: np)
            let vout = c.visionLayers > 0 ? UnsafePointer(ws.vActs[c.visionLayers - 1].res2) : UnsafePointer(ws.vx)
            LayerNorm.forward(out: ws.vln, mean: ws.vlnMean, rstd: ws.vlnRstd, inp: vout, weight: w + vlnW, bias: w + vlnB,
                              rows: bi * np, width: dv)
            var projIn = UnsafePointer(ws.vln)
            if c.pixelShuffle {
                PixelShuffle.forward(out: ws.shuffled, inp: ws.vln, images: bi, grid: c.gridSize, width: dv)
                projIn = UnsafePointer(ws.shuffled)
            }
            Linear.forward(out: ws.projH, inp: projIn, weight: w + fc1W, bias: w + fc1B, rows: bi * ni,
                           inFeatures: c.projectorInput, outFeatures: d)
            GELU.forward(out: ws.projG, inp: ws.projH, count: bi * ni * d)
            Linear.forward(out: ws.imageEmb, inp: ws.projG, weight: w + fc2W, bias: w + fc2B, rows: bi * ni,
                           inFeatures: d, outFeatures: d)
        }
        Embedding.forward(x: ws.x, tokens: batch.tokens, imageRows: batch.imageRows,
                          image: bi > 0 ? UnsafePointer(ws.imageEmb) : nil,
                          wte: w + wte, wpe: w + wpe, batch: b, tokens: t, width: d)
        if c.imageSummary && bi > 0 {
            ImageSummary.forward(x: ws.x, imageRows: batch.imageRows, image: ws.imageEmb, batch: b, tokens: t, width: d,
                                 imageTokens: ni, pooling: c.summaryPooling)
        }
        lm.forward(x: ws.x, acts: ws.acts, params: w, batch: b, tokens: t)
        let out = c.layers > 0 ? UnsafePointer(ws.acts[c.layers - 1].res2) : UnsafePointer(ws.x)
        LayerNorm.forward(out: ws.lnf, mean: ws.lnfMean, rstd: ws.lnfRstd, inp: out, weight: w + lnfW, bias: w + lnfB,
                          rows: b * t, width: d)
        TiedHead.forward(logits: ws.logits, gathered: ws.gathered, hidden: ws.lnf, rows: rows,
                         rowCount: rows.count, wte: w + wte, vocab: c.vocabularySize, width: d)
    }

    /// Backpropagates `ws.dlogits` [rows.count, V] through the last forward,
    /// accumulating into `grads` only for `trainable` parts. Frozen parts still
    /// pass gradients through when a trainable part lies below them (stage 2:
    /// LM frozen, vision trained); nothing below the lowest trainable part runs.
    public func backward(_ batch: Batch, rows: [Int32], workspace ws: Workspace, trainable: Set<Part>) {
        if trainable.isEmpty { return }
        let c = config, w = params.base, g = grads.base
        let b = batch.size, t = batch.length, d = c.width, n = b * t
        let bi = batch.imageCount, np = c.patchCount, ni = c.imageTokens, dv = c.visionWidth
        let lmG: FloatPtr? = trainable.contains(.lm) ? g : nil
        let needImage = bi > 0 && (trainable.contains(.projector) || trainable.contains(.vision))
        if lmG == nil && !needImage { return }

        ws.dlnf.update(repeating: 0, count: n * d)
        TiedHead.backward(dhidden: ws.dlnf, dwte: lmG.map { $0 + wte }, scratch: ws.headScratch, dlogits: ws.dlogits,
                          gathered: ws.gathered, rows: rows, rowCount: rows.count,
                          wte: w + wte, vocab: c.vocabularySize, width: d)
        let out = c.layers > 0 ? UnsafePointer(ws.acts[c.layers - 1].res2) : UnsafePointer(ws.x)
        ws.dstack.update(repeating: 0, count: n * d)
        LayerNorm.backward(dinp: ws.dstack, dweight: lmG.map { $0 + lnfW }, dbias: lmG.map { $0 + lnfB }, dout: ws.dlnf,
                           inp: out, weight: w + lnfW, mean: ws.lnfMean, rstd: ws.lnfRstd, rows: n, width: d)
        let dx = lm.backward(dout: ws.dstack, x: ws.x, acts: ws.acts, scratch: ws.scratch, params: w, grads: lmG,
                             batch: b, tokens: t)
        if needImage { ws.dImageEmb.update(repeating: 0, count: bi * ni * d) }
        Embedding.backward(dwte: lmG.map { $0 + wte }, dwpe: lmG.map { $0 + wpe },
                           dimage: needImage ? ws.dImageEmb : nil, dx: dx,
                           tokens: batch.tokens, imageRows: batch.imageRows, batch: b, tokens: t, width: d)
        guard needImage else { return }
        if c.imageSummary {
            ImageSummary.backward(dimage: ws.dImageEmb, dx: dx, imageRows: batch.imageRows, image: ws.imageEmb,
                                  batch: b, tokens: t, width: d, imageTokens: ni, pooling: c.summaryPooling)
        }

        let projG: FloatPtr? = trainable.contains(.projector) ? g : nil
        let visG: FloatPtr? = trainable.contains(.vision) ? g : nil
        let needVision = visG != nil
        Linear.backward(dinp: ws.dProjG, dweight: projG.map { $0 + fc2W }, dbias: projG.map { $0 + fc2B },
                        dout: ws.dImageEmb, inp: ws.projG, weight: w + fc2W, rows: bi * ni, inFeatures: d, outFeatures: d)
        GELU.backward(dinp: ws.dProjG, inp: ws.projH, out: ws.projG, dout: ws.dProjG, count: bi * ni * d)
        let projIn = c.pixelShuffle ? UnsafePointer(ws.shuffled) : UnsafePointer(ws.vln)
        let dProjIn = c.pixelShuffle ? ws.dShuffled : ws.dvln
        Linear.backward(dinp: needVision ? dProjIn : nil, dweight: projG.map { $0 + fc1W }, dbias: projG.map { $0 + fc1B },
                        dout: ws.dProjG, inp: projIn, weight: w + fc1W, rows: bi * ni,
                        inFeatures: c.projectorInput, outFeatures: d)
        guard let visG else { return }
        if c.pixelShuffle {
            PixelShuffle.backward(dinp: ws.dvln, dout: ws.dShuffled, images: bi, grid: c.gridSize, width: dv)
        }
        let vout = c.visionLayers > 0 ? UnsafePointer(ws.vActs[c.visionLayers - 1].res2) : UnsafePointer(ws.vx)
        ws.dvstack.update(repeating: 0, count: bi * np * dv)
        LayerNorm.backward(dinp: ws.dvstack, dweight: visG + vlnW, dbias: visG + vlnB, dout: ws.dvln, inp: vout,
                           weight: w + vlnW, mean: ws.vlnMean, rstd: ws.vlnRstd, rows: bi * np, width: dv)
        let dvx = vision.backward(dout: ws.dvstack, x: ws.vx, acts: ws.vActs, scratch: ws.vScratch, params: w, grads: visG,
                                  batch: bi, tokens: np)
        PatchEmbed.backward(dpatches: c.stemLayers.isEmpty ? nil : ws.dpatches, dweight: visG + patchW, dbias: visG + patchB,
                            dpos: visG + vpos, dout: dvx, patches: ws.patches,
                            weight: w + patchW, images: bi, patchCount: np, patchPixels: c.patchInputs, width: dv)
        guard !c.stemLayers.isEmpty else { return }
        // Back through the stem: the map gradient lives in dStemAct, each layer's GELU then convolution.
        PatchEmbed.unpatchify(maps: ws.dStemAct, patches: ws.dpatches, count: bi, imageSize: c.featureSide,
                              patchSize: c.featurePatch, channels: c.featureChannels)
        for (i, s) in c.stemLayers.enumerated().reversed() {
            GELU.backward(dinp: ws.dStemPre, inp: ws.stemPre[i], out: ws.stemAct[i], dout: ws.dStemAct, count: bi * s.outSide * s.outSide * s.outChannels)
            Conv3x3.backward(dinp: i > 0 ? ws.dStemAct : nil, dcols: ws.dStemCols, dweight: visG + stemW[i],
                             dbias: visG + stemB[i], dout: ws.dStemPre, cols: ws.stemCols[i], weight: w + stemW[i],
                             batch: bi, side: s.side, channels: s.channels, outChannels: s.outChannels, stride: s.stride)
        }
    }
}
