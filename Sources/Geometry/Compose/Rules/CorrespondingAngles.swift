/// Corresponding angles: R on the transversal beyond Q, X and Y on one side: ∠XPQ = ∠YQR.
public struct CorrespondingAngles: DeductionRule {
    public init() {}
    public let id = "corresponding_angles"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        Transversal.each(base) { p, q, x, y, premises in
            let f = base.figure
            guard f.sameSide(x, y, of: p, q) else { return }
            for r in base.line(Seg(p, q)) where f.between(q, p, r) {
                guard let pr = base.onLine(r, p, q) else { continue }
                out.append(Conclusion(.equalAngles(Ang(x, p, q), Ang(y, q, r)), premises + pr))
            }
        }
        return out
    }
}
