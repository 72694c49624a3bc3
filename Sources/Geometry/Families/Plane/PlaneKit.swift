import Foundation

/// Construction and measurement helpers shared by the plane families.
/// Kept in one namespace so they cannot clash with other subjects' helpers in the module.
enum PlaneKit {
    // MARK: Constructions

    /// Foot of the perpendicular from `p` to the line through `a` and `b`.
    static func foot(_ p: Vec2, _ a: Vec2, _ b: Vec2) -> Vec2 {
        let d = b - a
        let t = (p - a).dot(d) / d.dot(d)
        return a + d * t
    }

    /// Distance from `p` to the (infinite) line through `a` and `b`.
    static func distanceToLine(_ p: Vec2, _ a: Vec2, _ b: Vec2) -> Double {
        abs((b - a).cross(p - a)) / (b - a).length
    }

    /// Where the line `p + t d` meets the circle (center `c`, radius `r`), sorted by t; empty when it misses.
    static func lineCircle(_ p: Vec2, _ d: Vec2, center c: Vec2, radius r: Double) -> [Vec2] {
        let f = p - c
        let a = d.dot(d), b = 2 * f.dot(d), cc = f.dot(f) - r * r
        let disc = b * b - 4 * a * cc
        guard a > 0, disc >= 0 else { return [] }
        let s = disc.squareRoot()
        return [p + d * ((-b - s) / (2 * a)), p + d * ((-b + s) / (2 * a))]
    }

    /// The intersection points of two circles; empty when they do not meet.
    static func circleCircle(_ c1: Vec2, _ r1: Double, _ c2: Vec2, _ r2: Double) -> [Vec2] {
        let d = c1.distance(to: c2)
        guard d > 1e-12, d <= r1 + r2, d >= abs(r1 - r2) else { return [] }
        let a = (r1 * r1 - r2 * r2 + d * d) / (2 * d)
        let h = max(0, r1 * r1 - a * a).squareRoot()
        let u = (c2 - c1) / d
        let m = c1 + u * a
        return [m + u.perpendicular * h, m - u.perpendicular * h]
    }

    // MARK: Independent numeric routes

    /// Points of the arc of the circle (center `c`) from point `a` counter-clockwise to point `b`,
    /// sampled from the constructed points (not from a given angle).
    static func arcPoints(center c: Vec2, from a: Vec2, to b: Vec2, samples n: Int) -> [Vec2] {
        let r = a.distance(to: c)
        let t0 = (a - c).angle
        var t1 = (b - c).angle
        while t1 <= t0 { t1 += 2 * .pi }
        return (0...n).map { c + Vec2.polar(r, t0 + (t1 - t0) * Double($0) / Double(n)) }
    }

    /// The whole circle through `a` about `c` as a fine inscribed polygon.
    static func circlePoints(center c: Vec2, through a: Vec2, samples n: Int) -> [Vec2] {
        let r = a.distance(to: c), t0 = (a - c).angle
        return (0..<n).map { c + Vec2.polar(r, t0 + 2 * .pi * Double($0) / Double(n)) }
    }

    /// Length of a polyline (closed when `closed`).
    static func pathLength(_ pts: [Vec2], closed: Bool) -> Double {
        guard pts.count > 1 else { return 0 }
        var s = 0.0
        for i in 0..<(pts.count - 1) { s += pts[i].distance(to: pts[i + 1]) }
        if closed, let f = pts.first, let l = pts.last { s += l.distance(to: f) }
        return s
    }

    /// Unsigned shoelace area.
    static func area(_ pts: [Vec2]) -> Double { abs(Construct.signedArea(pts)) }

    // MARK: Degeneracy checks (reject and resample, never draw a bad figure)

    /// Throws when two of `points` are closer than `fraction` of the figure's diameter.
    static func requireSpread(_ points: [Vec2], fraction: Double, _ what: String) throws {
        let d = diameter(points)
        for i in points.indices {
            for j in points.indices where j > i && points[i].distance(to: points[j]) < fraction * d {
                throw GenerationFailure.degenerate("\(what): points \(i) and \(j) too close")
            }
        }
    }

    /// Throws when the figure is much longer than it is wide (everything would be tiny on the canvas).
    static func requireCompact(_ points: [Vec2], maxAspect: Double, _ what: String) throws {
        let xs = points.map(\.x), ys = points.map(\.y)
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return }
        let w = x1 - x0, h = y1 - y0
        guard max(w, h) <= maxAspect * max(min(w, h), 1e-9) else {
            throw GenerationFailure.degenerate("\(what): figure too elongated")
        }
    }

    static func diameter(_ points: [Vec2]) -> Double {
        var d = 0.0
        for i in points.indices { for j in points.indices where j > i { d = max(d, points[i].distance(to: points[j])) } }
        return d
    }

    // MARK: Pythagorean triples

    /// Primitive triples whose legs are not too unequal to draw (ratio at least 0.28).
    static let primitiveTriples: [(Int, Int, Int)] = [
        (3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25), (20, 21, 29), (12, 35, 37),
        (28, 45, 53), (33, 56, 65), (48, 55, 73), (36, 77, 85), (39, 80, 89), (65, 72, 97),
    ]

    /// A triple (leg, leg, hypotenuse) drawn uniformly from all multiples of the primitive triples with
    /// hypotenuse at most `maxHypotenuse`, legs in random order. Uniform over the multiples, so that
    /// 3-4-5 and its many multiples do not crowd out the rest.
    static func triple(_ rng: inout SplitMix64, maxHypotenuse: Int) -> (Int, Int, Int) {
        var all: [(Int, Int, Int)] = []
        for t in primitiveTriples {
            var k = 1
            while k * t.2 <= maxHypotenuse { all.append((k * t.0, k * t.1, k * t.2)); k += 1 }
        }
        let t = all.isEmpty ? (3, 4, 5) : rng.pick(all)
        return rng.chance(0.5) ? t : (t.1, t.0, t.2)
    }

    // MARK: Drawn values

    /// A length written beside segment ab that has a labelled point `inner` on it: the value names the
    /// whole segment ("AB = 15 cm") and sits beside the longer part, clear of the inner point's label.
    static func splitSegmentValue(_ a: Vec2, _ b: Vec2, inner: Vec2, text: String, away: Vec2) -> SceneElement {
        let (u, v) = a.distance(to: inner) >= inner.distance(to: b) ? (a, inner) : (inner, b)
        return .segmentValue(u, v, text: text, away: away)
    }
}
