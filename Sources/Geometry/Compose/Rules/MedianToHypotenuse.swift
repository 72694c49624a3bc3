/// The median to the hypotenuse is half of it: ∠ACB = 90° and M the midpoint of AB give MC = MA.
public struct MedianToHypotenuse: DeductionRule {
    public init() {}
    public let id = "median_to_hypotenuse"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for m in base.midpoints {
            for c in base.figure.names where c != m.m && c != m.a && c != m.b {
                guard let r = base.angle(Ang(m.a, c, m.b)), abs(r.value - 90) < 1e-9 else { continue }
                out.append(Conclusion(.equalLengths(Seg(m.m, c), Seg(m.m, m.a)), m.premises + [r.id]))
            }
        }
        return out
    }
}
