/// Equal segments have equal lengths: AB = CD and AB known give CD.
public struct EqualLengthValue: DeductionRule {
    public init() {}
    public let id = "equal_length_value"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.equalLengths) {
            guard case let .equalLengths(s, t) = fact.relation else { continue }
            if let v = base.length(s) { out.append(Conclusion(.lengthValue(t, v.value), [fact.id, v.id])) }
            if let v = base.length(t) { out.append(Conclusion(.lengthValue(s, v.value), [fact.id, v.id])) }
        }
        return out
    }
}
