import DatasetFormat
import Foundation
import Testing
@testable import Render

/// Glyphs must not depend on which text size a process happened to draw first: Cairo
/// resolves a face through fontconfig at its first size, and fontconfig turns DejaVu's
/// hinting off below 7.5 px. Each case runs in a fresh process (an exit test), so the
/// first use really is first; both write the pixels of the same 14 px text, which must agree.
@Suite struct FontResolutionTests {
    static let family = "DejaVu Sans Mono"

    /// FNV-1a of the pixels of "Ag 0.75" drawn at 14 px, after optionally drawing at 4 px first.
    static func pixels(tinyFirst: Bool) throws -> UInt64 {
        if tinyFirst {
            let c = try Canvas(width: 32, height: 16)
            c.setFont(family, size: 4)
            c.text("Ag 0.75", topLeft: Vec(1, 1))
        }
        let c = try Canvas(width: 96, height: 24)
        c.clear()
        c.setColor(.gray(0))
        c.setFont(family, size: 14)
        c.text("Ag 0.75", topLeft: Vec(2, 2))
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in c.grayPixels() { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// Where each child writes its hash: named by the parent in the environment children inherit.
    static var outFile: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["MATHGEN_FONT_TEST_OUT"] ?? "/nonexistent")
    }

    @Test func firstTextSizeDoesNotChangeLaterGlyphs() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("mathgen-font-\(UUID().uuidString)")
        setenv("MATHGEN_FONT_TEST_OUT", base.path, 1)
        defer { for s in ["a", "b"] { try? FileManager.default.removeItem(at: Self.outFile.appendingPathExtension(s)) } }
        await #expect(processExitsWith: .success) {
            let h = try FontResolutionTests.pixels(tinyFirst: true)
            try String(h).write(to: FontResolutionTests.outFile.appendingPathExtension("a"), atomically: true, encoding: .utf8)
        }
        await #expect(processExitsWith: .success) {
            let h = try FontResolutionTests.pixels(tinyFirst: false)
            try String(h).write(to: FontResolutionTests.outFile.appendingPathExtension("b"), atomically: true, encoding: .utf8)
        }
        let a = try String(contentsOf: Self.outFile.appendingPathExtension("a"), encoding: .utf8)
        let b = try String(contentsOf: Self.outFile.appendingPathExtension("b"), encoding: .utf8)
        #expect(a == b, "14 px glyphs differ when 4 px text was drawn first in the process")
    }
}
