/// Quadrilaterals with both pairs of opposite sides known parallel.
enum Parallelograms {
    static func each(_ base: FactBase) -> [([PointName], [Int])] {
        var out: [([PointName], [Int])] = []
        let all = base.all(.parallel)
        for (i, f) in all.enumerated() { for g in all[(i + 1)...] {
            guard case let .parallel(s, t) = f.relation, case let .parallel(u, v) = g.relation else { continue }
            let corners = Set(s.points + t.points)
            guard corners.count == 4, Set(u.points + v.points) == corners, Set(u.points).count == 2,
                  ![s, t].contains(u), ![s, t].contains(v) else { continue }
            // A B from s, then the corner of t joined to B by u or v.
            let (a, b) = (s.a, s.b)
            guard let c = [u, v].first(where: { $0.contains(b) })?.other(b), let d = t.other(c) else { continue }
            let q = [a, b, c, d]
            if base.figure.isConvex(q) { out.append((q, [f.id, g.id])) }
        } }
        return out
    }
}
