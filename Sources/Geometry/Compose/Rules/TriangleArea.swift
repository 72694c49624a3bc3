/// Area of a triangle from a base and its height: AH ⊥ BC with H on line BC gives area(ABC) = BC · AH / 2.
public struct TriangleArea: DeductionRule {
    public init() {}
    public let id = "triangle_area"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.perpendicular) {
            guard case let .perpendicular(s, t) = fact.relation else { continue }
            for (height, foot) in [(s, t), (t, s)] {
                for (h, at) in base.crossing(height, foot) {
                    for (a, onH) in base.pointsOn(height) where a != h {
                        guard let ah = base.length(Seg(a, h)) else { continue }
                        for (b, onB) in base.pointsOn(foot) { for (c, onC) in base.pointsOn(foot) where b < c {
                            guard let bc = base.length(Seg(b, c)) else { continue }
                            out.append(Conclusion(.areaValue([a, b, c], bc.value * ah.value / 2),
                                                  [fact.id, ah.id, bc.id] + at + onH + onB + onC))
                        } }
                    }
                }
            }
        }
        return out
    }
}
