/// Exterior angle: with C between B and D, ∠ACD = ∠BAC + ∠ABC.
public struct ExteriorAngle: DeductionRule {
    public init() {}
    public let id = "exterior_angle"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        let f = base.figure
        for t in base.triangles {
            for k in 0..<3 {
                let a = t[k], b = t[(k + 1) % 3], c = t[(k + 2) % 3]
                for (b, c) in [(b, c), (c, b)] {
                    guard let x = base.angle(Ang(b, a, c)), let y = base.angle(Ang(a, b, c)) else { continue }
                    for d in base.line(Seg(b, c)) where f.between(c, b, d) {
                        guard let p = base.onLine(d, b, c) else { continue }
                        out.append(Conclusion(.angleValue(Ang(a, c, d), x.value + y.value), [x.id, y.id] + p))
                    }
                }
            }
        }
        return out
    }
}
