import DatasetFormat

/// Vertex labels for the solids.
enum SolidLabels {
    /// Labels for a prism's 2n vertices: either A, B, C, ... with the top as A', B', C'
    /// (the textbook ABCD-A'B'C'D'), or 2n distinct letters.
    static func prism(_ n: Int, _ rng: inout SplitMix64) -> [String] {
        if rng.chance(0.5) {
            let l = Labels.draw(n, &rng)
            return l + l.map { $0 + "'" }
        }
        return Labels.draw(2 * n, &rng)
    }

    /// The labels as a record object: role name -> label.
    static func json(_ roles: [String], _ labels: [String]) -> JSONValue {
        .object(zip(roles, labels).map { ($0, .string($1)) })
    }

    /// Coordinates as a record object: role name -> [x, y, z].
    static func coordinates(_ roles: [String], _ points: [Vec3]) -> JSONValue {
        .object(zip(roles, points).map { ($0, $1.json) })
    }
}
