/// Perpendicular lines meet at right angles: with AB ⊥ CD crossing at P, every
/// ∠XPY with X on AB and Y on CD is 90°.
public struct RightAngle: DeductionRule {
    public init() {}
    public let id = "right_angle"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.perpendicular) {
            guard case let .perpendicular(s, t) = fact.relation else { continue }
            for (p, at) in base.crossing(s, t) {
                for (x, onS) in base.pointsOn(s) where x != p {
                    for (y, onT) in base.pointsOn(t) where y != p {
                        out.append(Conclusion(.angleValue(Ang(x, p, y), 90), [fact.id] + at + onS + onT))
                    }
                }
            }
        }
        return out
    }
}
