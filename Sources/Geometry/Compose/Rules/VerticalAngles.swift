/// Vertical angles: two lines AC and BD crossing at O (O between A and C and
/// between B and D) make ∠AOB = ∠COD.
public struct VerticalAngles: DeductionRule {
    public init() {}
    public let id = "vertical_angles"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        let f = base.figure
        for o in f.names {
            let ls = base.lines(through: o)
            for i in ls.indices { for j in ls.indices where j > i {
                for (a, c) in pairs(ls[i], o, f) { for (b, d) in pairs(ls[j], o, f) {
                    guard let p = base.onLine(o, a, c), let q = base.onLine(o, b, d) else { continue }
                    out.append(Conclusion(.equalAngles(Ang(a, o, b), Ang(c, o, d)), p + q))
                } }
            } }
        }
        return out
    }

    /// Points of `l` on either side of O.
    func pairs(_ l: [PointName], _ o: PointName, _ f: Figure) -> [(PointName, PointName)] {
        var out: [(PointName, PointName)] = []
        for a in l where a != o { for c in l where c != o && c != a && f.between(o, a, c) { out.append((a, c)) } }
        return out
    }
}
