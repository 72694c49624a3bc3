import Foundation

/// Pythagoras: with ∠ACB = 90°, CA² + CB² = AB²; two sides known give the third.
public struct Pythagoras: DeductionRule {
    public init() {}
    public let id = "pythagoras"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.angleValue) {
            guard case let .angleValue(x, v) = fact.relation, abs(v - 90) < 1e-9 else { continue }
            let ca = Seg(x.vertex, x.a), cb = Seg(x.vertex, x.c), ab = Seg(x.a, x.c)
            let p = base.length(ca), q = base.length(cb), h = base.length(ab)
            if let p, let q { out.append(Conclusion(.lengthValue(ab, (p.value * p.value + q.value * q.value).squareRoot()), [fact.id, p.id, q.id])) }
            for (leg, other) in [(p, cb), (q, ca)] {
                if let leg, let h, h.value > leg.value {
                    out.append(Conclusion(.lengthValue(other, (h.value * h.value - leg.value * leg.value).squareRoot()),
                                          [fact.id, leg.id, h.id]))
                }
            }
        }
        return out
    }
}
