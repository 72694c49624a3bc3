/// A midpoint halves its segment: M the midpoint of AB and AB known give AM = MB = AB / 2.
public struct MidpointLength: DeductionRule {
    public init() {}
    public let id = "midpoint_length"
    public func apply(to base: FactBase) -> [Conclusion] {
        base.midpoints.flatMap { m -> [Conclusion] in
            guard let whole = base.length(Seg(m.a, m.b)) else { return [] }
            return [Conclusion(.lengthValue(Seg(m.a, m.m), whole.value / 2), m.premises + [whole.id]),
                    Conclusion(.lengthValue(Seg(m.m, m.b), whole.value / 2), m.premises + [whole.id])]
        }
    }
}
