import Foundation

/// A point or vector in the plane, in world units (y up).
@frozen public struct Vec2: Hashable, Sendable, CustomStringConvertible {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }

    public static let zero = Vec2(0, 0)
    public static func + (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x + b.x, a.y + b.y) }
    public static func - (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x - b.x, a.y - b.y) }
    public static func * (a: Vec2, s: Double) -> Vec2 { Vec2(a.x * s, a.y * s) }
    public static func * (s: Double, a: Vec2) -> Vec2 { Vec2(a.x * s, a.y * s) }
    public static func / (a: Vec2, s: Double) -> Vec2 { Vec2(a.x / s, a.y / s) }
    public static prefix func - (a: Vec2) -> Vec2 { Vec2(-a.x, -a.y) }

    public func dot(_ b: Vec2) -> Double { x * b.x + y * b.y }
    /// z-component of the 3D cross product: positive when `b` is counter-clockwise of self.
    public func cross(_ b: Vec2) -> Double { x * b.y - y * b.x }
    public var length: Double { (x * x + y * y).squareRoot() }
    public var normalized: Vec2 { let l = length; return l > 0 ? self / l : self }
    /// Rotated a quarter turn counter-clockwise.
    public var perpendicular: Vec2 { Vec2(-y, x) }
    /// Direction angle in radians, in (-pi, pi].
    public var angle: Double { atan2(y, x) }
    public func rotated(by radians: Double) -> Vec2 {
        let c = cos(radians), s = sin(radians)
        return Vec2(c * x - s * y, s * x + c * y)
    }
    public func distance(to b: Vec2) -> Double { (self - b).length }
    public static func polar(_ r: Double, _ theta: Double) -> Vec2 { Vec2(r * cos(theta), r * sin(theta)) }
    public var description: String { "(\(x), \(y))" }
}

/// Angle conversions and measurement. Degrees are what problems speak in.
public enum Angle {
    public static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }
    public static func degrees(_ radians: Double) -> Double { radians * 180 / .pi }

    /// The unsigned angle at `vertex` between rays to `a` and `b`, in degrees, in [0, 180].
    public static func measure(_ a: Vec2, _ vertex: Vec2, _ b: Vec2) -> Double {
        let u = a - vertex, v = b - vertex
        let c = u.dot(v) / (u.length * v.length)
        return degrees(acos(max(-1, min(1, c))))
    }
}

/// Approximate comparison with a stated tolerance; numbers from constructions are never compared with `==`.
public func approxEqual(_ a: Double, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// Constructions on lines and segments.
public enum Construct {
    /// Intersection of line p1 + t*d1 with line p2 + s*d2; nil when (nearly) parallel.
    public static func intersect(_ p1: Vec2, _ d1: Vec2, _ p2: Vec2, _ d2: Vec2) -> Vec2? {
        let den = d1.cross(d2)
        guard abs(den) > 1e-12 * d1.length * d2.length else { return nil }
        let t = (p2 - p1).cross(d2) / den
        return p1 + d1 * t
    }

    /// The point a fraction `t` of the way from `a` to `b`.
    public static func along(_ a: Vec2, _ b: Vec2, _ t: Double) -> Vec2 { a + (b - a) * t }

    /// Distance from point `p` to segment `ab`.
    public static func distance(_ p: Vec2, segment a: Vec2, _ b: Vec2) -> Double {
        let ab = b - a
        let l2 = ab.dot(ab)
        guard l2 > 0 else { return p.distance(to: a) }
        let t = max(0, min(1, (p - a).dot(ab) / l2))
        return p.distance(to: a + ab * t)
    }

    /// Area of a polygon by the shoelace formula (positive when counter-clockwise).
    public static func signedArea(_ pts: [Vec2]) -> Double {
        guard pts.count >= 3 else { return 0 }
        var s = 0.0
        for i in pts.indices { s += pts[i].cross(pts[(i + 1) % pts.count]) }
        return s / 2
    }

    /// Applies a rotation about the origin and an optional mirror in the y axis.
    public static func orient(_ p: Vec2, rotation: Double, mirror: Bool) -> Vec2 {
        let q = mirror ? Vec2(-p.x, p.y) : p
        return q.rotated(by: rotation)
    }
}
