import Foundation

/// Any-key coding key, used to list the keys actually present.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Throws `DecodingError.dataCorrupted` naming the first key not in `known`
/// (nanoGPT's configurator refuses unknown overrides for the same reason: a
/// typo must not silently fall back to a default).
func rejectUnknownKeys(_ decoder: Decoder, known: [String]) throws {
    let c = try decoder.container(keyedBy: AnyCodingKey.self)
    let knownSet = Set(known)
    for key in c.allKeys where !knownSet.contains(key.stringValue) {
        throw DecodingError.dataCorrupted(.init(
            codingPath: decoder.codingPath + [key],
            debugDescription: "unknown key \"\(key.stringValue)\"; known keys: \(known.joined(separator: ", "))"))
    }
}

/// Human-readable form of a decoding error: the key path and what is wrong.
func describe(_ error: Error) -> String {
    guard let e = error as? DecodingError else { return "\(error)" }
    func path(_ p: [CodingKey]) -> String {
        p.isEmpty ? "top level" : p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch e {
    case let .typeMismatch(t, ctx): return "\(path(ctx.codingPath)): expected \(t)"
    case let .valueNotFound(t, ctx): return "\(path(ctx.codingPath)): expected \(t), found null"
    case let .keyNotFound(k, ctx): return "\(path(ctx.codingPath + [k])): missing key \"\(k.stringValue)\""
    case let .dataCorrupted(ctx):
        return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
    @unknown default: return "\(e)"
    }
}
