/// AA similarity: two pairs of equal angles make the triangles similar: the
/// third angles are equal, and once one pair of matching sides is known the
/// ratio carries to the other two.
public struct SimilarAA: DeductionRule {
    public init() {}
    public let id = "similar_aa"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        TriangleMatch.each(base, congruent: false) { t, v in
            for k in 0..<3 {
                let j = (k + 1) % 3, l = (k + 2) % 3
                guard let a1 = base.sameAngle(TriangleMatch.ang(t, j), TriangleMatch.ang(v, j)),
                      let a2 = base.sameAngle(TriangleMatch.ang(t, l), TriangleMatch.ang(v, l)) else { continue }
                out.append(Conclusion(.equalAngles(TriangleMatch.ang(t, k), TriangleMatch.ang(v, k)), a1 + a2))
                for m in 0..<3 {
                    guard let x = base.length(TriangleMatch.side(t, m)), let y = base.length(TriangleMatch.side(v, m)) else { continue }
                    for n in 0..<3 where n != m {
                        out.append(Conclusion(.lengthRatio(TriangleMatch.side(v, n), TriangleMatch.side(t, n), y.value / x.value),
                                              a1 + a2 + [x.id, y.id]))
                    }
                    break
                }
                return
            }
        }
        return out
    }
}
