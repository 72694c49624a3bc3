import CPNG

/// The project's one PNG reader, over libpng's simplified API (which reports
/// errors by return value, not longjmp, so it is safe to call from Swift). It
/// reads every kind of PNG libpng does (1-16 bit gray, gray+alpha, RGB, RGBA,
/// palette, interlaced). `verify` checks every image with it, the gallery makes
/// its thumbnails from it and the trainer turns its pixels into model input.
public enum PNGDecoder {
    public struct Image: Sendable {
        public var width: Int
        public var height: Int
        /// 1 for a plain 8-bit gray PNG (its bytes as stored), else 4: RGBA,
        /// 8-bit sRGB, alpha not premultiplied.
        public var channels: Int
        /// Row-major, `channels` bytes a pixel.
        public var pixels: [UInt8]

        /// Gray bytes: RGB weighted 0.299/0.587/0.114 (ITU-R 601 luma), alpha composited on white.
        public var gray: [UInt8] {
            guard channels == 4 else { return pixels }
            var out = [UInt8](repeating: 0, count: width * height)
            for i in 0..<out.count {
                let p = 4 * i
                let l = 0.299 * Double(pixels[p]) + 0.587 * Double(pixels[p + 1]) + 0.114 * Double(pixels[p + 2])
                let a = Double(pixels[p + 3]) / 255
                out[i] = UInt8(min(255, (l * a + 255 * (1 - a)).rounded()))
            }
            return out
        }
    }

    /// Sides above this are refused (no dataset image comes near it).
    public static let maxSide = 16384

    /// Width and height from the header alone, without decoding the image data.
    public static func size(_ data: [UInt8]) throws(RenderError) -> (Int, Int) {
        try withHeader(data) { (image: inout png_image) throws(RenderError) in (Int(image.width), Int(image.height)) }
    }

    public static func decode(_ data: [UInt8]) throws(RenderError) -> Image {
        try withHeader(data) { (image: inout png_image) throws(RenderError) -> Image in
            let width = Int(image.width), height = Int(image.height)
            // Plain 8-bit gray is read as it is stored; everything else as RGBA.
            let channels = image.format == 0 ? 1 : 4
            image.format = channels == 1 ? 0 : png_uint_32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
            var pixels = [UInt8](repeating: 0, count: width * height * channels)
            let ok = pixels.withUnsafeMutableBytes { buf in
                png_image_finish_read(&image, nil, buf.baseAddress, png_int_32(width * channels), nil)
            }
            guard ok != 0 else { throw .decoding(message(&image)) }
            // libpng stops reading after the last row; a file cut after it is cut all the same.
            guard reachesEnd(data) else { throw .decoding("no IEND chunk (truncated file)") }
            return Image(width: width, height: height, channels: channels, pixels: pixels)
        }
    }

    /// Reads the header of `data` into a libpng image, checks the size it claims
    /// against what the data could inflate to, and hands it to `body`; frees it after.
    private static func withHeader<T>(_ data: [UInt8],
                                      _ body: (inout png_image) throws(RenderError) -> T) throws(RenderError) -> T {
        guard !data.isEmpty else { throw .decoding("empty file") }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard data.starts(with: signature) else {
            throw .decoding(signature.starts(with: data) ? "file ends inside the signature (truncated file)"
                                                          : "not a PNG file (bad signature)")
        }
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        let begun = data.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw .decoding(message(&image)) }
        defer { png_image_free(&image) }
        let width = Int(image.width), height = Int(image.height)
        guard data.count > 25, width > 0, height > 0, width <= maxSide, height <= maxSide else {
            throw .decoding("unsupported size \(width)x\(height) (at most \(maxSide) a side)")
        }
        // Deflate expands at most ~1032:1, so a header claiming more pixels than the data
        // can hold is refused before its buffer is allocated (no gigabyte for a 60-byte
        // file). libpng has read IHDR, so its bit depth and colour type are at bytes 24, 25.
        let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(data[25])] ?? 4
        let rowBytes = (width * channels * Int(data[24]) + 7) / 8
        guard (rowBytes + 1) * height <= data.count * 1032 + 1024 else {
            throw .decoding("image data (\(data.count) bytes in all) cannot inflate to \(width)x\(height)")
        }
        return try body(&image)
    }

    /// Whether the chunks, walked by their lengths from the signature, reach IEND
    /// (what follows it is ignored, as libpng does).
    private static func reachesEnd(_ d: [UInt8]) -> Bool {
        var pos = 8
        while pos + 12 <= d.count {
            if d[(pos + 4)..<(pos + 8)].elementsEqual([0x49, 0x45, 0x4E, 0x44]) { return true }
            pos += 12 + (Int(d[pos]) << 24 | Int(d[pos + 1]) << 16 | Int(d[pos + 2]) << 8 | Int(d[pos + 3]))
        }
        return false
    }

    /// libpng's message for the failure, with what it means when the data ran out.
    private static func message(_ image: inout png_image) -> String {
        let text = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if text.isEmpty { return "libpng error" }
        return text.contains("end of data") || text.contains("Not enough image data") ? text + " (truncated file)" : text
    }
}
