/// A fact in the derivation graph: what it says, which rule made it from
/// which earlier facts (construction facts have the rule "given" and no
/// premises), and the length of the longest chain of rules behind it.
public struct KnownFact: Sendable {
    public let id: Int
    public internal(set) var relation: Relation
    public internal(set) var rule: String
    public internal(set) var premises: [Int]
    public internal(set) var depth: Int
    /// The construction step that guarantees a given fact.
    public let step: Int?
}

/// The fact set: every fact once (by its canonical key), indexed for the rules,
/// with the figure beside it. Rules read the figure for configuration only
/// (which side of a line, whether a point lies between two others) as a reader
/// reads a diagram; every relation they conclude needs facts as premises.
public struct FactBase: Sendable {
    public static let givenRule = "given"
    public let figure: Figure
    public private(set) var facts: [KnownFact] = []
    private var index: [RelationKey: Int] = [:]
    private var byKind: [RelationKind: [Int]] = [:]
    /// The drawn lines, each with every point on it (collinear facts come only from these).
    public let lines: [[PointName]]
    /// Three points joined pairwise by drawn lines, not on one line (name order).
    public let triangles: [[PointName]]
    /// Pairs of those triangles whose shapes agree vertex to vertex (and whether their sizes do too).
    let matches: [(t: [PointName], v: [PointName], congruent: Bool)]

    public init(figure: Figure) {
        self.figure = figure
        lines = figure.lines
        triangles = Self.triangles(figure, figure.lines)
        matches = TriangleMatch.all(figure, triangles)
        for g in figure.givens { _ = insert(g.relation, rule: Self.givenRule, premises: [], depth: 0, step: g.step) }
    }

    /// A fact set holding only `relations` (as given facts) on the figure: what a
    /// recorded derivation step cites, so a rule can be re-run on its premises alone.
    public init(figure: Figure, only relations: [Relation]) {
        self.figure = figure
        lines = figure.lines
        triangles = Self.triangles(figure, figure.lines)
        matches = TriangleMatch.all(figure, triangles)
        for r in relations { _ = insert(r, rule: Self.givenRule, premises: [], depth: 0) }
    }

    public subscript(_ id: Int) -> KnownFact { facts[id] }

    /// The id of the fact with this relation's key, if known.
    public func id(of r: Relation) -> Int? { r.canonical.flatMap { index[$0.key] } }

    public func all(_ kind: RelationKind) -> [KnownFact] { (byKind[kind] ?? []).map { facts[$0] } }

    /// Adds a fact (canonicalized); returns its id and whether it was new. A known
    /// fact is kept, but takes the new derivation when that one is shallower.
    @discardableResult
    mutating func insert(_ r: Relation, rule: String, premises: [Int], depth: Int, step: Int? = nil) -> (Int, Bool)? {
        guard let c = r.canonical else { return nil }
        if let i = index[c.key] {
            if depth < facts[i].depth {
                facts[i].rule = rule
                facts[i].premises = premises
                facts[i].depth = depth
            }
            return (i, false)
        }
        let i = facts.count
        facts.append(KnownFact(id: i, relation: c, rule: rule, premises: premises, depth: depth, step: step))
        index[c.key] = i
        byKind[c.kind, default: []].append(i)
        return (i, true)
    }

    // MARK: Lookups the rules share

    /// A known angle's value and fact id.
    public func angle(_ x: Ang) -> (value: Double, id: Int)? {
        guard let i = index[.angle(x)], let v = facts[i].relation.value else { return nil }
        return (v, i)
    }

    /// A known length's value and fact id.
    public func length(_ s: Seg) -> (value: Double, id: Int)? {
        guard let i = index[.length(s)], let v = facts[i].relation.value else { return nil }
        return (v, i)
    }

    /// Premises showing two segments are equal: none for one segment, the
    /// equal-lengths fact, or two equal known values; nil when not known equal.
    public func sameLength(_ s: Seg, _ t: Seg) -> [Int]? {
        if s == t { return [] }
        if let i = index[.equalLengths(min(s, t), max(s, t))] { return [i] }
        if let x = length(s), let y = length(t), Self.equal(x.value, y.value) { return [x.id, y.id] }
        return nil
    }

    /// Premises showing two angles are equal (as `sameLength`).
    public func sameAngle(_ x: Ang, _ y: Ang) -> [Int]? {
        if x == y { return [] }
        if let i = index[.equalAngles(min(x, y), max(x, y))] { return [i] }
        if let p = angle(x), let q = angle(y), Self.equal(p.value, q.value) { return [p.id, q.id] }
        return nil
    }

    /// Premises showing P is on line AB: none for an endpoint, else the collinear fact.
    public func onLine(_ p: PointName, _ a: PointName, _ b: PointName) -> [Int]? {
        if p == a || p == b { return [] }
        return index[.collinear(sortedNames([p, a, b]))].map { [$0] }
    }

    /// The drawn line through two points, or just the two points when none is drawn.
    public func line(_ s: Seg) -> [PointName] {
        lines.first { $0.contains(s.a) && $0.contains(s.b) } ?? [s.a, s.b]
    }

    /// Every drawn line through P.
    public func lines(through p: PointName) -> [[PointName]] { lines.filter { $0.contains(p) } }

    /// M is the midpoint of AB: the premises (collinear and AM = MB), for every such triple.
    public var midpoints: [(m: PointName, a: PointName, b: PointName, premises: [Int])] {
        var out: [(PointName, PointName, PointName, [Int])] = []
        for f in all(.equalLengths) {
            guard case let .equalLengths(s, t) = f.relation else { continue }
            for m in [s.a, s.b] where t.contains(m) {
                guard let a = s.other(m), let b = t.other(m), a != b, let c = onLine(m, a, b) else { continue }
                out.append((m, a, b, [f.id] + c))
            }
        }
        return out
    }

    /// Points known to be as far from `o` as `r` is, with the premises for each.
    public func onCircle(_ o: PointName, _ r: PointName) -> [(PointName, [Int])] {
        var out: [(PointName, [Int])] = [(r, [])]
        for f in all(.equalLengths) {
            guard case let .equalLengths(s, t) = f.relation, s.contains(o), t.contains(o) else { continue }
            if s == Seg(o, r), let p = t.other(o) { out.append((p, [f.id])) }
            if t == Seg(o, r), let p = s.other(o) { out.append((p, [f.id])) }
        }
        return out
    }

    /// Values derived by different routes are equal within this relative tolerance.
    static func equal(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
}
