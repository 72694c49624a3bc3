import Foundation

/// A circle of a construction, named by its centre and a point it passes through.
public struct CircleRef: Hashable, Sendable, Codable, CustomStringConvertible {
    public let center: PointName
    public let through: PointName
    public init(center: PointName, through: PointName) { self.center = center; self.through = through }
    public var description: String { "(\(center), \(center)\(through))" }
}

/// A fact a construction step guarantees, with the index of the step that made it true.
public struct GivenFact: Sendable {
    public let relation: Relation
    public let step: Int
}

/// Why a program does not realize: each case is a figure a reader could not
/// trust (points on top of each other, hairline angles, a crossing that is not
/// there, a figure too flat or too large to draw), so the sampler draws again.
public enum ConstructionError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownPoint(PointName)
    case nameTaken(PointName)
    case noSuchCircle(PointName, PointName)
    case badArguments(String)
    case tooClose(PointName, PointName)
    case tooThin(String, degrees: Double)
    case noIntersection(String)
    case nearIncidence(PointName, String)
    case tooFlat(String)
    case tooBig(Double)

    public var description: String {
        switch self {
        case let .unknownPoint(p): return "no point named \(p)"
        case let .nameTaken(p): return "the name \(p) is already used"
        case let .noSuchCircle(c, p): return "no circle about \(c) through \(p)"
        case let .badArguments(s): return "bad arguments: \(s)"
        case let .tooClose(p, q): return "points \(p) and \(q) too close"
        case let .tooThin(s, d): return "angle too thin at \(s): \(String(format: "%.1f", d))°"
        case let .noIntersection(s): return "no intersection: \(s)"
        case let .nearIncidence(p, s): return "\(p) almost but not exactly on \(s)"
        case let .tooFlat(s): return "figure too flat: \(s)"
        case let .tooBig(d): return "figure too big: diameter \(String(format: "%.1f", d))"
        }
    }
}

/// A realized construction: named points with coordinates, the lines drawn
/// (each the points on it, in order along it), the circles, and the facts the
/// steps guarantee. Pure values, no pixels; the renderer will draw each line
/// from its first point to its last.
public struct Figure: Sendable {
    public private(set) var names: [PointName] = []
    public private(set) var coordinates: [PointName: Vec2] = [:]
    public private(set) var lines: [[PointName]] = []
    public private(set) var circles: [CircleRef] = []
    public private(set) var givens: [GivenFact] = []

    public init() {}

    /// The point's coordinates; NaN for an unknown name, so a bad name poisons
    /// every measurement made with it instead of passing for the origin.
    public subscript(_ name: PointName) -> Vec2 {
        if let i = Self.letter(name) { return byLetter[i] }
        return coordinates[name] ?? Vec2(.nan, .nan)
    }

    /// Coordinates of the one-letter names A...Z by letter (NaN where unused): the rules
    /// look points up millions of times a run, and hashing a String each time was a sixth
    /// of generation's time.
    private var byLetter = [Vec2](repeating: Vec2(.nan, .nan), count: 26)

    static func letter(_ name: PointName) -> Int? {
        let u = name.utf8
        guard u.count == 1, let c = u.first, c >= 65, c <= 90 else { return nil }
        return Int(c - 65)
    }

    public func point(_ name: PointName) throws -> Vec2 {
        guard let p = coordinates[name] else { throw ConstructionError.unknownPoint(name) }
        return p
    }

    public func radius(_ c: CircleRef) -> Double { self[c.center].distance(to: self[c.through]) }

    /// Every segment between two points of one drawn line.
    public var segments: [Seg] {
        var out = Set<Seg>()
        for l in lines { for i in l.indices { for j in l.indices where j > i { out.insert(Seg(l[i], l[j])) } } }
        return out.sorted()
    }

    mutating func addPoint(_ name: PointName, _ p: Vec2) throws {
        guard coordinates[name] == nil else { throw ConstructionError.nameTaken(name) }
        guard p.x.isFinite, p.y.isFinite else { throw ConstructionError.noIntersection("point \(name)") }
        names.append(name)
        coordinates[name] = p
        if let i = Self.letter(name) { byLetter[i] = p }
    }

    /// Draws the line through the given points (at least two): joins the drawn
    /// line that already holds two of them, else starts a new one.
    mutating func drawLine(_ points: [PointName]) {
        var members = points
        var kept: [[PointName]] = []
        for l in lines {
            if Set(l).intersection(members).count >= 2 { members += l } else { kept.append(l) }
        }
        var seen = Set<PointName>()
        members = members.filter { seen.insert($0).inserted }
        guard members.count >= 2 else { return }
        let o = self[members[0]], far = members.map { self[$0] }.max { $0.distance(to: o) < $1.distance(to: o) } ?? o
        let d = far - o
        members.sort { (self[$0] - o).dot(d) < (self[$1] - o).dot(d) }
        lines = kept + [members]
    }

    mutating func drawPolygon(_ names: [PointName]) {
        for i in names.indices { drawLine([names[i], names[(i + 1) % names.count]]) }
    }

    mutating func addCircle(_ c: CircleRef) {
        if !circles.contains(c) { circles.append(c) }
    }

    func hasCircle(_ center: PointName, _ through: PointName) throws -> CircleRef {
        let c = CircleRef(center: center, through: through)
        guard circles.contains(c) else { throw ConstructionError.noSuchCircle(center, through) }
        return c
    }

    mutating func guarantee(_ relations: [Relation], step: Int) {
        for r in relations { if let c = r.canonical { givens.append(GivenFact(relation: c, step: step)) } }
    }

    // MARK: Configuration, read off the figure as a reader reads a diagram

    /// The drawn line holding both points, if any.
    public func line(through p: PointName, _ q: PointName) -> [PointName]? {
        lines.first { $0.contains(p) && $0.contains(q) }
    }

    /// Every point the drawing must hold: the named points and each circle's extreme points.
    public var extent: [Vec2] {
        var pts = names.map { self[$0] }
        for c in circles {
            let r = radius(c), o = self[c.center]
            pts += [o + Vec2(r, 0), o - Vec2(r, 0), o + Vec2(0, r), o - Vec2(0, r)]
        }
        return pts
    }

    /// The figure's size: the largest distance between two of its points, circles included.
    public var diameter: Double {
        let pts = extent
        var d = 0.0
        for i in pts.indices { for j in pts.indices where j > i { d = max(d, pts[i].distance(to: pts[j])) } }
        return d
    }

    /// P lies strictly between A and B on line AB.
    public func between(_ p: PointName, _ a: PointName, _ b: PointName) -> Bool {
        let P = self[p], A = self[a], B = self[b]
        let ab = B - A, l2 = ab.dot(ab)
        guard l2 > 0, abs(ab.cross(P - A)) <= 1e-7 * l2 else { return false }
        let t = (P - A).dot(ab) / l2
        return t > 1e-7 && t < 1 - 1e-7
    }

    /// +1 or -1 for the side of line AB that P is on, 0 on the line.
    public func side(_ p: PointName, of a: PointName, _ b: PointName) -> Int {
        let A = self[a], ab = self[b] - A
        let c = ab.cross(self[p] - A)
        let scale = max(ab.length * (self[p] - A).length, 1e-12)
        return abs(c) <= 1e-9 * scale ? 0 : (c > 0 ? 1 : -1)
    }

    /// P and Q strictly on the same side of line AB.
    public func sameSide(_ p: PointName, _ q: PointName, of a: PointName, _ b: PointName) -> Bool {
        let s = side(p, of: a, b)
        return s != 0 && s == side(q, of: a, b)
    }

    /// The four points, in this order, are the vertices of a convex quadrilateral.
    public func isConvex(_ n: [PointName]) -> Bool {
        guard n.count == 4, Set(n).count == 4 else { return false }
        let s = (0..<4).map { side(n[($0 + 2) % 4], of: n[$0], n[($0 + 1) % 4]) }
        return s.allSatisfy { $0 == 1 } || s.allSatisfy { $0 == -1 }
    }

    /// Three points that are not (numerically) on one line.
    public func isTriangle(_ a: PointName, _ b: PointName, _ c: PointName) -> Bool {
        side(c, of: a, b) != 0
    }
}
