/// Angle addition at a vertex: with D inside ∠ABC, ∠ABD + ∠DBC = ∠ABC; any
/// two known give the third (a right angle split gives complementary angles).
public struct AngleAddition: DeductionRule {
    public init() {}
    public let id = "angle_addition"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        let f = base.figure
        var atVertex: [PointName: [(Ang, Double, Int)]] = [:]
        for fact in base.all(.angleValue) {
            if case let .angleValue(x, v) = fact.relation { atVertex[x.vertex, default: []].append((x, v, fact.id)) }
        }
        // In key order: a dictionary's own order changes from process to process, and so would the derivations.
        for (b, known) in atVertex.sorted(by: { $0.key < $1.key }) where known.count >= 2 {
            for i in known.indices { for j in known.indices where j != i {
                let (x, v, p) = known[i], (y, w, q) = known[j]
                // Shared arm d; the other arms a (of x) and c (of y).
                for d in [x.a, x.c] where y.a == d || y.c == d {
                    // x = ∠ABD, y = ∠DBC around the shared arm BD.
                    let a = x.a == d ? x.c : x.a, c = y.a == d ? y.c : y.a
                    guard a != c else { continue }
                    if j > i, inside(f, d, a, b, c), v + w < 180 - 1e-9 {
                        out.append(Conclusion(.angleValue(Ang(a, b, c), v + w), [p, q]))
                    }
                    // C inside ∠ABD: ∠ABC = ∠ABD − ∠CBD.
                    if inside(f, c, a, b, d), v > w {
                        out.append(Conclusion(.angleValue(Ang(a, b, c), v - w), [p, q]))
                    }
                }
            } }
        }
        return out
    }

    /// D lies strictly inside the angle ∠ABC (less than 180°).
    func inside(_ f: Figure, _ d: PointName, _ a: PointName, _ b: PointName, _ c: PointName) -> Bool {
        f.sameSide(d, c, of: b, a) && f.sameSide(d, a, of: b, c)
    }
}
