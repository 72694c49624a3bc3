import DatasetFormat
import Foundation

/// Shape of the tiny MLLM. Defaults are the reference shape of
/// `anchors/torch_tiny_mllm.py` (ViT 2x192 on 96x96 gray, patch 8; LM 4x256,
/// 4 heads; byte vocabulary). Unknown keys in JSON are errors.
public struct ModelConfig: Codable, Equatable, Sendable {
    /// Side R of the square grayscale input, in pixels.
    public var imageSize = 96
    /// Side P of a square patch; R must be a multiple of P.
    public var patchSize = 8
    public var visionWidth = 192
    public var visionLayers = 2
    public var visionHeads = 4
    /// Merge each 2x2 block of vision tokens into one token of 4x the width
    /// before the projector (InternVL/Idefics3 style): 4x fewer image tokens.
    public var pixelShuffle = false
    /// LM width D (also the projector's output width).
    public var width = 256
    public var layers = 4
    public var heads = 4
    /// Rows of the LM's learned position table: the longest sequence
    /// (bos + image tokens + instruction + answer + eos) the model accepts.
    public var maxPositions = 512
    /// Channels of an optional convolutional stem: each entry one 3x3, stride-2
    /// convolution + GELU, run before the patch embedding, which then cuts the
    /// stem's output map into patches of patchSize / 2^stem.count. Empty: the
    /// plain ViT (patches of raw pixels).
    public var stem: [Int] = []
    /// Channels of a stride-1 3x3 convolution + GELU in front of the stem
    /// (0: none): it sees strokes at full resolution before the first
    /// downsampling, which made digits on blank cards learnable sooner in a
    /// trial (docs/EXPERIMENT.md).
    public var stemLead = 0
    /// Add the mean of a sample's image tokens to each of its text embeddings:
    /// a short gradient path from every answer byte to the vision encoder,
    /// which a from-scratch model needs before its attention can find the
    /// image tokens (docs/EXPERIMENT.md).
    public var imageSummary = false
    /// The summary's pooling over the image tokens: mean or per-channel max.
    public var summaryPooling: SummaryPooling = .mean
    /// Pixels (ink in [0, 1]) are multiplied by this before the encoder: ink
    /// covers about 1% of a figure, so at 1 the strokes are a small signal
    /// beside the position embeddings at initialization.
    public var pixelScale = 1.0

    public init() {}

    public init(imageSize: Int, patchSize: Int, visionWidth: Int, visionLayers: Int,
                visionHeads: Int, pixelShuffle: Bool, width: Int, layers: Int,
                heads: Int, maxPositions: Int) {
        self.imageSize = imageSize
        self.patchSize = patchSize
        self.visionWidth = visionWidth
        self.visionLayers = visionLayers
        self.visionHeads = visionHeads
        self.pixelShuffle = pixelShuffle
        self.width = width
        self.layers = layers
        self.heads = heads
        self.maxPositions = maxPositions
    }

    public var vocabularySize: Int { ByteTokenizer.vocabularySize }
    /// One stem convolution's shape: its input map (side, channels) and output map.
    public struct StemLayer: Equatable, Sendable {
        public var side: Int, channels: Int, outSide: Int, outChannels: Int, stride: Int
    }

    /// The stem's layers in order (the stride-1 lead, then the stride-2
    /// ones), each reading the previous one's output (the first, the image).
    public var stemLayers: [StemLayer] {
        var side = imageSize, channels = 1
        let convs = (stemLead > 0 ? [(stemLead, 1)] : []) + stem.map { ($0, 2) }
        return convs.map { oc, stride in
            let layer = StemLayer(side: side, channels: channels, outSide: Conv3x3.outputSide(side, stride: stride),
                                  outChannels: oc, stride: stride)
            side = layer.outSide; channels = oc
            return layer
        }
    }

    /// Side and channels of the map the patch embedding cuts: the image, or the stem's output.
    public var featureSide: Int { stemLayers.last?.outSide ?? imageSize }
    public var featureChannels: Int { stemLayers.last?.outChannels ?? 1 }
    /// Patch side on that map, and the inputs of one patch embedding.
    public var featurePatch: Int { patchSize >> stem.count }
    public var patchInputs: Int { featurePatch * featurePatch * featureChannels }
    /// Patches per side, G = R / P.
    public var gridSize: Int { imageSize / patchSize }
    public var patchCount: Int { gridSize * gridSize }
    /// Image tokens the LM sees per image.
    public var imageTokens: Int { pixelShuffle ? patchCount / 4 : patchCount }
    /// Width of a vision token entering the projector.
    public var projectorInput: Int { pixelShuffle ? 4 * visionWidth : visionWidth }

    public func validate(path: String? = nil) throws {
        func fail(_ s: String) -> TrainerError { .invalidConfig(path: path, reason: s) }
        let positive: [(String, Int)] = [
            ("imageSize", imageSize), ("patchSize", patchSize), ("visionWidth", visionWidth),
            ("visionHeads", visionHeads), ("width", width), ("heads", heads),
            ("maxPositions", maxPositions),
        ]
        for (k, v) in positive where v <= 0 { throw fail("\(k) must be positive, got \(v)") }
        if visionLayers < 0 { throw fail("visionLayers must be >= 0, got \(visionLayers)") }
        if layers < 0 { throw fail("layers must be >= 0, got \(layers)") }
        if imageSize % patchSize != 0 {
            throw fail("imageSize \(imageSize) is not a multiple of patchSize \(patchSize)")
        }
        if visionWidth % visionHeads != 0 {
            throw fail("visionWidth \(visionWidth) is not divisible by visionHeads \(visionHeads)")
        }
        if width % heads != 0 { throw fail("width \(width) is not divisible by heads \(heads)") }
        if pixelShuffle && gridSize % 2 != 0 {
            throw fail("pixelShuffle needs an even patch grid, got \(gridSize)x\(gridSize)")
        }
        if let bad = stem.first(where: { $0 <= 0 }) { throw fail("stem channels must be positive, got \(bad)") }
        if stemLead < 0 { throw fail("stemLead must be >= 0 (0: none), got \(stemLead)") }
        if stem.count > 0 && patchSize % (1 << stem.count) != 0 {
            throw fail("a stem of \(stem.count) stride-2 convolutions needs patchSize divisible by \(1 << stem.count), got \(patchSize)")
        }
        if !(pixelScale > 0 && pixelScale.isFinite) { throw fail("pixelScale must be positive, got \(pixelScale)") }
        if maxPositions < imageTokens + 3 {
            throw fail("maxPositions \(maxPositions) cannot hold bos + \(imageTokens) image tokens + eos")
        }
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case imageSize, patchSize, visionWidth, visionLayers, visionHeads, pixelShuffle
        case width, layers, heads, maxPositions, stem, stemLead, imageSummary, summaryPooling, pixelScale
    }

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ModelConfig()
        imageSize = try c.decodeIfPresent(Int.self, forKey: .imageSize) ?? d.imageSize
        patchSize = try c.decodeIfPresent(Int.self, forKey: .patchSize) ?? d.patchSize
        visionWidth = try c.decodeIfPresent(Int.self, forKey: .visionWidth) ?? d.visionWidth
        visionLayers = try c.decodeIfPresent(Int.self, forKey: .visionLayers) ?? d.visionLayers
        visionHeads = try c.decodeIfPresent(Int.self, forKey: .visionHeads) ?? d.visionHeads
        pixelShuffle = try c.decodeIfPresent(Bool.self, forKey: .pixelShuffle) ?? d.pixelShuffle
        width = try c.decodeIfPresent(Int.self, forKey: .width) ?? d.width
        layers = try c.decodeIfPresent(Int.self, forKey: .layers) ?? d.layers
        heads = try c.decodeIfPresent(Int.self, forKey: .heads) ?? d.heads
        maxPositions = try c.decodeIfPresent(Int.self, forKey: .maxPositions) ?? d.maxPositions
        stem = try c.decodeIfPresent([Int].self, forKey: .stem) ?? d.stem
        stemLead = try c.decodeIfPresent(Int.self, forKey: .stemLead) ?? d.stemLead
        imageSummary = try c.decodeIfPresent(Bool.self, forKey: .imageSummary) ?? d.imageSummary
        summaryPooling = try c.decodeIfPresent(SummaryPooling.self, forKey: .summaryPooling) ?? d.summaryPooling
        pixelScale = try c.decodeIfPresent(Double.self, forKey: .pixelScale) ?? d.pixelScale
    }
}
