import Foundation

/// Facts written as formulas ("∠ABC = 50°", "AB ∥ CD", "AP : PB = 1 : 2"),
/// the same in every language, for the worked solution's premises and
/// conclusions and the values drawn on the figure. Sentences around them are
/// templates (templates/<lang>/compose.plane.json).
enum Formula {
    static func number(_ v: Double) -> String {
        ComposedNumber.exact(v).map(ComposedNumber.text) ?? formatNumber(v, decimals: 2)
    }

    static func seg(_ s: Seg) -> String { s.a + s.b }
    static func ang(_ x: Ang) -> String { "∠" + x.a + x.vertex + x.c }

    /// A ratio as "p : q" when rational, else its value.
    static func ratio(_ v: Double) -> String {
        if let e = ComposedNumber.exact(v), e.isRational { return "\(e.num) : \(e.den)" }
        return number(v)
    }

    /// The relation as a formula; incidences (collinear, concyclic, tangent) in names.
    static func relation(_ r: Relation) -> String {
        switch r {
        case let .parallel(s, t): return "\(seg(s)) ∥ \(seg(t))"
        case let .perpendicular(s, t): return "\(seg(s)) ⊥ \(seg(t))"
        case let .equalAngles(x, y): return "\(ang(x)) = \(ang(y))"
        case let .equalLengths(s, t): return "\(seg(s)) = \(seg(t))"
        case let .angleValue(x, v): return "\(ang(x)) = \(number(v))°"
        case let .lengthValue(s, v): return "\(seg(s)) = \(number(v))"
        case let .lengthRatio(s, t, v): return "\(seg(s)) : \(seg(t)) = \(ratio(v))"
        case let .areaValue(n, v): return "S△\(n.joined()) = \(number(v))"
        case let .collinear(n): return n.joined(separator: ", ")
        case let .concyclic(n): return n.joined(separator: ", ")
        case let .tangent(s, c, p): return "\(seg(s)), \(c), \(p)"
        }
    }

    /// A premise as the solution cites it, or nil for an incidence the construction states.
    static func premise(_ r: Relation, _ f: Figure) -> String? {
        switch r.kind {
        case .collinear, .concyclic, .tangent: return nil
        default: return relation(r)
        }
    }

    /// A conclusion's parameters: `then` the formula; for an incidence the points
    /// (`points`, a list) that the rule's sentence says lie on one line or circle.
    static func conclusion(_ r: Relation, _ f: Figure) -> [String: String] {
        switch r {
        case let .collinear(n), let .concyclic(n):
            let ordered = f.lines.first { l in n.allSatisfy(l.contains) }.map { l in l.filter(n.contains) } ?? n
            return ["points": ordered.joined(separator: Phrase.listSeparator), "then": ordered.joined(separator: ", ")]
        default:
            return ["then": relation(r)]
        }
    }

    /// An implicit property's sentence key and parameters.
    static func property(_ r: Relation) -> (String, [String: String]) {
        switch r {
        case let .parallel(s, t): return ("ip_parallel", ["first": seg(s), "second": seg(t)])
        case let .perpendicular(s, t): return ("ip_perpendicular", ["first": seg(s), "second": seg(t)])
        case let .equalLengths(s, t): return ("ip_equal_lengths", ["first": seg(s), "second": seg(t)])
        case let .equalAngles(x, y):
            return ("ip_equal_angles", ["first": x.a + x.vertex + x.c, "second": y.a + y.vertex + y.c])
        case let .tangent(s, c, p): return ("ip_tangent", ["line": seg(s), "center": c, "point": p])
        case let .angleValue(x, _): return ("ip_right_angle", ["angle": x.a + x.vertex + x.c])
        case let .collinear(n), let .concyclic(n):
            return (r.kind == .collinear ? "ip_collinear" : "ip_concyclic", ["points": n.joined(separator: Phrase.listSeparator)])
        default: return ("ip_formula", ["formula": relation(r)])
        }
    }

    /// A given value's sentence key and parameters.
    static func value(_ r: Relation) -> (String, [String: String]) {
        switch r {
        case let .angleValue(x, v): return ("ec_angle", ["angle": x.a + x.vertex + x.c, "value": number(v)])
        case let .lengthValue(s, v): return ("ec_length", ["segment": seg(s), "value": number(v)])
        case let .lengthRatio(s, t, v): return ("ec_ratio", ["first": seg(s), "second": seg(t), "value": ratio(v)])
        default: return ("ec_formula", ["formula": relation(r)])
        }
    }

    /// The question; each point also as its own parameter so the answerability audit checks it is named.
    static func question(_ t: ComposedTarget) -> Phrase {
        var p: [String: String] = [:]
        let key: String
        var points: [PointName] = []
        switch t {
        case let .angle(x): key = "q_angle"; p["angle"] = x.a + x.vertex + x.c; points = [x.a, x.vertex, x.c]
        case let .length(s): key = "q_length"; p["segment"] = seg(s); points = [s.a, s.b]
        case let .ratio(s, u): key = "q_ratio"; p["first"] = seg(s); p["second"] = seg(u); points = [s.a, s.b, u.a, u.b]
        case let .area(n): key = "q_area"; p["triangle"] = n.joined(); points = n
        }
        for (k, n) in points.enumerated() { p["p\(k + 1)"] = n }
        return Phrase(key, p)
    }
}
