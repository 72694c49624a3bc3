/// A tangent is perpendicular to the radius at its touching point.
public struct TangentRadius: DeductionRule {
    public init() {}
    public let id = "tangent_radius"
    public func apply(to base: FactBase) -> [Conclusion] {
        base.all(.tangent).compactMap { fact in
            guard case let .tangent(s, o, t) = fact.relation else { return nil }
            return Conclusion(.perpendicular(Seg(o, t), s), [fact.id])
        }
    }
}
