import DatasetFormat
import Foundation

/// What a composed problem asks: an angle, a length, a ratio of two lengths or a
/// triangle's area, named by points, so it can be measured on any realization.
public enum ComposedTarget: Sendable, Equatable {
    case angle(Ang)
    case length(Seg)
    case ratio(Seg, Seg)
    case area([PointName])

    /// The target a value fact states, or nil for a relation.
    init?(_ r: Relation) {
        switch r {
        case let .angleValue(x, _): self = .angle(x)
        case let .lengthValue(s, _): self = .length(s)
        case let .lengthRatio(s, t, _): self = .ratio(s, t)
        case let .areaValue(n, _): self = .area(n)
        default: return nil
        }
    }

    /// The value measured on the coordinates: the independent route to the answer.
    func measure(_ f: Figure) -> Double {
        switch self {
        case let .angle(x): return Measure.angle(f, x)
        case let .length(s): return Measure.length(f, s)
        case let .ratio(s, t): return Measure.length(f, s) / Measure.length(f, t)
        case let .area(n): return n.count == 3 ? PlaneKit.area(n.map { f[$0] }) : .nan
        }
    }

    /// The record's measurable expression: {"angle": "ABC"}, {"length": "AB"},
    /// {"ratio": ["AB", "CD"]} (|AB| / |CD|), {"area": "ABC"} (a triangle).
    var json: JSONValue {
        switch self {
        case let .angle(x): return ["angle": .string(x.a + x.vertex + x.c)]
        case let .length(s): return ["length": .string(s.a + s.b)]
        case let .ratio(s, t): return ["ratio": [.string(s.a + s.b), .string(t.a + t.b)]]
        case let .area(n): return ["area": .string(n.joined())]
        }
    }

    var unit: String? {
        if case .angle = self { return "degree" }
        return nil
    }

    /// Whether two measured values of this target agree.
    func agrees(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .angle: return abs(a - b) <= 1e-6
        default: return abs(a - b) <= 1e-6 * max(1, abs(a), abs(b))
        }
    }
}

/// How composed problems print numbers: integers, short decimals, fractions for
/// ratios and simplified square roots, so every given and every answer is exact.
enum ComposedNumber {
    /// The exact form of `v`, or nil when it has none a textbook would print
    /// (denominators up to 12, radicands up to 2,000).
    static func exact(_ v: Double) -> Exact? {
        guard v.isFinite, v > 0, v < 1e6 else { return nil }
        for den in [1, 2, 3, 4, 5, 6, 8, 9, 10, 12] {
            let n = (v * Double(den)).rounded()
            if abs(v * Double(den) - n) <= 1e-7 * max(1, v * Double(den)) { return Exact(Int(n), den) }
        }
        // v = (p/q)·√r: v² is rational with a small denominator.
        let sq = v * v
        for den in [1, 4, 9, 16, 25, 36, 64, 100, 144] {
            let n = (sq * Double(den)).rounded()
            guard n > 0, abs(sq * Double(den) - n) <= 1e-7 * max(1, sq * Double(den)), n <= 2000 * Double(den) else { continue }
            let q = Int(Double(den).squareRoot().rounded())
            let e = Exact(1, q, root: Int(n))
            if abs(e.value - v) <= 1e-7 * max(1, v) { return e }
        }
        return nil
    }

    /// The printed form: "7.5" for terminating decimals, "2/3" otherwise, "2√3".
    static func text(_ e: Exact) -> String {
        if e.isRational, let d = decimal(e) { return d }
        return e.text
    }

    /// A rational with a short terminating decimal (at most two places), as that decimal.
    static func decimal(_ e: Exact) -> String? {
        guard e.isRational, [1, 2, 4, 5, 10].contains(e.den) else { return nil }
        return formatNumber(e.value, decimals: 2)
    }
}
