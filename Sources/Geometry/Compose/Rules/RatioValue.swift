/// A known ratio carries lengths: AB / CD = r and CD known give AB (and back).
public struct RatioValue: DeductionRule {
    public init() {}
    public let id = "ratio_value"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.lengthRatio) {
            guard case let .lengthRatio(s, t, r) = fact.relation else { continue }
            if let v = base.length(t) { out.append(Conclusion(.lengthValue(s, r * v.value), [fact.id, v.id])) }
            if let v = base.length(s) { out.append(Conclusion(.lengthValue(t, v.value / r), [fact.id, v.id])) }
        }
        return out
    }
}
