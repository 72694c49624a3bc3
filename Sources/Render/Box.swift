import Geometry

/// Pixel-space points share Geometry's vector type (y grows downward on the canvas).
public typealias Vec = Vec2

/// An axis-aligned rectangle in pixels.
public struct Box: Sendable, Equatable {
    public var x: Double, y: Double, w: Double, h: Double
    public init(x: Double, y: Double, w: Double, h: Double) { self.x = x; self.y = y; self.w = w; self.h = h }
    public init(center c: Vec, w: Double, h: Double) { self.init(x: c.x - w / 2, y: c.y - h / 2, w: w, h: h) }

    public var maxX: Double { x + w }
    public var maxY: Double { y + h }
    public var center: Vec { Vec(x + w / 2, y + h / 2) }

    public func inset(_ d: Double) -> Box { Box(x: x + d, y: y + d, w: max(0, w - 2 * d), h: max(0, h - 2 * d)) }
    public func intersects(_ o: Box) -> Bool { x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY }
    public func contains(_ p: Vec) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }
    public func contains(_ o: Box) -> Bool { o.x >= x && o.y >= y && o.maxX <= maxX && o.maxY <= maxY }

    /// Whether segment a-b passes through the box (Liang-Barsky clipping). The label
    /// placer calls this for every candidate spot and stroke, so it is unrolled and
    /// rejects a segment whose bounding box misses the box first (same answers).
    @inline(__always)
    public func intersects(segment a: Vec, _ b: Vec) -> Bool {
        if (a.x < x && b.x < x) || (a.x > maxX && b.x > maxX) || (a.y < y && b.y < y) || (a.y > maxY && b.y > maxY) {
            return false
        }
        if contains(a) || contains(b) { return true }
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        @inline(__always) func clip(_ p: Double, _ q: Double) -> Bool {
            if p == 0 { return q >= 0 }
            let r = q / p
            if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
            return t0 <= t1
        }
        return clip(-dx, a.x - x) && clip(dx, maxX - a.x) && clip(-dy, a.y - y) && clip(dy, maxY - a.y)
    }
}
