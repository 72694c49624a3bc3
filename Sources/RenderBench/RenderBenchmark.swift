import DatasetFormat
import CZlib
import Foundation
import Geometry
import Render

/// `mathgen bench`: images per second per core for render + encode, with the
/// split between drawing and PNG encoding, on one family's figures; with
/// `settings`, every PNG setting (zlib level x filter) timed on the same pixels.
/// Kept out of the CLI so that mathgen reaches Geometry and Render only through
/// PairBuilder and this target (docs/ARCHITECTURE.md).
public enum RenderBenchmark {
    public struct Options: Sendable {
        public var images: Int
        public var imageSize: Int
        public var family: String
        public var settings: Bool
        public var json: Bool
        /// The encoder timed (a run's `--png` setting).
        public var encoder: PNGEncoder

        public init(images: Int = 400, imageSize: Int = 512, family: String = "plane.parallel_triangle_angle",
                    settings: Bool = false, json: Bool = false, encoder: PNGEncoder = PNGEncoder()) {
            self.images = images
            self.imageSize = imageSize
            self.family = family
            self.settings = settings
            self.json = json
            self.encoder = encoder
        }
    }

    /// Runs the benchmark, handing each finished part of the report to `emit`
    /// (without a trailing newline). The caller checks the options first
    /// (`images` at least 1, `family` one of `FamilyCatalog.ids`).
    public static func run(_ o: Options, emit: (String) -> Void) throws(RenderError) {
        guard o.images > 0, let f = FamilyRegistry.named(o.family) else {
            throw .layout("bench: no images to render, or unknown family \"\(o.family)\"")
        }
        var scenes: [(Scene, String?)] = []
        var k: UInt64 = 0
        while scenes.count < 64 {
            if case let .success(p) = f.make(seed: k, options: GenerationOptions()) {
                // Alternate the plain figure, values drawn, and the vision-only layout.
                let text: String? = scenes.count % 3 == 2 ? "DE is parallel to BC. Find the measure of ∠CED.\nChoices: A. 40° B. 140° C. 100° D. 80°" : nil
                scenes.append((p.scene, text))
            }
            k += 1
        }
        let size = o.imageSize, images = o.images
        let canvas = try Canvas(width: size, height: size)
        let encoder = o.encoder
        // zlib level 6, no filter, on the same pixels (untimed): the size target of issue 21.
        let zlib6 = PNGEncoder(level: 6, strategy: Z_DEFAULT_STRATEGY, compressor: .zlib)
        var zlibBytes = 0, zlibImages = 0, sampledBytes = 0
        var drawTime = 0.0, encodeTime = 0.0, bytes = 0
        let clock = ContinuousClock()
        for i in 0..<images {
            let (scene, text) = scenes[i % scenes.count]
            let t0 = clock.now
            _ = SceneRenderer.draw(RenderRequest(scene: scene, includeGivens: i % 3 != 0, textBlock: text, size: size),
                                   on: canvas)
            let t1 = clock.now
            let png = try canvas.png(gray: true, encoder: encoder)
            let t2 = clock.now
            drawTime += (t1 - t0).seconds
            encodeTime += (t2 - t1).seconds
            bytes += png.count
            if i < 3 * scenes.count {
                zlibBytes += try canvas.png(gray: true, encoder: zlib6).count
                sampledBytes += png.count
                zlibImages += 1
            }
        }
        let zlibRatio = Double(sampledBytes) / Double(max(zlibBytes, 1))
        let per = (drawTime + encodeTime) / Double(images)
        if o.json {
            emit(String(JSONValue.object([
                ("images", .int(images)), ("image_size", .int(size)),
                ("ms_per_image", .double(per * 1e3)), ("draw_ms", .double(drawTime / Double(images) * 1e3)),
                ("encode_ms", .double(encodeTime / Double(images) * 1e3)),
                ("images_per_second_per_core", .double(1 / per)), ("bytes_per_image", .int(bytes / images)),
                ("encoder", .string(Self.name(encoder))), ("zlib6_bytes_per_image", .int(zlibBytes / max(zlibImages, 1))),
                ("bytes_vs_zlib6", .double(zlibRatio)),
            ]).pretty().dropLast()))  // pretty() ends with a newline; emit adds one
        } else {
            emit(String(format: "render+encode: %.3f ms/image (draw %.3f, encode %.3f), %.0f images/s/core, %d bytes/image, %dx%d gray, %@",
                        per * 1e3, drawTime / Double(images) * 1e3, encodeTime / Double(images) * 1e3, 1 / per,
                        bytes / images, size, size, Self.name(encoder) as NSString))
            emit(String(format: "size: %.2fx zlib level 6 on the same pixels (%d images: %d vs %d bytes/image)",
                        zlibRatio, zlibImages, sampledBytes / max(zlibImages, 1), zlibBytes / max(zlibImages, 1)))
        }
        if o.settings {
            _ = SceneRenderer.draw(RenderRequest(scene: scenes[1].0, includeGivens: true, size: size), on: canvas)
            try timeSettings(gray: canvas.grayPixels(), rgb: canvas.rgbPixels(), size: size, emit: emit)
        }
    }

    /// Times every PNG setting on the same pixels, one line each.
    static func timeSettings(gray: [UInt8], rgb: [UInt8], size: Int, emit: (String) -> Void) throws(RenderError) {
        let clock = ContinuousClock()
        for (name, color, level, filter, strategy) in [
            ("gray rle", PNGEncoder.ColorType.gray, Int32(-1), PNGEncoder.Filter.none, Z_DEFAULT_STRATEGY),
            ("rgb rle", .rgb, -1, .none, Z_DEFAULT_STRATEGY),
            ("gray z1 none", .gray, 1, .none, Z_DEFAULT_STRATEGY),
            ("gray z1 rle", .gray, 1, .none, Z_RLE), ("gray z1 up rle", .gray, 1, .up, Z_RLE),
            ("gray z1 sub", .gray, 1, .sub, Z_DEFAULT_STRATEGY), ("gray z1 up", .gray, 1, .up, Z_DEFAULT_STRATEGY),
            ("gray z3 up", .gray, 3, .up, Z_DEFAULT_STRATEGY), ("gray z6 up", .gray, 6, .up, Z_DEFAULT_STRATEGY),
            ("rgb z1 none", .rgb, 1, .none, Z_DEFAULT_STRATEGY), ("rgb z6 up", .rgb, 6, .up, Z_DEFAULT_STRATEGY),
            ("gray z6 none", .gray, 6, .none, Z_DEFAULT_STRATEGY),
            ("gray ld1", .gray, 101, .none, 0), ("gray ld3", .gray, 103, .none, 0), ("gray ld4", .gray, 104, .none, 0),
            ("gray ld5", .gray, 105, .none, 0), ("gray ld6", .gray, 106, .none, 0), ("gray ld7", .gray, 107, .none, 0),
            ("gray ld6 up", .gray, 106, .up, 0), ("rgb ld6", .rgb, 106, .none, 0),
        ] {
            let px = color == .gray ? gray : rgb
            // Level -1 selects the project's run-length encoder, 101-112 libdeflate's levels 1-12; others are zlib levels.
            let enc = level > 100 ? PNGEncoder(level: level - 100, filter: filter, compressor: .libdeflate)
                : PNGEncoder(level: max(1, level), filter: filter, strategy: strategy, compressor: level < 0 ? .runLength : .zlib)
            let n = 200
            var bytes = 0
            let t0 = clock.now
            for _ in 0..<n {
                bytes = try px.withUnsafeBufferPointer { (buf) throws(RenderError) in
                    try enc.encode(pixels: buf, width: size, height: size, color: color)
                }.count
            }
            let ms = (clock.now - t0).seconds / Double(n) * 1e3
            emit(String(format: "  %-12@ %.3f ms/image  %d bytes", name as NSString, ms, bytes))
        }
    }
}

extension RenderBenchmark {
    /// "rle", "zlib 1", "libdeflate 6".
    static func name(_ e: PNGEncoder) -> String {
        e.compressor == .runLength ? "rle" : "\(e.compressor.rawValue) \(e.level)"
    }
}

extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
