/// What a figure shows, as data: the renderer draws it, the caption writer
/// describes it, and tests can inspect it without pixels. Coordinates are world
/// units with y up; the renderer fits them to the canvas.
public struct Scene: Sendable {
    /// How a scene is framed: a free figure fitted to the canvas, or a coordinate
    /// plane whose axes are drawn and whose window is fixed.
    public enum Frame: Sendable {
        case figure
        case axes(AxesSpec)
    }

    public var frame: Frame
    public var items: [SceneItem]

    public init(frame: Frame = .figure, items: [SceneItem] = []) {
        self.frame = frame
        self.items = items
    }

    public mutating func add(_ element: SceneElement, _ role: ElementRole = .figure) {
        items.append(SceneItem(element: element, role: role))
    }

    /// The items drawn when the image must carry the given values (`includeGivens`) or not.
    public func visibleItems(includeGivens: Bool) -> [SceneItem] {
        items.filter { includeGivens || $0.role != .given }
    }

    /// The scene with every digit of its given values redrawn at random (a
    /// number's leading digit from 1-9 unless it follows a decimal point):
    /// the figure no longer agrees with its values, so reading them is the
    /// only way to know them (mathgen's decoy images).
    public func withRandomGivenDigits(_ rng: inout SplitMix64) -> Scene {
        var s = self
        s.items = items.map { item in
            guard item.role == .given else { return item }
            let element: SceneElement
            switch item.element {
            case let .angle(v, a, b, n, t?): element = .angle(vertex: v, from: a, to: b, arcs: n, text: Self.randomDigits(t, &rng))
            case let .segmentValue(a, b, t, w): element = .segmentValue(a, b, text: Self.randomDigits(t, &rng), away: w)
            case let .text(p, t): element = .text(at: p, text: Self.randomDigits(t, &rng))
            default: element = item.element
            }
            return SceneItem(element: element, role: item.role)
        }
        return s
    }

    static func randomDigits(_ text: String, _ rng: inout SplitMix64) -> String {
        var out = ""
        var previous: Character?
        for ch in text {
            if ch.isASCII, ch.isNumber {
                let leading = !(previous?.isNumber ?? false) && previous != "."
                out.append(Character(String(leading ? rng.int(1...9) : rng.int(0...9))))
            } else {
                out.append(ch)
            }
            previous = ch
        }
        return out
    }

    /// Applies `f` to every coordinate (used to rotate and mirror a construction).
    public func mapped(_ f: (Vec2) -> Vec2) -> Scene {
        var s = self
        s.items = items.map { SceneItem(element: $0.element.mapped(f), role: $0.role) }
        return s
    }
}

/// Why an element is in the figure, which decides at which ladder levels it is drawn.
public enum ElementRole: String, Sendable {
    /// Shapes and point labels: descriptive information, drawn at every image level.
    case figure
    /// Marks of implicit properties (parallel arrows, right-angle squares, ticks): drawn at every image level.
    case property
    /// Given values (essential conditions) written on the figure: drawn at vision-dominant and vision-only only.
    case given
}

public struct SceneItem: Sendable {
    public var element: SceneElement
    public var role: ElementRole
    public init(element: SceneElement, role: ElementRole) {
        self.element = element
        self.role = role
    }
}

public enum LineStyle: String, Sendable { case solid, dashed }

/// The window and ticks of a coordinate plane.
public struct AxesSpec: Sendable {
    public var xMin: Double, xMax: Double, yMin: Double, yMax: Double
    public var tickStep: Double
    public var grid: Bool
    /// One unit is as long on both axes (circles stay round); functions may stretch.
    public var equalAspect: Bool
    public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double, tickStep: Double = 1, grid: Bool = true,
                equalAspect: Bool = false) {
        self.xMin = xMin; self.xMax = xMax; self.yMin = yMin; self.yMax = yMax
        self.tickStep = tickStep; self.grid = grid; self.equalAspect = equalAspect
    }
}

public enum SceneElement: Sendable {
    /// A named point: a dot (optional) and its label placed clear of everything else.
    case point(at: Vec2, label: String, dot: Bool)
    case segment(Vec2, Vec2, style: LineStyle)
    case circle(center: Vec2, radius: Double, style: LineStyle)
    /// An arc of a circle from angle `start` to `end` (radians, counter-clockwise).
    case arc(center: Vec2, radius: Double, start: Double, end: Double, style: LineStyle)
    /// A polyline through world points (function graphs); `label` names the curve in a legend.
    case curve(points: [Vec2], label: String?, style: LineStyle)
    /// The (non-reflex) angle at `vertex` between the rays to `from` and `to`, marked by
    /// `arcs` concentric arcs, with an optional value written inside it.
    case angle(vertex: Vec2, from: Vec2, to: Vec2, arcs: Int, text: String?)
    /// A right-angle square at `vertex` between rays to `a` and `b`.
    case rightAngle(vertex: Vec2, a: Vec2, b: Vec2)
    /// `count` equal-length ticks across the middle of segment a-b.
    case ticks(Vec2, Vec2, count: Int)
    /// `count` chevrons on segment a-b pointing from a to b: the parallel-lines mark.
    case parallelArrows(Vec2, Vec2, count: Int)
    /// A value written beside segment a-b (a length), on the side away from `away`.
    case segmentValue(Vec2, Vec2, text: String, away: Vec2)
    /// Free text anchored near a world point.
    case text(at: Vec2, text: String)

    public func mapped(_ f: (Vec2) -> Vec2) -> SceneElement {
        switch self {
        case let .point(p, l, d): return .point(at: f(p), label: l, dot: d)
        case let .segment(a, b, s): return .segment(f(a), f(b), style: s)
        case let .circle(c, r, s): return .circle(center: f(c), radius: r, style: s)
        case let .arc(c, r, s0, s1, st):
            // Recompute the end angles from mapped points so mirroring keeps the arc on the figure.
            let p0 = f(c + Vec2.polar(r, s0)), p1 = f(c + Vec2.polar(r, s1)), fc = f(c)
            let a0 = (p0 - fc).angle, a1 = (p1 - fc).angle
            let mirrored = (f(c + Vec2(1, 0)) - fc).cross(f(c + Vec2(0, 1)) - fc) < 0
            return mirrored ? .arc(center: fc, radius: r, start: a1, end: a0, style: st)
                            : .arc(center: fc, radius: r, start: a0, end: a1, style: st)
        case let .curve(pts, l, s): return .curve(points: pts.map(f), label: l, style: s)
        case let .angle(v, a, b, n, t): return .angle(vertex: f(v), from: f(a), to: f(b), arcs: n, text: t)
        case let .rightAngle(v, a, b): return .rightAngle(vertex: f(v), a: f(a), b: f(b))
        case let .ticks(a, b, n): return .ticks(f(a), f(b), count: n)
        case let .parallelArrows(a, b, n): return .parallelArrows(f(a), f(b), count: n)
        case let .segmentValue(a, b, t, w): return .segmentValue(f(a), f(b), text: t, away: f(w))
        case let .text(p, t): return .text(at: f(p), text: t)
        }
    }

    /// The value this element writes on the figure (an angle's label, a
    /// segment's length, a text item), or nil for an element that writes none.
    public var valueText: String? {
        switch self {
        case let .angle(_, _, _, _, t): return t
        case let .segmentValue(_, _, t, _), let .text(_, t): return t
        default: return nil
        }
    }

    /// Every world point this element needs on the canvas (for fitting the view).
    public var extentPoints: [Vec2] {
        switch self {
        case let .point(p, _, _): return [p]
        case let .segment(a, b, _): return [a, b]
        case let .circle(c, r, _): return [c + Vec2(-r, -r), c + Vec2(r, r)]
        case let .arc(c, r, s0, s1, _):
            // The arc itself, not its whole circle, so a thin sector is not fitted as a full disc.
            var e = s1
            while e < s0 { e += 2 * .pi }
            return (0...24).map { c + Vec2.polar(r, s0 + (e - s0) * Double($0) / 24) }
        case let .curve(pts, _, _): return pts
        case let .angle(v, _, _, _, _): return [v]
        case let .rightAngle(v, _, _): return [v]
        case let .ticks(a, b, _), let .parallelArrows(a, b, _), let .segmentValue(a, b, _, _): return [a, b]
        case let .text(p, _): return [p]
        }
    }
}
