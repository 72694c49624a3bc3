import DatasetFormat
import Foundation

/// A rotation and mirror for a free figure, so a model cannot learn one fixed layout.
struct PlanePose: Sendable {
    var rotation: Double
    var mirror: Bool

    /// Mostly near-upright (textbook figures rest on a base), sometimes any turn.
    static func draw(_ rng: inout SplitMix64, tilt: Double = 0.3, freeTurn: Double = 0.25) -> PlanePose {
        let rotation = rng.chance(freeTurn) ? rng.double(-Double.pi...Double.pi) : rng.double(-tilt...tilt)
        return PlanePose(rotation: rotation, mirror: rng.chance(0.5))
    }

    func callAsFunction(_ p: Vec2) -> Vec2 { Construct.orient(p, rotation: rotation, mirror: mirror) }
}

/// The named points of a figure: role letters (as the templates use them), the labels drawn for
/// them and their constructed coordinates, in drawing order.
struct PlaneFigure: Sendable {
    var roles: [Character]
    var labels: [String]
    var points: [Vec2]

    /// Draws labels for `roles`; a role "O" (a circle's center) is always labelled O, as textbooks do.
    init(roles: String, points: [Vec2], rng: inout SplitMix64) {
        self.roles = Array(roles)
        let drawn = Labels.draw(roles.count, &rng)
        labels = zip(self.roles, drawn).map { $0.0 == "O" ? "O" : $0.1 }
        self.points = points
    }

    subscript(_ role: Character) -> Vec2 {
        guard let i = roles.firstIndex(of: role) else { return .zero }
        return points[i]
    }

    /// The label drawn for each role letter of `roles` ("AGE" -> "KLM").
    func name(_ roles: String) -> String {
        roles.map { r in self.roles.firstIndex(of: r).map { labels[$0] } ?? "?" }.joined()
    }

    /// Template parameters: each role letter mapped to its label.
    var params: [String: String] {
        var p: [String: String] = [:]
        for (r, l) in zip(roles, labels) { p[String(r)] = l }
        return p
    }

    func addPoints(to scene: inout Scene) {
        for (p, l) in zip(points, labels) { scene.add(.point(at: p, label: l, dot: true)) }
    }

    var labelsJSON: JSONValue { PlaneKit.labels(zip(roles, labels).map { (String($0.0), $0.1) }) }
    var coordinatesJSON: JSONValue { PlaneKit.coordinates(zip(roles, points).map { (String($0.0), $0.1) }) }
}
