import CCairo
import Foundation

/// Cairo 1.16 (Debian 12) races in its shared scaled-font cache when threads select
/// fonts, measure or draw text, or drop a context at the same time
/// (`cairo_scaled_font_destroy: Assertion ! scaled_font->cache_frozen`); layout checks
/// measure text often enough to hit it. Every call that touches fonts holds this lock.
let cairoFontLock = NSLock()

/// The font faces the process draws with, each resolved once at a reference size and
/// kept for the life of the process. Cairo resolves a face through fontconfig at the
/// size of its first use and keeps that resolution while the face lives; fontconfig
/// turns DejaVu's hinting off below 7.5 px (20-unhint-small-dejavu-sans.conf), so
/// whichever size came first (a 3 px tick label at 128 px, say, in another thread
/// or another caller in the same process) decided how every later glyph was drawn.
/// Resolving at one size first makes the pixels independent of that order.
/// Touched only under `cairoFontLock`.
nonisolated(unsafe) private var fontFaces: [String: OpaquePointer] = [:]

/// The face for `family` (bold or not), resolved at 16 px on first use. Call under `cairoFontLock`.
private func resolvedFace(_ family: String, bold: Bool) -> OpaquePointer? {
    let key = family + (bold ? "|bold" : "|normal")
    if let face = fontFaces[key] { return face }
    guard let face = cairo_toy_font_face_create(family, CAIRO_FONT_SLANT_NORMAL,
                                                bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL),
          cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS else { return nil }
    var size = cairo_matrix_t(), identity = cairo_matrix_t()
    cairo_matrix_init_scale(&size, 16, 16)
    cairo_matrix_init_identity(&identity)
    let options = cairo_font_options_create()
    if let scaled = cairo_scaled_font_create(face, &size, &identity, options) { cairo_scaled_font_destroy(scaled) }
    cairo_font_options_destroy(options)
    fontFaces[key] = face
    return face
}

/// A Cairo image surface and its context. The only type in the project that
/// owns Cairo objects; everything else in Render draws through it.
public final class Canvas {
    public let width: Int
    public let height: Int
    let surface: OpaquePointer
    let cr: OpaquePointer

    public init(width: Int, height: Int) throws(RenderError) {
        guard width > 0, height > 0, width <= 8192, height <= 8192 else {
            throw .cairo("canvas size \(width)x\(height) is outside 1...8192")
        }
        guard let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)),
              cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else {
            throw .cairo("could not create a \(width)x\(height) image surface")
        }
        guard let c = cairo_create(s), cairo_status(c) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            throw .cairo("could not create a drawing context")
        }
        self.width = width
        self.height = height
        surface = s
        cr = c
    }

    deinit {
        cairoFontLock.lock()
        defer { cairoFontLock.unlock() }
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    // MARK: state

    public func clear(gray: Double = 1) {
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_paint(cr)
    }

    public func setColor(_ c: RGB) { cairo_set_source_rgb(cr, c.r, c.g, c.b) }
    public func setLineWidth(_ w: Double) { cairo_set_line_width(cr, w) }
    public func setDash(_ pattern: [Double]) {
        pattern.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
    }

    public func setFont(_ family: String, size: Double, bold: Bool = false) {
        cairoFontLock.lock()
        defer { cairoFontLock.unlock() }
        if let face = resolvedFace(family, bold: bold) {
            cairo_set_font_face(cr, face)
        } else {
            cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL,
                                   bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        }
        cairo_set_font_size(cr, size)
    }

    // MARK: paths

    public func line(_ a: Vec, _ b: Vec) {
        cairo_move_to(cr, a.x, a.y)
        cairo_line_to(cr, b.x, b.y)
        cairo_stroke(cr)
    }

    public func polyline(_ pts: [Vec], close: Bool = false) {
        guard let first = pts.first else { return }
        cairo_move_to(cr, first.x, first.y)
        for p in pts.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        if close { cairo_close_path(cr) }
        cairo_stroke(cr)
    }

    public func fillPolygon(_ pts: [Vec]) {
        guard let first = pts.first else { return }
        cairo_move_to(cr, first.x, first.y)
        for p in pts.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_close_path(cr)
        cairo_fill(cr)
    }

    /// Arc in pixel space from angle `a0` to `a1` (radians, increasing = clockwise on screen).
    public func arc(center: Vec, radius: Double, from a0: Double, to a1: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, center.x, center.y, radius, a0, a1)
        cairo_stroke(cr)
    }

    public func disc(center: Vec, radius: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, center.x, center.y, radius, 0, 2 * .pi)
        cairo_fill(cr)
    }

    public func fillRect(_ r: Box) {
        cairo_rectangle(cr, r.x, r.y, r.w, r.h)
        cairo_fill(cr)
    }

    public func clip(_ r: Box?) {
        cairo_reset_clip(cr)
        if let r {
            cairo_rectangle(cr, r.x, r.y, r.w, r.h)
            cairo_clip(cr)
        }
    }

    // MARK: text

    /// Size of `text` in the current font: advance width and the font's line height.
    public func measure(_ text: String) -> (width: Double, ascent: Double, descent: Double) {
        cairoFontLock.lock()
        defer { cairoFontLock.unlock() }
        var te = cairo_text_extents_t()
        var fe = cairo_font_extents_t()
        cairo_text_extents(cr, text, &te)
        cairo_font_extents(cr, &fe)
        return (te.x_advance, fe.ascent, fe.descent)
    }

    /// Draws `text` with its box's top-left corner at `topLeft`.
    public func text(_ text: String, topLeft: Vec) {
        cairoFontLock.lock()
        defer { cairoFontLock.unlock() }
        var fe = cairo_font_extents_t()
        cairo_font_extents(cr, &fe)
        cairo_move_to(cr, topLeft.x, topLeft.y + fe.ascent)
        cairo_show_text(cr, text)
    }

    // MARK: pixels

    /// The pixels as gray bytes (the green channel; figures drawn in gray have R = G = B).
    public func grayPixels() -> [UInt8] {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        var out = [UInt8](repeating: 255, count: width * height)
        out.withUnsafeMutableBufferPointer { dst in
            for y in 0..<height {
                let row = data + y * stride
                for x in 0..<width { dst[y * width + x] = row[x * 4 + 1] }
            }
        }
        return out
    }

    /// The pixels as packed RGB bytes.
    public func rgbPixels() -> [UInt8] {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        var out = [UInt8](repeating: 255, count: width * height * 3)
        out.withUnsafeMutableBufferPointer { dst in
            for y in 0..<height {
                let row = data + y * stride
                for x in 0..<width {
                    // CAIRO_FORMAT_RGB24 is native-endian 0xXXRRGGBB: bytes B, G, R, X on little-endian.
                    dst[(y * width + x) * 3] = row[x * 4 + 2]
                    dst[(y * width + x) * 3 + 1] = row[x * 4 + 1]
                    dst[(y * width + x) * 3 + 2] = row[x * 4]
                }
            }
        }
        return out
    }

    /// Encodes the canvas as PNG, gray when `gray` is set. Reads the surface straight
    /// into unfiltered scanlines (one pass, no zero-filling, no intermediate copy).
    public func png(gray: Bool, encoder: PNGEncoder = PNGEncoder()) throws(RenderError) -> [UInt8] {
        guard encoder.filter == .none else {
            let px = gray ? grayPixels() : rgbPixels()
            return try px.withUnsafeBufferPointer { buf throws(RenderError) in
                try encoder.encode(pixels: buf, width: width, height: height, color: gray ? .gray : .rgb)
            }
        }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw .cairo("surface has no pixel data") }
        let w = width, h = height
        let channels = gray ? 1 : 3
        let rowBytes = w * channels + 1
        let scanlines = [UInt8](unsafeUninitializedCapacity: rowBytes * h) { buf, count in
            guard let base = buf.baseAddress else { count = 0; return }
            for y in 0..<h {
                let row = data + y * stride
                let out = base + y * rowBytes
                out[0] = PNGEncoder.Filter.none.rawValue
                if gray {
                    for x in 0..<w { out[1 + x] = row[x &* 4 &+ 1] }
                } else {
                    // CAIRO_FORMAT_RGB24 is native-endian 0xXXRRGGBB: bytes B, G, R, X on little-endian.
                    for x in 0..<w {
                        out[1 + 3 &* x] = row[x &* 4 &+ 2]
                        out[2 + 3 &* x] = row[x &* 4 &+ 1]
                        out[3 + 3 &* x] = row[x &* 4]
                    }
                }
            }
            count = rowBytes * h
        }
        return try encoder.encode(scanlines: scanlines, width: w, height: h, color: gray ? .gray : .rgb)
    }
}

/// A colour with components in 0...1.
public struct RGB: Sendable, Equatable {
    public var r: Double, g: Double, b: Double
    public init(_ r: Double, _ g: Double, _ b: Double) { self.r = r; self.g = g; self.b = b }
    public static func gray(_ v: Double) -> RGB { RGB(v, v, v) }
    public var isGray: Bool { r == g && g == b }
}
