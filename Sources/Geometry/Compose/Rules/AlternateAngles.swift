/// Alternate angles: X and Y on opposite sides of the transversal PQ give ∠XPQ = ∠YQP.
public struct AlternateAngles: DeductionRule {
    public init() {}
    public let id = "alternate_angles"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        Transversal.each(base) { p, q, x, y, premises in
            let f = base.figure
            if f.side(x, of: p, q) != 0, f.side(x, of: p, q) == -f.side(y, of: p, q) {
                out.append(Conclusion(.equalAngles(Ang(x, p, q), Ang(y, q, p)), premises))
            }
        }
        return out
    }
}
