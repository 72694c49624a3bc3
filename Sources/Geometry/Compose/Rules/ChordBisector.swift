/// The perpendicular from the centre bisects a chord: OA = OB, M on AB, OM ⊥ AB give AM = MB.
public struct ChordBisector: DeductionRule {
    public init() {}
    public let id = "chord_bisector"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.perpendicular) {
            guard case let .perpendicular(s, t) = fact.relation else { continue }
            for (radial, chord) in [(s, t), (t, s)] {
                for o in radial.points {
                    guard let m = radial.other(o), let mOn = base.onLine(m, chord.a, chord.b), !chord.contains(m),
                          let r = base.sameLength(Seg(o, chord.a), Seg(o, chord.b)) else { continue }
                    out.append(Conclusion(.equalLengths(Seg(chord.a, m), Seg(m, chord.b)), [fact.id] + mOn + r))
                }
            }
        }
        return out
    }
}
