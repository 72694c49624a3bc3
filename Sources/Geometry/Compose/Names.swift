/// A point of a construction is named by a capital letter ("A", "M"); lines,
/// segments and circles are named by their defining points, so every fact
/// speaks in point names only and can be worded without coordinates.
public typealias PointName = String

/// A segment (or the line through it) by its two endpoints, stored in name
/// order so that AB and BA are one value.
public struct Seg: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let a: PointName
    public let b: PointName
    public init(_ p: PointName, _ q: PointName) {
        if p <= q { a = p; b = q } else { a = q; b = p }
    }
    public static func < (l: Seg, r: Seg) -> Bool { (l.a, l.b) < (r.a, r.b) }
    public var description: String { a + b }
    public var points: [PointName] { [a, b] }
    public func contains(_ p: PointName) -> Bool { a == p || b == p }
    /// The endpoint that is not `p` (nil when `p` is not an endpoint).
    public func other(_ p: PointName) -> PointName? { a == p ? b : (b == p ? a : nil) }
}

/// The unsigned (non-reflex) angle at `vertex` between the rays to `a` and `c`;
/// the arms are stored in name order so that ∠ABC and ∠CBA are one value.
public struct Ang: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let a: PointName
    public let vertex: PointName
    public let c: PointName
    public init(_ p: PointName, _ vertex: PointName, _ q: PointName) {
        self.vertex = vertex
        if p <= q { a = p; c = q } else { a = q; c = p }
    }
    public static func < (l: Ang, r: Ang) -> Bool { (l.vertex, l.a, l.c) < (r.vertex, r.a, r.c) }
    public var description: String { "∠" + a + vertex + c }
    /// The three point names, arm, vertex, arm.
    public var points: [PointName] { [a, vertex, c] }
}

/// A set of point names in one canonical order (collinear triples, concyclic
/// quadruples, triangles whose area is known).
func sortedNames(_ names: [PointName]) -> [PointName] { names.sorted() }
