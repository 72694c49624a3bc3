/// Inscribed angles on one arc are equal: A, B, C, D concyclic with C and D on
/// one side of AB give ∠ACB = ∠ADB.
public struct InscribedSameArc: DeductionRule {
    public init() {}
    public let id = "inscribed_same_arc"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.concyclic) {
            guard case let .concyclic(n) = fact.relation else { continue }
            for i in 0..<4 { for j in 0..<4 where j > i {
                let rest = n.filter { $0 != n[i] && $0 != n[j] }
                if base.figure.sameSide(rest[0], rest[1], of: n[i], n[j]) {
                    out.append(Conclusion(.equalAngles(Ang(n[i], rest[0], n[j]), Ang(n[i], rest[1], n[j])), [fact.id]))
                }
            } }
        }
        return out
    }
}
