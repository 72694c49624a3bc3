import Foundation
import Geometry

/// Draws a scene onto a canvas: fits the view, strokes shapes and marks, places
/// labels clear of everything, writes the text block, audits, encodes.
public enum SceneRenderer {
    /// Smallest text height (pixels at 512) a reader can be expected to read.
    public static let minTextPixels = 11.0

    /// Renders and encodes one image. Pass `canvas` (of the request's size) to reuse a
    /// surface across images: creating one zero-fills a megabyte each time.
    public static func render(_ req: RenderRequest, encoder: PNGEncoder = PNGEncoder(),
                              canvas reused: Canvas? = nil) throws(RenderError) -> RenderedImage {
        // Always encoded: the caller asked for the image whatever its audit says.
        guard let image = try render(req, encoder: encoder, canvas: reused, onlyIfClean: false) else {
            throw .encoding("no image was encoded")
        }
        return image
    }

    /// Renders `req` and encodes it only when its audit is clean; nil otherwise
    /// (the caller draws another orientation: encoding a rejected image is
    /// wasted work, a third of a render with the smaller PNG settings).
    public static func renderIfClean(_ req: RenderRequest, encoder: PNGEncoder = PNGEncoder(),
                                     canvas reused: Canvas? = nil) throws(RenderError) -> RenderedImage? {
        try render(req, encoder: encoder, canvas: reused, onlyIfClean: true)
    }

    private static func render(_ req: RenderRequest, encoder: PNGEncoder, canvas reused: Canvas?,
                               onlyIfClean: Bool) throws(RenderError) -> RenderedImage? {
        let canvas: Canvas
        if let reused, reused.width == req.size, reused.height == req.size {
            canvas = reused
        } else {
            canvas = try Canvas(width: req.size, height: req.size)
        }
        let (audit, labels) = draw(req, on: canvas)
        if onlyIfClean && !audit.isClean { return nil }
        let gray = req.style.isGray
        let png = try canvas.png(gray: gray, encoder: encoder)
        return RenderedImage(png: png, width: req.size, height: req.size, gray: gray, audit: audit, labels: labels)
    }

    /// Lays `req` out without painting: the audit and placed labels `render` would
    /// give, from the same code on a `LayoutSurface` (text measured with the same
    /// fonts). Pass `surface` to reuse one across calls.
    public static func layout(_ req: RenderRequest, on surface: LayoutSurface? = nil) throws(RenderError) -> (Audit, [PlacedLabel]) {
        let s: LayoutSurface
        if let surface { s = surface } else { s = try LayoutSurface() }
        return draw(req, on: s)
    }

    /// Legend rows: a white ground, a sample of the curve's line, its name.
    private static func drawLegend<S: Surface>(_ named: [(String, LineStyle)], rows: [LegendLayout.Row], on canvas: S,
                                               style st: RenderStyle, k: Double) -> [PlacedLabel] {
        var placed: [PlacedLabel] = []
        canvas.setFont(st.labelFont, size: st.valueSize * k)  // the size the rows were measured at
        for ((label, style), row) in zip(named, rows) {
            let h = row.text.h
            canvas.setColor(.gray(1))
            canvas.fillRect(row.whole.inset(-2 * k))
            canvas.setColor(st.ink)
            canvas.setLineWidth(st.lineWidth * k)
            canvas.setDash(style == .dashed ? [7 * k, 5 * k] : [])
            canvas.line(Vec(row.whole.x, row.whole.y + h / 2), Vec(row.whole.x + 26 * k, row.whole.y + h / 2))
            canvas.setDash([])
            canvas.text(label, topLeft: Vec(row.text.x, row.text.y))
            placed.append(PlacedLabel(text: label, box: row.text, kind: .axis))
        }
        return placed
    }

    /// The given values of `scene` (or, with `one`, one of them) at seeded
    /// random places on a blank canvas (RenderRequest.scatterSeed). Two values are either clearly on one row
    /// or clearly on two, so the reading order the labels give is the one a
    /// reader sees; a value with no free place left is audited as an overlap.
    static func drawScattered<S: Surface>(_ scene: Scene, seed: UInt64, one: Bool, on canvas: S, style st: RenderStyle,
                              size: Double, k: Double) -> (Audit, [PlacedLabel]) {
        let area = Box(x: 0, y: 0, w: size, h: size).inset(max(3, 6 * k))
        var rng = SplitMix64(seed: seed)
        var placed: [PlacedLabel] = []
        var audit = Audit()
        canvas.setColor(st.valueInk)
        canvas.setFont(st.labelFont, size: st.valueSize * k)
        var texts = scene.items.filter { $0.role == .given }.compactMap(\.element.valueText)
        if one, !texts.isEmpty { texts = [rng.pick(texts)] }
        for text in texts {
            let m = canvas.measure(text)
            let w = m.width, h = m.ascent + m.descent
            guard area.w > w, area.h > h else { audit.offCanvas += 1; continue }
            var spot: Box?
            for _ in 0..<200 {
                let b = Box(x: rng.double(area.x...(area.maxX - w)), y: rng.double(area.y...(area.maxY - h)), w: w, h: h)
                let free = placed.allSatisfy { o in
                    let dy = abs(b.center.y - o.box.center.y), hh = max(h, o.box.h)
                    return !b.inset(-0.6 * hh).intersects(o.box) && (dy < 0.3 * hh || dy > 0.8 * hh)
                }
                if free { spot = b; break }
            }
            guard let box = spot else { audit.overlaps += 1; continue }
            canvas.text(text, topLeft: Vec(box.x, box.y))
            placed.append(PlacedLabel(text: text, box: box, kind: .value))
        }
        let placer = LabelPlacer(canvas: Box(x: 0, y: 0, w: size, h: size).inset(2), strokes: [], dots: [], fixed: [])
        let found = placer.audit(placed.map(\.box), minHeight: minTextPixels * k, heights: placed.map { $0.box.h })
        return (audit + found, placed)
    }

    /// Draws without encoding; returns the audit and placed labels. A graph whose curve
    /// legend finds no clear corner of the plot (large text: `--text-scale 2` makes the
    /// sinusoid's formula half the plot wide) is drawn again with the legend in a band
    /// above the plot, which shrinks the plot instead.
    public static func draw<S: Surface>(_ req: RenderRequest, on canvas: S) -> (Audit, [PlacedLabel]) {
        let first = drawOnce(req, on: canvas)
        guard first.legendBlocked, !first.audit.isClean, req.allowLegendBand else { return (first.audit, first.placed) }
        var banded = req
        banded.legendAbove = true
        let second = drawOnce(banded, on: canvas)
        return (second.audit, second.placed)
    }

    /// One drawing; `legendBlocked` when a curve legend found no plot corner clear.
    private static func drawOnce<S: Surface>(_ req: RenderRequest, on canvas: S)
        -> (audit: Audit, placed: [PlacedLabel], legendBlocked: Bool) {
        let size = Double(req.size)
        let k = size / 512  // style sizes are given at 512 px
        let st = req.style
        canvas.clear()
        let full = Box(x: 0, y: 0, w: size, h: size)
        if let seed = req.scatterSeed {
            let (a, p) = drawScattered(req.scene, seed: seed, one: req.scatterOne, on: canvas, style: st, size: size, k: k)
            return (a, p, false)
        }
        var audit = Audit()
        var placed: [PlacedLabel] = []

        // The text block decides how much room the diagram gets.
        var blockLines: [String] = []
        var blockFont = st.textSize * k
        var blockHeight = 0.0
        let margin = 0.045 * size
        let textFont = st.textFont(for: req.language)
        if let text = req.textBlock, !text.isEmpty {
            while true {
                canvas.setFont(textFont, size: blockFont)
                blockLines = TextWrap.wrap(text, width: size - 2 * margin) { canvas.measure($0).width }
                let m = canvas.measure("Ag")
                blockHeight = Double(blockLines.count) * (m.ascent + m.descent) * 1.08
                if blockHeight <= 0.44 * size || blockFont <= minTextPixels * k { break }
                blockFont -= 1 * k
            }
        }
        let items = req.onlyGivens ? req.scene.items.filter { $0.role == .given }
                                   : req.scene.visibleItems(includeGivens: req.includeGivens)
        // Named curves get a legend: in a plot corner, or in a band above the plot.
        let named = items.compactMap { item -> (String, LineStyle)? in
            if case let .curve(_, label?, style) = item.element { return (label, style) }
            return nil
        }
        var legendSizes: [(width: Double, ascent: Double, descent: Double)] = []
        if !named.isEmpty {
            canvas.setFont(st.labelFont, size: st.valueSize * k)
            legendSizes = named.map { canvas.measure($0.0) }
        }
        let band = req.legendAbove ? LegendLayout.bandHeight(legendSizes.map { $0.ascent + $0.descent }, k: k) : 0
        let region = Box(x: 0, y: band, w: size, h: size - band - (blockHeight > 0 ? blockHeight + margin * 1.5 : 0))
        let view = ViewTransform(scene: req.scene, region: region, size: size)

        // Obstacles for label placement: every stroke in pixel space, every dot.
        var pen = MarkPen(canvas: canvas, view: view, style: st, k: k)
        var dots: [Box] = []

        canvas.clip(nil)
        if case let .axes(ax) = req.scene.frame, !req.onlyGivens {
            placed += pen.axes(ax)
        }

        for item in items {
            canvas.setColor(item.role == .property ? st.markInk : (item.role == .given ? st.valueInk : st.ink))
            pen.draw(item.element)
        }
        let strokes = pen.strokes
        canvas.setDash([])

        // Dots, then labels (values first: their spots are the most constrained).
        for item in items {
            if case let .point(p, _, dot) = item.element {
                let pp = view.map(p)
                if dot {
                    canvas.setColor(st.ink)
                    canvas.disc(center: pp, radius: st.pointRadius * k)
                }
                dots.append(Box(center: pp, w: (st.pointRadius + 2) * 2 * k, h: (st.pointRadius + 2) * 2 * k))
            }
        }

        if req.legendAbove, !named.isEmpty {
            let rows = LegendLayout(widths: legendSizes.map(\.width), heights: legendSizes.map { $0.ascent + $0.descent },
                                    plot: Box(x: margin - 8 * k, y: 0, w: size, h: band), k: k).corners[0]
            placed += drawLegend(named, rows: rows, on: canvas, style: st, k: k)
        }
        var placer = LabelPlacer(canvas: full.inset(2), strokes: strokes, dots: dots, fixed: placed.map(\.box))
        // A layout check only needs the verdict: axis numbers already crossed by a stroke
        // or overlapping each other fail the audit whatever the labels do.
        if req.stopAtFirstFault, !placed.isEmpty {
            let early = placer.audit(placed.map(\.box), minHeight: 0, heights: placed.map { $0.box.h })
            if !early.isClean { return (early, placed, false) }
        }
        let valueItems = items.filter { $0.element.valueText != nil }
        for item in valueItems {
            canvas.setColor(item.role == .given ? st.valueInk : st.ink)
            canvas.setFont(st.labelFont, size: st.valueSize * k)
            switch item.element {
            case let .angle(v, a, b, arcs, text?):
                let g = AngleGeometry(vertex: view.map(v), a: view.map(a), b: view.map(b), k: k)
                let m = canvas.measure(text)
                let box = placer.placeAngleValue(g, arcs: arcs, w: m.width, h: m.ascent + m.descent)
                canvas.text(text, topLeft: Vec(box.x, box.y))
                placed.append(PlacedLabel(text: text, box: box, kind: .value))
            case let .segmentValue(a, b, text, away):
                let m = canvas.measure(text)
                let box = placer.placeSegmentValue(view.map(a), view.map(b), away: view.map(away),
                                                   w: m.width, h: m.ascent + m.descent)
                canvas.text(text, topLeft: Vec(box.x, box.y))
                placed.append(PlacedLabel(text: text, box: box, kind: .value))
            case let .text(p, text):
                let m = canvas.measure(text)
                let box = placer.placePoint(view.map(p), w: m.width, h: m.ascent + m.descent, offset: 0)
                canvas.text(text, topLeft: Vec(box.x, box.y))
                placed.append(PlacedLabel(text: text, box: box, kind: PlacedLabel.textKind(text)))
            default: break
            }
        }
        canvas.setColor(st.ink)
        canvas.setFont(st.labelFont, size: st.labelSize * k)
        for item in items {
            if case let .point(p, label, _) = item.element, !label.isEmpty {
                let m = canvas.measure(label)
                let box = placer.placePoint(view.map(p), w: m.width, h: m.ascent + m.descent,
                                            offset: (st.pointRadius + 3) * k)
                canvas.text(label, topLeft: Vec(box.x, box.y))
                placed.append(PlacedLabel(text: label, box: box, kind: .point))
            }
        }
        // Curve legend: top-left of the plot, or the first other corner clear of every
        // stroke, dot and label when a curve or label runs through the top-left.
        var legendBlocked = false
        if !named.isEmpty, !req.legendAbove {
            let legend = LegendLayout(widths: legendSizes.map(\.width), heights: legendSizes.map { $0.ascent + $0.descent },
                                      plot: view.plotBox, k: k)
            let clear = legend.corners.first { rows in rows.allSatisfy { placer.isClear($0.whole.inset(-2 * k)) } }
            legendBlocked = clear == nil
            placed += drawLegend(named, rows: clear ?? legend.corners[0], on: canvas, style: st, k: k)
        }
        audit = placer.audit(placed.map(\.box), minHeight: minTextPixels * k,
                             heights: placed.map { $0.box.h })

        // The text block under the diagram.
        if !blockLines.isEmpty {
            canvas.setColor(st.ink)
            canvas.setFont(textFont, size: blockFont)
            let m = canvas.measure("Ag")
            let lineH = (m.ascent + m.descent) * 1.08
            var y = size - margin * 0.8 - blockHeight
            for line in blockLines {
                let w = canvas.measure(line).width
                let box = Box(x: margin, y: y, w: w, h: m.ascent + m.descent)
                canvas.text(line, topLeft: Vec(margin, y))
                audit.labels += 1
                if !full.contains(box) { audit.offCanvas += 1 }
                if box.h < minTextPixels * k { audit.tinyText += 1 }
                if strokes.contains(where: { box.inset(1).intersects(segment: $0.0, $0.1) }) { audit.lineHits += 1 }
                placed.append(PlacedLabel(text: line, box: box, kind: .text))
                y += lineH
            }
        }
        return (audit, placed, legendBlocked)
    }
}
