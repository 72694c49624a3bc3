/// Equality of lengths is transitive: AB = CD and CD = EF give AB = EF.
public struct EqualLengthTransitive: DeductionRule {
    public init() {}
    public let id = "equal_length_transitive"
    public func apply(to base: FactBase) -> [Conclusion] {
        var bySeg: [Seg: [(Seg, Int)]] = [:]
        for fact in base.all(.equalLengths) {
            guard case let .equalLengths(s, t) = fact.relation else { continue }
            bySeg[s, default: []].append((t, fact.id))
            bySeg[t, default: []].append((s, fact.id))
        }
        var out: [Conclusion] = []
        for (_, others) in bySeg.sorted(by: { $0.key < $1.key }) {  // key order: the same in every process
            for (i, (x, p)) in others.enumerated() { for (y, q) in others[(i + 1)...] where x != y {
                out.append(Conclusion(.equalLengths(x, y), [p, q]))
            } }
        }
        return out
    }
}
