/// ASA: two angles and the side between them equal make the triangles congruent.
public struct CongruentASA: DeductionRule {
    public init() {}
    public let id = "congruent_asa"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        TriangleMatch.each(base, congruent: true) { t, v in
            for k in 0..<3 {
                // The side opposite k lies between the angles at k+1 and k+2.
                let j = (k + 1) % 3, l = (k + 2) % 3
                guard let s = base.sameLength(TriangleMatch.side(t, k), TriangleMatch.side(v, k)),
                      let a1 = base.sameAngle(TriangleMatch.ang(t, j), TriangleMatch.ang(v, j)),
                      let a2 = base.sameAngle(TriangleMatch.ang(t, l), TriangleMatch.ang(v, l)) else { continue }
                out += TriangleMatch.parts(t, v, s + a1 + a2)
                return
            }
        }
        return out
    }
}
