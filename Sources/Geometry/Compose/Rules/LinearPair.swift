/// Angles on a straight line: with B between A and C, ∠ABX + ∠XBC = 180°.
public struct LinearPair: DeductionRule {
    public init() {}
    public let id = "linear_pair"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        let f = base.figure
        for fact in base.all(.angleValue) {
            guard case let .angleValue(x, v) = fact.relation else { continue }
            let b = x.vertex
            for (a, arm) in [(x.a, x.c), (x.c, x.a)] {
                for c in base.line(Seg(a, b)) where c != a && c != b && f.between(b, a, c) {
                    guard let p = base.onLine(c, a, b) else { continue }
                    out.append(Conclusion(.angleValue(Ang(arm, b, c), 180 - v), [fact.id] + p))
                }
            }
        }
        return out
    }
}
