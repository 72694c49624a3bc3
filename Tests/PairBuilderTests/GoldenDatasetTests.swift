import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder

/// The plane and solid families' records, pinned by a recorded hash (issue 17): the
/// refactors of the layout, the dataset format and the numbers must not change a
/// byte of them. An intended change re-records: MATHGEN_RECORD_HASHES=1 prints the
/// new value to put below (look at what changed first).
@Suite struct GoldenDatasetTests {
    // Re-recorded for issue 21: the default PNG compressor became libdeflate, so the
    // manifest's "png" argument and image_bytes count changed; the JSONL files are
    // byte-identical to the previous recording's (checked on a 5,000-pair run with
    // --png rle and libdeflate). Before, for issue 19: the manifest gained "depth" and
    // "width" and the composed counts.
    static let recorded: UInt64 = 0xbe95_4dec_82ff_aee5

    /// FNV-1a over the bytes of every JSONL file and the manifest, in a fixed order.
    static func hash(_ dir: URL) throws -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in OutputFile.jsonl + [OutputFile.manifest] {
            for b in try Data(contentsOf: dir.appendingPathComponent(name)) {
                h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
            }
        }
        return h
    }

    @Test func planeAndSolidRecordsAreUnchanged() throws {
        let families = FamilyRegistry.all.filter { $0.id.hasPrefix("plane.") || $0.id.hasPrefix("solid.") }
        #expect(families.count == 25)
        var c = TestSupport.config(pairs: 50, eval: 5, families: families, style: .plain, size: 128)
        c.decoyRate = 0.5
        let dir = try TestSupport.build(c, name: "golden-plane-solid")
        defer { try? FileManager.default.removeItem(at: dir) }
        let h = try Self.hash(dir)
        if ProcessInfo.processInfo.environment["MATHGEN_RECORD_HASHES"] == "1" {
            print("GoldenDatasetTests.recorded = 0x\(String(h, radix: 16))")
            return
        }
        #expect(h == Self.recorded, "plane/solid records changed: hash 0x\(String(h, radix: 16)), recorded 0x\(String(Self.recorded, radix: 16))")
    }
}
