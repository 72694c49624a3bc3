/// Equal angles have equal sizes: ∠ABC = ∠DEF and ∠ABC known give ∠DEF.
public struct EqualAngleValue: DeductionRule {
    public init() {}
    public let id = "equal_angle_value"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.equalAngles) {
            guard case let .equalAngles(x, y) = fact.relation else { continue }
            if let v = base.angle(x) { out.append(Conclusion(.angleValue(y, v.value), [fact.id, v.id])) }
            if let v = base.angle(y) { out.append(Conclusion(.angleValue(x, v.value), [fact.id, v.id])) }
        }
        return out
    }
}
