/// Parameter counts of a model, per part and per tensor, for `puma-train info`.
public struct ModelSummary: Sendable {
    public var config: ModelConfig
    public var total: Int
    public var perPart: [(part: Part, count: Int)]
    public var tensors: [ParameterSpec]

    public init(_ model: Model) {
        config = model.config
        total = model.parameterCount
        perPart = Part.allCases.map { ($0, model.layout.count(of: $0)) }
        tensors = model.layout.specs
    }

    public func text(verbose: Bool = false) -> String {
        let c = config
        var s = "vision: \(c.imageSize)x\(c.imageSize) gray, patch \(c.patchSize), \(c.patchCount) patches, "
        s += "\(c.visionLayers) blocks x \(c.visionWidth) wide, \(c.visionHeads) heads"
        s += c.pixelShuffle ? ", 2x2 pixel shuffle -> \(c.imageTokens) image tokens\n" : " -> \(c.imageTokens) image tokens\n"
        s += "projector: \(c.projectorInput) -> \(c.width) -> \(c.width)\n"
        s += "lm: \(c.layers) blocks x \(c.width) wide, \(c.heads) heads, vocabulary \(c.vocabularySize), \(c.maxPositions) positions\n"
        for (part, n) in perPart { s += "\(part.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))\(n)\n" }
        s += "total     \(total)\n"
        if verbose {
            for t in tensors { s += "  \(t.name)  \(t.shape)  \(t.count)\n" }
        }
        return s
    }
}
