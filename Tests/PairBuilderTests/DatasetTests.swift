import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder
@testable import Render

/// The output contract: every file, every record against the schema, counts,
/// images, split disjointness, determinism and refusals.
@Suite struct DatasetTests {
    @Test func everyRecordMatchesTheSchemaAndTheManifestCounts() throws {
        let out = try TestSupport.build(TestSupport.config(pairs: 14, eval: 5), name: "schema")
        defer { try? FileManager.default.removeItem(at: out) }

        let manifest = try JSONParser.parse(Array(try Data(contentsOf: out.appendingPathComponent("manifest.json"))))
        #expect(Schema.check(manifest, Schema.manifest).isEmpty, "\(Schema.check(manifest, Schema.manifest))")
        let counts = try #require(manifest["counts"])

        var seenImages = Set<String>()
        for (file, keys) in Schema.files {
            let records = try TestSupport.lines(out.appendingPathComponent(file))
            for (n, r) in records.enumerated() {
                let problems = Schema.check(r, keys)
                #expect(problems.isEmpty, "\(file):\(n + 1): \(problems)")
                for key in ["image_url", "image_url_2"] {
                    if let path = r[key]?.stringValue { seenImages.insert(path) }
                }
                if let answer = r["answer"] { #expect(Schema.check(answer, Schema.answer).isEmpty, "\(file):\(n + 1) answer") }
            }
            let expected: Int
            switch file {
            case OutputFile.problems: expected = try #require(counts["problems"]?.intValue)
            case OutputFile.eval: expected = try #require(counts["eval"]?.intValue)
            default: expected = try #require(counts[String(file.dropLast(6))]?.intValue)
            }
            #expect(records.count == expected, "\(file): \(records.count) records, manifest says \(expected)")
        }
        #expect(try TestSupport.lines(out.appendingPathComponent("pairs.jsonl")).count == 14)
        #expect(try TestSupport.lines(out.appendingPathComponent("eval.jsonl")).count == 5 * 6)

        // Every referenced image exists and opens at the recorded size.
        for path in seenImages {
            let data = Array(try Data(contentsOf: out.appendingPathComponent(path)))
            let img = try PNGDecoder.decode(data)
            #expect(img.width == 160 && img.height == 160, "\(path)")
        }
        #expect(!seenImages.isEmpty)
    }

    @Test func pairsShareTheAnswerAndStepUpward() throws {
        let out = try TestSupport.build(TestSupport.config(pairs: 12, eval: 2), name: "pairs")
        defer { try? FileManager.default.removeItem(at: out) }
        for r in try TestSupport.lines(out.appendingPathComponent("pairs.jsonl")) {
            #expect(r["output"] == r["output_2"])
            let a = try #require(Level(rawValue: r["level"]?.stringValue ?? ""))
            let b = try #require(Level(rawValue: r["level_2"]?.stringValue ?? ""))
            #expect(a < b)
            #expect((r["ratio"]?.doubleValue ?? 0) >= (r["ratio_2"]?.doubleValue ?? 1))
        }
    }

    @Test func evalProblemsNeverAppearInTraining() throws {
        // A small problem space forces identity collisions that must be rejected.
        var config = TestSupport.config(pairs: 60, eval: 20, size: 96)
        config.generation = GenerationOptions(multipleChoiceRate: 0, difficulty: 1)
        let out = try TestSupport.build(config, name: "disjoint")
        defer { try? FileManager.default.removeItem(at: out) }
        let problems = try TestSupport.lines(out.appendingPathComponent("problems.jsonl"))
        let evalIds = Set(problems.filter { $0["split"]?.stringValue == "eval" }.compactMap { $0["identity"]?.stringValue })
        let trainIds = problems.filter { $0["split"]?.stringValue == "train" }.compactMap { $0["identity"]?.stringValue }
        #expect(evalIds.count == 20)
        #expect(trainIds.count == 60)
        #expect(trainIds.allSatisfy { !evalIds.contains($0) })
    }

    @Test func sameArgumentsGiveIdenticalBytesWhateverTheThreadCount() throws {
        let a = try TestSupport.build(TestSupport.config(pairs: 10, eval: 3, threads: 1), name: "det-a")
        let b = try TestSupport.build(TestSupport.config(pairs: 10, eval: 3, threads: 2), name: "det-b")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let fa = try listing(a), fb = try listing(b)
        #expect(fa == fb)
        for path in fa {
            let da = try Data(contentsOf: a.appendingPathComponent(path)), db = try Data(contentsOf: b.appendingPathComponent(path))
            #expect(da == db, "\(path) differs between runs")
        }
        let c = try TestSupport.build(TestSupport.config(pairs: 10, eval: 3, seed: 12), name: "det-c")
        defer { try? FileManager.default.removeItem(at: c) }
        #expect(try Data(contentsOf: a.appendingPathComponent("pairs.jsonl")) != Data(contentsOf: c.appendingPathComponent("pairs.jsonl")))
    }

    /// `--png`: every compressor writes the same records and the same pixels;
    /// libdeflate's files are the smallest.
    @Test func pngCompressorsWriteTheSamePixels() throws {
        var dirs: [BuildConfig.PNGCompression: URL] = [:]
        for png in BuildConfig.PNGCompression.allCases {
            var c = TestSupport.config(pairs: 6, eval: 2, threads: 1)
            c.png = png
            dirs[png] = try TestSupport.build(c, name: "png-\(png.rawValue)")
        }
        defer { for d in dirs.values { try? FileManager.default.removeItem(at: d) } }
        let rle = try #require(dirs[.rle])
        let images = try listing(rle).filter { $0.hasSuffix(".png") }
        #expect(!images.isEmpty)
        var bytes: [BuildConfig.PNGCompression: Int] = [:]
        for png in BuildConfig.PNGCompression.allCases {
            let dir = try #require(dirs[png])
            #expect(try listing(dir) == listing(rle))
            #expect(try Data(contentsOf: dir.appendingPathComponent("pairs.jsonl")) == Data(contentsOf: rle.appendingPathComponent("pairs.jsonl")))
            for path in images {
                let a = try PNGDecoder.decode([UInt8](try Data(contentsOf: dir.appendingPathComponent(path))))
                let b = try PNGDecoder.decode([UInt8](try Data(contentsOf: rle.appendingPathComponent(path))))
                #expect(a.pixels == b.pixels, "\(png.rawValue): \(path)")
                bytes[png, default: 0] += try Data(contentsOf: dir.appendingPathComponent(path)).count
            }
        }
        #expect(bytes[.libdeflate, default: 0] < bytes[.zlib, default: 0] && bytes[.zlib, default: 0] < bytes[.rle, default: 0], "\(bytes)")
    }

    func listing(_ dir: URL) throws -> [String] {
        let e = FileManager.default.enumerator(atPath: dir.path)
        var out: [String] = []
        while let p = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dir.appendingPathComponent(p).path, isDirectory: &isDir)
            if !isDir.boolValue { out.append(p) }
        }
        return out.sorted()
    }

    @Test func badOutputsAreRefusedAndNothingIsDeleted() throws {
        let dir = TestSupport.tempDir("refuse")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let keep = dir.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: keep)
        #expect(throws: PairBuilderError.self) { try DatasetBuilder.prepare(dir, existing: .refuse) }
        // --overwrite never touches files mathgen did not write.
        #expect(throws: PairBuilderError.self) { try DatasetBuilder.prepare(dir, existing: .overwrite) }
        #expect(FileManager.default.fileExists(atPath: keep.path))

        // A path under a regular file cannot be created.
        #expect(throws: PairBuilderError.self) {
            try DatasetBuilder.prepare(keep.appendingPathComponent("out"), existing: .refuse)
        }
        #expect(throws: PairBuilderError.self) { try DatasetBuilder.prepare(keep, existing: .refuse) }
    }

    @Test func overwriteReplacesOnlyMathgensFiles() throws {
        let out = try TestSupport.build(TestSupport.config(pairs: 3, eval: 1), name: "overwrite")
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(throws: PairBuilderError.self) { try DatasetBuilder.prepare(out, existing: .refuse) }
        try DatasetBuilder.prepare(out, existing: .overwrite)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    /// The reading task's answer lists exactly the values the caption names (each
    /// once), in the reading order of the rendered labels; --text-scale is recorded.
    @Test func captionValuesAreTheDrawnValuesInReadingOrder() throws {
        var config = TestSupport.config(pairs: 10, eval: 3, style: .plain, size: 128)
        config.textScale = 2
        let out = try TestSupport.build(config, name: "values")
        defer { try? FileManager.default.removeItem(at: out) }
        let manifest = try JSONParser.parse(Array(try Data(contentsOf: out.appendingPathComponent("manifest.json"))))
        #expect(manifest["arguments"]?["text_scale"]?.doubleValue == 2)
        let captions = try TestSupport.lines(out.appendingPathComponent(OutputFile.captions))
        #expect(captions.count == 10)
        for r in captions {
            let values = try #require(r["values"]?.stringValue).components(separatedBy: ", ")
            let caption = try #require(r["output"]?.stringValue)
            let named = caption.components(separatedBy: "labelled ").dropFirst().map { String($0.prefix { $0 != "." }) }
            #expect(values.count == 2 && values.sorted() == named.sorted(), "\(values) vs \(caption)")
            #expect(r["values_instruction"]?.stringValue?.isEmpty == false)
        }
        // Eval problems carry the same field for held-out transcription.
        let problems = try TestSupport.lines(out.appendingPathComponent(OutputFile.problems))
        #expect(problems.allSatisfy { ($0["values"]?.stringValue ?? "").contains("°") })
    }

    /// --decoy-rate: the chosen training problems' captions and every eval
    /// problem carry a decoy, the values figure with the same number of values,
    /// each of the same digit shape, redrawn; the dataset verifies clean; at
    /// rate 0 nothing about decoys is written.
    @Test func decoysRedrawTheValuesAndVerify() throws {
        var config = TestSupport.config(pairs: 24, eval: 3, style: .plain, size: 128)
        config.textScale = 2
        config.decoyRate = 0.5
        let out = try TestSupport.build(config, name: "decoys")
        defer { try? FileManager.default.removeItem(at: out) }
        let captions = try TestSupport.lines(out.appendingPathComponent(OutputFile.captions))
        let withDecoy = captions.filter { $0["decoy_image_url"] != nil }
        #expect(withDecoy.count > 4 && withDecoy.count < 20, "\(withDecoy.count) of 24")
        var changed = 0
        func shape(_ s: String) -> String { String(s.map { $0.isNumber ? "9" : $0 }) }
        for r in withDecoy {
            let values = try #require(r["values"]?.stringValue), decoy = try #require(r["decoy_values"]?.stringValue)
            #expect(shape(values) == shape(decoy), "\(values) vs \(decoy)")
            if values != decoy { changed += 1 }
            let path = try #require(r["decoy_image_url"]?.stringValue)
            #expect(path.hasSuffix("_dec.png"))
            let val = try Data(contentsOf: out.appendingPathComponent(try #require(r["image_url"]?.stringValue)))
            #expect(try Data(contentsOf: out.appendingPathComponent(path)) != val)
        }
        #expect(changed == withDecoy.count)
        let problems = try TestSupport.lines(out.appendingPathComponent(OutputFile.problems))
        #expect(problems.filter { $0["split"]?.stringValue == "eval" }.allSatisfy { $0["decoy"]?["values"] != nil })
        // verify opens the decoy images too: every training problem's (at most 3 variants) plus the decoys.
        let report = DatasetVerifier.verify(out)
        #expect(report.findings.isEmpty, "\(report.findings)")
        let decoyImages = withDecoy.count + 3
        let manifest = try JSONParser.parse(Array(try Data(contentsOf: out.appendingPathComponent("manifest.json"))))
        #expect(report.images == manifest["counts"]?["images"]?.intValue && report.images >= decoyImages + 24)

        // Bare decoys: the values and their marks alone carry far less ink than the figure.
        config.decoyStyles = [.bare]
        let bare = try TestSupport.build(config, name: "bare-decoys")
        defer { try? FileManager.default.removeItem(at: bare) }
        /// Dark pixels of an image in a built dataset.
        func ink(_ dir: URL, _ path: String) throws -> Int {
            try PNGDecoder.decode(Array(try Data(contentsOf: dir.appendingPathComponent(path)))).gray.filter { $0 < 128 }.count
        }
        for r in try TestSupport.lines(bare.appendingPathComponent(OutputFile.captions)).prefix(6) {
            guard let dec = r["decoy_image_url"]?.stringValue, let val = r["image_url"]?.stringValue else { continue }
            #expect(try ink(bare, dec) * 3 < ink(bare, val), "\(dec)")
        }
        #expect(DatasetVerifier.verify(bare).findings.isEmpty)

        // Cards mixed with figures: both kinds appear; a card keeps the digit pattern and verifies clean.
        config.decoyStyles = [.figure, .card]
        let cards = try TestSupport.build(config, name: "card-decoys")
        defer { try? FileManager.default.removeItem(at: cards) }
        var inks: [Int] = []
        for r in try TestSupport.lines(cards.appendingPathComponent(OutputFile.captions)) {
            guard let dec = r["decoy_image_url"]?.stringValue, let val = r["image_url"]?.stringValue,
                  let shown = r["decoy_values"]?.stringValue, let real = r["values"]?.stringValue else { continue }
            // The card's reading order is its own: the same value shapes, perhaps in another order.
            #expect(shown.components(separatedBy: ", ").map(shape).sorted() == real.components(separatedBy: ", ").map(shape).sorted(),
                    "\(shown) vs \(real)")
            inks.append(try ink(cards, dec) * 100 / max(1, try ink(cards, val)))
        }
        #expect(inks.contains { $0 < 30 } && inks.contains { $0 > 60 }, "cards and figures both drawn: \(inks)")
        #expect(DatasetVerifier.verify(cards).findings.isEmpty)
        let cardManifest = try JSONParser.parse(Array(try Data(contentsOf: cards.appendingPathComponent("manifest.json"))))
        #expect(cardManifest["arguments"]?["decoy_style"]?.stringValue == "figure,card")

        config.decoyRate = 0
        config.decoyStyles = [.figure]
        let plain = try TestSupport.build(config, name: "no-decoys")
        defer { try? FileManager.default.removeItem(at: plain) }
        let text = try String(contentsOf: plain.appendingPathComponent(OutputFile.captions), encoding: .utf8)
            + String(contentsOf: plain.appendingPathComponent(OutputFile.problems), encoding: .utf8)
        #expect(!text.contains("decoy"))
    }

    @Test func decoyStyleLists() {
        typealias S = BuildConfig.DecoyStyle
        #expect(S.list("mixed") == [.figure, .bare])
        #expect(S.list("card") == [.card] && S.list("figure,card") == [.figure, .card] && S.list("card1,bare") == [.card1, .bare])
        for bad in ["cards", "", "figure,", "figure,,bare", "Figure"] { #expect(S.list(bad) == nil, "\(bad)") }
    }

    @Test func invalidConfigsAreRejectedWithTheFlagNamed() {
        var c = TestSupport.config(pairs: 0)
        #expect { try DatasetBuilder(config: c) } throws: { "\($0)".contains("--pairs") }
        c = TestSupport.config(pairs: 3)
        c.imageSize = 10
        #expect { try DatasetBuilder(config: c) } throws: { "\($0)".contains("--image-size") }
        c = TestSupport.config(pairs: 3)
        c.language = "xx"
        #expect { try DatasetBuilder(config: c) } throws: { "\($0)".contains("xx") }
        c = TestSupport.config(pairs: 3)
        c.textScale = 9
        #expect { try DatasetBuilder(config: c) } throws: { "\($0)".contains("--text-scale") }
        c = TestSupport.config(pairs: 3)
        c.decoyRate = 1.5
        #expect { try DatasetBuilder(config: c) } throws: { "\($0)".contains("--decoy-rate") }
    }
}
