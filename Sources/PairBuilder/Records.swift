import DatasetFormat
import Geometry

/// The writer's side of the records (DatasetFormat holds the record types).
enum Records {
    static func answer(_ a: Answer) -> AnswerRecord {
        let choice = a.choices != nil && a.correctLetter != nil
        return AnswerRecord(type: a.choices == nil ? a.type.rawValue : AnswerType.choice.rawValue,
                            valueType: a.type.rawValue, text: a.text, value: a.value, tolerance: a.tolerance,
                            unit: a.unit, choices: choice ? a.choices : nil, correct: choice ? a.correctLetter : nil)
    }

    /// Text ratios are written to four decimals.
    static func ratio(_ r: Double) -> Double { (r * 10_000).rounded() / 10_000 }
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
