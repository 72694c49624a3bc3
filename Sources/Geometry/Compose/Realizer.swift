import Foundation

/// Turns a construction program into a figure: each step computes its points
/// from earlier ones (Double coordinates), draws its lines and circles, states
/// what it guarantees, and must pass the degeneracy guard.
public enum Realizer {
    /// The figure of a whole program; throws the first step's degeneracy.
    public static func realize(_ program: [ConstructionStep]) throws -> Figure {
        var f = Figure()
        for (i, step) in program.enumerated() { try apply(step, to: &f, index: i) }
        return f
    }

    /// Realizes one step on `f` (left unchanged when the step throws).
    public static func apply(_ step: ConstructionStep, to f: inout Figure, index: Int) throws {
        var g = f
        let before = Set(g.names)
        if try !applyFree(step, &g, index) { try applyDependent(step, &g, index) }
        try Guards.check(g, new: g.names.filter { !before.contains($0) })
        f = g
    }

    static func names(_ n: [PointName], _ count: Int, _ what: String) throws -> [PointName] {
        guard n.count == count, Set(n).count == count else {
            throw ConstructionError.badArguments("\(what) needs \(count) distinct names")
        }
        return n
    }
}
