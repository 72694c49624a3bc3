import DatasetFormat
import Foundation
import Testing
@testable import Trainer

/// Seeded mutations through the trainer's readers: the JSONL record decoders
/// (every split's record type) and the libpng image loader. Each input must end
/// in records or a TrainerError naming the file (and line for records); a crash
/// fails the run. Seeds are fixed; a failure names its iteration.
@Suite struct FuzzDataTests {
    static var records: [(name: String, lines: [String], read: (String) throws -> Int)] { [
        ("stage1", [#"{"id":"p0000001-text","problem_id":"p0000001","instruction":"In triangle ABC, ∠A = 50°. Find ∠B.","output":"∠B = 60°.\nAnswer: 60"}"#],
         { try JSONL.read(Stage1Record.self, path: $0).count }),
        ("pairs", [#"{"image_url":"images/train/000/p0000001_fig.png","instruction":"Find x.","output":"Answer: 4","image_url_2":null,"instruction_2":"x?","output_2":"Answer: 4","id":"p1-a-b","problem_id":"p0000001","level":"text_dominant","level_2":"text_lite","ratio":1,"ratio_2":0.75}"#],
         { try JSONL.read(PairRecord.self, path: $0).count }),
        ("instruct", [#"{"id":"p2-vision_only","problem_id":"p2","image_url":"images/a.png","instruction":"Answer the question in the image.","output":"Answer: B","level":"vision_only","ratio":0}"#],
         { try JSONL.read(InstructRecord.self, path: $0).count }),
        ("captions", [#"{"id":"p3-caption","problem_id":"p3","image_url":"images/c.png","instruction":"Describe exactly what is drawn in the figure.","output":"Triangle ABC; AB = 5 cm."}"#],
         { try JSONL.read(CaptionRecord.self, path: $0).count }),
        ("problems", [#"{"id":"e0000001","split":"eval","family":"plane.x","caption":"Points A, B.","levels":{"text_only":{"instruction":"t","image":null,"text_ratio":1},"vision_dominant":{"instruction":"v","image":"images/eval/000/e0000001_val.png","text_ratio":0.5}}}"#],
         { try JSONL.read(ProblemSummary.self, path: $0).count }),
        ("eval", [#"{"id":"e1-text_only","problem_id":"e1","family":"plane.x","level":"text_only","ratio":1,"image_url":null,"instruction":"Find y.","output":"Answer: 2.5","answer":{"type":"decimal","value":2.5,"tolerance":0.01,"choices":null,"correct":null,"unit":"cm"}}"#],
         { try JSONL.read(EvalRecord.self, path: $0).count }),
    ] }

    @Test func jsonlReadersGiveRecordsOrNamedErrors() throws {
        let dir = TempDirectory()
        var m = ByteMutator(seed: 0xF022_0101)
        var ok = 0, errors = 0
        for i in 0..<2000 {
            let r = Self.records[i % Self.records.count]
            let donor = Self.records[(i + 1) % Self.records.count].lines[0]
            let original = Array((r.lines + r.lines).joined(separator: "\n").utf8) + [10]
            let input = m.mutate(original, donor: Array(donor.utf8))
            let path = dir.file("\(r.name).jsonl")
            try Data(input).write(to: URL(fileURLWithPath: path))
            do {
                _ = try r.read(path)
                ok += 1
            } catch let e as TrainerError {
                #expect(e.description.contains(path), "iteration \(i): \(e.description)")
                if case .malformedRecord(_, let line, _) = e { #expect(line >= 1, "iteration \(i)") }
                errors += 1
            } catch {
                Issue.record("iteration \(i): not a TrainerError: \(error)")
            }
        }
        #expect(ok > 150 && errors > 700, "ok \(ok), errors \(errors)")
    }

    @Test func malformedLineIsNamedByNumber() throws {
        let dir = TempDirectory()
        let path = dir.file("stage1.jsonl")
        let good = Self.records[0].lines[0]
        try (good + "\n" + good + "\n{\"instruction\": 3\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try JSONL.read(Stage1Record.self, path: path) } throws: { e in
            guard case let TrainerError.malformedRecord(p, line, _) = e else { return false }
            return p == path && line == 3
        }
    }

    /// Valid PNGs of several kinds written by the loader's own writer.
    static func pngSeeds(_ dir: TempDirectory) throws -> [[UInt8]] {
        var rng = SplitMix64(seed: 77)
        var out: [[UInt8]] = []
        for (k, channels) in [1, 3, 4, 1].enumerated() {
            let w = 9 + 3 * k, h = 7 + 2 * k
            let bytes = (0..<(w * h * channels)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let p = dir.file("seed\(k).png")
            try ImageLoader.writePNG(path: p, width: w, height: h, channels: channels, bytes: bytes)
            out.append(Array(try Data(contentsOf: URL(fileURLWithPath: p))))
        }
        return out
    }

    @Test func pngLoaderGivesImagesOrNamedErrors() throws {
        let dir = TempDirectory()
        let seeds = try Self.pngSeeds(dir)
        var m = ByteMutator(seed: 0xF022_0102)
        var ok = 0, errors = 0
        let path = dir.file("fuzz.png")
        for i in 0..<2000 {
            try Data(m.mutatePNG(seeds[i % seeds.count])).write(to: URL(fileURLWithPath: path))
            do {
                let img = try ImageLoader.loadGray(path: path)
                #expect(img.pixels.count == img.width * img.height, "iteration \(i)")
                #expect(img.pixels.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 }, "iteration \(i)")
                ok += 1
            } catch let e as TrainerError {
                #expect(e.description.contains(path), "iteration \(i): \(e.description)")
                errors += 1
            } catch {
                Issue.record("iteration \(i): not a TrainerError: \(error)")
            }
        }
        #expect(ok > 15 && errors > 400, "ok \(ok), errors \(errors)")
    }
}

/// Seeded byte mutations; `mutatePNG` also recomputes chunk CRCs most of the
/// time so inputs get past libpng's CRC check into the header and zlib stream.
struct ByteMutator {
    var rng: SplitMix64
    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(rng.next() % UInt64(r.count)) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(0...(a.count - 1))] }

    static let tokens: [[UInt8]] = ["{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "null", "true", "1e309", "-",
                                    "\n", "\u{0}", "é"].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80]]

    mutating func mutate(_ seed: [UInt8], donor: [UInt8]) -> [UInt8] {
        var d = seed
        for _ in 0..<int(1...3) {
            switch int(0...6) {
            case 0 where !d.isEmpty: d[int(0...(d.count - 1))] ^= UInt8(1) << UInt8(int(0...7))
            case 1: d.insert(contentsOf: pick(Self.tokens), at: int(0...d.count))
            case 2 where !d.isEmpty: d = Array(d.prefix(int(0...(d.count - 1))))
            case 3 where d.count > 2:
                let a = int(0...(d.count - 2)), n = int(1...min(40, d.count - a))
                d.removeSubrange(a..<(a + n))
            case 4 where d.count > 4:
                let a = int(0...(d.count - 2)), n = int(1...min(120, d.count - a))
                d.insert(contentsOf: d[a..<(a + n)], at: int(0...d.count))
            case 5 where donor.count > 4:
                let a = int(0...(donor.count - 2)), n = int(1...min(120, donor.count - a))
                d.insert(contentsOf: donor[a..<(a + n)], at: int(0...d.count))
            case 6:
                if let q = d.indices.filter({ d[$0] == UInt8(ascii: "\"") }).randomElement(using: &rng) {
                    d.insert(contentsOf: pick(["0", "null", "[]", "{}", "\"\""].map { Array($0.utf8) }), at: q)
                }
            default: break
            }
        }
        return d
    }

    mutating func mutatePNG(_ seed: [UInt8]) -> [UInt8] {
        var d = seed
        for _ in 0..<int(1...3) {
            switch int(0...6) {
            case 0 where !d.isEmpty: d[int(0...(d.count - 1))] ^= UInt8(1) << UInt8(int(0...7))
            case 1 where !d.isEmpty: d[int(0...(d.count - 1))] = pick([0, 1, 2, 3, 4, 6, 8, 16, 0x7F, 0x80, 0xFF])
            case 2 where !d.isEmpty: d = Array(d.prefix(int(0...(d.count - 1))))
            case 3 where d.count > 2:
                let a = int(0...(d.count - 2)), n = int(1...min(64, d.count - a))
                d.removeSubrange(a..<(a + n))
            case 4 where d.count >= 29:
                // Header fields. Sizes stay <= 1024: a larger claimed size makes the loader
                // allocate width*height*4 bytes before libpng finds the data short (reported).
                switch int(0...3) {
                case 0: Self.setBE32(&d, 16, UInt32(int(0...1024)))
                case 1: Self.setBE32(&d, 20, UInt32(int(0...1024)))
                case 2: d[24] = pick([1, 2, 4, 8, 16, 3])
                default: d[pick([25, 26, 27, 28])] = pick([0, 1, 2, 3, 4, 6, 7, 0xFF])
                }
            case 5:
                d.insert(contentsOf: (0..<int(1...16)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: int(0...d.count))
            case 6 where d.count > 20: Self.setBE32(&d, 8, UInt32(int(0...100)))
            default: break
            }
        }
        if int(0...9) < 6 { Self.fixCRCs(&d) }
        return d
    }

    static func setBE32(_ d: inout [UInt8], _ o: Int, _ v: UInt32) {
        guard o + 4 <= d.count else { return }
        for k in 0..<4 { d[o + k] = UInt8((v >> UInt32(24 - 8 * k)) & 0xFF) }
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        return c
    }

    static func fixCRCs(_ d: inout [UInt8]) {
        var pos = 8
        while pos + 12 <= d.count {
            let len = Int(UInt32(d[pos]) << 24 | UInt32(d[pos + 1]) << 16 | UInt32(d[pos + 2]) << 8 | UInt32(d[pos + 3]))
            guard pos + 12 + len <= d.count else { return }
            var c: UInt32 = 0xFFFF_FFFF
            for b in d[(pos + 4)..<(pos + 8 + len)] { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
            setBE32(&d, pos + 8 + len, c ^ 0xFFFF_FFFF)
            pos += 12 + len
        }
    }
}
