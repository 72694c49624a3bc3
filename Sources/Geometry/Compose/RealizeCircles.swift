import Foundation

/// Dependent steps on circles. A point put on a circle is guaranteed to be as
/// far from the centre as the circle's defining point (an equal-lengths fact),
/// which is how the engine knows it is on the circle.
extension Realizer {
    /// Realizes `step` if it is a circle step; false otherwise.
    static func applyCircleStep(_ step: ConstructionStep, _ f: inout Figure, _ i: Int) throws -> Bool {
        switch step {
        case let .circleAbout(o, p):
            guard o != p else { throw ConstructionError.badArguments("circle about \(o) through itself") }
            _ = (try f.point(o), try f.point(p))
            f.addCircle(CircleRef(center: o, through: p))
        case let .circleThrough(o, pts):
            let t = try names(pts, 3, "circle through three points")
            try Guards.requireTriangle(f, t[0], t[1], t[2])
            try f.addPoint(o, try circumcentre(try f.point(t[0]), try f.point(t[1]), try f.point(t[2])))
            f.addCircle(CircleRef(center: o, through: t[0]))
            f.guarantee([.equalLengths(Seg(o, t[0]), Seg(o, t[1])), .equalLengths(Seg(o, t[0]), Seg(o, t[2]))], step: i)
        case let .lineCircle(x, a, b, o, r, which):
            let circle = try f.hasCircle(o, r)
            let (A, B) = (try f.point(a), try f.point(b))
            let hits = PlaneKit.lineCircle(A, B - A, center: f[o], radius: f.radius(circle))
            guard hits.count == 2, which == 0 || which == 1 else { throw ConstructionError.noIntersection("\(a)\(b) and circle \(o)") }
            try requireSecant(f[o], hits[which], B - A, "\(a)\(b) nearly tangent")
            try f.addPoint(x, hits[which])
            f.drawLine([a, b, x])
            f.guarantee([.collinear([a, b, x]), .equalLengths(Seg(o, x), Seg(o, r))], step: i)
        case let .circleCircle(x, o1, r1, o2, r2, which):
            let (c1, c2) = (try f.hasCircle(o1, r1), try f.hasCircle(o2, r2))
            guard o1 != o2 else { throw ConstructionError.badArguments("concentric circles") }
            let hits = PlaneKit.circleCircle(f[o1], f.radius(c1), f[o2], f.radius(c2))
            guard hits.count == 2, which == 0 || which == 1 else { throw ConstructionError.noIntersection("circles \(o1), \(o2)") }
            let X = hits[which]
            try Guards.requireCrossing((X - f[o1]).perpendicular, (X - f[o2]).perpendicular, "circles \(o1), \(o2) cross")
            try f.addPoint(x, X)
            f.guarantee([.equalLengths(Seg(o1, x), Seg(o1, r1)), .equalLengths(Seg(o2, x), Seg(o2, r2))], step: i)
        case let .tangentPoint(t, p, o, r, which):
            let circle = try f.hasCircle(o, r)
            let (P, O) = (try f.point(p), f[o]), rad = f.radius(circle)
            let d = P.distance(to: O)
            guard d > 1.2 * rad, which == 0 || which == 1 else { throw ConstructionError.noIntersection("tangent from \(p) inside circle \(o)") }
            let turn = acos(rad / d) * (which == 0 ? 1 : -1)
            try f.addPoint(t, O + ((P - O).normalized * rad).rotated(by: turn))
            f.drawLine([p, t])
            f.guarantee([.equalLengths(Seg(o, t), Seg(o, r)), .tangent(Seg(p, t), center: o, at: t)], step: i)
        case let .chord(x, a, p, o, r):
            let circle = try f.hasCircle(o, r)
            let (A, P) = (try f.point(a), try f.point(p))
            let rad = f.radius(circle)
            guard abs(A.distance(to: f[o]) - rad) <= 1e-9 * rad else { throw ConstructionError.badArguments("\(a) not on circle \(o)") }
            let hits = PlaneKit.lineCircle(A, P - A, center: f[o], radius: rad)
            guard let far = hits.max(by: { $0.distance(to: A) < $1.distance(to: A) }), far.distance(to: A) > 1e-6 * rad else {
                throw ConstructionError.noIntersection("chord from \(a) through \(p)")
            }
            try requireSecant(f[o], far, P - A, "chord \(a)\(p) nearly tangent")
            try f.addPoint(x, far)
            f.drawLine([a, p, x])
            f.guarantee([.collinear([a, p, x]), .equalLengths(Seg(o, x), Seg(o, r))], step: i)
        case let .diameter(b, a, o):
            let (A, O) = (try f.point(a), try f.point(o))
            guard f.circles.contains(where: { $0.center == o && abs(f.radius($0) - A.distance(to: O)) <= 1e-9 * f.radius($0) }) else {
                throw ConstructionError.badArguments("\(a) not on a circle about \(o)")
            }
            try f.addPoint(b, 2 * O - A)
            f.drawLine([a, o, b])
            f.guarantee([.collinear([a, o, b]), .equalLengths(Seg(o, a), Seg(o, b))], step: i)
        case let .onCircle(p, o, r, deg):
            _ = try f.hasCircle(o, r)
            let turn = deg.truncatingRemainder(dividingBy: 360)
            guard turn > 0 else { throw ConstructionError.badArguments("on circle at \(deg)°") }
            try f.addPoint(p, f[o] + (f[r] - f[o]).rotated(by: Angle.radians(turn)))
            f.drawLine([o, p])
            var facts: [Relation] = [.equalLengths(Seg(o, p), Seg(o, r))]
            if abs(turn - 180) > 1e-9 { facts.append(.angleValue(Ang(r, o, p), turn < 180 ? turn : 360 - turn)) }
            f.guarantee(facts, step: i)
        case let .inscribedPolygon(n, o, r):
            _ = try f.hasCircle(o, r)
            let v = [r] + n, k = v.count
            guard (3...6).contains(k), Set(v).count == k else { throw ConstructionError.badArguments("inscribed polygon of \(k)") }
            for j in 1..<k { try f.addPoint(v[j], f[o] + (f[r] - f[o]).rotated(by: 2 * .pi * Double(j) / Double(k))) }
            f.drawPolygon(v)
            var facts: [Relation] = []
            for j in 1..<k {
                facts.append(.equalLengths(Seg(o, v[j]), Seg(o, r)))
                facts.append(.equalLengths(Seg(v[0], v[1]), Seg(v[j], v[(j + 1) % k])))
            }
            f.guarantee(facts, step: i)
        case let .circumscribedPolygon(n, touches, o, r):
            _ = try f.hasCircle(o, r)
            let t = [r] + touches, k = t.count
            guard (3...4).contains(k), n.count == k, Set(t + n).count == 2 * k else {
                throw ConstructionError.badArguments("circumscribed polygon of \(k)")
            }
            let u = f[r] - f[o]
            for j in 1..<k { try f.addPoint(t[j], f[o] + u.rotated(by: 2 * .pi * Double(j) / Double(k))) }
            // Vertex j lies between touching points j and j+1, on the bisecting ray at distance r / cos(π/k).
            for j in 0..<k {
                let dir = u.rotated(by: 2 * .pi * (Double(j) + 0.5) / Double(k)) / cos(.pi / Double(k))
                try f.addPoint(n[j], f[o] + dir)
            }
            var facts: [Relation] = []
            for j in 0..<k {
                let before = n[(j + k - 1) % k], after = n[j]
                f.drawLine([before, t[j], after])
                if j > 0 { facts.append(.equalLengths(Seg(o, t[j]), Seg(o, r))) }
                facts += [.collinear([before, t[j], after]), .tangent(Seg(t[j], after), center: o, at: t[j])]
            }
            f.guarantee(facts, step: i)
        default:
            return false
        }
        return true
    }

    /// A line through a point of a circle crosses it at least `Guards.minAngle` from tangent.
    static func requireSecant(_ o: Vec2, _ x: Vec2, _ dir: Vec2, _ what: String) throws {
        try Guards.requireCrossing(dir, (x - o).perpendicular, what)
    }
}
