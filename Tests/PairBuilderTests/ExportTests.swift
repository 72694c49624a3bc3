import DatasetFormat
import Foundation
import Testing
@testable import PairBuilder

/// Exports load where each trainer runs: paths that resolve from the tool's own working
/// folder, null for no image, LLaMA-Factory's registration, Qwen's and MathVerse's layouts.
@Suite struct ExportTests {
    static func dataset(_ name: String) throws -> URL {
        var c = TestSupport.config(pairs: 6, eval: 2, size: 96)
        c.pairing = .textToVision  // the reference member is text-only: its image is null
        return try TestSupport.build(c, name: name)
    }

    static func array(_ url: URL) throws -> [JSONValue] {
        try #require(try JSONParser.parse(Array(Data(contentsOf: url))).arrayValue)
    }

    @Test func mathPumaPathsAreAbsoluteAndNoImageIsNull() throws {
        let dir = try Self.dataset("export-mp")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("exports/p.jsonl")
        #expect(try Exporter.export(.init(dataset: dir, format: .mathPuma, out: out)).records == 6)
        for r in try TestSupport.lines(out) {
            #expect(r["image_url"] == .null, "a text-only member is null, not \"\"")
            let p = try #require(r["image_url_2"]?.stringValue)
            #expect(p.hasPrefix("/") && FileManager.default.fileExists(atPath: p), "\(p)")
        }
        // Refuses to replace without overwrite; replaces with it.
        #expect(throws: PairBuilderError.self) { try Exporter.export(.init(dataset: dir, format: .mathPuma, out: out)) }
        #expect(try Exporter.export(.init(dataset: dir, format: .mathPuma, out: out, overwrite: true)).records == 6)
    }

    @Test func imageRootMakesPathsRelativeToIt() throws {
        let dir = try Self.dataset("export-root")
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = dir.deletingLastPathComponent()
        let out = dir.appendingPathComponent("llava.json")
        _ = try Exporter.export(.init(dataset: dir, format: .llava, out: out, images: .root(root)))
        var images = 0
        for item in try Self.array(out) {
            guard let p = item["image"]?.stringValue else { continue }
            images += 1
            #expect(!p.hasPrefix("/") && p.hasPrefix(dir.lastPathComponent + "/images/"), "\(p)")
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(p).path))
        }
        #expect(images == 6)
    }

    @Test func missingImageIsNamed() throws {
        let dir = try Self.dataset("export-missing")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pair = try #require(try TestSupport.lines(dir.appendingPathComponent(OutputFile.pairs)).first)
        let gone = try #require(pair["image_url_2"]?.stringValue)
        try FileManager.default.removeItem(at: dir.appendingPathComponent(gone))
        #expect { try Exporter.export(.init(dataset: dir, format: .mathPuma, out: dir.appendingPathComponent("p.jsonl"))) }
            throws: { "\($0)".contains(gone) && "\($0)".contains("missing") }
    }

    @Test func shareGPTRegistersItselfForLLaMAFactory() throws {
        let dir = try Self.dataset("export-sg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let lf = dir.appendingPathComponent("lf")
        try FileManager.default.createDirectory(at: lf, withIntermediateDirectories: true)
        let info = lf.appendingPathComponent("dataset_info.json")
        try Data(#"{"alpaca_en": {"file_name": "alpaca.json"}}"#.utf8).write(to: info)
        _ = try Exporter.export(.init(dataset: dir, split: "instruct", format: .sharegpt, out: lf.appendingPathComponent("mg.json")))
        let registry = try JSONParser.parse(Array(Data(contentsOf: info)))
        #expect(registry["alpaca_en"]?["file_name"] == "alpaca.json", "other entries are kept")
        let entry = try #require(registry["mathgen_instruct"])
        #expect(entry["file_name"] == "mg.json" && entry["formatting"] == "sharegpt")
        #expect(entry["columns"]?["images"] == "images" && entry["tags"]?["user_tag"] == "user")
        for item in try Self.array(lf.appendingPathComponent("mg.json")) {
            for i in item["images"]?.arrayValue ?? [] {
                #expect(FileManager.default.fileExists(atPath: lf.appendingPathComponent(i.stringValue ?? "").path))
            }
        }
        // A registry that is not a JSON object is refused and left as it was.
        try Data("[oops".utf8).write(to: info)
        #expect { try Exporter.export(.init(dataset: dir, split: "instruct", format: .sharegpt,
                                            out: lf.appendingPathComponent("mg.json"), overwrite: true)) }
            throws: { "\($0)".contains("dataset_info.json") }
        #expect(try String(contentsOf: info, encoding: .utf8) == "[oops")
    }

    @Test func qwenConversationsUseUserAndAssistant() throws {
        let dir = try Self.dataset("export-qwen")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("qwen.json")
        #expect(try Exporter.export(.init(dataset: dir, split: "stage1", format: .qwen, out: out)).records == 6)
        for item in try Self.array(out) {
            let turns = try #require(item["conversations"]?.arrayValue)
            #expect(turns.map { $0["from"] } == ["user", "assistant"])
            let user = turns[0]["value"]?.stringValue ?? ""
            #expect(user.contains("<img>") == false, "stage1 is text only")
        }
        _ = try Exporter.export(.init(dataset: dir, split: "instruct", format: .qwen, out: out, overwrite: true))
        for item in try Self.array(out) {
            let user = item["conversations"]?.arrayValue?.first?["value"]?.stringValue ?? ""
            if let r = user.range(of: "<img>"), let e = user.range(of: "</img>") {
                #expect(FileManager.default.fileExists(atPath: String(user[r.upperBound..<e.lowerBound])))
            }
        }
    }

    @Test func mathVerseLayoutHasItsKeysAndVersions() throws {
        let dir = try Self.dataset("export-mv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("mv/testmini.json")
        #expect(try Exporter.export(.init(dataset: dir, format: .mathverse, out: out)).records == 12)
        let items = try Self.array(out)
        let keys = ["sample_index", "problem_index", "problem_version", "question", "image", "answer", "question_type",
                    "metadata", "category", "query_wo", "query_cot", "question_for_eval"]
        let evals = try TestSupport.lines(dir.appendingPathComponent(OutputFile.eval))
        for (item, e) in zip(items, evals) {
            for k in keys { #expect(item[k] != nil, "\(k)") }
            let choice = e["answer"]?["type"] == "choice"
            #expect(item["question_type"] == (choice ? "multi-choice" : "free-form"))
            #expect(item["answer"]?.stringValue == (choice ? e["answer"]?["correct"] : e["answer"]?["text"])?.stringValue)
            #expect(item["category"]?["subject"] == item["metadata"]?["subject"])
            if let p = item["image"]?.stringValue {
                #expect(FileManager.default.fileExists(atPath: out.deletingLastPathComponent().appendingPathComponent(p).path))
            }
        }
        let versions = Set(items.compactMap { $0["problem_version"]?.stringValue })
        #expect(versions == ["Text Only", "Text Dominant", "Text Lite", "Vision Intensive", "Vision Dominant", "Vision Only"])
        #expect(Set(items.compactMap { $0["problem_index"]?.stringValue }).count == 2)
        // Only the eval split has MathVerse's layout.
        #expect(throws: PairBuilderError.self) { try Exporter.check(split: "pairs", format: .mathverse) }
    }

    static func tar(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tar"] + args
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func webDatasetShardsHoldEverySampleWithItsImages() throws {
        let dir = try Self.dataset("export-wds")
        defer { try? FileManager.default.removeItem(at: dir) }
        let prefix = dir.appendingPathComponent("wds/pairs")
        let s = try Exporter.export(.init(dataset: dir, format: .webdataset, out: prefix, images: nil).withShardSize(4))
        #expect(s.records == 6)
        let index = try JSONParser.parse(Array(Data(contentsOf: dir.appendingPathComponent("wds/pairs-index.json"))))
        #expect(index["shards"]?.arrayValue?.map { $0["samples"]?.intValue } == [4, 2])
        let pairs = try TestSupport.lines(dir.appendingPathComponent(OutputFile.pairs))
        var names: [String] = []
        for shard in ["pairs-000000.tar", "pairs-000001.tar"] {
            names += try Self.tar(["-tf", dir.appendingPathComponent("wds/" + shard).path]).split(separator: "\n").map(String.init)
        }
        // Record order; each sample's JSON first, then the images it has (a text-only member has none).
        var expected: [String] = []
        for r in pairs {
            let key = try #require(r["id"]?.stringValue)
            expected.append(key + ".json")
            if r["image_url"] != .null { expected.append(key + ".1.png") }
            if r["image_url_2"] != .null { expected.append(key + ".2.png") }
        }
        #expect(names == expected)
        // The PNG in a sample is the dataset's file, byte for byte; the JSON names it.
        let out = dir.appendingPathComponent("wds/x")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        _ = try Self.tar(["-xf", dir.appendingPathComponent("wds/pairs-000000.tar").path, "-C", out.path])
        let first = pairs[0]
        let key = try #require(first["id"]?.stringValue)
        let image2 = try #require(first["image_url_2"]?.stringValue)
        #expect(try Data(contentsOf: out.appendingPathComponent(key + ".2.png")) == Data(contentsOf: dir.appendingPathComponent(image2)))
        let sample = try JSONParser.parse(Array(Data(contentsOf: out.appendingPathComponent(key + ".json"))))
        #expect(sample["image_url_2"]?.stringValue == key + ".2.png" && sample["output"] == first["output"])
        // Same records, same bytes; existing shards are not replaced without overwrite.
        let before = try Data(contentsOf: dir.appendingPathComponent("wds/pairs-000000.tar"))
        #expect(throws: PairBuilderError.self) { try Exporter.export(.init(dataset: dir, format: .webdataset, out: prefix)) }
        _ = try Exporter.export(.init(dataset: dir, format: .webdataset, out: prefix, overwrite: true).withShardSize(4))
        #expect(try Data(contentsOf: dir.appendingPathComponent("wds/pairs-000000.tar")) == before)
    }

    @Test func hfMakesTheFolderADatasetWithACard() throws {
        let dir = try Self.dataset("export-hf")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Exporter.export(.init(dataset: dir, format: .hf, out: dir).withShardSize(5))
        let card = try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8)
        for split in ["pairs", "stage1", "instruct", "captions", "eval"] {
            #expect(card.contains("- config_name: \(split)\n  data_files:"), "\(split) config")
            #expect(card.contains("path: hf/\(split)-*.tar"))
            let index = try JSONParser.parse(Array(Data(contentsOf: dir.appendingPathComponent("hf/\(split)-index.json"))))
            let lines = try TestSupport.lines(dir.appendingPathComponent(split + ".jsonl")).count
            #expect(index["samples"]?.intValue == lines, "\(split): every record is a sample")
        }
        // Features declared (eval mixes text-only and imaged samples), and how it was made.
        #expect(card.contains("- config_name: eval\n  features:") && card.contains("  - name: png\n    dtype: image"))
        #expect(card.contains("    - name: answer\n      struct:") && card.contains("- seed: 11"))
        #expect(throws: PairBuilderError.self) { try Exporter.export(.init(dataset: dir, format: .hf, out: dir)) }
    }
}

extension Exporter.Request {
    func withShardSize(_ n: Int) -> Self { var r = self; r.shardSize = n; return r }
}
