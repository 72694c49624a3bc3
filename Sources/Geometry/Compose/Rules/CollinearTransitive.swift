/// Points on one line: collinear(A, B, C) and collinear(A, B, D) give collinear(A, C, D).
public struct CollinearTransitive: DeductionRule {
    public init() {}
    public let id = "collinear_transitive"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for l in base.lines where l.count >= 4 {
            for x in l.indices { for y in l.indices where y > x { for z in l.indices where z > y {
                let t = [l[x], l[y], l[z]]
                guard base.onLine(t[0], t[1], t[2]) == nil else { continue }
                // Some A in t and B off t on the line with ABc and ABd both known, {c, d} = t minus A.
                search: for a in t {
                    let cd = t.filter { $0 != a }
                    for b in l where !t.contains(b) {
                        if let p = base.onLine(cd[0], a, b), let q = base.onLine(cd[1], a, b) {
                            out.append(Conclusion(.collinear(t), p + q))
                            break search
                        }
                    }
                }
            } } }
        }
        return out
    }
}
