/// Thales: O the midpoint of AB and OC = OA (C on the circle with diameter AB) give ∠ACB = 90°.
public struct Thales: DeductionRule {
    public init() {}
    public let id = "thales"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for m in base.midpoints {
            for (c, p) in base.onCircle(m.m, m.a) where c != m.a && c != m.b {
                out.append(Conclusion(.angleValue(Ang(m.a, c, m.b), 90), m.premises + p))
            }
        }
        return out
    }
}
