/// Midsegment: M and N the midpoints of AB and AC give MN ∥ BC and MN = BC / 2.
public struct Midsegment: DeductionRule {
    public init() {}
    public let id = "midsegment"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        let mids = base.midpoints
        for (i, m) in mids.enumerated() { for n in mids[(i + 1)...] where m.m != n.m {
            for a in [m.a, m.b] where a == n.a || a == n.b {
                let b = a == m.a ? m.b : m.a, c = a == n.a ? n.b : n.a
                guard b != c, base.figure.isTriangle(a, b, c) else { continue }
                out.append(Conclusion(.parallel(Seg(m.m, n.m), Seg(b, c)), m.premises + n.premises))
                out.append(Conclusion(.lengthRatio(Seg(m.m, n.m), Seg(b, c), 0.5), m.premises + n.premises))
            }
        } }
        return out
    }
}
