import Geometry

/// The JSON records of the output contract (docs/DATA_FORMAT.md), with a fixed key order.
enum Records {
    static func answer(_ a: Answer) -> JSONValue {
        var o: [(String, JSONValue)] = [
            ("type", .string(a.choices == nil ? a.type.rawValue : AnswerType.choice.rawValue)),
            ("value_type", .string(a.type.rawValue)),
            ("text", .string(a.text)),
            ("value", a.value.map { .double($0) } ?? .null),
            ("tolerance", .double(a.tolerance)),
            ("unit", a.unit.map { .string($0) } ?? .null),
        ]
        if let choices = a.choices, let letter = a.correctLetter {
            o.append(("choices", .array(choices.map { .string($0) })))
            o.append(("correct", .string(letter)))
        } else {
            o.append(("choices", .null))
            o.append(("correct", .null))
        }
        return .object(o)
    }

    static func image(_ path: String?) -> JSONValue { path.map { .string($0) } ?? .null }

    static func ratio(_ r: Double) -> JSONValue { .double((r * 10_000).rounded() / 10_000) }
}

/// A stable 64-bit FNV-1a hash, used for problem identity (split disjointness).
func fnv1a(_ s: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in s.utf8 {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01B3
    }
    return h
}

extension Problem {
    /// What makes two problems the same problem: family, givens and target, not
    /// labels or layout. Eval problems and training problems never share it.
    var identity: UInt64 {
        let key = family + "|" + (spec["givens"]?.serialized() ?? "") + "|" + (spec["target"]?.serialized() ?? "")
        return fnv1a(key)
    }
}
