/// One training or evaluation sample before tokenization.
public struct Example: Sendable, Equatable {
    /// Model input pixels, imageSize x imageSize, when loaded up front.
    public var image: [Float]?
    /// A PNG decoded when the sample is batched (`image` nil): training sets
    /// of any size then cost no memory per image.
    public var imageFile: String?
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

    public init(imageFile: String?, instruction: String, answer: String, source: String = "") {
        self.imageFile = imageFile
        self.instruction = instruction
        self.answer = answer
        self.source = source
    }

    /// False for a text-only sample.
    public var hasImage: Bool { image != nil || imageFile != nil }

    /// The model input at `size` (decoding `imageFile` if that is where it is), or nil when text-only.
    public func pixels(size: Int) throws -> [Float]? {
        if let image { return image }
        guard let imageFile else { return nil }
        return try ImageLoader.modelInput(path: imageFile, size: size)
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
    /// Unpadded length of each sample.
    public var sampleLengths: [Int]

    /// Tokenizes and pads. Throws if a sample exceeds the position table or an image has the wrong size.
    public init(examples: [Example], config: ModelConfig, tokenizer: ByteTokenizer = ByteTokenizer()) throws {
        try self.init(examples: examples, config: config, tokenizer: tokenizer, extra: nil)
    }

    /// With `extra`, sample b ends with `extra[b]` instead of answer + eos and
    /// has no loss rows (decoding).
    init(examples: [Example], config: ModelConfig, tokenizer: ByteTokenizer, extra: [[Int32]]?) throws {
        let r2 = config.imageSize * config.imageSize
        var seqs: [[Int32]] = []
        var answerStart: [Int] = []
        let pixels = try Self.pixels(of: examples, size: config.imageSize)
        for (e, img) in zip(examples, pixels) {
            var s: [Int32] = [ByteTokenizer.bos]
            if let img {
                guard img.count == r2 else {
                    throw TrainerError.invalidConfig(path: e.source.isEmpty ? nil : e.source,
                        reason: "image has \(img.count) pixels, model expects \(config.imageSize)x\(config.imageSize)")
                }
                s += [Int32](repeating: ByteTokenizer.image, count: config.imageTokens)
            }
            s += tokenizer.encode(e.instruction)
            answerStart.append(s.count)
            if let extra {
                s += extra[seqs.count]
            } else {
                s += tokenizer.encode(e.answer)
                s.append(ByteTokenizer.eos)
            }
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
        sampleLengths = seqs.map(\.count)
        for (b, s) in seqs.enumerated() {
            let base = b * length
            for (t, id) in s.enumerated() { tokens[base + t] = id }
            if let img = pixels[b] {
                for j in 0..<config.imageTokens {
                    imageRows[base + 1 + j] = Int32(imageCount * config.imageTokens + j)
                }
                images += img
                imageCount += 1
            }
            if extra != nil { lossRowsPerSample.append(0); continue }
            // Position t predicts token t+1: supervised when t+1 is an answer byte or eos.
            let first = answerStart[b] - 1
            for t in first..<(s.count - 1) {
                lossRows.append(Int32(base + t))
                lossTargets.append(s[t + 1])
            }
            lossRowsPerSample.append(s.count - 1 - first)
        }
    }

    /// Every sample's model input (nil when text-only), files decoded on the
    /// trainer's workers; the first failure in sample order is thrown.
    static func pixels(of examples: [Example], size: Int) throws -> [[Float]?] {
        var out = [[Float]?](repeating: nil, count: examples.count)
        var errors = [(any Error)?](repeating: nil, count: examples.count)
        let files = examples.reduce(0) { $0 + ($1.image == nil && $1.imageFile != nil ? 1 : 0) }
        out.withUnsafeMutableBufferPointer { o in
            errors.withUnsafeMutableBufferPointer { e in
                Parallel.ranges(examples.count, workers: files > 1 ? ComputeThreads.count : 1) { _, range in
                    for i in range {
                        do { o[i] = try examples[i].pixels(size: size) } catch { e[i] = error }
                    }
                }
            }
        }
        if let error = errors.lazy.compactMap({ $0 }).first { throw error }
        return out
    }

    /// Non-pad positions (image tokens included): the work a step does, for throughput.
    public var tokenCount: Int { tokens.reduce(0) { $0 + ($1 == ByteTokenizer.pad ? 0 : 1) } }

    /// A decoding batch: per sample bos, image tokens, instruction bytes, then
    /// the tokens generated so far; no loss rows. `lastRows` are the positions
    /// whose logits predict each sample's next token.
    public init(prompts: [Example], generated: [[Int32]], config: ModelConfig,
                tokenizer: ByteTokenizer = ByteTokenizer()) throws {
        precondition(prompts.count == generated.count, "one generated prefix per prompt")
        var examples = prompts
        for i in examples.indices { examples[i].answer = "" }
        self = try Batch(examples: examples, config: config, tokenizer: tokenizer, extra: generated)
    }

    /// Row (b*T + t) of the last real token of every sample.
    public var lastRows: [Int32] {
        (0..<size).map { Int32($0 * length + sampleLengths[$0] - 1) }
    }
}
