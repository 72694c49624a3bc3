import Foundation

/// Dependent steps on points and lines: each names one new point (two for the
/// perpendicular bisector), draws the lines that show how it was made, and
/// guarantees the relations that define it.
extension Realizer {
    static func applyDependent(_ step: ConstructionStep, _ f: inout Figure, _ i: Int) throws {
        if try applyCircleStep(step, &f, i) { return }
        switch step {
        case let .midpoint(m, a, b):
            let (A, B) = (try f.point(a), try f.point(b))
            try f.addPoint(m, (A + B) / 2)
            f.drawLine([a, m, b])
            f.guarantee([.collinear([a, m, b]), .equalLengths(Seg(a, m), Seg(m, b))], step: i)
        case let .onSegment(p, a, b, r):
            guard r > 0, r < 1 else { throw ConstructionError.badArguments("ratio \(r) not in (0, 1)") }
            let (A, B) = (try f.point(a), try f.point(b))
            try f.addPoint(p, Construct.along(A, B, r))
            f.drawLine([a, p, b])
            f.guarantee([.collinear([a, p, b]), .lengthRatio(Seg(a, p), Seg(p, b), r / (1 - r))], step: i)
        case let .extend(p, a, b, r):
            guard r > 0 else { throw ConstructionError.badArguments("ratio \(r) not positive") }
            let (A, B) = (try f.point(a), try f.point(b))
            try f.addPoint(p, B + (B - A) * r)
            f.drawLine([a, b, p])
            f.guarantee([.collinear([a, b, p]), .lengthRatio(Seg(b, p), Seg(a, b), r)], step: i)
        case let .foot(h, p, a, b):
            let (P, A, B) = (try f.point(p), try f.point(a), try f.point(b))
            guard PlaneKit.distanceToLine(P, A, B) > 1e-6 * max(1, A.distance(to: B)) else {
                throw ConstructionError.badArguments("\(p) lies on \(a)\(b)")
            }
            try f.addPoint(h, PlaneKit.foot(P, A, B))
            f.drawLine([a, b, h])
            f.drawLine([p, h])
            f.guarantee([.collinear([a, b, h]), .perpendicular(Seg(p, h), Seg(a, b))], step: i)
        case let .intersection(x, a, b, c, d):
            let X = try crossing(f, a, b, c, d)
            try f.addPoint(x, X)
            f.drawLine([a, b, x])
            f.drawLine([c, d, x])
            f.guarantee([.collinear([a, b, x]), .collinear([c, d, x])], step: i)
        case let .parallelLine(x, p, a, b, c, d):
            let (P, A, B) = (try f.point(p), try f.point(a), try f.point(b))
            let X = try crossing(f, P, B - A, c, d, "parallel through \(p)")
            try f.addPoint(x, X)
            f.drawLine([p, x])
            f.drawLine([c, d, x])
            f.guarantee([.parallel(Seg(p, x), Seg(a, b)), .collinear([c, d, x])], step: i)
        case let .perpendicularLine(x, p, a, b, c, d):
            let (P, A, B) = (try f.point(p), try f.point(a), try f.point(b))
            let X = try crossing(f, P, (B - A).perpendicular, c, d, "perpendicular through \(p)")
            try f.addPoint(x, X)
            f.drawLine([p, x])
            f.drawLine([c, d, x])
            f.guarantee([.perpendicular(Seg(p, x), Seg(a, b)), .collinear([c, d, x])], step: i)
        case let .angleBisector(x, a, v, c):
            let (A, V, C) = (try f.point(a), try f.point(v), try f.point(c))
            try Guards.requireTriangle(f, a, v, c)
            let dir = (A - V).normalized + (C - V).normalized
            let X = try crossing(f, V, dir, a, c, "bisector at \(v)")
            try f.addPoint(x, X)
            f.drawLine([v, x])
            f.drawLine([a, x, c])
            f.guarantee([.equalAngles(Ang(a, v, x), Ang(x, v, c)), .collinear([a, x, c])], step: i)
        case let .perpendicularBisector(m, x, a, b, c, d):
            let (A, B) = (try f.point(a), try f.point(b))
            let M = (A + B) / 2
            let X = try crossing(f, M, (B - A).perpendicular, c, d, "perpendicular bisector of \(a)\(b)")
            try f.addPoint(m, M)
            try f.addPoint(x, X)
            f.drawLine([a, m, b])
            f.drawLine([m, x])
            f.drawLine([c, d, x])
            f.guarantee([.collinear([a, m, b]), .equalLengths(Seg(a, m), Seg(m, b)),
                         .perpendicular(Seg(m, x), Seg(a, b)), .collinear([c, d, x])], step: i)
        case let .reflectInLine(q, p, a, b):
            let (P, A, B) = (try f.point(p), try f.point(a), try f.point(b))
            guard PlaneKit.distanceToLine(P, A, B) > 1e-6 * max(1, A.distance(to: B)) else {
                throw ConstructionError.badArguments("\(p) lies on \(a)\(b)")
            }
            try f.addPoint(q, 2 * PlaneKit.foot(P, A, B) - P)
            f.drawLine([p, q])
            f.guarantee([.equalLengths(Seg(a, p), Seg(a, q)), .equalLengths(Seg(b, p), Seg(b, q)),
                         .perpendicular(Seg(p, q), Seg(a, b))], step: i)
        case let .reflectInPoint(q, p, o):
            let (P, O) = (try f.point(p), try f.point(o))
            try f.addPoint(q, 2 * O - P)
            f.drawLine([p, o, q])
            f.guarantee([.collinear([p, o, q]), .equalLengths(Seg(o, p), Seg(o, q))], step: i)
        case let .rotate(q, p, o, deg):
            let (P, O) = (try f.point(p), try f.point(o))
            let turn = deg.truncatingRemainder(dividingBy: 360)
            guard turn > 0 else { throw ConstructionError.badArguments("rotation by \(deg)°") }
            try f.addPoint(q, O + (P - O).rotated(by: Angle.radians(turn)))
            f.drawLine([o, p])
            f.drawLine([o, q])
            var facts: [Relation] = [.equalLengths(Seg(o, p), Seg(o, q))]
            if abs(turn - 180) > 1e-9 { facts.append(.angleValue(Ang(p, o, q), turn < 180 ? turn : 360 - turn)) }
            f.guarantee(facts, step: i)
        case let .circumcentre(o, a, b, c):
            try Guards.requireTriangle(f, a, b, c)
            let (A, B, C) = (try f.point(a), try f.point(b), try f.point(c))
            try f.addPoint(o, try circumcentre(A, B, C))
            for p in [a, b, c] { f.drawLine([o, p]) }
            f.guarantee([.equalLengths(Seg(o, a), Seg(o, b)), .equalLengths(Seg(o, a), Seg(o, c))], step: i)
        case let .incentre(x, a, b, c):
            try Guards.requireTriangle(f, a, b, c)
            let (A, B, C) = (try f.point(a), try f.point(b), try f.point(c))
            let la = B.distance(to: C), lb = A.distance(to: C), lc = A.distance(to: B)
            try f.addPoint(x, (A * la + B * lb + C * lc) / (la + lb + lc))
            for p in [a, b, c] { f.drawLine([x, p]) }
            f.guarantee([.equalAngles(Ang(b, a, x), Ang(x, a, c)), .equalAngles(Ang(a, b, x), Ang(x, b, c)),
                         .equalAngles(Ang(a, c, x), Ang(x, c, b))], step: i)
        case let .centroid(g, m, a, b, c):
            try Guards.requireTriangle(f, a, b, c)
            let (A, B, C) = (try f.point(a), try f.point(b), try f.point(c))
            try f.addPoint(m, (B + C) / 2)
            try f.addPoint(g, (A + B + C) / 3)
            f.drawLine([b, m, c])
            f.drawLine([a, g, m])
            f.guarantee([.collinear([b, m, c]), .equalLengths(Seg(b, m), Seg(m, c)), .collinear([a, g, m]),
                         .lengthRatio(Seg(a, g), Seg(g, m), 2)], step: i)
        case let .orthocentre(h, a, b, c):
            try Guards.requireTriangle(f, a, b, c)
            let (A, B, C) = (try f.point(a), try f.point(b), try f.point(c))
            guard let H = Construct.intersect(A, (C - B).perpendicular, B, (C - A).perpendicular) else {
                throw ConstructionError.noIntersection("altitudes of \(a)\(b)\(c)")
            }
            try f.addPoint(h, H)
            for p in [a, b, c] { f.drawLine([h, p]) }
            f.guarantee([.perpendicular(Seg(a, h), Seg(b, c)), .perpendicular(Seg(b, h), Seg(a, c)),
                         .perpendicular(Seg(c, h), Seg(a, b))], step: i)
        default:
            throw ConstructionError.badArguments("step \(step.kind) not realized")
        }
    }

    /// Where lines AB and CD (named points) cross, at least `Guards.minAngle` apart.
    static func crossing(_ f: Figure, _ a: PointName, _ b: PointName, _ c: PointName, _ d: PointName) throws -> Vec2 {
        let (A, B) = (try f.point(a), try f.point(b))
        return try crossing(f, A, B - A, c, d, "\(a)\(b) and \(c)\(d)")
    }

    /// Where the line P + t·dir crosses line CD.
    static func crossing(_ f: Figure, _ p: Vec2, _ dir: Vec2, _ c: PointName, _ d: PointName,
                         _ what: String) throws -> Vec2 {
        let (C, D) = (try f.point(c), try f.point(d))
        try Guards.requireCrossing(dir, D - C, what)
        guard let x = Construct.intersect(p, dir, C, D - C) else { throw ConstructionError.noIntersection(what) }
        return x
    }

    static func circumcentre(_ a: Vec2, _ b: Vec2, _ c: Vec2) throws -> Vec2 {
        guard let o = Construct.intersect((a + b) / 2, (b - a).perpendicular, (a + c) / 2, (c - a).perpendicular) else {
            throw ConstructionError.noIntersection("perpendicular bisectors")
        }
        return o
    }
}
