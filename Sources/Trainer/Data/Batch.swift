/// One training or evaluation sample before tokenization.
public struct Example: Sendable, Equatable {
    /// Grayscale pixels, imageSize x imageSize, or nil for a text-only sample.
    public var image: [Float]?
    public var instruction: String
    public var answer: String
    /// Where the sample came from (file:line), for error messages.
    public var source: String

    public init(image: [Float]?, instruction: String, answer: String, source: String = "") {
        self.image = image
        self.instruction = instruction
        self.answer = answer
        self.source = source
    }
}

/// A model-ready batch: right-padded token ids, the image slot of every
/// position, the pixels, and the rows (flattened b*T + t) whose next token is
/// supervised. Sequence per sample: bos, image tokens (if any), instruction
/// bytes, answer bytes, eos. Only answer bytes and eos are targets, which is
/// the official collator's -100 masking.
public struct Batch: Sendable {
    public var size: Int
    public var length: Int
    public var tokens: [Int32]
    /// Row of the projector output feeding each position, or -1.
    public var imageRows: [Int32]
    public var images: [Float]
    public var imageCount: Int
    /// Positions (b*T + t) whose logits predict an answer token or eos, by sample then position.
    public var lossRows: [Int32]
    /// The token each loss row must predict.
    public var lossTargets: [Int32]
    /// Number of loss rows of each sample.
    public var lossRowsPerSample: [Int]

    /// Tokenizes and pads. Throws if a sample exceeds the position table or an image has the wrong size.
    public init(examples: [Example], config: ModelConfig, tokenizer: ByteTokenizer = ByteTokenizer()) throws {
        let r2 = config.imageSize * config.imageSize
        var seqs: [[Int32]] = []
        var answerStart: [Int] = []
        for e in examples {
            var s: [Int32] = [ByteTokenizer.bos]
            if let img = e.image {
                guard img.count == r2 else {
                    throw TrainerError.invalidConfig(path: e.source.isEmpty ? nil : e.source,
                        reason: "image has \(img.count) pixels, model expects \(config.imageSize)x\(config.imageSize)")
                }
                s += [Int32](repeating: ByteTokenizer.image, count: config.imageTokens)
            }
            s += tokenizer.encode(e.instruction)
            answerStart.append(s.count)
            s += tokenizer.encode(e.answer)
            s.append(ByteTokenizer.eos)
            guard s.count <= config.maxPositions else {
                throw TrainerError.sequenceTooLong(length: s.count, limit: config.maxPositions,
                                                   context: e.source.isEmpty ? "sample" : e.source)
            }
            seqs.append(s)
        }
        size = examples.count
        length = seqs.map(\.count).max() ?? 1
        tokens = [Int32](repeating: ByteTokenizer.pad, count: size * length)
        imageRows = [Int32](repeating: -1, count: size * length)
        images = []
        imageCount = 0
        lossRows = []
        lossTargets = []
        lossRowsPerSample = []
        for (b, s) in seqs.enumerated() {
            let base = b * length
            for (t, id) in s.enumerated() { tokens[base + t] = id }
            if let img = examples[b].image {
                for j in 0..<config.imageTokens {
                    imageRows[base + 1 + j] = Int32(imageCount * config.imageTokens + j)
                }
                images += img
                imageCount += 1
            }
            // Position t predicts token t+1: supervised when t+1 is an answer byte or eos.
            let first = answerStart[b] - 1
            for t in first..<(s.count - 1) {
                lossRows.append(Int32(base + t))
                lossTargets.append(s[t + 1])
            }
            lossRowsPerSample.append(s.count - 1 - first)
        }
    }
}
