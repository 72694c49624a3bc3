import Foundation

/// Builds a scene from 3D constructions through a projection: every element is
/// given in space and drawn on paper, so the figure is to scale with the
/// coordinates the answer is measured on. It also remembers what it drew, to
/// reject figures whose labels would collide before anything is rendered.
struct SolidSketch {
    let view: SolidView
    var scene = Scene()
    private var labeled: [(Vec2, String, Vec3)] = []
    private var strokes: [(Vec2, Vec2, Vec3, Vec3)] = []
    /// Paper segments that carry a written value (with the point the value keeps away
    /// from), and the paper rays of right-angle marks.
    private var valued: [(Vec2, Vec2, Vec2)] = []
    private var rightAngles: [(Vec2, Vec2, Vec2)] = []

    init(view: SolidView) { self.view = view }

    /// A labelled point; vertices carry no dot (as in textbooks), centres and midpoints do.
    mutating func point(_ p: Vec3, _ label: String, dot: Bool = false) {
        let q = view(p)
        scene.add(.point(at: q, label: label, dot: dot))
        labeled.append((q, label, p))
    }

    /// An edge or a constructed segment; hidden ones are dashed.
    mutating func segment(_ a: Vec3, _ b: Vec3, hidden: Bool) {
        let pa = view(a), pb = view(b)
        scene.add(.segment(pa, pb, style: hidden ? .dashed : .solid))
        strokes.append((pa, pb, a, b))
    }

    /// A polyline in space (an arc of a rim), dashed when hidden.
    mutating func curve(_ pts: [Vec3], hidden: Bool) {
        scene.add(.curve(points: pts.map { view($0) }, label: nil, style: hidden ? .dashed : .solid))
    }

    /// The right-angle mark at `v` between the rays to `a` and `b`; on paper it is the
    /// parallelogram the projection makes of the square.
    mutating func rightAngle(at v: Vec3, _ a: Vec3, _ b: Vec3) {
        scene.add(.rightAngle(vertex: view(v), a: view(a), b: view(b)), .property)
        rightAngles.append((view(v), view(a), view(b)))
    }

    /// Equal-length ticks on segment a-b.
    mutating func ticks(_ a: Vec3, _ b: Vec3, count: Int = 1) {
        scene.add(.ticks(view(a), view(b), count: count), .property)
    }

    /// A given length written beside segment a-b, on the side away from `away`.
    mutating func value(_ a: Vec3, _ b: Vec3, _ text: String, away: Vec3) {
        scene.add(.segmentValue(view(a), view(b), text: text, away: view(away)), .given)
        valued.append((view(a), view(b), view(away)))
    }

    /// A given value written as a short note ("PO = 4 cm") near the top of the figure, a
    /// fifth of the way in from the side the depth does not recede to (the emptier one).
    /// Used where the segment that carries the value runs through a crowded fan of edges
    /// (a pyramid's height) and a value beside it would touch them, and for values that
    /// belong to no segment (a sphere's area). Call after the figure is drawn.
    mutating func note(_ text: String) {
        let pts = scene.items.flatMap { $0.element.extentPoints }
        let xs = pts.map(\.x), ys = pts.map(\.y)
        let left = view.toViewer.x > 0
        let (lo, hi) = (xs.min() ?? 0, xs.max() ?? 0)
        let anchor = Vec2(left ? lo + 0.2 * (hi - lo) : hi - 0.2 * (hi - lo), ys.max() ?? 0)
        scene.add(.text(at: anchor, text: text), .given)
    }

    /// Throws `degenerate` when two labelled points nearly coincide on paper or a
    /// labelled point sits on a segment it does not belong to: the labels would
    /// collide and the figure would read wrongly. Fractions are of the figure's size.
    /// Also rejects a written value on a segment that meets another at a sliver of an
    /// angle on paper (the value would seem to belong to either), and right-angle marks
    /// squashed into slivers by the projection.
    func checkLegible(pointGap: Double = 0.1, lineGap: Double = 0.045, valueAngle: Double = 15,
                      markAngle: ClosedRange<Double> = 35...145) throws {
        for (v, a, b) in rightAngles where !markAngle.contains(Angle.measure(a, v, b)) {
            throw GenerationFailure.degenerate("a right-angle mark would be a sliver on paper")
        }
        for (a, b, away) in valued {
            // The value sits on the side of a-b opposite `away`; a segment meeting a-b at a
            // sliver of an angle on that side would seem to carry it too.
            let awaySide = (b - a).cross(away - a)
            for (c, d, _, _) in strokes {
                let shared: (Vec2, Vec2)?
                if a.distance(to: c) < 1e-9, b.distance(to: d) > 1e-9 { shared = (a, d) }
                else if a.distance(to: d) < 1e-9, b.distance(to: c) > 1e-9 { shared = (a, c) }
                else if b.distance(to: c) < 1e-9, a.distance(to: d) > 1e-9 { shared = (b, d) }
                else if b.distance(to: d) < 1e-9, a.distance(to: c) > 1e-9 { shared = (b, c) }
                else { shared = nil }
                guard let (v, q) = shared, (b - a).cross(q - a) * awaySide <= 0 else { continue }
                let other = v == a ? b : a
                let t = Angle.measure(other, v, q)
                if t < valueAngle || t > 180 - valueAngle {
                    throw GenerationFailure.degenerate("a valued segment nearly overlaps another on paper")
                }
            }
        }
        let pts = scene.items.flatMap { $0.element.extentPoints }
        let xs = pts.map(\.x), ys = pts.map(\.y)
        let size = max((xs.max() ?? 0) - (xs.min() ?? 0), (ys.max() ?? 0) - (ys.min() ?? 0))
        guard size > 0 else { throw GenerationFailure.degenerate("empty figure") }
        for i in labeled.indices {
            for j in labeled.indices where j > i {
                if labeled[i].0.distance(to: labeled[j].0) < pointGap * size {
                    throw GenerationFailure.degenerate("\(labeled[i].1) and \(labeled[j].1) nearly coincide on paper")
                }
            }
            let (p, label, p3) = labeled[i]
            for (a, b, a3, b3) in strokes {
                // A point that lies on the segment in space (an end, a midpoint) belongs there.
                let t = max(0, min(1, (p3 - a3).dot(b3 - a3) / max((b3 - a3).dot(b3 - a3), 1e-12)))
                if p3.distance(to: a3 + (b3 - a3) * t) < 1e-9 * max(1, size) { continue }
                if Construct.distance(p, segment: a, b) < lineGap * size {
                    throw GenerationFailure.degenerate("\(label) sits on a segment it is not on")
                }
            }
        }
    }
}

/// Redraws the free parts of a construction (view, bearing, sizes, labels) until it
/// is legible, keeping what the caller drew before (difficulty, target), so that
/// rejected figures do not skew how often each difficulty appears.
func redrawing<T>(_ rng: inout SplitMix64, tries: Int = 32, _ body: (inout SplitMix64) throws -> T) throws -> T {
    var last = GenerationFailure.degenerate("no draw")
    for _ in 0..<tries {
        do { return try body(&rng) } catch let e as GenerationFailure { last = e }
    }
    throw last
}

/// The scene of a convex polyhedron: every edge, solid where a face beside it faces
/// the viewer and dashed otherwise, and every vertex labelled.
extension SolidSketch {
    mutating func draw(_ solid: Polyhedron, labels: [String]) {
        for e in solid.edges {
            segment(solid.vertices[e.a], solid.vertices[e.b], hidden: !solid.edgeIsVisible(e.faces, in: view))
        }
        for (p, l) in zip(solid.vertices, labels) { point(p, l) }
    }

    /// Whether the segment a-b lying on the polyhedron's surface is hidden: it is when
    /// no face containing both ends faces the viewer. A segment through the inside
    /// (a space diagonal, a height) lies on no face and is always hidden.
    func isHidden(_ a: Vec3, _ b: Vec3, on solid: Polyhedron) -> Bool {
        for f in solid.faces.indices {
            let n = solid.areaVector(f).normalized
            let p0 = solid.vertices[solid.faces[f][0]]
            if abs((a - p0).dot(n)) < 1e-7, abs((b - p0).dot(n)) < 1e-7, view.faces(n) { return false }
        }
        return true
    }
}
