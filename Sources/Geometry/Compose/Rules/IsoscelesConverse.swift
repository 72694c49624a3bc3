/// Converse of the isosceles theorem: ∠ABC = ∠ACB gives AB = AC.
public struct IsoscelesConverse: DeductionRule {
    public init() {}
    public let id = "isosceles_converse"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.equalAngles) {
            guard case let .equalAngles(x, y) = fact.relation else { continue }
            let (b, c) = (x.vertex, y.vertex)
            // Both angles stand on BC and share the third point A.
            guard b != c, Set([x.a, x.c]).contains(c), Set([y.a, y.c]).contains(b) else { continue }
            let a = x.a == c ? x.c : x.a
            guard (y.a == b ? y.c : y.a) == a, base.figure.isTriangle(a, b, c) else { continue }
            out.append(Conclusion(.equalLengths(Seg(a, b), Seg(a, c)), [fact.id]))
        }
        return out
    }
}
