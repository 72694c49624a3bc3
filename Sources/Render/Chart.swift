import Foundation

/// Small report charts (accuracy bars, loss curves) drawn on `Canvas`, so the
/// trainer's figures go through the project's one Cairo module. Deliberately
/// minimal: axes, ticks, a legend, no layout engine.
public enum Chart {
    /// Distinguishable colours, also readable when printed in gray.
    public static let palette: [RGB] = [
        RGB(0.12, 0.38, 0.70), RGB(0.85, 0.37, 0.01), RGB(0.17, 0.60, 0.17),
        RGB(0.58, 0.40, 0.74), RGB(0.55, 0.34, 0.29), RGB(0.50, 0.50, 0.50),
    ]
    static let font = "DejaVu Sans"

    /// One named list of values.
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public init(name: String, values: [Double]) { self.name = name; self.values = values }
    }

    /// Grouped bars: one group per category, one bar per series; values are
    /// clamped to `yMax` and printed above the bar.
    public static func bars(title: String, categories: [String], series: [Series], yMax: Double = 1,
                            yLabel: String = "", width: Int = 760, height: Int = 420) throws(RenderError) -> [UInt8] {
        let canvas = try Canvas(width: width, height: height)
        let plot = frame(canvas, title: title, yLabel: yLabel, legend: series.map(\.name))
        axes(canvas, plot, yMin: 0, yMax: yMax)
        let groups = max(categories.count, 1)
        let groupW = plot.w / Double(groups)
        let barW = groupW * 0.8 / Double(max(series.count, 1))
        canvas.setFont(font, size: 10)
        for (g, name) in categories.enumerated() {
            let x0 = plot.x + Double(g) * groupW + groupW * 0.1
            for (s, ser) in series.enumerated() where g < ser.values.count {
                let v = ser.values[g]
                guard v.isFinite else { continue }
                let h = plot.h * min(max(v, 0), yMax) / yMax
                canvas.setColor(palette[s % palette.count])
                canvas.fillRect(Box(x: x0 + Double(s) * barW, y: plot.maxY - h, w: barW * 0.92, h: h))
                canvas.setColor(.gray(0.15))
                let label = String(format: v < 10 ? "%.2f" : "%.0f", v)
                let m = canvas.measure(label)
                if m.width < barW * 1.6 {
                    canvas.text(label, topLeft: Vec(x0 + Double(s) * barW + barW * 0.46 - m.width / 2,
                                                    plot.maxY - h - m.ascent - m.descent - 1))
                }
            }
            canvas.setColor(.gray(0.1))
            let parts = wrap(name, canvas: canvas, width: groupW)
            for (k, line) in parts.enumerated() {
                let m = canvas.measure(line)
                canvas.text(line, topLeft: Vec(plot.x + (Double(g) + 0.5) * groupW - m.width / 2,
                                               plot.maxY + 6 + Double(k) * (m.ascent + m.descent)))
            }
        }
        return try canvas.png(gray: false)
    }

    /// Lines through (x, y) points, one per series; non-finite points are skipped.
    public static func lines(title: String, series: [(name: String, points: [(x: Double, y: Double)])],
                             xLabel: String = "", yLabel: String = "",
                             width: Int = 760, height: Int = 420) throws(RenderError) -> [UInt8] {
        let canvas = try Canvas(width: width, height: height)
        let plot = frame(canvas, title: title, yLabel: yLabel, legend: series.map(\.name))
        let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xMin = all.map(\.x).min() ?? 0, xMax = max(all.map(\.x).max() ?? 1, xMin + 1e-9)
        let yMin = min(all.map(\.y).min() ?? 0, 0), yMax = max(all.map(\.y).max() ?? 1, yMin + 1e-9)
        axes(canvas, plot, yMin: yMin, yMax: yMax)
        canvas.setFont(font, size: 10)
        canvas.setColor(.gray(0.1))
        for k in 0...4 {
            let x = xMin + (xMax - xMin) * Double(k) / 4
            let label = String(format: "%.0f", x)
            let m = canvas.measure(label)
            canvas.text(label, topLeft: Vec(plot.x + plot.w * Double(k) / 4 - m.width / 2, plot.maxY + 6))
        }
        if !xLabel.isEmpty {
            let m = canvas.measure(xLabel)
            canvas.text(xLabel, topLeft: Vec(plot.x + plot.w / 2 - m.width / 2, plot.maxY + 22))
        }
        canvas.setLineWidth(1.5)
        for (s, ser) in series.enumerated() {
            canvas.setColor(palette[s % palette.count])
            let pts = ser.points.filter { $0.x.isFinite && $0.y.isFinite }.map {
                Vec(plot.x + plot.w * ($0.x - xMin) / (xMax - xMin), plot.maxY - plot.h * ($0.y - yMin) / (yMax - yMin))
            }
            canvas.polyline(pts)
        }
        return try canvas.png(gray: false)
    }

    /// White background, title, legend; returns the plot area.
    static func frame(_ canvas: Canvas, title: String, yLabel: String, legend: [String]) -> Box {
        canvas.clear()
        canvas.setColor(.gray(0.05))
        canvas.setFont(font, size: 14, bold: true)
        canvas.text(title, topLeft: Vec(12, 8))
        canvas.setFont(font, size: 10)
        if !yLabel.isEmpty { canvas.text(yLabel, topLeft: Vec(12, 30)) }
        var x = Double(canvas.width) - 12
        for (i, name) in legend.enumerated().reversed() {
            let m = canvas.measure(name)
            x -= m.width
            canvas.setColor(.gray(0.1))
            canvas.text(name, topLeft: Vec(x, 30))
            x -= 14
            canvas.setColor(palette[i % palette.count])
            canvas.fillRect(Box(x: x, y: 32, w: 10, h: 10))
            x -= 14
        }
        return Box(x: 56, y: 52, w: Double(canvas.width) - 72, h: Double(canvas.height) - 52 - 48)
    }

    /// Left and bottom axes with five labelled horizontal grid lines.
    static func axes(_ canvas: Canvas, _ plot: Box, yMin: Double, yMax: Double) {
        canvas.setFont(font, size: 10)
        canvas.setLineWidth(1)
        for k in 0...4 {
            let y = plot.maxY - plot.h * Double(k) / 4
            canvas.setColor(.gray(0.88))
            canvas.line(Vec(plot.x, y), Vec(plot.maxX, y))
            canvas.setColor(.gray(0.1))
            let v = yMin + (yMax - yMin) * Double(k) / 4
            let label = String(format: abs(yMax - yMin) < 10 ? "%.2f" : "%.0f", v)
            let m = canvas.measure(label)
            canvas.text(label, topLeft: Vec(plot.x - m.width - 4, y - (m.ascent + m.descent) / 2))
        }
        canvas.setColor(.gray(0.1))
        canvas.line(Vec(plot.x, plot.y), Vec(plot.x, plot.maxY))
        canvas.line(Vec(plot.x, plot.maxY), Vec(plot.maxX, plot.maxY))
    }

    /// Splits a category name at underscores or spaces into lines that fit `width`.
    static func wrap(_ s: String, canvas: Canvas, width: Double) -> [String] {
        let words = s.split(whereSeparator: { $0 == "_" || $0 == " " }).map(String.init)
        var lines: [String] = []
        var current = ""
        for w in words {
            let candidate = current.isEmpty ? w : current + " " + w
            if canvas.measure(candidate).width > width * 0.95 && !current.isEmpty {
                lines.append(current)
                current = w
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
