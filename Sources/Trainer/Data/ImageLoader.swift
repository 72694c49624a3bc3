import Foundation
import Render

/// A grayscale image, row-major, values in [0, 1] (0 black, 1 white).
public struct GrayImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var pixels: [Float]

    public init(width: Int, height: Int, pixels: [Float]) {
        precondition(pixels.count == width * height, "pixel count must be width*height")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Resamples to `size` x `size`: area averaging on an axis that shrinks
    /// (every source pixel contributes by its overlap, so thin lines survive
    /// downscaling), bilinear with half-pixel centers on an axis that grows.
    public func resized(to size: Int) -> GrayImage {
        if width == size && height == size { return self }
        let wx = resampleWeights(input: width, output: size)
        let wy = resampleWeights(input: height, output: size)
        // Rows first: [height, size], then columns: [size, size].
        var tmp = [Float](repeating: 0, count: height * size)
        for y in 0..<height {
            let row = y * width
            for x in 0..<size {
                var acc: Float = 0
                for (i, w) in wx[x] { acc += w * pixels[row + i] }
                tmp[y * size + x] = acc
            }
        }
        var out = [Float](repeating: 0, count: size * size)
        for y in 0..<size {
            for (i, w) in wy[y] {
                let src = i * size
                for x in 0..<size { out[y * size + x] += w * tmp[src + x] }
            }
        }
        return GrayImage(width: size, height: size, pixels: out)
    }
}

/// Per output index, the (input index, weight) taps of a 1-D resampler; weights sum to 1.
func resampleWeights(input: Int, output: Int) -> [[(Int, Float)]] {
    let scale = Double(input) / Double(output)
    var taps: [[(Int, Float)]] = []
    taps.reserveCapacity(output)
    for o in 0..<output {
        var t: [(Int, Float)] = []
        if scale >= 1 {
            // Area: source interval [o*scale, (o+1)*scale).
            let lo = Double(o) * scale, hi = Double(o + 1) * scale
            var i = Int(lo.rounded(.down))
            while Double(i) < hi && i < input {
                let overlap = min(hi, Double(i + 1)) - max(lo, Double(i))
                if overlap > 0 { t.append((i, Float(overlap / scale))) }
                i += 1
            }
        } else {
            // Bilinear, half-pixel centers (align_corners = false), edges clamped.
            let c = (Double(o) + 0.5) * scale - 0.5
            let i0 = Int(c.rounded(.down))
            let f = c - Double(i0)
            let a = min(max(i0, 0), input - 1), b = min(max(i0 + 1, 0), input - 1)
            if a == b { t.append((a, 1)) } else {
                t.append((a, Float(1 - f)))
                t.append((b, Float(f)))
            }
        }
        taps.append(t)
    }
    return taps
}

/// Loads PNGs through Render's `PNGDecoder` (libpng) and turns them into the
/// model's gray input.
public enum ImageLoader {
    /// Decodes an 8- or 16-bit gray, gray+alpha, RGB, RGBA or palette PNG to
    /// grayscale in [0, 1]. Color uses ITU-R 601 luma (PIL's `convert("L")`);
    /// transparent pixels are composited onto white, the renderer's paper.
    public static func loadGray(path: String) throws -> GrayImage {
        guard FileManager.default.fileExists(atPath: path) else {
            throw TrainerError.missingImage(path: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrainerError.unreadableFile(path: path, reason: "cannot open it")
        }
        let image: PNGDecoder.Image
        do {
            image = try PNGDecoder.decode([UInt8](data))
        } catch {
            if case let .decoding(reason) = error { throw TrainerError.corruptImage(path: path, reason: reason) }
            throw TrainerError.corruptImage(path: path, reason: error.description)
        }
        let n = image.width * image.height
        var pixels = [Float](repeating: 0, count: n)
        image.pixels.withUnsafeBufferPointer { px in
            for i in 0..<n {
                // A gray pixel is r = g = b, opaque.
                let r, g, b, a: Float
                if image.channels == 1 {
                    r = Float(px[i]); g = r; b = r; a = 1
                } else {
                    r = Float(px[4 * i]); g = Float(px[4 * i + 1]); b = Float(px[4 * i + 2])
                    a = Float(px[4 * i + 3]) / 255
                }
                let luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255
                pixels[i] = luma * a + (1 - a)
            }
        }
        return GrayImage(width: image.width, height: image.height, pixels: pixels)
    }

    /// Loads and resizes to the model's square input.
    public static func load(path: String, size: Int) throws -> [Float] {
        try loadGray(path: path).resized(to: size).pixels
    }

    /// What the model sees: the resized image as ink, 1 - gray (0 on the
    /// white background, up to 1 on strokes). A linear patch embedding could
    /// absorb the flip, but at initialization a white patch would otherwise
    /// feed every token a large constant that swamps the few ink pixels of a
    /// drawn value; with ink coding an empty patch is zero and the strokes
    /// are the signal.
    public static func modelInput(path: String, size: Int) throws -> [Float] {
        try load(path: path, size: size).map { 1 - $0 }
    }

    /// Writes 8-bit pixels (1 = gray, 3 = RGB, 4 = RGBA channels) as a PNG with
    /// Render's encoder, e.g. to look at exactly what the model is fed.
    public static func writePNG(path: String, width: Int, height: Int, channels: Int, bytes: [UInt8]) throws {
        let colors: [Int: PNGEncoder.ColorType] = [1: .gray, 3: .rgb, 4: .rgba]
        guard let color = colors[channels], width > 0, height > 0, bytes.count == width * height * channels else {
            throw TrainerError.writeFailed(path: path, reason: "expected \(width)x\(height)x\(channels) bytes, got \(bytes.count)")
        }
        let png: [UInt8]
        do {
            png = try bytes.withUnsafeBufferPointer { try PNGEncoder().encode(pixels: $0, width: width, height: height, color: color) }
        } catch {
            throw TrainerError.writeFailed(path: path, reason: "\(error)")
        }
        do {
            try Data(png).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw TrainerError.writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// Writes a [0, 1] grayscale image as an 8-bit gray PNG.
    public static func writePNG(_ image: GrayImage, path: String) throws {
        let bytes = image.pixels.map { UInt8((min(max($0, 0), 1) * 255).rounded()) }
        try writePNG(path: path, width: image.width, height: image.height, channels: 1, bytes: bytes)
    }
}
