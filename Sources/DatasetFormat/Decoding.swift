import Foundation

/// Throws `DecodingError.dataCorrupted` naming the first key not in `known`
/// (nanoGPT's configurator refuses unknown overrides for the same reason: a
/// typo must not silently fall back to a default).
public func rejectUnknownKeys(_ decoder: Decoder, known: [String]) throws {
    let c = try decoder.container(keyedBy: JSONCodingKey.self)
    let knownSet = Set(known)
    for key in c.allKeys where !knownSet.contains(key.stringValue) {
        throw DecodingError.dataCorrupted(.init(
            codingPath: decoder.codingPath + [key],
            debugDescription: "unknown key \"\(key.stringValue)\"; known keys: \(known.joined(separator: ", "))"))
    }
}

/// Human-readable form of a decoding error: the key path and what is wrong.
public func describe(_ error: Error) -> String {
    guard let e = error as? DecodingError else { return "\(error)" }
    func names(_ p: [CodingKey]) -> String { p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
    func path(_ p: [CodingKey]) -> String { p.isEmpty ? "top level" : "key \"\(names(p))\"" }
    switch e {
    case let .typeMismatch(t, ctx):
        return "\(path(ctx.codingPath)): " + (ctx.debugDescription.hasPrefix("expected") ? ctx.debugDescription : "expected \(t)")
    case let .valueNotFound(t, ctx): return "\(path(ctx.codingPath)): expected \(t), found null"
    case let .keyNotFound(k, ctx):
        return "missing key \"\(k.stringValue)\"" + (ctx.codingPath.isEmpty ? "" : " under \"\(names(ctx.codingPath))\"")
    case let .dataCorrupted(ctx):
        return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
    @unknown default: return "\(e)"
    }
}

/// A file that cannot be read, or a line or file that is not the record it should be.
public struct RecordError: Error, Sendable {
    public var path: String
    /// 1-based line; nil for a whole-file problem (unreadable, or a JSON file that is not valid).
    public var line: Int?
    public var reason: String
}

/// Reads the dataset's files through the one JSON stack.
public enum RecordFile {
    /// Decodes the non-blank lines of a JSONL file, the first `limit` of them, with their 1-based line numbers.
    public static func lines<T: Decodable>(_ type: T.Type, path: String, limit: Int = .max) throws(RecordError)
        -> [(line: Int, record: T)] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RecordError(path: path, line: nil, reason: error.localizedDescription)
        }
        let decoder = JSONValueDecoder()
        var out: [(line: Int, record: T)] = []
        var lineNo = 0
        for lineBytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if out.count >= limit { break }
            lineNo += 1
            if lineBytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let value: JSONValue
            do { value = try JSONParser.parse(Array(lineBytes)) } catch {
                throw RecordError(path: path, line: lineNo, reason: "not valid JSON")
            }
            do { out.append((lineNo, try decoder.decode(T.self, from: value))) } catch {
                throw RecordError(path: path, line: lineNo, reason: describe(error))
            }
        }
        return out
    }

    /// Decodes a whole JSON file (a manifest, a config, a checkpoint's metadata).
    public static func object<T: Decodable>(_ type: T.Type, path: String) throws(RecordError) -> T {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RecordError(path: path, line: nil, reason: error.localizedDescription)
        }
        return try object(type, data: data, path: path)
    }

    /// Decodes JSON bytes read from `path` (named in the error).
    public static func object<T: Decodable>(_ type: T.Type, data: Data, path: String) throws(RecordError) -> T {
        let value: JSONValue
        do { value = try JSONParser.parse(Array(data)) } catch {
            throw RecordError(path: path, line: nil, reason: "not valid JSON (\(error))")
        }
        do { return try JSONValueDecoder().decode(T.self, from: value) } catch {
            throw RecordError(path: path, line: nil, reason: describe(error))
        }
    }

    /// `value` as indented JSON with its keys sorted (a config, a report): the same bytes
    /// every run, dictionaries included.
    public static func pretty<T: Encodable>(_ value: T, path: String) throws(RecordError) -> Data {
        do { return Data(try value.jsonValue(sortedKeys: true).pretty().utf8) } catch {
            throw RecordError(path: path, line: nil, reason: "cannot encode: \(error)")
        }
    }
}
