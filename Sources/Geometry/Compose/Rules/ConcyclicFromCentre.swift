/// Points equidistant from one centre lie on one circle: OA = OB = OC = OD gives concyclic(A, B, C, D).
public struct ConcyclicFromCentre: DeductionRule {
    public init() {}
    public let id = "concyclic_from_centre"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for (_, m) in base.circleGroups where m.count >= 4 {
            for i in m.indices { for j in m.indices where j > i { for k in m.indices where k > j { for l in m.indices where l > k {
                out.append(Conclusion(.concyclic([m[i].point, m[j].point, m[k].point, m[l].point]),
                                      m[i].premises + m[j].premises + m[k].premises + m[l].premises))
            } } } }
        }
        return out
    }
}
