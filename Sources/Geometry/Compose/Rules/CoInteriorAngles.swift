/// Co-interior angles: X and Y on one side of the transversal: ∠XPQ + ∠YQP = 180°.
public struct CoInteriorAngles: DeductionRule {
    public init() {}
    public let id = "co_interior_angles"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        Transversal.each(base) { p, q, x, y, premises in
            guard base.figure.sameSide(x, y, of: p, q) else { return }
            if let a = base.angle(Ang(x, p, q)) {
                out.append(Conclusion(.angleValue(Ang(y, q, p), 180 - a.value), premises + [a.id]))
            }
        }
        return out
    }
}
