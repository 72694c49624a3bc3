import CCairo

extension Canvas {
    /// Draws a gray image scaled to fit `box` (aspect kept, centred). Cairo's
    /// bilinear/box filtering keeps thin figure lines visible in small thumbnails.
    public func drawGray(_ image: PNGDecoder.Image, into box: Box) {
        let gray = image.gray
        guard image.width > 0, image.height > 0, gray.count == image.width * image.height,
              box.w > 0, box.h > 0,
              let src = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(image.width), Int32(image.height)) else { return }
        defer { cairo_surface_destroy(src) }
        guard cairo_surface_status(src) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(src) else { return }
        cairo_surface_flush(src)
        let stride = Int(cairo_image_surface_get_stride(src))
        gray.withUnsafeBufferPointer { px in
            for y in 0..<image.height {
                let row = data + y * stride
                for x in 0..<image.width {
                    let v = px[y * image.width + x]
                    row[x * 4] = v
                    row[x * 4 + 1] = v
                    row[x * 4 + 2] = v
                    row[x * 4 + 3] = 255
                }
            }
        }
        cairo_surface_mark_dirty(src)
        let scale = min(box.w / Double(image.width), box.h / Double(image.height))
        let w = Double(image.width) * scale, h = Double(image.height) * scale
        cairo_save(cr)
        cairo_translate(cr, box.x + (box.w - w) / 2, box.y + (box.h - h) / 2)
        cairo_scale(cr, scale, scale)
        cairo_set_source_surface(cr, src, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
        cairo_rectangle(cr, 0, 0, Double(image.width), Double(image.height))
        cairo_fill(cr)
        cairo_restore(cr)
    }

    /// Outlines `box` with a one-pixel line in the current colour.
    public func strokeRect(_ box: Box) {
        cairo_rectangle(cr, box.x + 0.5, box.y + 0.5, box.w - 1, box.h - 1)
        cairo_stroke(cr)
    }
}

/// A PNG grid of thumbnails: one row per problem (its id on the left), one
/// column per image level, so a person can scan many figures at a glance.
public enum ContactSheet {
    /// One row of the sheet. A nil cell is drawn as an empty box with `note`
    /// (e.g. "no image" for text-only, "missing" for an unreadable file).
    public struct Row: Sendable {
        public var label: String
        public var cells: [PNGDecoder.Image?]
        public var notes: [String]
        public init(label: String, cells: [PNGDecoder.Image?], notes: [String]) {
            self.label = label
            self.cells = cells
            self.notes = notes
        }
    }

    static let font = "DejaVu Sans"
    static let labelWidth = 180
    static let headerHeight = 24
    static let gap = 4

    /// Pixel size of a sheet with `rows` rows of `columns` thumbnails of side `thumb`.
    public static func size(rows: Int, columns: Int, thumb: Int) -> (width: Int, height: Int) {
        (labelWidth + columns * (thumb + gap) + gap, headerHeight + rows * (thumb + gap) + gap)
    }

    /// The largest row count whose sheet stays within Cairo's canvas limit.
    public static func maxRows(thumb: Int) -> Int {
        max(1, (8192 - headerHeight - gap) / (thumb + gap))
    }

    /// Renders the sheet and returns PNG bytes (8-bit gray).
    public static func render(columns: [String], rows: [Row], thumb: Int) throws(RenderError) -> [UInt8] {
        guard !columns.isEmpty, !rows.isEmpty else { throw .layout("contact sheet needs at least one row and column") }
        guard (16...1024).contains(thumb) else { throw .layout("thumbnail side \(thumb) is outside 16...1024") }
        let (w, h) = size(rows: rows.count, columns: columns.count, thumb: thumb)
        let canvas = try Canvas(width: w, height: h)
        canvas.clear(gray: 1)
        canvas.setColor(.gray(0.1))
        canvas.setFont(font, size: 12, bold: true)
        for (c, name) in columns.enumerated() {
            let x = Double(labelWidth + gap + c * (thumb + gap))
            canvas.clip(Box(x: x, y: 0, w: Double(thumb), h: Double(headerHeight)))
            canvas.text(name, topLeft: Vec(x + 2, 5))
        }
        canvas.clip(nil)
        canvas.setLineWidth(1)
        for (r, row) in rows.enumerated() {
            let y = Double(headerHeight + gap + r * (thumb + gap))
            canvas.setColor(.gray(0.1))
            canvas.clip(Box(x: 0, y: y, w: Double(labelWidth - gap), h: Double(thumb)))
            // The label's first line (the id) in bold, the rest below it.
            for (k, line) in row.label.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                canvas.setFont(font, size: 11, bold: k == 0)
                canvas.text(String(line), topLeft: Vec(4, y + 2 + Double(k) * 15))
            }
            canvas.clip(nil)
            for c in 0..<columns.count {
                let box = Box(x: Double(labelWidth + gap + c * (thumb + gap)), y: y, w: Double(thumb), h: Double(thumb))
                if c < row.cells.count, let image = row.cells[c] {
                    canvas.drawGray(image, into: box)
                } else {
                    canvas.setColor(.gray(0.93))
                    canvas.fillRect(box)
                    canvas.setColor(.gray(0.45))
                    canvas.setFont(font, size: 11)
                    canvas.clip(box)
                    canvas.text(c < row.notes.count ? row.notes[c] : "", topLeft: Vec(box.x + 4, box.y + box.h / 2 - 7))
                    canvas.clip(nil)
                }
                canvas.setColor(.gray(0.75))
                canvas.strokeRect(box)
            }
        }
        return try canvas.png(gray: true)
    }
}
