/// Angle bisector theorem: AD bisects ∠BAC with D between B and C: BD / DC = AB / AC.
public struct AngleBisectorTheorem: DeductionRule {
    public init() {}
    public let id = "angle_bisector_theorem"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.equalAngles) {
            guard case let .equalAngles(x, y) = fact.relation, x.vertex == y.vertex else { continue }
            let a = x.vertex
            for d in [x.a, x.c] where y.a == d || y.c == d {
                let b = x.a == d ? x.c : x.a, c = y.a == d ? y.c : y.a
                guard b != c, base.figure.between(d, b, c), let on = base.onLine(d, b, c),
                      let ab = base.length(Seg(a, b)), let ac = base.length(Seg(a, c)) else { continue }
                out.append(Conclusion(.lengthRatio(Seg(b, d), Seg(d, c), ab.value / ac.value), [fact.id, ab.id, ac.id] + on))
            }
        }
        return out
    }
}
