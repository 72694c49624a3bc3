import Foundation

/// The degeneracy guard every step passes after it is realized: a figure that
/// would mislead a reader (two points a label apart, lines crossing at a
/// hairline angle, a point that looks on a line but is not, a sprawling or flat
/// figure) is refused with a reason, and the sampler draws again.
enum Guards {
    /// Thinnest angle allowed between two drawn lines that meet at a named point.
    static let minAngle = 12.0
    /// Closest two points may be, as a fraction of the figure's diameter.
    static let minGap = 0.06
    /// Closest a point may come to a line or circle it is not on, as a fraction of the diameter.
    static let minClearance = 0.025
    /// Largest diameter, in figure units (free figures are 3 to 10 units across).
    static let maxDiameter = 40.0
    /// Largest ratio of the bounding box's long side to its short side.
    static let maxAspect = 5.0

    static func check(_ f: Figure, new: [PointName]) throws {
        let d = max(f.diameter, 1e-9)
        guard d <= maxDiameter else { throw ConstructionError.tooBig(d) }
        for p in new {
            for q in f.names where q != p && f[p].distance(to: f[q]) < minGap * d {
                throw ConstructionError.tooClose(p, q)
            }
        }
        try checkAngles(f)
        try checkClearance(f, d)
        try checkAspect(f)
    }

    /// Two drawn lines that share a point cross at least `minAngle` apart.
    static func checkAngles(_ f: Figure) throws {
        let ls = f.lines
        for i in ls.indices {
            for j in ls.indices where j > i {
                guard let p = ls[i].first(where: { ls[j].contains($0) }) else { continue }
                let a = angleBetween(f, ls[i], ls[j])
                if a < minAngle { throw ConstructionError.tooThin(p, degrees: a) }
            }
        }
    }

    /// The acute angle between two drawn lines, in degrees.
    static func angleBetween(_ f: Figure, _ l: [PointName], _ m: [PointName]) -> Double {
        let u = direction(f, l), v = direction(f, m)
        let c = min(1, abs(u.dot(v)))
        return Angle.degrees(acos(c))
    }

    static func direction(_ f: Figure, _ l: [PointName]) -> Vec2 {
        guard let a = l.first, let b = l.last else { return Vec2(1, 0) }
        return (f[b] - f[a]).normalized
    }

    /// A point off a drawn line (or circle) keeps clear of it; one on it numerically
    /// is on it (a theorem may put it there).
    static func checkClearance(_ f: Figure, _ d: Double) throws {
        for l in f.lines {
            guard let a = l.first, let b = l.last else { continue }
            for p in f.names where !l.contains(p) {
                let dist = Construct.distance(f[p], segment: f[a], f[b])
                if dist > 1e-7 * d && dist < minClearance * d {
                    throw ConstructionError.nearIncidence(p, "line \(l.joined())")
                }
            }
        }
        for c in f.circles {
            let r = f.radius(c), o = f[c.center]
            for p in f.names {
                let gap = abs(f[p].distance(to: o) - r)
                if gap > 1e-7 * d && gap < minClearance * d {
                    throw ConstructionError.nearIncidence(p, "circle \(c)")
                }
            }
        }
    }

    static func checkAspect(_ f: Figure) throws {
        let pts = f.extent
        guard let x0 = pts.map(\.x).min(), let x1 = pts.map(\.x).max(),
              let y0 = pts.map(\.y).min(), let y1 = pts.map(\.y).max(), pts.count >= 3 else { return }
        let w = x1 - x0, h = y1 - y0
        if max(w, h) > maxAspect * max(min(w, h), 1e-9) {
            throw ConstructionError.tooFlat("bounding box \(String(format: "%.1f", w)) × \(String(format: "%.1f", h))")
        }
    }

    /// A triangle a step builds on must have every angle at least `minAngle`.
    static func requireTriangle(_ f: Figure, _ a: PointName, _ b: PointName, _ c: PointName) throws {
        let A = f[a], B = f[b], C = f[c]
        for (x, v, y, n) in [(B, A, C, a), (A, B, C, b), (A, C, B, c)] {
            let m = Angle.measure(x, v, y)
            guard m.isFinite, m >= minAngle else { throw ConstructionError.tooThin(n, degrees: m.isFinite ? m : 0) }
        }
    }

    /// Two lines (directions) that must cross do so at least `minAngle` apart.
    static func requireCrossing(_ u: Vec2, _ v: Vec2, _ what: String) throws {
        let a = Angle.degrees(acos(min(1, abs(u.normalized.dot(v.normalized)))))
        guard a.isFinite, a >= minAngle else { throw ConstructionError.tooThin(what, degrees: a.isFinite ? a : 0) }
    }
}
