import Foundation
import Geometry

/// World-to-pixel mapping: a free figure is fitted with equal scales and room
/// for labels; a coordinate plane maps its window onto the plot box.
struct ViewTransform {
    var scaleX: Double, scaleY: Double
    var offset: Vec
    var plotBox: Box

    init(scene: Scene, region: Box, size: Double) {
        switch scene.frame {
        case .figure:
            let pts = scene.items.flatMap { $0.element.extentPoints }
            let minX = pts.map(\.x).min() ?? 0, maxX = pts.map(\.x).max() ?? 1
            let minY = pts.map(\.y).min() ?? 0, maxY = pts.map(\.y).max() ?? 1
            let inner = region.inset(0.1 * size)
            let s = min(inner.w / max(maxX - minX, 1e-9), inner.h / max(maxY - minY, 1e-9))
            scaleX = s; scaleY = s
            let cx = (minX + maxX) / 2, cy = (minY + maxY) / 2
            offset = Vec(inner.center.x - cx * s, inner.center.y + cy * s)
            plotBox = region
        case let .axes(ax):
            let inner = Box(x: region.x + 0.09 * size, y: region.y + 0.06 * size,
                            w: region.w - 0.15 * size, h: region.h - 0.14 * size)
            var sx = inner.w / (ax.xMax - ax.xMin), sy = inner.h / (ax.yMax - ax.yMin)
            if ax.equalAspect { sx = min(sx, sy); sy = sx }
            scaleX = sx; scaleY = sy
            let cx = (ax.xMin + ax.xMax) / 2, cy = (ax.yMin + ax.yMax) / 2
            offset = Vec(inner.center.x - cx * sx, inner.center.y + cy * sy)
            let w = (ax.xMax - ax.xMin) * sx, h = (ax.yMax - ax.yMin) * sy
            plotBox = Box(center: inner.center, w: w, h: h)
        }
    }

    func map(_ p: Vec2) -> Vec { Vec(offset.x + p.x * scaleX, offset.y - p.y * scaleY) }
}

/// The arc of an angle mark in pixel space.
struct AngleGeometry {
    var vertex: Vec
    var start: Double
    var sweep: Double
    var radius: Double

    init(vertex: Vec, a: Vec, b: Vec, k: Double) {
        self.vertex = vertex
        let u1 = a - vertex, u2 = b - vertex
        let t1 = u1.angle, t2 = u2.angle
        var d = t2 - t1
        while d > .pi { d -= 2 * .pi }
        while d <= -.pi { d += 2 * .pi }
        if d >= 0 { start = t1; sweep = d } else { start = t2; sweep = -d }
        // Thin angles get a larger arc so the mark stays visible; never past the shorter side.
        let base = sweep < 0.6 ? 34.0 : 24.0
        radius = min(base * k, 0.4 * min(u1.length, u2.length))
    }

    var bisector: Vec { Vec2.polar(1, start + sweep / 2) }
}
