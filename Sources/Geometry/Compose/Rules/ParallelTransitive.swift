/// Two lines parallel to a third are parallel: AB ∥ CD and CD ∥ EF give AB ∥ EF.
public struct ParallelTransitive: DeductionRule {
    public init() {}
    public let id = "parallel_transitive"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        let all = base.all(.parallel)
        for (i, f) in all.enumerated() { for g in all[(i + 1)...] {
            guard case let .parallel(s, t) = f.relation, case let .parallel(u, v) = g.relation else { continue }
            for (shared, x) in [(s, t), (t, s)] {
                for (same, y) in [(u, v), (v, u)] where shared == same && x != y {
                    out.append(Conclusion(.parallel(x, y), [f.id, g.id]))
                }
            }
        } }
        return out
    }
}
