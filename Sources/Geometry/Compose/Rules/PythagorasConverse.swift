/// Converse of Pythagoras: CA² + CB² = AB² gives ∠ACB = 90°.
public struct PythagorasConverse: DeductionRule {
    public init() {}
    public let id = "pythagoras_converse"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for t in base.triangles {
            let l = (0..<3).map { base.length(TriangleMatch.side(t, $0)) }
            guard let a = l[0], let b = l[1], let c = l[2] else { continue }
            let sq = [a.value * a.value, b.value * b.value, c.value * c.value]
            for k in 0..<3 where FactBase.equal(sq[k], sq[(k + 1) % 3] + sq[(k + 2) % 3]) {
                out.append(Conclusion(.angleValue(TriangleMatch.ang(t, k), 90), [a.id, b.id, c.id]))
            }
        }
        return out
    }
}
