/// Equality of angles is transitive: ∠1 = ∠2 and ∠2 = ∠3 give ∠1 = ∠3.
public struct EqualAngleTransitive: DeductionRule {
    public init() {}
    public let id = "equal_angle_transitive"
    public func apply(to base: FactBase) -> [Conclusion] {
        var byAngle: [Ang: [(Ang, Int)]] = [:]
        for fact in base.all(.equalAngles) {
            guard case let .equalAngles(x, y) = fact.relation else { continue }
            byAngle[x, default: []].append((y, fact.id))
            byAngle[y, default: []].append((x, fact.id))
        }
        var out: [Conclusion] = []
        for (_, others) in byAngle.sorted(by: { $0.key < $1.key }) {  // key order: the same in every process
            for (i, (x, p)) in others.enumerated() { for (y, q) in others[(i + 1)...] where x != y {
                out.append(Conclusion(.equalAngles(x, y), [p, q]))
            } }
        }
        return out
    }
}
