import Foundation

/// The coordinate check: every fact, given or derived, measured on the
/// realized figure. A rule that concludes something the figure does not show
/// is caught here, so a wrong rule (or a wrong premise match) cannot pass
/// silently into an answer.
public enum Measure {
    /// Angles agree within this many degrees.
    public static let angleTolerance = 1e-6
    /// Lengths, ratios and areas agree within this relative tolerance; directions within this sine.
    public static let relativeTolerance = 1e-6

    /// Whether the figure shows the fact. The engine asks this of every conclusion, so it
    /// builds no text (formatting the measurement took a third of generation's time).
    public static func agrees(_ r: Relation, on f: Figure) -> Bool {
        func close(_ a: Double, _ b: Double) -> Bool {
            a.isFinite && b.isFinite && abs(a - b) <= relativeTolerance * max(1, abs(a), abs(b))
        }
        switch r {
        case let .parallel(s, t):
            let x = sine(f, s, t)
            return x.isFinite && abs(x) <= relativeTolerance
        case let .perpendicular(s, t):
            let x = cosine(f, s, t)
            return x.isFinite && abs(x) <= relativeTolerance
        case let .collinear(n):
            let x = n.count == 3 ? offLine(f, n[0], n[1], n[2]) : .nan
            return x.isFinite && x <= relativeTolerance
        case let .concyclic(n):
            let x = n.count == 4 ? offCircle(f, n) : .nan
            return x.isFinite && x <= relativeTolerance
        case let .equalAngles(x, y):
            let a = angle(f, x), b = angle(f, y)
            return a.isFinite && b.isFinite && abs(a - b) <= angleTolerance
        case let .equalLengths(s, t): return close(length(f, s), length(f, t))
        case let .angleValue(x, v):
            let a = angle(f, x)
            return a.isFinite && abs(a - v) <= angleTolerance
        case let .lengthValue(s, v): return close(length(f, s), v)
        case let .lengthRatio(s, t, v): return close(length(f, s) / length(f, t), v)
        case let .areaValue(n, v): return close(n.count == 3 ? PlaneKit.area(n.map { f[$0] }) : .nan, v)
        case let .tangent(s, o, t):
            // The touching point is on the line and the radius to it is perpendicular to the line.
            let c = cosine(f, s, Seg(o, t))
            return c.isFinite && abs(c) <= relativeTolerance && offLine(f, s.a, s.b, t) <= relativeTolerance
        }
    }

    /// What the figure measures for the fact, for a report.
    public static func measured(_ r: Relation, on f: Figure) -> String {
        func fmt(_ v: Double) -> String { String(format: "%.6g", v) }
        switch r {
        case let .parallel(s, t): return "sine between lines \(fmt(sine(f, s, t)))"
        case let .perpendicular(s, t): return "cosine between lines \(fmt(cosine(f, s, t)))"
        case let .collinear(n): return "off-line distance ratio \(fmt(n.count == 3 ? offLine(f, n[0], n[1], n[2]) : .nan))"
        case let .concyclic(n): return "off-circle ratio \(fmt(n.count == 4 ? offCircle(f, n) : .nan))"
        case let .equalAngles(x, y): return "\(x) = \(fmt(angle(f, x)))°, \(y) = \(fmt(angle(f, y)))°"
        case let .equalLengths(s, t): return "\(s) = \(fmt(length(f, s))), \(t) = \(fmt(length(f, t)))"
        case let .angleValue(x, _): return "\(x) = \(fmt(angle(f, x)))°"
        case let .lengthValue(s, _): return "\(s) = \(fmt(length(f, s)))"
        case let .lengthRatio(s, t, _): return "\(s) / \(t) = \(fmt(length(f, s) / length(f, t)))"
        case let .areaValue(n, _): return "area = \(fmt(n.count == 3 ? PlaneKit.area(n.map { f[$0] }) : .nan))"
        case let .tangent(s, o, t):
            return "cosine to radius \(fmt(cosine(f, s, Seg(o, t)))), off-line \(fmt(offLine(f, s.a, s.b, t)))"
        }
    }

    public static func angle(_ f: Figure, _ x: Ang) -> Double { Angle.measure(f[x.a], f[x.vertex], f[x.c]) }
    public static func length(_ f: Figure, _ s: Seg) -> Double { f[s.a].distance(to: f[s.b]) }

    static func unit(_ f: Figure, _ s: Seg) -> Vec2 { (f[s.b] - f[s.a]).normalized }
    static func sine(_ f: Figure, _ s: Seg, _ t: Seg) -> Double { unit(f, s).cross(unit(f, t)) }
    static func cosine(_ f: Figure, _ s: Seg, _ t: Seg) -> Double { unit(f, s).dot(unit(f, t)) }

    /// Distance of C from line AB over the figure's scale |AB| + |AC|.
    static func offLine(_ f: Figure, _ a: PointName, _ b: PointName, _ c: PointName) -> Double {
        let ab = f[b] - f[a], ac = f[c] - f[a]
        return abs(ab.cross(ac)) / max(1e-300, ab.length * (ab.length + ac.length))
    }

    /// How far the fourth point is off the circle through the first three, over the radius.
    static func offCircle(_ f: Figure, _ n: [PointName]) -> Double {
        guard let o = try? Realizer.circumcentre(f[n[0]], f[n[1]], f[n[2]]) else { return .nan }
        let r = o.distance(to: f[n[0]])
        return abs(o.distance(to: f[n[3]]) - r) / r
    }
}
