/// The angles a transversal PQ makes with parallel lines AB ∥ CD (P on AB, Q on CD).
enum Transversal {
    /// Every transversal of a parallel fact: P on the first line, Q on the second, PQ drawn;
    /// X another point of the first line, Y of the second, with the premises for all of it.
    static func each(_ base: FactBase, _ body: (_ p: PointName, _ q: PointName, _ x: PointName, _ y: PointName,
                                                 _ premises: [Int]) -> Void) {
        for fact in base.all(.parallel) {
            guard case let .parallel(s, t) = fact.relation else { continue }
            let onS = base.pointsOn(s), onT = base.pointsOn(t)
            guard Set(onS.map(\.point)).isDisjoint(with: onT.map(\.point)) else { continue }
            for (p, pp) in onS { for (q, pq) in onT where base.figure.line(through: p, q) != nil {
                for (x, px) in onS where x != p { for (y, py) in onT where y != q {
                    body(p, q, x, y, [fact.id] + pp + pq + px + py)
                } }
            } }
        }
    }
}
