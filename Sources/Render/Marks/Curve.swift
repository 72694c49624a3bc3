import Geometry

extension MarkPen {
    /// A function's graph, clipped to the plot; only its visible pieces are obstacles.
    mutating func curve(_ points: [Vec2], _ lineStyle: LineStyle) {
        figureLine(lineStyle)
        canvas.clip(view.plotBox)
        let pts = points.map(view.map)
        canvas.polyline(pts)
        canvas.clip(nil)
        for i in 0..<max(0, pts.count - 1) where view.plotBox.contains(pts[i]) {
            strokes.append((pts[i], pts[i + 1]))
        }
    }
}
