import Foundation

/// The free figures: the first step of a program (and free points later). Each
/// places its points from its own numbers and guarantees what it is by
/// definition; the values it was drawn with are given facts.
extension Realizer {
    /// Realizes `step` if it is a free figure; false for a dependent step.
    static func applyFree(_ step: ConstructionStep, _ f: inout Figure, _ i: Int) throws -> Bool {
        switch step {
        case let .freePoint(n, x, y):
            try f.addPoint(n, Vec2(x, y))
        case let .triangle(n, base, angleA, angleB):
            let t = try names(n, 3, "triangle")
            guard angleA > 0, angleB > 0, angleA + angleB < 180, base > 0 else {
                throw ConstructionError.badArguments("triangle angles \(angleA), \(angleB)")
            }
            let a = Vec2(0, 0), b = Vec2(base, 0)
            guard let c = Construct.intersect(a, Vec2.polar(1, Angle.radians(angleA)),
                                              b, Vec2.polar(1, .pi - Angle.radians(angleB))) else {
                throw ConstructionError.noIntersection("triangle apex")
            }
            try polygon(&f, t, [a, b, c], i, [
                .angleValue(Ang(t[1], t[0], t[2]), angleA), .angleValue(Ang(t[0], t[1], t[2]), angleB),
                .lengthValue(Seg(t[0], t[1]), base),
            ])
        case let .rightTriangle(n, legA, legB):
            let t = try names(n, 3, "right triangle")
            try polygon(&f, t, [Vec2(legA, 0), Vec2(0, legB), Vec2(0, 0)], i, [
                .angleValue(Ang(t[0], t[2], t[1]), 90), .perpendicular(Seg(t[2], t[0]), Seg(t[2], t[1])),
                .lengthValue(Seg(t[2], t[0]), legA), .lengthValue(Seg(t[2], t[1]), legB),
            ])
        case let .isoscelesTriangle(n, leg, apex):
            let t = try names(n, 3, "isosceles triangle")
            let h = Angle.radians(apex) / 2
            try polygon(&f, t, [Vec2(0, 0), Vec2.polar(leg, -.pi / 2 - h), Vec2.polar(leg, -.pi / 2 + h)], i, [
                .equalLengths(Seg(t[0], t[1]), Seg(t[0], t[2])), .angleValue(Ang(t[1], t[0], t[2]), apex),
                .lengthValue(Seg(t[0], t[1]), leg),
            ])
        case let .equilateralTriangle(n, side):
            let t = try names(n, 3, "equilateral triangle")
            try polygon(&f, t, [Vec2(0, 0), Vec2(side, 0), Vec2.polar(side, .pi / 3)], i, [
                .equalLengths(Seg(t[0], t[1]), Seg(t[1], t[2])), .equalLengths(Seg(t[1], t[2]), Seg(t[2], t[0])),
                .lengthValue(Seg(t[0], t[1]), side),
            ])
        case let .parallelogram(n, s1, s2, angle):
            try parallelogram(&f, try names(n, 4, "parallelogram"), s1, s2, angle, i, [])
        case let .rectangle(n, w, h):
            try parallelogram(&f, try names(n, 4, "rectangle"), w, h, 90, i, [])
        case let .rhombus(n, side, angle):
            let q = try names(n, 4, "rhombus")
            try parallelogram(&f, q, side, side, angle, i, [.equalLengths(Seg(q[0], q[1]), Seg(q[0], q[3]))])
        case let .square(n, side):
            let q = try names(n, 4, "square")
            try parallelogram(&f, q, side, side, 90, i, [.equalLengths(Seg(q[0], q[1]), Seg(q[0], q[3]))])
        case let .trapezoid(n, bottom, top, height, shift):
            let q = try names(n, 4, "trapezoid")
            try polygon(&f, q, [Vec2(0, 0), Vec2(bottom, 0), Vec2(shift + top, height), Vec2(shift, height)], i, [
                .parallel(Seg(q[0], q[1]), Seg(q[3], q[2])),
                .lengthValue(Seg(q[0], q[1]), bottom), .lengthValue(Seg(q[3], q[2]), top),
            ])
        case let .kite(n, w, topAngle, bottomAngle):
            let q = try names(n, 4, "kite")
            let top = w / tan(Angle.radians(topAngle) / 2), bottom = w / tan(Angle.radians(bottomAngle) / 2)
            try polygon(&f, q, [Vec2(0, top), Vec2(-w, 0), Vec2(0, -bottom), Vec2(w, 0)], i, [
                .equalLengths(Seg(q[0], q[1]), Seg(q[0], q[3])), .equalLengths(Seg(q[2], q[1]), Seg(q[2], q[3])),
                .angleValue(Ang(q[1], q[0], q[3]), topAngle), .angleValue(Ang(q[1], q[2], q[3]), bottomAngle),
            ])
        case let .regularPolygon(n, center, radius):
            guard (5...8).contains(n.count), Set(n + [center]).count == n.count + 1 else {
                throw ConstructionError.badArguments("regular polygon needs 5 to 8 distinct names and a centre")
            }
            try f.addPoint(center, .zero)
            let k = n.count
            let pts = (0..<k).map { Vec2.polar(radius, .pi / 2 + 2 * .pi * Double($0) / Double(k)) }
            var facts: [Relation] = [.lengthValue(Seg(center, n[0]), radius)]
            for j in 1..<k {
                facts.append(.equalLengths(Seg(center, n[0]), Seg(center, n[j])))
                facts.append(.equalLengths(Seg(n[0], n[1]), Seg(n[j], n[(j + 1) % k])))
            }
            f.drawLine([center, n[0]])
            try polygon(&f, n, pts, i, facts)
        case let .circle(center, through, radius):
            guard radius > 0 else { throw ConstructionError.badArguments("circle radius \(radius)") }
            try f.addPoint(center, .zero)
            try f.addPoint(through, Vec2(radius, 0))
            f.drawLine([center, through])
            f.addCircle(CircleRef(center: center, through: through))
            f.guarantee([.lengthValue(Seg(center, through), radius)], step: i)
        default:
            return false
        }
        return true
    }

    /// Adds a closed polygon's vertices and sides with the facts it guarantees.
    static func polygon(_ f: inout Figure, _ n: [PointName], _ pts: [Vec2], _ i: Int, _ facts: [Relation]) throws {
        for (name, p) in zip(n, pts) { try f.addPoint(name, p) }
        f.drawPolygon(n)
        f.guarantee(facts, step: i)
    }

    /// ABCD with AB = s1 along x, AD = s2 at `angle`: opposite sides parallel by construction.
    static func parallelogram(_ f: inout Figure, _ q: [PointName], _ s1: Double, _ s2: Double, _ angle: Double,
                              _ i: Int, _ extra: [Relation]) throws {
        guard angle > 0, angle < 180 else { throw ConstructionError.badArguments("parallelogram angle \(angle)") }
        let b = Vec2(s1, 0), d = Vec2.polar(s2, Angle.radians(angle))
        try polygon(&f, q, [.zero, b, b + d, d], i, [
            .parallel(Seg(q[0], q[1]), Seg(q[3], q[2])), .parallel(Seg(q[0], q[3]), Seg(q[1], q[2])),
            .lengthValue(Seg(q[0], q[1]), s1), .lengthValue(Seg(q[0], q[3]), s2),
            .angleValue(Ang(q[3], q[0], q[1]), angle),
        ] + extra)
    }
}
