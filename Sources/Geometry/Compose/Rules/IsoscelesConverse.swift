/// Converse of the isosceles theorem: equal base angles ∠ABC = ∠ACB give AB = AC.
public struct IsoscelesConverse: DeductionRule {
    public init() {}
    public let id = "isosceles_converse"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for t in base.triangles {
            for k in 0..<3 {
                let a = t[k], b = t[(k + 1) % 3], c = t[(k + 2) % 3]
                if let p = base.sameAngle(Ang(a, b, c), Ang(a, c, b)) {
                    out.append(Conclusion(.equalLengths(Seg(a, b), Seg(a, c)), p))
                }
            }
        }
        return out
    }
}
