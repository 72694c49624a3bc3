import Foundation

/// The dependent steps the sampler draws, by weight, with arguments taken from
/// what the figure already has (drawn segments, triangles, circles and the
/// points on them). A nil draw (nothing fits) is simply drawn again.
extension ProgramSampler {
    static func dependent(_ rng: inout SplitMix64, _ f: Figure) -> ConstructionStep? {
        let hasCircle = !f.circles.isEmpty
        let c: Double = hasCircle ? 1 : 0
        let kinds: [(Double, Int)] = [
            (3, 0), (1.5, 1), (1, 2), (3, 3), (2, 4), (1.5 * c, 5), (0.5 * c, 6), (2, 7), (1.5, 8), (2, 9),
            (1, 10), (1, 11), (0.7, 12), (0.7, 13), (1.5 * c, 14), (c, 15), (1.5 * c, 16), (1, 17), (1, 18),
            (1, 19), (1, 20), (2 * c, 21), (0.4 * c, 22), (0.3 * c, 23), (0.7, 24), (1, 25), (0.8 * c, 26),
        ]
        let one = fresh(f, 1)?.first
        switch weighted(&rng, kinds) {
        case 0:
            guard let m = one, let (a, b) = segment(&rng, f) else { return nil }
            return .midpoint(name: m, a: a, b: b)
        case 1:
            guard let p = one, let (a, b) = segment(&rng, f) else { return nil }
            return .onSegment(name: p, a: a, b: b, ratio: rng.pick([1.0 / 3, 2.0 / 3, 0.25, 0.75, 0.4, 0.6]))
        case 2:
            guard let p = one, let (a, b) = segment(&rng, f) else { return nil }
            return .extend(name: p, a: a, b: b, ratio: rng.pick([0.5, 2.0 / 3, 1, 0.75]))
        case 3:
            guard let h = one, let (a, b) = segment(&rng, f) else { return nil }
            return .foot(name: h, from: rng.pick(f.names.filter { !(f.line(through: a, b)?.contains($0) ?? false) } + [a]),
                         a: a, b: b)
        case 4:
            guard let x = one, let (a, b) = pair(&rng, f), let (c, d) = pair(&rng, f) else { return nil }
            return .intersection(name: x, a: a, b: b, c: c, d: d)
        case 5:
            guard let x = one, let (a, b) = pair(&rng, f), let k = f.circles.randomElement(using: &rng) else { return nil }
            return .lineCircle(name: x, a: a, b: b, center: k.center, through: k.through, which: rng.int(0...1))
        case 6:
            guard let x = one, f.circles.count >= 2 else { return nil }
            let k = f.circles.shuffled(using: &rng)
            return .circleCircle(name: x, center1: k[0].center, through1: k[0].through, center2: k[1].center,
                                 through2: k[1].through, which: rng.int(0...1))
        case 7, 8:
            guard let x = one, let p = f.names.randomElement(using: &rng), let (a, b) = segment(&rng, f),
                  let (c, d) = segment(&rng, f) else { return nil }
            return rng.chance(0.5)
                ? .parallelLine(name: x, through: p, a: a, b: b, c: c, d: d)
                : .perpendicularLine(name: x, through: p, a: a, b: b, c: c, d: d)
        case 9:
            guard let x = one, let t = triangle(&rng, f) else { return nil }
            return .angleBisector(name: x, a: t[0], vertex: t[1], c: t[2])
        case 10:
            guard let n = fresh(f, 2), let (a, b) = segment(&rng, f), let (c, d) = segment(&rng, f) else { return nil }
            return .perpendicularBisector(mid: n[0], name: n[1], a: a, b: b, c: c, d: d)
        case 11:
            guard let q = one, let p = f.names.randomElement(using: &rng), let (a, b) = segment(&rng, f) else { return nil }
            return .reflectInLine(name: q, point: p, a: a, b: b)
        case 12:
            guard let q = one, let (p, o) = pair(&rng, f) else { return nil }
            return .reflectInPoint(name: q, point: p, center: o)
        case 13:
            guard let q = one, let (p, o) = pair(&rng, f) else { return nil }
            return .rotate(name: q, point: p, center: o, degrees: Double(rng.pick([30, 45, 60, 90, 120, 270, 300])))
        case 14:
            guard let t = one, let k = f.circles.randomElement(using: &rng) else { return nil }
            let outside = f.names.filter { f[$0].distance(to: f[k.center]) > 1.2 * f.radius(k) }
            // Half the time from a point that already has a tangent to this circle, so both tangents appear.
            let touched = f.givens.compactMap { g -> PointName? in
                if case let .tangent(s, o, at) = g.relation, o == k.center { return s.other(at) }
                return nil
            }
            let from = !touched.isEmpty && rng.chance(0.5) ? touched : outside
            guard let p = from.randomElement(using: &rng) else { return nil }
            return .tangentPoint(name: t, from: p, center: k.center, through: k.through, which: rng.int(0...1))
        case 15:
            guard let x = one, let k = f.circles.randomElement(using: &rng),
                  let a = onCircle(f, k).randomElement(using: &rng),
                  let p = f.names.filter({ $0 != a && $0 != k.center }).randomElement(using: &rng) else { return nil }
            return .chord(name: x, from: a, through: p, center: k.center, circleThrough: k.through)
        case 16:
            guard let b = one, let k = f.circles.randomElement(using: &rng),
                  let a = onCircle(f, k).randomElement(using: &rng) else { return nil }
            return .diameter(name: b, from: a, center: k.center)
        case 17, 18, 19, 20:
            guard let t = triangle(&rng, f) else { return nil }
            switch rng.int(0...3) {
            case 0: guard let o = fresh(f, 1, centre: true)?.first else { return nil }
                return .circumcentre(name: o, a: t[0], b: t[1], c: t[2])
            case 1: guard let x = one else { return nil }
                return .incentre(name: x, a: t[0], b: t[1], c: t[2])
            case 2: guard let n = fresh(f, 2) else { return nil }
                return .centroid(name: n[0], mid: n[1], a: t[0], b: t[1], c: t[2])
            default: guard let x = one else { return nil }
                return .orthocentre(name: x, a: t[0], b: t[1], c: t[2])
            }
        case 21:
            guard let p = one, let k = f.circles.randomElement(using: &rng) else { return nil }
            return .onCircle(name: p, center: k.center, through: k.through, degrees: Double(10 * rng.int(4...32)))
        case 22:
            guard let k = f.circles.randomElement(using: &rng), let n = fresh(f, rng.int(2...5)) else { return nil }
            return .inscribedPolygon(names: n, center: k.center, through: k.through)
        case 23:
            let k0 = rng.int(3...4)
            guard let k = f.circles.randomElement(using: &rng), let n = fresh(f, 2 * k0 - 1) else { return nil }
            return .circumscribedPolygon(names: Array(n.prefix(k0)), touches: Array(n.suffix(k0 - 1)),
                                         center: k.center, through: k.through)
        case 24:
            guard let p = one, !f.names.isEmpty else { return nil }
            let xs = f.names.map { f[$0].x }, ys = f.names.map { f[$0].y }
            guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return nil }
            let mid = Vec2((x0 + x1) / 2, (y0 + y1) / 2), r = max(x1 - x0, y1 - y0) * rng.double(0.7...1.0)
            let q = mid + Vec2.polar(r, rng.double(0...(2 * .pi)))
            return .freePoint(name: p, x: (q.x * 2).rounded() / 2, y: (q.y * 2).rounded() / 2)
        case 25:
            guard let o = one, let t = triangle(&rng, f) else { return nil }
            return .circleThrough(center: fresh(f, 1, centre: true)?.first ?? o, points: t)
        default:
            guard let (o, p) = pair(&rng, f) else { return nil }
            return .circleAbout(center: o, through: p)
        }
    }

    /// Two points of one drawn line.
    static func segment(_ rng: inout SplitMix64, _ f: Figure) -> (PointName, PointName)? {
        guard let l = f.lines.randomElement(using: &rng), l.count >= 2 else { return nil }
        let s = l.shuffled(using: &rng)
        return (s[0], s[1])
    }

    /// Any two points.
    static func pair(_ rng: inout SplitMix64, _ f: Figure) -> (PointName, PointName)? {
        guard f.names.count >= 2 else { return nil }
        let s = f.names.shuffled(using: &rng)
        return (s[0], s[1])
    }

    /// Three points joined pairwise by drawn lines, not on one line (vertex in the middle).
    static func triangle(_ rng: inout SplitMix64, _ f: Figure) -> [PointName]? {
        let lines = f.lines.shuffled(using: &rng)
        for l in lines {
            for m in lines where m != l {
                guard let v = l.first(where: { m.contains($0) }) else { continue }
                for a in l.shuffled(using: &rng) where a != v {
                    for c in m.shuffled(using: &rng) where c != v && f.line(through: a, c) != nil && f.isTriangle(a, v, c) {
                        return [a, v, c]
                    }
                }
            }
        }
        return nil
    }

    /// Points on the circle other than its centre (numerically on it: made so by a step or a theorem).
    static func onCircle(_ f: Figure, _ k: CircleRef) -> [PointName] {
        let r = f.radius(k), o = f[k.center]
        return f.names.filter { $0 != k.center && abs(f[$0].distance(to: o) - r) <= 1e-9 * r }
    }
}
