/// A fact about a figure in point names only: what a construction guarantees
/// and what the deduction engine derives. Values are degrees for angles and
/// figure units for lengths and areas.
public enum Relation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Lines AB and CD are parallel.
    case parallel(Seg, Seg)
    /// Lines AB and CD are perpendicular.
    case perpendicular(Seg, Seg)
    /// Three points on one line.
    case collinear([PointName])
    /// Four points on one circle.
    case concyclic([PointName])
    case equalAngles(Ang, Ang)
    case equalLengths(Seg, Seg)
    /// An angle's size in degrees.
    case angleValue(Ang, Double)
    case lengthValue(Seg, Double)
    /// |first| / |second| = ratio.
    case lengthRatio(Seg, Seg, Double)
    /// The area of the triangle on three points.
    case areaValue([PointName], Double)
    /// The line is tangent at `at` to the circle about `center` through `at`.
    case tangent(Seg, center: PointName, at: PointName)

    /// The same fact in its one canonical spelling (∠ABC = ∠CBA, AB = BA, equal
    /// pairs in order, a ratio read from the smaller segment name), or nil for a
    /// fact that says nothing (AB = AB, a repeated name, a non-positive ratio).
    public var canonical: Relation? {
        switch self {
        case let .parallel(s, t):
            guard s != t else { return nil }
            return .parallel(min(s, t), max(s, t))
        case let .perpendicular(s, t):
            guard s != t else { return nil }
            return .perpendicular(min(s, t), max(s, t))
        case let .collinear(n):
            guard n.count == 3, Set(n).count == 3 else { return nil }
            return .collinear(sortedNames(n))
        case let .concyclic(n):
            guard n.count == 4, Set(n).count == 4 else { return nil }
            return .concyclic(sortedNames(n))
        case let .equalAngles(x, y):
            guard x != y, Ang.valid(x), Ang.valid(y) else { return nil }
            return .equalAngles(min(x, y), max(x, y))
        case let .equalLengths(s, t):
            guard s != t, s.a != s.b, t.a != t.b else { return nil }
            return .equalLengths(min(s, t), max(s, t))
        case let .angleValue(x, v):
            guard Ang.valid(x), v.isFinite else { return nil }
            return self
        case let .lengthValue(s, v):
            guard s.a != s.b, v.isFinite, v > 0 else { return nil }
            return self
        case let .lengthRatio(s, t, r):
            guard s != t, s.a != s.b, t.a != t.b, r.isFinite, r > 0 else { return nil }
            return s < t ? self : .lengthRatio(t, s, 1 / r)
        case let .areaValue(n, v):
            guard n.count == 3, Set(n).count == 3, v.isFinite, v > 0 else { return nil }
            return .areaValue(sortedNames(n), v)
        case let .tangent(s, c, p):
            guard s.contains(p), !s.contains(c), s.a != s.b else { return nil }
            return self
        }
    }

    /// What makes two facts the same fact: value facts are keyed without their
    /// value, so an angle is known once, by its first (shallowest) derivation.
    public var key: RelationKey {
        switch self {
        case let .parallel(s, t): return .parallel(s, t)
        case let .perpendicular(s, t): return .perpendicular(s, t)
        case let .collinear(n): return .collinear(n)
        case let .concyclic(n): return .concyclic(n)
        case let .equalAngles(x, y): return .equalAngles(x, y)
        case let .equalLengths(s, t): return .equalLengths(s, t)
        case let .angleValue(x, _): return .angle(x)
        case let .lengthValue(s, _): return .length(s)
        case let .lengthRatio(s, t, _): return .ratio(s, t)
        case let .areaValue(n, _): return .area(n)
        case let .tangent(s, c, p): return .tangent(s, c, p)
        }
    }

    public var kind: RelationKind {
        switch self {
        case .parallel: return .parallel
        case .perpendicular: return .perpendicular
        case .collinear: return .collinear
        case .concyclic: return .concyclic
        case .equalAngles: return .equalAngles
        case .equalLengths: return .equalLengths
        case .angleValue: return .angleValue
        case .lengthValue: return .lengthValue
        case .lengthRatio: return .lengthRatio
        case .areaValue: return .areaValue
        case .tangent: return .tangent
        }
    }

    /// The number a value fact states (nil for a relation between objects).
    public var value: Double? {
        switch self {
        case let .angleValue(_, v), let .lengthValue(_, v), let .lengthRatio(_, _, v), let .areaValue(_, v): return v
        default: return nil
        }
    }

    public var description: String {
        func num(_ v: Double) -> String {
            let r = (v * 1e6).rounded() / 1e6
            return r == r.rounded() && abs(r) < 1e12 ? String(Int(r)) : String(r)
        }
        switch self {
        case let .parallel(s, t): return "\(s) ∥ \(t)"
        case let .perpendicular(s, t): return "\(s) ⊥ \(t)"
        case let .collinear(n): return "collinear(\(n.joined(separator: ",")))"
        case let .concyclic(n): return "concyclic(\(n.joined(separator: ",")))"
        case let .equalAngles(x, y): return "\(x) = \(y)"
        case let .equalLengths(s, t): return "\(s) = \(t)"
        case let .angleValue(x, v): return "\(x) = \(num(v))°"
        case let .lengthValue(s, v): return "\(s) = \(num(v))"
        case let .lengthRatio(s, t, r): return "\(s) / \(t) = \(num(r))"
        case let .areaValue(n, v): return "area(\(n.joined())) = \(num(v))"
        case let .tangent(s, c, p): return "\(s) tangent to circle \(c) at \(p)"
        }
    }
}

/// The identity of a fact (its value left out), for the fact set's index.
public enum RelationKey: Hashable, Sendable {
    case parallel(Seg, Seg), perpendicular(Seg, Seg), collinear([PointName]), concyclic([PointName])
    case equalAngles(Ang, Ang), equalLengths(Seg, Seg)
    case angle(Ang), length(Seg), ratio(Seg, Seg), area([PointName])
    case tangent(Seg, PointName, PointName)
}

/// The eleven kinds of fact, for statistics and docs.
public enum RelationKind: String, Sendable, CaseIterable, Codable {
    case parallel, perpendicular, collinear, concyclic, equalAngles, equalLengths
    case angleValue, lengthValue, lengthRatio, areaValue, tangent

    /// Whether facts of this kind state a number (what a problem can ask for).
    public var isValue: Bool { [.angleValue, .lengthValue, .lengthRatio, .areaValue].contains(self) }
}

extension Ang {
    /// An angle needs three names with the vertex apart from both arms.
    static func valid(_ x: Ang) -> Bool { x.a != x.c && x.a != x.vertex && x.c != x.vertex }
}
