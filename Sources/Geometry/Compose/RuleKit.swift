/// Lookups several rules share: the points known to lie on a line, with the
/// facts that say so.
extension FactBase {
    /// Every point known to be on line `s`, with the premises that put it there.
    public func pointsOn(_ s: Seg) -> [(point: PointName, premises: [Int])] {
        line(s).compactMap { p in onLine(p, s.a, s.b).map { (p, $0) } }
    }

    /// Points known to be on both lines (their crossing), with premises.
    public func crossing(_ s: Seg, _ t: Seg) -> [(point: PointName, premises: [Int])] {
        let other = pointsOn(t)
        return pointsOn(s).compactMap { p in
            other.first { $0.point == p.point }.map { (p.point, p.premises + $0.premises) }
        }
    }

    /// Every triangle of the figure: three points joined pairwise by drawn lines, not on one line.
    static func triangles(_ figure: Figure, _ lines: [[PointName]]) -> [[PointName]] {
        var out: [[PointName]] = []
        let names = figure.names.sorted()
        for (i, a) in names.enumerated() {
            for (j, b) in names.enumerated() where j > i {
                guard let ab = lines.first(where: { $0.contains(a) && $0.contains(b) }) else { continue }
                for c in names[(j + 1)...] where !ab.contains(c) {
                    if lines.contains(where: { $0.contains(a) && $0.contains(c) }),
                       lines.contains(where: { $0.contains(b) && $0.contains(c) }), figure.isTriangle(a, b, c) {
                        out.append([a, b, c])
                    }
                }
            }
        }
        return out
    }
}

extension FactBase {
    /// The circles the facts know: a centre and the points known equidistant from
    /// it (three or more), each with the premises tying it to the first.
    public var circleGroups: [(center: PointName, points: [(point: PointName, premises: [Int])])] {
        var around: [PointName: Set<PointName>] = [:]
        for f in all(.equalLengths) {
            guard case let .equalLengths(s, t) = f.relation else { continue }
            for o in s.points where t.contains(o) {
                if let p = s.other(o), let q = t.other(o) { around[o, default: []].formUnion([p, q]) }
            }
        }
        var out: [(PointName, [(PointName, [Int])])] = []
        for o in around.keys.sorted() {
            var covered = Set<PointName>()
            for r in (around[o] ?? []).sorted() where !covered.contains(r) {
                let members = onCircle(o, r)
                covered.formUnion(members.map(\.0))
                if members.count >= 3 { out.append((o, members)) }
            }
        }
        return out
    }
}
