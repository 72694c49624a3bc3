import DatasetFormat
import Foundation
import Testing
@testable import Trainer

@Suite struct TokenizerAndBatchTests {
    @Test func bytesRoundTripAndSpecials() {
        let t = ByteTokenizer()
        let s = "∠ABC = 60°, x² + 1"
        #expect(t.decode(t.encode(s)) == s)
        #expect(t.encode("A") == [65])
        #expect(t.decode([72, 105, ByteTokenizer.eos, 33]) == "Hi")
        #expect(Set([ByteTokenizer.pad, ByteTokenizer.bos, ByteTokenizer.eos, ByteTokenizer.image]).count == 4)
        #expect(ByteTokenizer.vocabularySize == 260)
    }

    /// bos, image tokens, instruction, answer, eos; targets on answer + eos only.
    @Test func sequenceLayoutAndLossMask() throws {
        let c = Fixtures.config   // 4 image tokens after the 2x2 shuffle
        let b = try Batch(examples: [Example(image: Fixtures.image(1), instruction: "ab", answer: "7"),
                                     Example(image: nil, instruction: "q", answer: "12")], config: c)
        #expect(b.size == 2 && b.length == 9 && b.imageCount == 1)
        let bos = ByteTokenizer.bos, img = ByteTokenizer.image, eos = ByteTokenizer.eos, pad = ByteTokenizer.pad
        #expect(Array(b.tokens[0..<9]) == [bos, img, img, img, img, 97, 98, 55, eos])
        #expect(Array(b.tokens[9..<18]) == [bos, 113, 49, 50, eos, pad, pad, pad, pad])
        #expect(Array(b.imageRows[0..<9]) == [-1, 0, 1, 2, 3, -1, -1, -1, -1])
        #expect(b.imageRows[9..<18].allSatisfy { $0 == -1 })
        // Sample 0: position 6 ("b") predicts "7", position 7 predicts eos.
        #expect(b.lossRows == [6, 7, 9 + 1, 9 + 2, 9 + 3] as [Int32])   // sample 1: "q" predicts "1"
        #expect(b.lossTargets == [55, eos, 49, 50, eos])
        #expect(b.lossRowsPerSample == [2, 3])
    }

    @Test func tooLongSampleIsAnError() {
        let long = String(repeating: "x", count: 40)
        #expect(throws: TrainerError.sequenceTooLong(length: 42, limit: 40, context: "f.jsonl:3")) {
            try Batch(examples: [Example(image: nil, instruction: long, answer: "", source: "f.jsonl:3")], config: Fixtures.config)
        }
    }
}

@Suite struct ImageTests {
    @Test func decodesGrayRGBAndRGBA() throws {
        let dir = TempDirectory()
        // 2x1 images: black then white, in three channel layouts.
        try ImageLoader.writePNG(path: dir.file("g.png"), width: 2, height: 1, channels: 1, bytes: [0, 255])
        try ImageLoader.writePNG(path: dir.file("rgb.png"), width: 2, height: 1, channels: 3, bytes: [0, 0, 0, 255, 255, 255])
        // RGBA: opaque red, fully transparent black (composited onto white).
        try ImageLoader.writePNG(path: dir.file("rgba.png"), width: 2, height: 1, channels: 4, bytes: [255, 0, 0, 255, 0, 0, 0, 0])
        #expect(try ImageLoader.loadGray(path: dir.file("g.png")).pixels == [0, 1])
        #expect(try ImageLoader.loadGray(path: dir.file("rgb.png")).pixels == [0, 1])
        let rgba = try ImageLoader.loadGray(path: dir.file("rgba.png")).pixels
        #expect(abs(rgba[0] - 0.299) < 1e-3)
        #expect(rgba[1] == 1)
    }

    @Test func missingAndCorruptImages() throws {
        let dir = TempDirectory()
        #expect(throws: TrainerError.missingImage(path: dir.file("nope.png"))) {
            try ImageLoader.loadGray(path: dir.file("nope.png"))
        }
        try dir.write("bad.png", "this is not a png")
        do {
            _ = try ImageLoader.loadGray(path: dir.file("bad.png"))
            Issue.record("expected an error")
        } catch let TrainerError.corruptImage(path, reason) {
            #expect(path == dir.file("bad.png"))
            #expect(!reason.isEmpty)
        }
    }

    @Test func resampling() {
        // Area: a 4x4 image of 2x2 blocks averages to its block means.
        let img = GrayImage(width: 4, height: 4, pixels: [0, 0, 1, 1, 0, 0, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.5, 0.5, 0.25, 0.25])
        #expect(img.resized(to: 2).pixels == [0, 1, 0.5, 0.25])
        // Non-integer area factor keeps a constant image constant.
        let flat = GrayImage(width: 7, height: 5, pixels: [Float](repeating: 0.3, count: 35)).resized(to: 3)
        #expect(flat.pixels.allSatisfy { abs($0 - 0.3) < 1e-6 })
        // Bilinear upscaling with half-pixel centers: [0, 1] -> [0, 0.25, 0.75, 1].
        let up = GrayImage(width: 2, height: 2, pixels: [0, 1, 0, 1]).resized(to: 4)
        #expect(Array(up.pixels[0..<4]) == [0, 0.25, 0.75, 1])
    }
}

@Suite struct DatasetTests {
    static func makeDataset() throws -> TempDirectory {
        let dir = TempDirectory()
        try dir.write("manifest.json", #"{"formatVersion": 1}"#)
        try FileManager.default.createDirectory(atPath: dir.file("images"), withIntermediateDirectories: true)
        try ImageLoader.writePNG(GrayImage(width: 16, height: 16, pixels: Fixtures.image(9, size: 16)), path: dir.file("images/p1.png"))
        try dir.write("stage1.jsonl", """
            {"instruction": "2+2?", "output": "4"}

            {"instruction": "3*3?", "output": "9", "extra": 1}
            """)
        try dir.write("pairs.jsonl", """
            {"image_url": null, "instruction": "AB=3, BC=4, AC?", "output": "5", "image_url_2": "images/p1.png", "instruction_2": "AC?", "output_2": "5", "id": "p1-0", "problem_id": 17, "level": "text-only", "level_2": "vision-only", "ratio": 1.0, "ratio_2": 0.0}
            """)
        try dir.write("eval.jsonl", """
            {"id": "e1", "problem_id": "q1", "level": "vision-only", "image_url": "images/p1.png", "instruction": "Answer.", "output": "5", "answer": {"value": 5, "type": "number"}}
            """)
        return dir
    }

    @Test func readsSplitsRelativeToManifest() throws {
        let dir = try Self.makeDataset()
        let ds = try Dataset(manifest: dir.file("manifest.json"))
        let s1 = try ds.stage1()
        #expect(s1.count == 2)
        #expect(s1[1].answer == "9" && s1[1].source.hasSuffix("stage1.jsonl:3"))
        let pairs = try ds.pairs(imageSize: 8)
        #expect(pairs.count == 1)
        #expect(pairs[0].reference.image == nil)
        #expect(pairs[0].vision.image?.count == 64)
        let ev = try ds.eval()
        #expect(ev[0].record.answer.value == 5)
        #expect(ev[0].record.imageURL == "images/p1.png")
    }

    @Test func malformedLinesNameFileAndLine() throws {
        let dir = try Self.makeDataset()
        try dir.write("stage1.jsonl", """
            {"instruction": "a", "output": "b"}
            {"instruction": "a", "output": "b"}
            {"instruction": "a" "output": "b"}
            """)
        let ds = try Dataset(manifest: dir.file("manifest.json"))
        #expect(throws: TrainerError.malformedRecord(path: dir.file("stage1.jsonl"), line: 3, reason: "not valid JSON")) {
            try ds.stage1()
        }
        try dir.write("stage1.jsonl", """
            {"instruction": "a", "output": "b"}
            {"instruction": "a"}
            """)
        do {
            _ = try ds.stage1()
            Issue.record("expected an error")
        } catch let TrainerError.malformedRecord(path, line, reason) {
            #expect(path == dir.file("stage1.jsonl") && line == 2)
            #expect(reason.contains("output"), "\(reason)")
        }
    }

    @Test func missingImageInPairsIsReported() throws {
        let dir = try Self.makeDataset()
        try FileManager.default.removeItem(atPath: dir.file("images/p1.png"))
        let ds = try Dataset(manifest: dir.file("manifest.json"))
        #expect(throws: TrainerError.missingImage(path: dir.file("images/p1.png"))) { try ds.pairs(imageSize: 8) }
        // Lazy loading names the same file up front, not at the first batch that draws it.
        #expect(throws: TrainerError.missingImage(path: dir.file("images/p1.png"))) {
            try ds.pairs(imageSize: 8, loading: .lazy)
        }
    }

    /// Lazily loaded samples hold no pixels, and batch to exactly the eager batch.
    @Test func lazyImagesBatchLikeEagerOnes() throws {
        let dir = try Self.makeDataset()
        let ds = try Dataset(manifest: dir.file("manifest.json"))
        let c = Fixtures.config
        let eager = try ds.pairs(imageSize: c.imageSize), lazy = try ds.pairs(imageSize: c.imageSize, loading: .lazy)
        #expect(lazy.allSatisfy { $0.vision.image == nil && $0.vision.imageFile != nil })
        #expect(eager.contains { $0.vision.image != nil })
        let a = try Batch(examples: eager.flatMap { [$0.reference, $0.vision] }, config: c)
        let b = try Batch(examples: lazy.flatMap { [$0.reference, $0.vision] }, config: c)
        #expect(a.images == b.images && a.tokens == b.tokens && a.imageRows == b.imageRows && a.imageCount > 0)
    }

    /// Stage 1 end to end: trains, checkpoints, and resumes to the same parameters.
    @Test func textStageResumesExactly() throws {
        let data = try Self.makeDataset()
        let ds = try Dataset(manifest: data.file("manifest.json"))
        var opt = OptimizerConfig()
        opt.warmupSteps = 1
        opt.totalSteps = 4
        let straight = TempDirectory(), resumed = TempDirectory()
        try Stages.text(dataset: ds, out: straight.path, model: Fixtures.config, optimizer: opt,
                        options: RunOptions(steps: 4, batchSize: 3, seed: 5))
        try Stages.text(dataset: ds, out: resumed.path, model: Fixtures.config, optimizer: opt,
                        options: RunOptions(steps: 2, batchSize: 3, seed: 5))
        var events: [StageEvent] = []
        let s = try Stages.text(dataset: ds, out: resumed.path, model: Fixtures.config, optimizer: opt,
                                options: RunOptions(steps: 4, batchSize: 3, seed: 5)) { events.append($0) }
        #expect(s.optimizer.step == 4)
        if case let .started(step, total, examples, _, _) = events.first { #expect(step == 2 && total == 4 && examples == 2) }
        let a = try Checkpoint.loadModel(straight.path), b = try Checkpoint.loadModel(resumed.path)
        #expect(Array(a.params.buffer) == Array(b.params.buffer))
        let cfg = try Checkpoint.readConfig(resumed.path)
        #expect(cfg.step == 4 && cfg.trainable == [.lm] && cfg.run?["stage"] == "text")
    }
}
