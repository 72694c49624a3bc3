/// An angle does not change when an arm's point moves along its ray: with D on
/// ray BC (collinear, B not between C and D), ∠ABD = ∠ABC.
public struct SameRay: DeductionRule {
    public init() {}
    public let id = "same_ray"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        let f = base.figure
        for fact in base.all(.angleValue) {
            guard case let .angleValue(x, v) = fact.relation else { continue }
            let b = x.vertex
            for (c, arm) in [(x.a, x.c), (x.c, x.a)] {
                for d in base.line(Seg(b, c)) where d != b && d != c && d != arm && !f.between(b, c, d) {
                    guard let p = base.onLine(d, b, c) else { continue }
                    out.append(Conclusion(.angleValue(Ang(arm, b, d), v), [fact.id] + p))
                }
            }
        }
        return out
    }
}
