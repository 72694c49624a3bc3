/// SAS: two sides and the angle between them equal make the triangles congruent.
public struct CongruentSAS: DeductionRule {
    public init() {}
    public let id = "congruent_sas"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        TriangleMatch.each(base, congruent: true) { t, v in
            for k in 0..<3 {
                // The angle at k lies between the sides opposite k+1 and k+2.
                guard let a = base.sameAngle(TriangleMatch.ang(t, k), TriangleMatch.ang(v, k)),
                      let s1 = base.sameLength(TriangleMatch.side(t, (k + 1) % 3), TriangleMatch.side(v, (k + 1) % 3)),
                      let s2 = base.sameLength(TriangleMatch.side(t, (k + 2) % 3), TriangleMatch.side(v, (k + 2) % 3))
                else { continue }
                out += TriangleMatch.parts(t, v, a + s1 + s2)
                return
            }
        }
        return out
    }
}
