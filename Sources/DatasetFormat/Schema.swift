/// The documented record schemas (docs/DATA_FORMAT.md) as data, so `mathgen verify`
/// and the tests check files against one definition.
public enum Schema {
    public enum Kind: Sendable, Equatable {
        case string, number, integer, bool, object, array
        /// A string or null (image paths of text-only members).
        case optionalString
        case optionalNumber
        case optionalArray
        case optionalInteger
    }

    public static let answer = keys(AnswerRecord.schema)

    /// Required keys of each JSONL file, in the order they are written.
    public static let files: [String: [(String, Kind)]] = [
        OutputFile.problems: keys(ProblemRecord.schema),
        OutputFile.pairs: keys(PairRecord.schema),
        OutputFile.stage1: keys(Stage1Record.schema),
        OutputFile.instruct: keys(InstructRecord.schema),
        OutputFile.captions: keys(CaptionRecord.schema),
        OutputFile.eval: keys(EvalRecord.schema),
    ]

    public static let manifest: [(String, Kind)] = [
        ("format_version", .integer), ("generator", .string), ("seed", .string), ("arguments", .object),
        ("files", .object), ("counts", .object), ("rejected", .object), ("audit", .object), ("stats", .object),
        ("levels", .array),
    ]

    /// Keys a record of a file carries only sometimes (decoy images, `--decoy-rate`).
    public static let optionalKeys: [String: [(String, Kind)]] = [
        OutputFile.captions: keys(CaptionRecord.optionalSchema),
        OutputFile.problems: keys(ProblemRecord.optionalSchema),
    ]

    static func keys<K: CodingKey>(_ schema: [(K, Kind)]) -> [(String, Kind)] { schema.map { ($0.0.stringValue, $0.1) } }

    /// Problems with `object` against `keys` (and the keys it may carry,
    /// `optional`): missing keys, wrong types and unknown keys.
    public static func check(_ object: JSONValue, _ keys: [(String, Kind)], optional: [(String, Kind)] = [],
                             allowExtra: Bool = false) -> [String] {
        guard let pairs = object.objectValue else { return ["not a JSON object"] }
        var problems: [String] = []
        for (key, kind) in keys {
            guard let value = object[key] else { problems.append("missing key \"\(key)\""); continue }
            if !matches(value, kind) { problems.append("key \"\(key)\" is not \(kind)") }
        }
        for (key, kind) in optional {
            if let value = object[key], !matches(value, kind) { problems.append("key \"\(key)\" is not \(kind)") }
        }
        if !allowExtra {
            let known = Set((keys + optional).map(\.0))
            for (key, _) in pairs where !known.contains(key) { problems.append("unknown key \"\(key)\"") }
        }
        return problems
    }

    static func matches(_ v: JSONValue, _ kind: Kind) -> Bool {
        switch (kind, v) {
        case (.string, .string), (.object, .object), (.array, .array), (.bool, .bool): return true
        case (.number, .int), (.number, .double), (.integer, .int): return true
        case (.optionalString, .null), (.optionalNumber, .null), (.optionalArray, .null), (.optionalInteger, .null): return true
        case (.optionalString, .string), (.optionalArray, .array), (.optionalInteger, .int): return true
        case (.optionalNumber, .int), (.optionalNumber, .double): return true
        default: return false
        }
    }
}
