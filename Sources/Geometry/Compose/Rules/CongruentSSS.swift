/// SSS: three pairs of equal sides make the triangles congruent (so their angles are equal).
public struct CongruentSSS: DeductionRule {
    public init() {}
    public let id = "congruent_sss"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        TriangleMatch.each(base, congruent: true) { t, v in
            let sides = (0..<3).map { base.sameLength(TriangleMatch.side(t, $0), TriangleMatch.side(v, $0)) }
            guard sides.allSatisfy({ $0 != nil }) else { return }
            out += TriangleMatch.parts(t, v, sides.flatMap { $0 ?? [] })
        }
        return out
    }
}
