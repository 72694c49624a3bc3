import ArgumentParser
import CLISupport
import Foundation
import Geometry
import PairBuilder
import Render
import CZlib

/// `mathgen bench`: images per second per core for render + encode, with the
/// split between drawing and PNG encoding, on the reference figure family.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure render + PNG encode throughput (one thread).")

    @Option(help: "Images to render.")
    var images: Int = 400

    @Option(name: .customLong("image-size"), help: "Square image side in pixels.")
    var imageSize: Int = 512

    @Option(help: "Family id whose figures are drawn.")
    var family: String = "plane.parallel_triangle_angle"

    @Flag(help: "Also time every PNG setting (zlib level x filter) on the same pixels.")
    var settings = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        guard images > 0 else { throw fail("--images: must be at least 1") }
        guard let f = FamilyRegistry.named(family) else { throw fail("--family: unknown family \"\(family)\"") }
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
        let canvas = try Canvas(width: imageSize, height: imageSize)
        let encoder = PNGEncoder()
        var drawTime = 0.0, encodeTime = 0.0, bytes = 0
        let clock = ContinuousClock()
        for i in 0..<images {
            let (scene, text) = scenes[i % scenes.count]
            let t0 = clock.now
            _ = SceneRenderer.draw(RenderRequest(scene: scene, includeGivens: i % 3 != 0, textBlock: text,
                                                 size: imageSize), on: canvas)
            let t1 = clock.now
            let png = try canvas.png(gray: true, encoder: encoder)
            let t2 = clock.now
            drawTime += (t1 - t0).seconds
            encodeTime += (t2 - t1).seconds
            bytes += png.count
        }
        let per = (drawTime + encodeTime) / Double(images)
        if json {
            print(JSONValue.object([
                ("images", .int(images)), ("image_size", .int(imageSize)),
                ("ms_per_image", .double(per * 1e3)), ("draw_ms", .double(drawTime / Double(images) * 1e3)),
                ("encode_ms", .double(encodeTime / Double(images) * 1e3)),
                ("images_per_second_per_core", .double(1 / per)), ("bytes_per_image", .int(bytes / images)),
            ]).pretty(), terminator: "")
        } else {
            print(String(format: "render+encode: %.3f ms/image (draw %.3f, encode %.3f), %.0f images/s/core, %d bytes/image, %dx%d gray",
                         per * 1e3, drawTime / Double(images) * 1e3, encodeTime / Double(images) * 1e3, 1 / per,
                         bytes / images, imageSize, imageSize))
        }
        if settings {
            _ = SceneRenderer.draw(RenderRequest(scene: scenes[1].0, includeGivens: true, size: imageSize), on: canvas)
            let gray = canvas.grayPixels(), rgb = canvas.rgbPixels()
            for (name, color, level, filter, strategy) in [
                ("gray rle", PNGEncoder.ColorType.gray, Int32(-1), PNGEncoder.Filter.none, Z_DEFAULT_STRATEGY),
                ("rgb rle", .rgb, -1, .none, Z_DEFAULT_STRATEGY),
                ("gray z1 none", .gray, 1, .none, Z_DEFAULT_STRATEGY),
                ("gray z1 rle", .gray, 1, .none, Z_RLE), ("gray z1 up rle", .gray, 1, .up, Z_RLE),
                ("gray z1 sub", .gray, 1, .sub, Z_DEFAULT_STRATEGY), ("gray z1 up", .gray, 1, .up, Z_DEFAULT_STRATEGY),
                ("gray z3 up", .gray, 3, .up, Z_DEFAULT_STRATEGY), ("gray z6 up", .gray, 6, .up, Z_DEFAULT_STRATEGY),
                ("rgb z1 none", .rgb, 1, .none, Z_DEFAULT_STRATEGY), ("rgb z6 up", .rgb, 6, .up, Z_DEFAULT_STRATEGY),
            ] {
                let px = color == .gray ? gray : rgb
                // Level -1 selects the project's run-length encoder; others are zlib levels.
                let enc = PNGEncoder(level: max(1, level), filter: filter, strategy: strategy,
                                     compressor: level < 0 ? .runLength : .zlib)
                let n = 200
                var size = 0
                let t0 = clock.now
                for _ in 0..<n {
                    size = try px.withUnsafeBufferPointer {
                        try enc.encode(pixels: $0, width: imageSize, height: imageSize, color: color)
                    }.count
                }
                let ms = (clock.now - t0).seconds / Double(n) * 1e3
                print(String(format: "  %-12@ %.3f ms/image  %d bytes", name as NSString, ms, size))
            }
        }
    }
}

extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
