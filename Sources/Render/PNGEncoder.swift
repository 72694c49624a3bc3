import CDeflate
import CZlib

/// A small PNG writer over zlib, libdeflate or the project's run-length deflate.
/// Cairo's own writer (RGB, zlib 6, adaptive filters) costs ~10 ms for a 512 px
/// diagram; line art on white compresses as well with fast settings at a tenth
/// of the cost (see docs/BENCHMARKS.md), so the level and filter are ours to
/// choose. Errors come back as values: no longjmp, unlike libpng's.
public struct PNGEncoder: Sendable {
    public enum ColorType: UInt8, Sendable {
        case gray = 0, rgb = 2, rgba = 6

        /// Bytes a pixel.
        public var channels: Int {
            switch self {
            case .gray: 1
            case .rgb: 3
            case .rgba: 4
            }
        }
    }
    public enum Filter: UInt8, Sendable { case none = 0, sub = 1, up = 2 }

    /// Which deflate implementation compresses the image data.
    public enum Compressor: String, Sendable, CaseIterable {
        /// The project's run-length encoder (fixed Huffman): fastest on line art.
        case runLength = "rle"
        /// zlib with `level` and `strategy`.
        case zlib
        /// libdeflate at `level` (1-12): at level 6 smaller than zlib's level 6
        /// on rendered figures, in about 60% of its time (docs/BENCHMARKS.md "PNG size").
        case libdeflate
    }

    public var level: Int32
    public var filter: Filter
    public var strategy: Int32
    public var compressor: Compressor

    /// Defaults chosen by measurement on rendered diagrams (`mathgen bench --settings`,
    /// docs/BENCHMARKS.md): the run-length encoder is the fastest; among zlib settings level 1,
    /// no filter and the run-length strategy were fastest. A dataset run's default is
    /// libdeflate level 6 instead (`BuildConfig.PNGCompression`: half the bytes of the
    /// run-length encoder, about 0.5 ms more per 512 px figure).
    public init(level: Int32 = 1, filter: Filter = .none, strategy: Int32 = Z_RLE, compressor: Compressor = .runLength) {
        self.level = level
        self.filter = filter
        self.strategy = strategy
        self.compressor = compressor
    }

    /// Encodes `pixels` (row-major, `channels` bytes a pixel, no padding).
    public func encode(pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int,
                       color: ColorType) throws(RenderError) -> [UInt8] {
        let channels = color.channels
        guard width > 0, height > 0, pixels.count >= width * height * channels else {
            throw .encoding("pixel buffer of \(pixels.count) bytes is too small for \(width)x\(height)")
        }
        let rowBytes = width * channels
        // Filtered scanlines: one filter byte, then the row.
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        raw.withUnsafeMutableBufferPointer { dst in
            for y in 0..<height {
                let o = y * (rowBytes + 1)
                dst[o] = filter.rawValue
                let src = y * rowBytes
                switch filter {
                case .none:
                    for x in 0..<rowBytes { dst[o + 1 + x] = pixels[src + x] }
                case .sub:
                    for x in 0..<rowBytes {
                        let left: UInt8 = x >= channels ? pixels[src + x - channels] : 0
                        dst[o + 1 + x] = pixels[src + x] &- left
                    }
                case .up:
                    for x in 0..<rowBytes {
                        let up: UInt8 = y > 0 ? pixels[src - rowBytes + x] : 0
                        dst[o + 1 + x] = pixels[src + x] &- up
                    }
                }
            }
        }
        return try encode(scanlines: raw, width: width, height: height, color: color)
    }

    /// Encodes rows that already carry their filter byte (the fast path for canvases).
    public func encode(scanlines raw: [UInt8], width: Int, height: Int, color: ColorType) throws(RenderError) -> [UInt8] {
        let compressed = try deflate(raw)

        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out.reserveCapacity(compressed.count + 64)
        var ihdr: [UInt8] = []
        ihdr.append(contentsOf: be32(UInt32(width)))
        ihdr.append(contentsOf: be32(UInt32(height)))
        ihdr.append(contentsOf: [8, color.rawValue, 0, 0, 0])
        chunk("IHDR", ihdr, into: &out)
        chunk("IDAT", compressed, into: &out)
        chunk("IEND", [], into: &out)
        return out
    }

    private func deflate(_ input: [UInt8]) throws(RenderError) -> [UInt8] {
        switch compressor {
        case .runLength: return input.withUnsafeBufferPointer { RunLengthDeflate.compress($0) }
        case .libdeflate: return try libdeflate(input)
        case .zlib: break
        }
        var stream = z_stream()
        let initStatus = deflateInit2_(&stream, level, Z_DEFLATED, 15, 8, strategy, ZLIB_VERSION,
                                       Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw .encoding("zlib deflateInit failed (\(initStatus))") }
        defer { deflateEnd(&stream) }
        let capacity = Int(deflateBound(&stream, UInt(input.count))) + 16
        var status: Int32 = Z_OK
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { outBuf, count in
            status = input.withUnsafeBufferPointer { inBuf in
                // zlib never writes through next_in; its C type just lacks const.
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.avail_in = UInt32(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = UInt32(outBuf.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
            count = status == Z_STREAM_END ? Int(stream.total_out) : 0
        }
        guard status == Z_STREAM_END else { throw .encoding("zlib deflate did not finish (\(status))") }
        return output
    }

    /// One compressor a call: its allocation did not show beside the
    /// compression itself (measured on 300 default-run images), and nothing
    /// is shared between threads.
    private func libdeflate(_ input: [UInt8]) throws(RenderError) -> [UInt8] {
        guard let c = libdeflate_alloc_compressor(level) else {
            throw .encoding("libdeflate cannot make a level \(level) compressor (levels 1-12)")
        }
        defer { libdeflate_free_compressor(c) }
        let capacity = libdeflate_zlib_compress_bound(c, input.count)
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { outBuf, count in
            count = input.withUnsafeBufferPointer { inBuf in
                libdeflate_zlib_compress(c, inBuf.baseAddress, inBuf.count, outBuf.baseAddress, outBuf.count)
            }
        }
        guard !output.isEmpty else { throw .encoding("libdeflate: output did not fit its bound") }
        return output
    }

    private func be32(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    private func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        out.append(contentsOf: be32(UInt32(data.count)))
        out.append(contentsOf: typeBytes)
        out.append(contentsOf: data)
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        out.append(contentsOf: be32(UInt32(crc)))
    }
}

/// Everything that can go wrong in rendering, with what to do about it.
public enum RenderError: Error, CustomStringConvertible, Sendable {
    case encoding(String)
    /// A PNG that cannot be read: libpng's message, or what is implausible about it.
    case decoding(String)
    case cairo(String)
    case layout(String)

    public var description: String {
        switch self {
        case let .encoding(m): return "PNG encoding failed: \(m)"
        case let .decoding(m): return "cannot decode PNG: \(m)"
        case let .cairo(m): return "Cairo failed: \(m)"
        case let .layout(m): return "layout failed: \(m)"
        }
    }
}
