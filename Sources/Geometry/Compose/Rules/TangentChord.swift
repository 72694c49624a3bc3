/// Tangent–chord angle: PT tangent at T, A and C on the circle, C across TA from
/// P: the angle between tangent and chord equals the inscribed angle, ∠PTA = ∠TCA.
public struct TangentChord: DeductionRule {
    public init() {}
    public let id = "tangent_chord"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.tangent) {
            guard case let .tangent(s, o, t) = fact.relation, let p = s.other(t) else { continue }
            let members = base.onCircle(o, t)
            for (a, pa) in members where a != t { for (c, pc) in members where c != t && c != a {
                let f = base.figure
                guard f.side(p, of: t, a) != 0, f.side(p, of: t, a) == -f.side(c, of: t, a) else { continue }
                out.append(Conclusion(.equalAngles(Ang(p, t, a), Ang(t, c, a)), [fact.id] + pa + pc))
            } }
        }
        return out
    }
}
