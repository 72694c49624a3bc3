/// The angles of a triangle add up to 180°: two known give the third.
public struct TriangleAngleSum: DeductionRule {
    public init() {}
    public let id = "triangle_angle_sum"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.angleValue) {
            guard case let .angleValue(x, v) = fact.relation else { continue }
            let (a, b, c) = (x.a, x.vertex, x.c)
            guard base.figure.isTriangle(a, b, c) else { continue }
            let others = [(Ang(b, a, c), Ang(a, c, b)), (Ang(a, c, b), Ang(b, a, c))]
            for (known, asked) in others {
                if let k = base.angle(known), v + k.value < 180 - 1e-9 {
                    out.append(Conclusion(.angleValue(asked, 180 - v - k.value), [fact.id, k.id]))
                }
            }
        }
        return out
    }
}
