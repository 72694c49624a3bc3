import DatasetFormat
import Foundation

/// A point or vector in space, in world units: x to the right, y away from the
/// viewer (depth), z up. Solid families construct in 3D and project to draw.
@frozen public struct Vec3: Hashable, Sendable, CustomStringConvertible {
    public var x: Double
    public var y: Double
    public var z: Double
    public init(_ x: Double, _ y: Double, _ z: Double) { self.x = x; self.y = y; self.z = z }

    public static let zero = Vec3(0, 0, 0)
    public static func + (a: Vec3, b: Vec3) -> Vec3 { Vec3(a.x + b.x, a.y + b.y, a.z + b.z) }
    public static func - (a: Vec3, b: Vec3) -> Vec3 { Vec3(a.x - b.x, a.y - b.y, a.z - b.z) }
    public static func * (a: Vec3, s: Double) -> Vec3 { Vec3(a.x * s, a.y * s, a.z * s) }
    public static func * (s: Double, a: Vec3) -> Vec3 { Vec3(a.x * s, a.y * s, a.z * s) }
    public static func / (a: Vec3, s: Double) -> Vec3 { Vec3(a.x / s, a.y / s, a.z / s) }
    public static prefix func - (a: Vec3) -> Vec3 { Vec3(-a.x, -a.y, -a.z) }

    public func dot(_ b: Vec3) -> Double { x * b.x + y * b.y + z * b.z }
    public func cross(_ b: Vec3) -> Vec3 { Vec3(y * b.z - z * b.y, z * b.x - x * b.z, x * b.y - y * b.x) }
    public var length: Double { dot(self).squareRoot() }
    public var normalized: Vec3 { let l = length; return l > 0 ? self / l : self }
    public func distance(to b: Vec3) -> Double { (self - b).length }
    /// The midpoint of self and `b`.
    public func mid(_ b: Vec3) -> Vec3 { (self + b) / 2 }

    /// Rotated by `radians` about the line through `origin` with direction `axis` (Rodrigues' formula).
    public func rotated(about axis: Vec3, through origin: Vec3, by radians: Double) -> Vec3 {
        let k = axis.normalized, v = self - origin
        let c = cos(radians), s = sin(radians)
        return origin + v * c + k.cross(v) * s + k * (k.dot(v) * (1 - c))
    }

    /// Rounded to 6 decimals, as records store coordinates.
    public var json: JSONValue { [.double(r6(x)), .double(r6(y)), .double(r6(z))] }
    public var description: String { "(\(x), \(y), \(z))" }
}

/// The unsigned angle at `vertex` between rays to `a` and `b`, in degrees.
func angle3(_ a: Vec3, _ vertex: Vec3, _ b: Vec3) -> Double {
    let u = a - vertex, v = b - vertex
    let c = u.dot(v) / (u.length * v.length)
    return Angle.degrees(acos(max(-1, min(1, c))))
}
