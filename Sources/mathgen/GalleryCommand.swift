import ArgumentParser
import CLISupport
import Foundation
import PairBuilder

/// `mathgen gallery DIR`: a static HTML gallery (no server) of a dataset, or PNG
/// contact sheets with `--contact-sheet`. A thin shell over `GalleryWriter`.
struct Gallery: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a static HTML gallery of a dataset (or PNG contact sheets) to look through it.",
        discussion: "Open OUT/index.html in a browser. Pages show each problem at its six levels with the answer and the worked solution; images are linked from DIR/images, not copied.")

    @Argument(help: "Dataset folder (written by mathgen).")
    var dir: String

    @Option(help: "Output folder (default: DIR/gallery); new, empty, or an earlier gallery.")
    var out: String?

    @Option(name: .customLong("per-page"), help: "Problems per page (HTML) or rows per sheet (PNG).")
    var perPage: Int = 50

    @Flag(name: .customLong("contact-sheet"), help: "Write PNG grids of thumbnails (contact-sheet-0001.png, ...) instead of HTML.")
    var contactSheet = false

    @Option(help: "Thumbnail side in pixels for --contact-sheet (16...512).")
    var thumb: Int = 128

    func validate() throws {
        guard (1...1000).contains(perPage) else { throw ValidationError("--per-page: must be within 1...1000 (got \(perPage))") }
        guard (16...512).contains(thumb) else { throw ValidationError("--thumb: must be within 16...512 (got \(thumb))") }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError("\(dir): no such folder")
        }
    }

    func run() throws {
        let dataset = URL(fileURLWithPath: dir)
        let outURL = out.map { URL(fileURLWithPath: $0) } ?? dataset.appendingPathComponent("gallery")
        let options = GalleryWriter.Options(perPage: perPage, thumb: thumb)
        do throws(PairBuilderError) {
            let s = contactSheet ? try GalleryWriter.writeContactSheets(dataset: dataset, to: outURL, options: options)
                                 : try GalleryWriter.writeHTML(dataset: dataset, to: outURL, options: options)
            if let first = s.missingImages.first {
                FileHandle.standardError.write(Data(
                    "mathgen: warning: \(s.missingImages.count) referenced image(s) missing or unreadable, e.g. \(first) (run mathgen verify)\n".utf8))
            }
            let what = contactSheet ? "\(s.files.count) contact sheet(s)" : "\(s.files.filter { $0.hasSuffix(".html") }.count) pages"
            let open = contactSheet ? outURL.appendingPathComponent(s.files.first ?? "").path
                                    : outURL.appendingPathComponent("index.html").path
            print("wrote \(what) of \(s.problems) problems (\(s.images) images) to \(outURL.path); open \(open)")
        } catch {
            throw fail(error.description, code: 1)
        }
    }
}
