import Trainer
/// Floating-point work of one training step, counted the way PyTorch's
/// `torch.utils.flop_counter` counts the anchor (`torch_tiny_mllm.py`), so
/// GFLOP/s here and there measure the same work:
///
/// - every matrix product 2*m*n*k; a Linear's backward twice its forward
///   (input and weight gradients), the patch embedding's once (pixels need
///   no gradient);
/// - attention as full T x T products whether causal or not: 2 in forward,
///   5 in backward (scores recomputed, as SDPA's counter assumes);
/// - the tied head at every position (the anchor slices after the product);
/// - elementwise work (LayerNorm, GELU, softmax, the optimizer) not counted.
///
/// On the reference shape this gives 72.6 GFLOP per SFT step and 96.2 per
/// alignment step, the anchor's own figures. This implementation does less
/// (head only at supervised rows, causal attention skips the upper blocks),
/// so its GFLOP/s is "anchor-equivalent": tokens/s times a constant.
public struct ModelFLOPs: Sendable, Equatable {
    /// One forward pass (with or without gradient).
    public var forward: Double
    /// One backward pass through every part.
    public var backward: Double

    public init(config c: ModelConfig, batch b: Int, textTokens: Int) {
        let bd = Double(b)
        let pp = Double(c.patchInputs), dv = Double(c.visionWidth), d = Double(c.width)
        let np = Double(c.patchCount), ni = Double(c.imageTokens), v = Double(c.vocabularySize)
        let t = ni + Double(textTokens)
        let nv = bd * np, n = bd * t
        // Linear layers: forward 2*rows*in*out.
        var linear = 2 * nv * dv * (3 * dv + dv + 4 * dv + 4 * dv) * Double(c.visionLayers)
        linear += 2 * bd * ni * (Double(c.projectorInput) * d + d * d)
        linear += 2 * n * d * (3 * d + d + 4 * d + 4 * d) * Double(c.layers)
        linear += 2 * n * d * v                                   // tied head
        var patch = 2 * nv * pp * dv
        for s in c.stemLayers {  // conv stem: 2 * outputs * 9 * C_in * C_out
            patch += 2 * bd * Double(s.outSide * s.outSide * 9 * s.channels * s.outChannels)
        }
        // Attention: one T x T x D product is 2*B*T^2*D over all heads.
        let attOne = 2 * bd * np * np * dv * Double(c.visionLayers) + 2 * bd * t * t * d * Double(c.layers)
        forward = linear + patch + 2 * attOne
        backward = 2 * linear + patch + 5 * attOne
    }

    /// Forward + backward.
    public var sftStep: Double { forward + backward }
    /// Reference forward without gradient + vision member forward + backward.
    public var alignmentStep: Double { 2 * forward + backward }
}
