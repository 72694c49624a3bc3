/// Tangents from one point to a circle are equal: PA, PB tangent at A, B give PA = PB.
public struct EqualTangents: DeductionRule {
    public init() {}
    public let id = "equal_tangents"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        let all = base.all(.tangent)
        for (i, f) in all.enumerated() { for g in all[(i + 1)...] {
            guard case let .tangent(s, o, a) = f.relation, case let .tangent(t, o2, b) = g.relation, o == o2, a != b,
                  let p = s.other(a), t.other(b) == p, let r = base.sameLength(Seg(o, a), Seg(o, b)) else { continue }
            out.append(Conclusion(.equalLengths(Seg(p, a), Seg(p, b)), [f.id, g.id] + r))
        } }
        return out
    }
}
