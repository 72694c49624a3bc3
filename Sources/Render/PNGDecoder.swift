import CZlib

/// Reads 8-bit gray, gray+alpha, RGB and RGBA non-interlaced PNGs (everything
/// mathgen writes, and what most tools write) into gray bytes. Used by `verify`
/// to check that every image opens with its recorded size, and by the golden tests.
public enum PNGDecoder {
    public struct Image: Sendable {
        public var width: Int
        public var height: Int
        /// Row-major gray bytes (RGB averaged with weights 0.299/0.587/0.114; alpha composited on white).
        public var gray: [UInt8]
    }

    /// Width and height from the header alone, without decoding.
    public static func size(_ data: [UInt8]) throws(RenderError) -> (Int, Int) {
        guard data.count >= 24, data[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw .encoding("not a PNG file (bad signature)")
        }
        guard String(decoding: data[12..<16], as: UTF8.self) == "IHDR" else { throw .encoding("first chunk is not IHDR") }
        return (Int(be32(data, 16)), Int(be32(data, 20)))
    }

    public static func decode(_ data: [UInt8]) throws(RenderError) -> Image {
        let (width, height) = try size(data)
        // Signature (8) + IHDR (4 length, 4 type, 13 data, 4 CRC): a shorter file is cut.
        guard data.count >= 33 else { throw .encoding("file ends inside the IHDR chunk (truncated file)") }
        guard width > 0, height > 0, width <= 16384, height <= 16384 else {
            throw .encoding("implausible size \(width)x\(height)")
        }
        let depth = data[24], colorType = data[25], interlace = data[28]
        guard depth == 8, interlace == 0 else { throw .encoding("only 8-bit non-interlaced PNGs are supported") }
        let channels: Int
        switch colorType {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: throw .encoding("unsupported colour type \(colorType)")
        }
        var idat: [UInt8] = []
        var pos = 8
        var sawEnd = false
        while pos + 12 <= data.count {
            let len = Int(be32(data, pos))
            let type = String(decoding: data[(pos + 4)..<(pos + 8)], as: UTF8.self)
            guard len >= 0, pos + 12 + len <= data.count else { throw .encoding("chunk \(type) runs past the end (truncated file)") }
            let body = Array(data[(pos + 8)..<(pos + 8 + len)])
            var crc = crc32(0, nil, 0)
            crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress.map { $0 + pos + 4 }, UInt32(4 + len)) }
            guard UInt32(crc) == be32(data, pos + 8 + len) else { throw .encoding("CRC mismatch in chunk \(type)") }
            if type == "IDAT" { idat += body }
            if type == "IEND" { sawEnd = true; break }
            pos += 12 + len
        }
        guard sawEnd else { throw .encoding("no IEND chunk (truncated file)") }
        let stride = width * channels
        // Deflate expands at most ~1032:1, so a header claiming more pixels than the
        // data can hold is rejected before its buffer is allocated (no 1 GB for a 60-byte file).
        guard (stride + 1) * height <= idat.count * 1032 + 1024 else {
            throw .encoding("image data (\(idat.count) bytes) cannot inflate to \(width)x\(height)")
        }
        var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
        var destLen = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { dst in
            idat.withUnsafeBufferPointer { src in
                uncompress(dst.baseAddress, &destLen, src.baseAddress, uLong(src.count))
            }
        }
        guard status == Z_OK, Int(destLen) == raw.count else { throw .encoding("image data does not inflate to \(width)x\(height)") }

        var px = [UInt8](repeating: 0, count: stride * height)
        for y in 0..<height {
            let f = raw[y * (stride + 1)]
            let src = y * (stride + 1) + 1
            for x in 0..<stride {
                let a = x >= channels ? Int(px[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(px[(y - 1) * stride + x]) : 0
                let c = (x >= channels && y > 0) ? Int(px[(y - 1) * stride + x - channels]) : 0
                let v = Int(raw[src + x])
                let pred: Int
                switch f {
                case 0: pred = 0
                case 1: pred = a
                case 2: pred = b
                case 3: pred = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
                default: throw .encoding("bad filter type \(f) on row \(y)")
                }
                px[y * stride + x] = UInt8((v + pred) & 0xFF)
            }
        }
        var gray = [UInt8](repeating: 0, count: width * height)
        for i in 0..<(width * height) {
            let p = i * channels
            switch channels {
            case 1: gray[i] = px[p]
            case 2: gray[i] = composite(Double(px[p]), alpha: px[p + 1])
            default:
                let l = 0.299 * Double(px[p]) + 0.587 * Double(px[p + 1]) + 0.114 * Double(px[p + 2])
                gray[i] = channels == 4 ? composite(l, alpha: px[p + 3]) : UInt8(min(255, l.rounded()))
            }
        }
        return Image(width: width, height: height, gray: gray)
    }

    private static func composite(_ v: Double, alpha: UInt8) -> UInt8 {
        let a = Double(alpha) / 255
        return UInt8(min(255, (v * a + 255 * (1 - a)).rounded()))
    }

    private static func be32(_ d: [UInt8], _ o: Int) -> UInt32 {
        UInt32(d[o]) << 24 | UInt32(d[o + 1]) << 16 | UInt32(d[o + 2]) << 8 | UInt32(d[o + 3])
    }
}
