/// The three trainable groups of the MLLM. Stage 2 of Math-PUMA trains
/// vision + projector only, stage 1 the LM only, stage 3 everything.
public enum Part: String, CaseIterable, Codable, Sendable {
    case vision, projector, lm
}

/// One named tensor inside the parameter arena.
public struct ParameterSpec: Equatable, Sendable {
    public var name: String
    public var shape: [Int]
    public var offset: Int
    public var part: Part
    /// AdamW weight decay applies to matrices and embeddings (rank >= 2),
    /// not to biases and LayerNorm gains (nanoGPT's grouping).
    public var decays: Bool { shape.count >= 2 }
    public var count: Int { shape.reduce(1, *) }
}

/// Name, shape and arena offset of every parameter, in arena order. Parts are
/// contiguous (vision, then projector, then lm) so a trainable mask is a range.
public struct ParameterLayout: Sendable {
    public private(set) var specs: [ParameterSpec] = []
    public private(set) var count = 0
    public private(set) var partRanges: [Part: Range<Int>] = [:]

    init() {}

    /// Appends a tensor and returns its offset.
    mutating func add(_ name: String, _ shape: [Int], part: Part) -> Int {
        let offset = count
        let spec = ParameterSpec(name: name, shape: shape, offset: offset, part: part)
        specs.append(spec)
        count += spec.count
        let lo = partRanges[part]?.lowerBound ?? offset
        partRanges[part] = lo..<count
        return offset
    }

    public func range(of part: Part) -> Range<Int> { partRanges[part] ?? count..<count }
    public func count(of part: Part) -> Int { range(of: part).count }
    public func spec(named name: String) -> ParameterSpec? { specs.first { $0.name == name } }
}
