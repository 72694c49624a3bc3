/// A segment cut in a known ratio: P between A and B with AP / PB = r and AB known
/// give AP = r·AB / (1 + r) and PB = AB / (1 + r).
public struct RatioSplit: DeductionRule {
    public init() {}
    public let id = "ratio_split"
    public func apply(to base: FactBase) -> [Conclusion] {
        var out: [Conclusion] = []
        for fact in base.all(.lengthRatio) {
            guard case let .lengthRatio(s, t, r) = fact.relation else { continue }
            for p in s.points where t.contains(p) {
                guard let a = s.other(p), let b = t.other(p), base.figure.between(p, a, b),
                      let c = base.onLine(p, a, b), let whole = base.length(Seg(a, b)) else { continue }
                let premises = [fact.id, whole.id] + c
                out.append(Conclusion(.lengthValue(s, whole.value * r / (1 + r)), premises))
                out.append(Conclusion(.lengthValue(t, whole.value / (1 + r)), premises))
            }
        }
        return out
    }
}
