import DatasetFormat
import Foundation

/// How a solid is put on paper. Polyhedra use the cabinet (oblique) projection of
/// school textbooks: the front plane is drawn true, the depth axis recedes at an
/// angle and half scale. Solids of revolution use a parallel view from slightly
/// above, so horizontal circles become upright ellipses and a sphere stays round,
/// as textbooks draw them.
public struct SolidView: Sendable, Equatable {
    public enum Kind: String, Sendable { case cabinet, elevated }
    public let kind: Kind
    /// Cabinet: direction of the receding axis on paper (radians; beyond 90° it recedes to the left).
    /// Elevated: how far above the horizon the viewer looks down (radians).
    public let angle: Double
    /// Cabinet: length on paper of one unit of depth (0.5 for cabinet); unused when elevated.
    public let scale: Double

    public static func cabinet(angle: Double, scale: Double = 0.5) -> SolidView {
        SolidView(kind: .cabinet, angle: angle, scale: scale)
    }

    public static func elevated(_ elevation: Double) -> SolidView {
        SolidView(kind: .elevated, angle: elevation, scale: 1)
    }

    /// Paper coordinates of a point in space.
    public func callAsFunction(_ p: Vec3) -> Vec2 {
        switch kind {
        case .cabinet:
            return Vec2(p.x + scale * cos(angle) * p.y, p.z + scale * sin(angle) * p.y)
        case .elevated:
            return Vec2(p.x, p.z * cos(angle) + p.y * sin(angle))
        }
    }

    /// Points from the figure toward the viewer, opposite to the projecting rays: moving a
    /// point along it does not change its image, and a face whose outward normal has a
    /// positive component along it faces the viewer.
    public var toViewer: Vec3 {
        switch kind {
        case .cabinet: return Vec3(scale * cos(angle), -1, scale * sin(angle))
        case .elevated: return Vec3(0, -cos(angle), sin(angle))
        }
    }

    /// Whether a surface with outward normal `normal` faces the viewer.
    public func faces(_ normal: Vec3) -> Bool { normal.dot(toViewer) > 0 }

    /// How squarely a surface faces the viewer or away, from 0 (seen edge-on) to 1:
    /// figures with a face seen almost edge-on are rejected, their edges would pile up.
    public func obliquity(_ normal: Vec3) -> Double {
        abs(normal.normalized.dot(toViewer.normalized))
    }

    /// A textbook view drawn from `rng`: the depth axis at 30° to 45° (to the right or, mirrored, to the left).
    static func randomCabinet(_ rng: inout SplitMix64) -> SolidView {
        let a = Angle.radians(Double(rng.pick([30, 35, 40, 45])))
        return .cabinet(angle: rng.chance(0.5) ? a : .pi - a)
    }

    /// A view from 12° to 22° above the horizon.
    static func randomElevated(_ rng: inout SplitMix64) -> SolidView {
        .elevated(Angle.radians(rng.double(12...22)))
    }

    /// The record form, enough to redraw the figure from the spec.
    var json: JSONValue {
        switch kind {
        case .cabinet:
            return ["kind": "cabinet", "depth_angle_deg": .double(r6(Angle.degrees(angle))), "depth_scale": .double(scale)]
        case .elevated:
            return ["kind": "elevated", "elevation_deg": .double(r6(Angle.degrees(angle)))]
        }
    }
}
