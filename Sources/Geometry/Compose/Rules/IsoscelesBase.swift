/// Isosceles triangle: AB = AC gives equal base angles ∠ABC = ∠ACB.
public struct IsoscelesBase: DeductionRule {
    public init() {}
    public let id = "isosceles_base_angles"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.equalLengths) {
            guard case let .equalLengths(s, t) = fact.relation else { continue }
            for a in s.points where t.contains(a) {
                guard let b = s.other(a), let c = t.other(a), base.figure.isTriangle(a, b, c) else { continue }
                out.append(Conclusion(.equalAngles(Ang(a, b, c), Ang(a, c, b)), [fact.id]))
            }
        }
        return out
    }
}
