/// Lengths along a line add: with B between A and C, AB + BC = AC; two known give the third.
public struct SegmentAddition: DeductionRule {
    public init() {}
    public let id = "segment_addition"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        let f = base.figure
        for fact in base.all(.collinear) {
            guard case let .collinear(n) = fact.relation else { continue }
            guard let b = n.first(where: { p in f.between(p, n[0] == p ? n[1] : n[0], n[2] == p ? n[1] : n[2]) }) else { continue }
            let ends = n.filter { $0 != b }
            let (a, c) = (ends[0], ends[1])
            let ab = base.length(Seg(a, b)), bc = base.length(Seg(b, c)), ac = base.length(Seg(a, c))
            if let x = ab, let y = bc { out.append(Conclusion(.lengthValue(Seg(a, c), x.value + y.value), [fact.id, x.id, y.id])) }
            if let x = ac, let y = ab, x.value > y.value { out.append(Conclusion(.lengthValue(Seg(b, c), x.value - y.value), [fact.id, x.id, y.id])) }
            if let x = ac, let y = bc, x.value > y.value { out.append(Conclusion(.lengthValue(Seg(a, b), x.value - y.value), [fact.id, x.id, y.id])) }
        }
        return out
    }
}
