/// Byte-level tokenizer: ids 0-255 are UTF-8 bytes, then four specials.
/// No merges, so any string round-trips and the vocabulary never depends on
/// the data (which keeps checkpoints comparable across datasets).
public struct ByteTokenizer: Sendable, Equatable {
    public static let pad: Int32 = 256
    public static let bos: Int32 = 257
    public static let eos: Int32 = 258
    /// Placeholder id for positions filled by image embeddings; its embedding row is never read.
    public static let image: Int32 = 259
    public static let vocabularySize = 260

    public init() {}

    public func encode(_ text: String) -> [Int32] {
        text.utf8.map { Int32($0) }
    }

    /// Decodes byte ids, stopping at eos and skipping other specials; invalid
    /// UTF-8 (a model can emit any byte sequence) is repaired with U+FFFD.
    public func decode(_ ids: [Int32]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count)
        for id in ids {
            if id == Self.eos { break }
            if id >= 0 && id < 256 { bytes.append(UInt8(id)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
