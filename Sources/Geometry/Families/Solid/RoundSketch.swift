import Foundation

/// Rims of the round solids. A rim is a horizontal circle; in the elevated view it is
/// an upright ellipse, drawn as a polyline split where its visibility changes.
extension SolidSketch {
    /// The point at parameter `t` (radians, from +x toward the back) on the horizontal
    /// circle of radius `r` about `center`.
    static func rimPoint(_ center: Vec3, _ r: Double, _ t: Double) -> Vec3 {
        center + Vec3(r * cos(t), r * sin(t), 0)
    }

    /// The arc of that circle from `t0` to `t1`, solid or dashed.
    mutating func rim(_ center: Vec3, _ r: Double, from t0: Double, to t1: Double, hidden: Bool) {
        let n = max(8, Int(abs(t1 - t0) / (2 * .pi) * 96))
        curve((0...n).map { Self.rimPoint(center, r, t0 + (t1 - t0) * Double($0) / Double(n)) }, hidden: hidden)
    }

    /// The outline of a sphere about `center`: in a parallel view, a circle of radius `r`.
    mutating func outline(_ center: Vec3, _ r: Double) {
        scene.add(.circle(center: view(center), radius: r, style: .solid))
    }

    /// The base rim of a cone or frustum (or a cylinder, `spread` = 0): the part behind the
    /// solid, where sin t exceeds `spread` = (bottom radius - top radius) tan(elevation) / height,
    /// is dashed. Returns the two silhouette parameters (right, left).
    mutating func baseRim(_ center: Vec3, _ r: Double, spread: Double) -> (Double, Double) {
        let t1 = asin(max(-1, min(1, spread))), t2 = .pi - t1
        rim(center, r, from: t1, to: t2, hidden: true)
        rim(center, r, from: t2, to: t1 + 2 * .pi, hidden: false)
        return (t1, t2)
    }
}
