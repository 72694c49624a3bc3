/// Pairs of triangles matched vertex to vertex, for the congruence and
/// similarity rules. The figure prunes the candidates (only correspondences
/// whose measured shapes agree are tried, as one reads a diagram); the rules
/// still need facts as premises for every equal part they use.
enum TriangleMatch {
    /// Every ordered correspondence t → u of two different figure triangles with
    /// measured angles equal (`congruent` also asks equal sides).
    static func each(_ base: FactBase, congruent: Bool, _ body: ([PointName], [PointName]) -> Void) {
        for m in base.matches where !congruent || m.congruent { body(m.t, m.v) }
    }

    /// Every correspondence whose measured shapes agree, found once per fact set
    /// (the figure does not change while the engine runs; four rules ask every round).
    static func all(_ f: Figure, _ ts: [[PointName]]) -> [(t: [PointName], v: [PointName], congruent: Bool)] {
        var out: [(t: [PointName], v: [PointName], congruent: Bool)] = []
        for (i, t) in ts.enumerated() { for u in ts[(i + 1)...] {
            for perm in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
                let v = perm.map { u[$0] }
                guard (0..<3).allSatisfy({ k in abs(Measure.angle(f, ang(t, k)) - Measure.angle(f, ang(v, k))) < 1e-7 }) else {
                    continue
                }
                let congruent = (0..<3).allSatisfy { k in
                    let s = Measure.length(f, side(t, k)), w = Measure.length(f, side(v, k))
                    return abs(s - w) < 1e-7 * max(1, s)
                }
                out.append((t, v, congruent))
            }
        } }
        return out
    }

    /// The angle at vertex k.
    static func ang(_ t: [PointName], _ k: Int) -> Ang { Ang(t[(k + 1) % 3], t[k], t[(k + 2) % 3]) }
    /// The side opposite vertex k.
    static func side(_ t: [PointName], _ k: Int) -> Seg { Seg(t[(k + 1) % 3], t[(k + 2) % 3]) }

    /// Every part of one triangle equal to its match in the other.
    static func parts(_ t: [PointName], _ v: [PointName], _ premises: [Int]) -> [Conclusion] {
        (0..<3).flatMap { k in
            [Conclusion(.equalLengths(side(t, k), side(v, k)), premises),
             Conclusion(.equalAngles(ang(t, k), ang(v, k)), premises)]
        }
    }
}
