import DatasetFormat
import Foundation
import Testing

/// `mathgen gallery` opened in headless Chromium: every image on a page loads (the
/// page's own script counts loaded and broken images onto <body>), and a deleted
/// image shows up as broken. Chromium comes from the system packages
/// (scripts/setup.sh installs it); without it this test fails and says so.
@Suite struct GalleryBrowserTests {
    static func chromium() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }

    /// The DOM after load (and the page's load handler), as Chromium serializes it.
    static func renderedDOM(_ page: URL, chromium: String) throws -> String {
        let profile = BadInput.tempDir("chromium-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        let p = try BadInput.Running(URL(fileURLWithPath: chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom", page.absoluteString,
        ])
        let r = p.finish(timeout: 90)
        #expect(r.status == 0, "chromium exited \(r.status): \(r.stderr.suffix(500))")
        return r.stdout
    }

    static func attribute(_ name: String, in dom: String) -> Int? {
        guard let range = dom.range(of: "\(name)=\"") else { return nil }
        return Int(dom[range.upperBound...].prefix { $0.isNumber })
    }

    @Test func galleryPagesRenderTheirImagesInChromium() throws {
        guard let chromium = Self.chromium() else {
            Issue.record("chromium is not installed: run scripts/setup.sh (it installs the Debian package chromium)")
            return
        }
        let dir = try BadInput.copy(try BadInput.smallDataset(), "browser")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run("mathgen", ["gallery", dir.path, "--per-page", "6"])
        #expect(r.status == 0, "\(r.stderr)")
        let gallery = dir.appendingPathComponent("gallery")
        for page in ["index.html", "page-0002.html"] {
            let url = gallery.appendingPathComponent(page)
            let html = try String(contentsOf: url, encoding: .utf8)
            let imgs = html.components(separatedBy: "<img ").count - 1
            #expect(imgs >= 10, "\(page) has \(imgs) images")
            let dom = try Self.renderedDOM(url, chromium: chromium)
            #expect(Self.attribute("data-images-loaded", in: dom) == imgs, "\(page): \(dom.prefix(400))")
            #expect(Self.attribute("data-images-broken", in: dom) == 0, "\(page)")
            #expect(dom.contains("class=\"problem\""))
        }

        // Delete one image: the page still renders, and exactly its uses are counted broken and marked.
        let index = try String(contentsOf: gallery.appendingPathComponent("index.html"), encoding: .utf8)
        let first = try #require(index.range(of: "<img src=\"../").map { index[$0.upperBound...].prefix { $0 != "\"" } })
        try FileManager.default.removeItem(at: dir.appendingPathComponent(String(first)))
        let uses = index.components(separatedBy: "<img src=\"../\(first)\"").count - 1
        let dom = try Self.renderedDOM(gallery.appendingPathComponent("index.html"), chromium: chromium)
        #expect(Self.attribute("data-images-broken", in: dom) == uses, "\(first) is used \(uses) times")
        #expect(dom.contains("failed to load"))
        #expect(dom.components(separatedBy: " broken\"").count - 1 == uses)
    }
}
