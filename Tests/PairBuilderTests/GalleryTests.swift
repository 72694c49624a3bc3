import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder
@testable import Render

/// The gallery's pages and contact sheets, checked from the files (the browser
/// check that images render is in CLITests/GalleryBrowserTests).
@Suite(.serialized) struct GalleryTests {
    static let dataset: URL? = SharedFolders.keep(try? TestSupport.build(
        TestSupport.config(pairs: 9, eval: 2, families: [AnyFamily(ParallelTriangleAngle()), AnyFamily(Cube())],
                           size: 64), name: "gallery"))

    static func data() throws -> URL { try #require(dataset, "could not build the gallery dataset") }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test func pagesLinkEachOtherAndEveryImageResolves() throws {
        let dir = try Self.data()
        let out = dir.appendingPathComponent("gallery")
        defer { try? FileManager.default.removeItem(at: out) }
        let s = try GalleryWriter.writeHTML(dataset: dir, to: out, options: .init(perPage: 4))
        #expect(s.problems == 11 && s.missingImages.isEmpty)
        let main = ["index.html", "page-0002.html", "page-0003.html"]
        for f in main { #expect(s.files.contains(f), "\(f) missing from \(s.files)") }
        #expect(s.files.first == "index.html")
        var shown = Set<String>()
        var images = 0
        for (k, f) in main.enumerated() {
            let html = try String(contentsOf: out.appendingPathComponent(f), encoding: .utf8)
            let ids = Self.matches(#"<article class="problem" id="([^"]+)""#, in: html)
            #expect(ids.count == (k < 2 ? 4 : 3), "\(f): \(ids)")
            shown.formUnion(ids)
            // Six levels per problem, text-only without an image, each with its instruction.
            #expect(Self.matches(#"<section class="level (lv-[a-z_]+)">"#, in: html).count == ids.count * 6)
            #expect(html.components(separatedBy: "no image (text only)").count - 1 == ids.count)
            #expect(html.contains("<b>Answer:</b>") && html.contains("<b>Solution</b>"))
            // Paging: prev on all but the first, next on all but the last.
            #expect(html.contains("rel=\"prev\"") == (k > 0), "\(f)")
            #expect(html.contains("rel=\"next\"") == (k < 2), "\(f)")
            if k < 2 { #expect(html.contains("href=\"\(main[k + 1])\" rel=\"next\""), "\(f)") }
            // Every image is a relative link into the dataset's images folder, and exists.
            for src in Self.matches(#"<img src="([^"]+)""#, in: html) {
                images += 1
                #expect(src.hasPrefix("../images/"), "\(src)")
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(src).standardizedFileURL.path), "\(src)")
            }
            // The family filter lists every family page, and the level filter every level.
            #expect(html.contains("f-plane.parallel_triangle_angle-0001.html") && html.contains("f-solid.cube-0001.html"))
            for level in Level.allCases { #expect(html.contains("value=\"\(level.rawValue)\"")) }
        }
        #expect(shown.count == 11)
        #expect(images == s.images)
        // Family pages hold exactly that family's problems.
        for f in s.files where f.hasPrefix("f-solid.cube") {
            let html = try String(contentsOf: out.appendingPathComponent(f), encoding: .utf8)
            let families = Self.matches(#"data-family="([^"]+)""#, in: html)
            #expect(!families.isEmpty && families.allSatisfy { $0 == "solid.cube" }, "\(families)")
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("gallery.css").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("gallery.js").path))
    }

    /// Hand-written records with markup in every text field: all of it is escaped.
    @Test func textFromRecordsIsEscaped() throws {
        let dir = TestSupport.tempDir("gallery-escape")
        let out = dir.appendingPathComponent("g")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let evil = "<script>alert(\"x\")</script> & 'q' <img src=x onerror=alert(1)>"
        var levels: [(String, JSONValue)] = []
        for l in Level.allCases {
            levels.append((l.rawValue, ["instruction": .string(evil), "image": l.hasImage ? "images/a b#?.png" : .null,
                                        "text_ratio": 0.5]))
        }
        let record: JSONValue = [
            "id": .string("p1\"><b>"), "split": "train", "family": .string("fam/../<x>"), "subject": .string(evil),
            "answer": ["text": .string(evil), "unit": .string(evil), "choices": [.string(evil), "2"], "correct": "A"],
            "solution": [.string(evil)], "levels": .object(levels), "caption": .string(evil),
        ]
        try Data((record.serialized() + "\n").utf8).write(to: dir.appendingPathComponent("problems.jsonl"))
        let s = try GalleryWriter.writeHTML(dataset: dir, to: out)
        #expect(s.missingImages == ["images/a b#?.png"])
        for f in s.files where f.hasSuffix(".html") {
            let html = try String(contentsOf: out.appendingPathComponent(f), encoding: .utf8)
            #expect(!html.contains("<script>alert"), "\(f)")
            #expect(!html.contains("<img src=x"), "\(f)")
            #expect(!html.contains("<b>\"") && !html.contains("<x>"), "\(f)")
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"), "\(f)")
            #expect(html.contains("src=\"../images/a%20b%23%3F.png\""), "\(f)")
            // The only scripts are the gallery's own.
            #expect(html.components(separatedBy: "<script").count == 2, "\(f)")
        }
        // The family id becomes a safe file name.
        #expect(s.files.contains("f-fam_..__x_-0001.html"), "\(s.files)")
    }

    @Test func badRecordsAreNamedByFileAndLine() throws {
        let dir = TestSupport.tempDir("gallery-bad")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try String(contentsOf: try Self.data().appendingPathComponent(OutputFile.problems), encoding: .utf8)
            .split(separator: "\n")[0]
        let file = dir.appendingPathComponent(OutputFile.problems)
        for (bad, expected) in [
            (good.replacingOccurrences(of: "\"images/", with: "\"../../etc/"), "leaves the dataset folder"),
            (good.replacingOccurrences(of: "\"levels\":", with: "\"levelz\":"), "\"levels\""),
            (good.replacingOccurrences(of: "\"family\":", with: "\"family\":1,\"f\":"), "\"family\""),
            (String(good.prefix(40)), "malformed JSON"),
        ] {
            try Data((good + "\n" + bad + "\n").utf8).write(to: file)
            #expect { try GalleryWriter.writeHTML(dataset: dir, to: dir.appendingPathComponent("g")) } throws: { e in
                "\(e)".contains(file.path + ":2") && "\(e)".contains(expected)
            }
        }
        try Data().write(to: file)
        #expect { try GalleryWriter.writeHTML(dataset: dir, to: dir.appendingPathComponent("g")) } throws: { "\($0)".contains("no problems") }
    }

    @Test func outputFolderHoldingOtherFilesIsRefusedAndStalePagesGo() throws {
        let dir = try Self.data()
        let out = TestSupport.tempDir("gallery-out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        #expect { try GalleryWriter.writeHTML(dataset: dir, to: out) } throws: { "\($0)".contains("notes.txt") }
        #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
        try FileManager.default.removeItem(at: out.appendingPathComponent("notes.txt"))
        let many = try GalleryWriter.writeHTML(dataset: dir, to: out, options: .init(perPage: 2))
        #expect(many.files.contains("page-0006.html"))
        let few = try GalleryWriter.writeHTML(dataset: dir, to: out, options: .init(perPage: 50))
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(left == Set(few.files), "\(left.subtracting(few.files))")
    }

    @Test func contactSheetsAreGridsOfThumbnails() throws {
        let dir = try Self.data()
        let out = TestSupport.tempDir("gallery-sheet")
        defer { try? FileManager.default.removeItem(at: out) }
        let s = try GalleryWriter.writeContactSheets(dataset: dir, to: out, options: .init(perPage: 5, thumb: 64))
        #expect(s.files == ["contact-sheet-0001.png", "contact-sheet-0002.png", "contact-sheet-0003.png"])
        #expect(s.missingImages.isEmpty)
        let first = try PNGDecoder.decode([UInt8](try Data(contentsOf: out.appendingPathComponent(s.files[0]))))
        let size = ContactSheet.size(rows: 5, columns: 3, thumb: 64)
        #expect(first.width == size.width && first.height == size.height)
        let last = try PNGDecoder.decode([UInt8](try Data(contentsOf: out.appendingPathComponent(s.files[2]))))
        #expect(last.height == ContactSheet.size(rows: 1, columns: 3, thumb: 64).height)
        // The first thumbnail cell holds a drawing (dark pixels), not an empty box.
        let x0 = ContactSheet.labelWidth + ContactSheet.gap, y0 = ContactSheet.headerHeight + ContactSheet.gap
        var dark = 0
        for y in y0..<(y0 + 64) { for x in x0..<(x0 + 64) where first.gray[y * first.width + x] < 200 { dark += 1 } }
        #expect(dark > 40, "\(dark) drawn pixels in the first thumbnail")
    }
}
