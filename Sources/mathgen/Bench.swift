import DatasetFormat
import ArgumentParser
import CLISupport
import PairBuilder
import RenderBench

/// `mathgen bench`: images per second per core for render + encode, with the
/// split between drawing and PNG encoding, on the reference figure family
/// (the measuring is `RenderBench`'s).
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

    @Option(help: "PNG compressor timed: rle, zlib or libdeflate (as for a run's --png).")
    var png: BuildConfig.PNGCompression = .libdeflate

    func validate() throws {
        guard images > 0 else { throw ValidationError("--images: must be at least 1 (got \(images))") }
        guard FamilyCatalog.ids.contains(family) else {
            throw ValidationError("--family: unknown family \"\(family)\" (see `mathgen families`)")
        }
    }

    func run() throws {
        let options = RenderBenchmark.Options(images: images, imageSize: imageSize, family: family,
                                              settings: settings, json: json, encoder: png.encoder)
        try RenderBenchmark.run(options) { print($0) }
    }
}
