/// Opposite angles of a cyclic quadrilateral are supplementary: ABCD concyclic
/// and convex with ∠ABC known give ∠CDA = 180° − ∠ABC.
public struct CyclicQuadrilateral: DeductionRule {
    public init() {}
    public let id = "cyclic_quadrilateral"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.concyclic) {
            guard case let .concyclic(n) = fact.relation else { continue }
            for q in [[n[0], n[1], n[2], n[3]], [n[0], n[1], n[3], n[2]], [n[0], n[2], n[1], n[3]]] where base.figure.isConvex(q) {
                for k in 0..<4 {
                    let x = Ang(q[(k + 3) % 4], q[k], q[(k + 1) % 4]), y = Ang(q[(k + 1) % 4], q[(k + 2) % 4], q[(k + 3) % 4])
                    if let v = base.angle(x) { out.append(Conclusion(.angleValue(y, 180 - v.value), [fact.id, v.id])) }
                }
            }
        }
        return out
    }
}
