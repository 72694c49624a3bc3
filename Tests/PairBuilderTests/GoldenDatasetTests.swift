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
    // Re-recorded for issue 19: the manifest gained "depth" and "width" (null here) in its
    // arguments and composed_per_depth, composed_per_width (empty) and solution_steps in its
    // counts; the JSONL files are byte-identical to the previous recording's (checked).
    static let recorded: UInt64 = 0x6652_ec78_08bd_c7c5

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
