/// Inscribed angle theorem: A, B, C on a circle about O give ∠AOB = 2∠ACB when C
/// and O are on one side of AB, and 360° − 2∠ACB when not (the central angle
/// read as the non-reflex one); either angle known gives the other.
public struct InscribedAngle: DeductionRule {
    public init() {}
    public let id = "inscribed_angle"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        let f = base.figure
        for (o, members) in base.circleGroups {
            for (a, pa) in members { for (b, pb) in members where a < b {
                guard f.side(o, of: a, b) != 0 else { continue }
                for (c, pc) in members where c != a && c != b {
                    let same = f.sameSide(o, c, of: a, b), premises = pa + pb + pc
                    if let x = base.angle(Ang(a, c, b)) {
                        out.append(Conclusion(.angleValue(Ang(a, o, b), same ? 2 * x.value : 360 - 2 * x.value), premises + [x.id]))
                    }
                    if let y = base.angle(Ang(a, o, b)) {
                        out.append(Conclusion(.angleValue(Ang(a, c, b), same ? y.value / 2 : 180 - y.value / 2), premises + [y.id]))
                    }
                }
            } }
        }
        return out
    }
}
