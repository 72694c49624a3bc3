/// Equilateral triangle: three equal sides give three angles of 60°.
public struct Equilateral: DeductionRule {
    public init() {}
    public let id = "equilateral"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for t in base.triangles {
            let (a, b, c) = (t[0], t[1], t[2])
            guard let p = base.sameLength(Seg(a, b), Seg(b, c)), let q = base.sameLength(Seg(b, c), Seg(c, a)) else { continue }
            for x in [Ang(b, a, c), Ang(a, b, c), Ang(a, c, b)] { out.append(Conclusion(.angleValue(x, 60), p + q)) }
        }
        return out
    }
}
