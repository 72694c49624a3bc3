import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder

/// Seeded mutations of real JSONL lines, whole JSONL files, manifests and dataset
/// folders through every reader mathgen has: JSONParser, JSONLReader, Schema,
/// DatasetVerifier and the gallery's loader. A crash fails the run; errors are the
/// expected outcome and must name the file (and line). The iteration number in a
/// failure message and the fixed seeds replay it.
@Suite(.serialized) struct FuzzReaderTests {
    /// One small dataset, built once for all tests of this suite.
    static let dataset: URL? = SharedFolders.keep(try? TestSupport.build(
        TestSupport.config(pairs: 4, eval: 1, families: [AnyFamily(ParallelTriangleAngle())], size: 64), name: "fuzz"))

    static func datasetOrFail() throws -> URL { try #require(dataset, "could not build the fuzz dataset") }

    static func jsonlLines() throws -> [[UInt8]] {
        let dir = try datasetOrFail()
        var out: [[UInt8]] = []
        for f in OutputFile.jsonl {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            out += text.split(separator: "\n").map { Array($0.utf8) }
        }
        out.append(Array(try Data(contentsOf: dir.appendingPathComponent(OutputFile.manifest))))
        return out
    }

    @Test func parserGivesValuesOrErrorsOnMutatedLines() throws {
        let seeds = try Self.jsonlLines()
        var m = TextMutator(seed: 0xF022_0001)
        var parsed = 0, failed = 0
        for i in 0..<3000 {
            let input = m.mutate(seeds[i % seeds.count], donor: seeds[(i * 7 + 3) % seeds.count])
            let v: JSONValue
            do { v = try JSONParser.parse(input) } catch {
                #expect(error.offset >= 0 && error.offset <= input.count, "iteration \(i): offset \(error.offset)")
                failed += 1
                continue
            }
            // What parses re-serializes to text that parses to the same value.
            #expect((try? JSONParser.parse(v.serialized())) == v, "iteration \(i)")
            for (_, keys) in Schema.files { _ = Schema.check(v, keys) }
            _ = Schema.check(v, Schema.manifest)
            _ = Schema.check(v, Schema.answer)
            parsed += 1
        }
        #expect(parsed > 200 && failed > 600, "parsed \(parsed), failed \(failed)")
    }

    @Test func deepNestingAndOddNumbersAreErrorsOrValues() throws {
        let cases: [String] = [
            String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 50_000),
            "1e999999", "-0", "123456789012345678901234567890", "\"\\ud800\"", "\"\\udc00\\ud800\"",
            "\"\u{0}\"", "nul", "[1,]", "{\"a\" 1}", "\"\\u12G4\"", "",
        ]
        for c in cases {
            _ = try? JSONParser.parse(c)
        }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
        // Numbers beyond Double's range are errors, not inf (which would serialise as null).
        for huge in ["1e999999", "-1e400", String(repeating: "9", count: 400)] {
            #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(huge) }
        }
        #expect(try JSONParser.parse("123456789012345678901234567890") == .double(1.2345678901234568e29))
    }

    @Test func jsonlReaderNamesFileAndLineOnMutatedFiles() throws {
        let dir = try Self.datasetOrFail()
        let work = TestSupport.tempDir("fuzz-jsonl")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let files = try OutputFile.jsonl.map { Array(try Data(contentsOf: dir.appendingPathComponent($0))) }
        var m = TextMutator(seed: 0xF022_0002)
        var ok = 0, errors = 0
        for i in 0..<1000 {
            let url = work.appendingPathComponent("f\(i % 4).jsonl")
            let input = m.mutate(files[i % files.count], donor: files[(i + 1) % files.count])
            try Data(input).write(to: url)
            do {
                try JSONLReader.forEach(url) { line, v in
                    #expect(line >= 1)
                    _ = Schema.check(v, Schema.files[OutputFile.jsonl[i % files.count]] ?? [])
                }
                ok += 1
            } catch {
                #expect(error.description.contains(url.path), "iteration \(i): \(error.description)")
                if error.description.contains("malformed JSON") {
                    #expect(error.description.range(of: #"\.jsonl:\d+: "#, options: .regularExpression) != nil,
                            "iteration \(i): no line number in \(error.description)")
                }
                errors += 1
            }
        }
        #expect(ok > 20 && errors > 200, "ok \(ok), errors \(errors)")
    }

    /// The whole verifier and the gallery loader over damaged dataset folders:
    /// findings, never a crash (a damaged dataset is what verify exists for).
    @Test func verifierAndGalleryReportMutatedDatasets() throws {
        let dir = try Self.datasetOrFail()
        let work = TestSupport.tempDir("fuzz-verify")
        try FileManager.default.copyItem(at: dir, to: work)
        defer { try? FileManager.default.removeItem(at: work) }
        let targets = OutputFile.jsonl + [OutputFile.manifest]
        let originals = try targets.map { Array(try Data(contentsOf: dir.appendingPathComponent($0))) }
        var m = TextMutator(seed: 0xF022_0003)
        var findings = 0
        for i in 0..<150 {
            let k = i % targets.count
            let url = work.appendingPathComponent(targets[k])
            try Data(m.mutate(originals[k], donor: originals[(k + 1) % originals.count])).write(to: url)
            let report = DatasetVerifier.verify(work, deepImages: i % 10 == 0, threads: 1)
            findings += report.findings.isEmpty ? 0 : 1
            do {
                _ = try GalleryData.load(work)
            } catch {
                #expect(error.description.contains(work.path), "iteration \(i): \(error.description)")
            }
            try Data(originals[k]).write(to: url)
        }
        #expect(findings > 100, "only \(findings) of 150 damaged datasets had findings")
    }
}

/// Byte-level mutations aware of JSON's punctuation, plus splices from a donor
/// input, seeded so every failing input can be regenerated.
struct TextMutator {
    var rng: SplitMix64
    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let tokens: [[UInt8]] = ["{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "\\ud83d", "null", "true", "-",
                                    "1e309", "0.", "\n", "\n\n", "\u{0}", "\u{7F}", "é", "\u{FFFD}"].map { Array($0.utf8) }
        + [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80]]

    mutating func mutate(_ seed: [UInt8], donor: [UInt8]) -> [UInt8] {
        var d = seed
        for _ in 0..<rng.int(1...3) {
            switch rng.int(0...7) {
            case 0 where !d.isEmpty:
                let k = rng.int(0...(d.count - 1))
                d[k] ^= UInt8(1) << UInt8(rng.int(0...7))
            case 1:
                d.insert(contentsOf: rng.pick(Self.tokens), at: rng.int(0...d.count))
            case 2 where !d.isEmpty:
                d[rng.int(0...(d.count - 1))] = rng.pick(Self.tokens)[0]
            case 3 where !d.isEmpty:
                d = Array(d.prefix(rng.int(0...(d.count - 1))))
            case 4 where d.count > 2:
                let a = rng.int(0...(d.count - 2)), n = rng.int(1...min(40, d.count - a))
                d.removeSubrange(a..<(a + n))
            case 5 where d.count > 4:
                let a = rng.int(0...(d.count - 2)), n = rng.int(1...min(200, d.count - a))
                d.insert(contentsOf: d[a..<(a + n)], at: rng.int(0...d.count))
            case 6 where donor.count > 4:
                let a = rng.int(0...(donor.count - 2)), n = rng.int(1...min(200, donor.count - a))
                d.insert(contentsOf: donor[a..<(a + n)], at: rng.int(0...d.count))
            case 7:
                // A quoted key or value swapped for another type.
                if let q = d.indices.filter({ d[$0] == UInt8(ascii: "\"") }).randomElement(using: &rng) {
                    d.insert(contentsOf: rng.pick(["0", "null", "[]", "{}", "\"\""].map { Array($0.utf8) }), at: q)
                }
            default:
                break
            }
        }
        return d
    }
}

/// Datasets built once and shared by a suite's tests, removed when the test process exits.
enum SharedFolders {
    static func keep(_ url: URL?) -> URL? {
        guard let url else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if folders.isEmpty {
            atexit {
                for u in SharedFolders.folders { try? FileManager.default.removeItem(at: u) }
            }
        }
        folders.append(url)
        return url
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var folders: [URL] = []
}
