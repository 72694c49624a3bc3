import Foundation

/// How a composed figure shows what its construction guarantees, decided on the
/// final program before any wording: points on lines and circles by the figure
/// itself, equal segments by ticks, parallels by arrows, perpendiculars by a
/// right-angle square where the two drawn lines cross, equal angles by arcs. A
/// step guaranteeing something the image cannot show (a centroid's 2 : 1, two
/// radii of a polygon with no circle drawn, a right angle whose lines do not
/// cross where drawn) makes the draw degenerate: at the image levels its
/// sentence could not reach the reader.
struct ComposedDisplay: Sendable {
    /// What shows each step's sentence, by step index.
    var stepShownBy: [[FactDisplay]]
    /// The property marks, in construction coordinates.
    var marks: [SceneElement]
    /// Given facts of the trace the problem states as values (essential conditions).
    var essential: [Int]
    /// Given relations of the trace the problem states as properties, with what shows each.
    var implicit: [(fact: Int, shownBy: [FactDisplay])]
    /// Drawn lines with three or more points, in order along the line.
    var orders: [[PointName]]

    init(figure f: Figure, derivation d: Derivation, trace: Trace, program: [ConstructionStep]) throws {
        var marked = Array(repeating: false, count: program.count)  // some fact of the step is shown by a mark
        var tickEdges: [(Seg, Seg)] = [], arrowEdges: [(Seg, Seg)] = [], arcEdges: [(Ang, Ang)] = []
        var marks: [SceneElement] = []
        var display: [Int: [FactDisplay]] = [:]
        let kinds = program.map(\.kind)
        func drawn(_ s: Seg) -> Bool { f.line(through: s.a, s.b) != nil }
        func middle(_ s: Seg) -> Vec2 { (f[s.a] + f[s.b]) / 2 }
        func near(_ s: Seg) -> Double { 0.08 * f[s.a].distance(to: f[s.b]) }
        // Ticks sit at a segment's middle: a point there (G, the midpoint of DF) would hide
        // them, and another segment's ticks there would read as one mark.
        func covered(_ s: Seg) -> Bool {
            let mid = middle(s)
            if f.names.contains(where: { $0 != s.a && $0 != s.b && f[$0].distance(to: mid) < near(s) }) { return true }
            return tickEdges.contains { e in
                [e.0, e.1].contains { t in t != s && middle(t).distance(to: mid) < max(near(s), near(t)) }
            }
        }
        var labels = Array(repeating: [String](), count: program.count)
        // A relation no mark can show cleanly is written on the figure as its formula ("AG : GM = 2 : 1").
        var written: [(at: Vec2, text: String)] = []
        func label(_ r: Relation) -> FactDisplay {
            let names = Self.points(r)
            let at = names.map { f[$0] }.reduce(Vec2(0, 0), +) / Double(max(1, names.count))
            let text = Formula.relation(r)
            if !written.contains(where: { $0.text == text }) { written.append((at, text)) }
            return .label(text)
        }

        for fact in d.base.facts where fact.rule == FactBase.givenRule {
            guard let step = fact.step else { continue }
            let how: FactDisplay?
            switch fact.relation {
            case .collinear, .tangent:
                how = .figure
            case let .concyclic(n):
                how = f.circles.contains { c in n.allSatisfy { Self.onCircle($0, c, f) } } ? .figure : nil
            case let .equalLengths(s, t):
                if Self.radii(s, t, f) { how = .figure } else if covered(s) || covered(t) {
                    how = label(fact.relation)
                } else {
                    // A segment the construction does not draw (a reflection's AP = AP′) is drawn dashed to carry its ticks.
                    for x in [s, t] where !drawn(x) { marks.append(.segment(f[x.a], f[x.b], style: .dashed)) }
                    tickEdges.append((s, t)); how = .mark
                }
            case let .parallel(s, t):
                if drawn(s) && drawn(t) { arrowEdges.append((s, t)); how = .mark } else { how = label(fact.relation) }
            case let .perpendicular(s, t):
                if let m = Self.rightAngle(s, t, f) { marks.append(m); how = .mark } else { how = label(fact.relation) }
            case let .equalAngles(x, y):
                if drawn(Seg(x.vertex, x.a)) && drawn(Seg(x.vertex, x.c)) && drawn(Seg(y.vertex, y.a)) && drawn(Seg(y.vertex, y.c)) {
                    arcEdges.append((x, y)); how = .mark
                } else { how = label(fact.relation) }
            case let .angleValue(x, _) where !Self.isStatedValue(fact.relation, stepKind: kinds[step]):
                marks.append(.rightAngle(vertex: f[x.vertex], a: f[x.a], b: f[x.c])); how = .mark
            case .lengthRatio where !Self.isStatedValue(fact.relation, stepKind: kinds[step]):
                how = label(fact.relation)
            default:
                // A size, angle or ratio the step was drawn with: stated as a given when the solution needs it.
                continue
            }
            guard let how else {
                throw GenerationFailure.degenerate("the image cannot show \(fact.relation) (\(kinds[step]))")
            }
            switch how {
            case .figure: break
            case let .label(t): labels[step].append(t)
            default: marked[step] = true
            }
            display[fact.id] = [how]
        }
        for (k, cls) in Self.classes(tickEdges).enumerated() {
            guard k < 4 else { throw GenerationFailure.degenerate("more than four classes of equal segments") }
            for s in cls { marks.append(.ticks(f[s.a], f[s.b], count: k + 1)) }
        }
        let ticked = Set(tickEdges.flatMap { [$0.0, $0.1] })
        for (k, cls) in Self.classes(arrowEdges).enumerated() {
            guard k < 3 else { throw GenerationFailure.degenerate("more than three classes of parallel lines") }
            let first = cls[0], dir = f[first.b] - f[first.a]
            for s in cls {
                let (p, q) = Self.arrowSpan(s, f, ticked: ticked.contains(s))
                let forward = (q - p).dot(dir) >= 0
                marks.append(.parallelArrows(forward ? p : q, forward ? q : p, count: k + 1))
            }
        }
        for (k, cls) in Self.classes(arcEdges).enumerated() {
            guard k < 3 else { throw GenerationFailure.degenerate("more than three classes of equal angles") }
            for x in cls { marks.append(.angle(vertex: f[x.vertex], from: f[x.a], to: f[x.c], arcs: k + 1, text: nil)) }
        }
        guard written.count <= 2 else { throw GenerationFailure.degenerate("more than two relations to write on the figure") }
        for w in written { marks.append(.text(at: w.at, text: w.text)) }
        stepShownBy = marked.indices.map { j in
            [.figure] + (marked[j] ? [.mark] : []) + labels[j].map { .label($0) }
        }
        self.marks = marks

        var essential: [Int] = [], implicit: [(Int, [FactDisplay])] = []
        for g in trace.givens {
            let fact = d.base[g]
            if let how = display[g] {
                implicit.append((g, how))
            } else if fact.relation.kind.isValue {
                essential.append(g)
            }
        }
        // Every problem states a value and a property, as the ladder's levels assume.
        guard !essential.isEmpty else { throw GenerationFailure.degenerate("the derivation rests on no given value") }
        guard !implicit.isEmpty else { throw GenerationFailure.degenerate("the derivation rests on no given relation") }
        self.essential = essential
        self.implicit = implicit
        orders = f.lines.filter { $0.count >= 3 }
    }

    /// Where on segment s its parallel arrows go (they sit at the middle of the span given):
    /// the longest stretch between points on it, so no point's dot hides them, and the half
    /// toward s.a when s is one stretch that also carries equal-length ticks at its middle.
    static func arrowSpan(_ s: Seg, _ f: Figure, ticked: Bool) -> (Vec2, Vec2) {
        let a = f[s.a], b = f[s.b]
        let inside = (f.line(through: s.a, s.b) ?? []).filter { f.between($0, s.a, s.b) }.map { f[$0] }
        let stops = ([a] + inside + [b]).sorted { ($0 - a).dot(b - a) < ($1 - a).dot(b - a) }
        var best = (a, b), longest = -1.0
        for (p, q) in zip(stops, stops.dropFirst()) where p.distance(to: q) > longest {
            best = (p, q)
            longest = p.distance(to: q)
        }
        return inside.isEmpty && ticked ? (a, (a + b) / 2) : best
    }

    /// The points a relation names.
    static func points(_ r: Relation) -> [PointName] {
        switch r {
        case let .parallel(s, t), let .perpendicular(s, t), let .equalLengths(s, t), let .lengthRatio(s, t, _):
            return [s.a, s.b, t.a, t.b]
        case let .equalAngles(x, y): return [x.a, x.vertex, x.c, y.a, y.vertex, y.c]
        case let .angleValue(x, _): return [x.a, x.vertex, x.c]
        case let .lengthValue(s, _): return [s.a, s.b]
        case let .collinear(n), let .concyclic(n), let .areaValue(n, _): return n
        case let .tangent(s, c, p): return [s.a, s.b, c, p]
        }
    }

    /// A right angle a step is defined by (a right triangle's, a rectangle's or a square's corner).
    static func definesRightAngle(_ kind: String, _ v: Double) -> Bool {
        abs(v - 90) < 1e-9 && ["right_triangle", "rectangle", "square"].contains(kind)
    }

    /// Whether a value a step guarantees is one of the numbers it was drawn with (stated as
    /// a given when the solution needs it), not part of what the step is (a right triangle's
    /// right angle, marked; a centroid's 2 : 1, written): the one rule for both the display
    /// and the choice of target.
    static func isStatedValue(_ r: Relation, stepKind kind: String) -> Bool {
        guard r.kind.isValue, let v = r.value else { return false }
        return !definesRightAngle(kind, v) && kind != "centroid"
    }

    static func onCircle(_ p: PointName, _ c: CircleRef, _ f: Figure) -> Bool {
        let r = f.radius(c)
        return abs(f[c.center].distance(to: f[p]) - r) <= 1e-7 * max(1, r)
    }

    /// Two segments from a drawn circle's centre to points on it: equal because both are radii.
    static func radii(_ s: Seg, _ t: Seg, _ f: Figure) -> Bool {
        f.circles.contains { c in
            guard let p = s.other(c.center), let q = t.other(c.center) else { return false }
            return onCircle(p, c, f) && onCircle(q, c, f)
        }
    }

    /// The right-angle square where the drawn lines of s and t cross, if they cross where drawn.
    static func rightAngle(_ s: Seg, _ t: Seg, _ f: Figure) -> SceneElement? {
        guard let ls = f.line(through: s.a, s.b), let lt = f.line(through: t.a, t.b),
              let s0 = ls.first, let s1 = ls.last, let t0 = lt.first, let t1 = lt.last else { return nil }
        let p = f[s0], r = f[s1] - p, q = f[t0], u = f[t1] - q
        let den = r.cross(u)
        guard abs(den) > 1e-12 else { return nil }
        let a = (q - p).cross(u) / den, b = (q - p).cross(r) / den
        let eps = 1e-6
        guard a >= -eps, a <= 1 + eps, b >= -eps, b <= 1 + eps else { return nil }
        let x = p + r * a
        // Arms toward the far end of each drawn line from the crossing.
        let armS = x.distance(to: f[s0]) > x.distance(to: f[s1]) ? f[s0] : f[s1]
        let armT = x.distance(to: f[t0]) > x.distance(to: f[t1]) ? f[t0] : f[t1]
        return .rightAngle(vertex: x, a: armS, b: armT)
    }

    /// The connected classes of "equal" edges, each class in first-seen order, classes in first-seen order.
    static func classes<T: Hashable>(_ edges: [(T, T)]) -> [[T]] {
        var parent: [T: T] = [:], order: [T] = []
        func find(_ x: T) -> T {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        for (a, b) in edges {
            for x in [a, b] where parent[x] == nil { parent[x] = x; order.append(x) }
            let ra = find(a), rb = find(b)
            if ra != rb { parent[rb] = ra }
        }
        var groups: [T: [T]] = [:], roots: [T] = []
        for x in order {
            let r = find(x)
            if groups[r] == nil { roots.append(r) }
            groups[r, default: []].append(x)
        }
        return roots.compactMap { groups[$0] }
    }
}
