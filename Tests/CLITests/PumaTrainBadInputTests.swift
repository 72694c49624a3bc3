import DatasetFormat
import Foundation
import Geometry
import Testing

/// puma-train's rows of docs/BAD_INPUTS.md, run against the built executable.
@Suite struct PumaTrainBadInputTests {
    /// A model small enough for a step in ~0.1 s in a debug build, wide enough in
    /// positions for the small dataset's answer-only records.
    static let tiny = ["--image-size", "16", "--patch-size", "4", "--vision-width", "16", "--vision-layers", "1",
                       "--vision-heads", "2", "--width", "16", "--layers", "1", "--heads", "2", "--max-positions", "512",
                       "--batch-size", "2", "--quiet"]
    /// One BLAS thread: bit-identical steps, so resumed and uninterrupted runs can be compared byte for byte.
    static let env = ["OPENBLAS_NUM_THREADS": "1"]

    static func manifest() throws -> String { try BadInput.smallDataset().appendingPathComponent("manifest.json").path }

    static func train(_ stage: String, manifest: String, out: String, steps: Int, _ extra: [String] = []) throws -> CLI.Result {
        try BadInput.run("puma-train", [stage, "--manifest", manifest, "--out", out, "--steps", String(steps)] + tiny + extra,
                         env: env)
    }

    /// The step recorded in a checkpoint's config.json (nil when there is no checkpoint).
    static func checkpointStep(_ dir: URL) -> Int? {
        guard let d = FileManager.default.contents(atPath: dir.appendingPathComponent("config.json").path),
              let v = try? JSONParser.parse(Array(d)) else { return nil }
        return v["step"]?.intValue
    }

    /// Whether every F32 tensor of a safetensors file is finite (header: u64 length, JSON, data).
    static func allFinite(_ url: URL) throws -> Bool {
        let bytes = [UInt8](try Data(contentsOf: url))
        let n = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try JSONParser.parse(Array(bytes[8..<(8 + n)]))
        for (name, t) in header.objectValue ?? [] where name != "__metadata__" {
            guard t["dtype"]?.stringValue == "F32", let r = t["data_offsets"]?.arrayValue,
                  let a = r.first?.intValue, let b = r.last?.intValue else { continue }
            var k = 8 + n + a
            while k < 8 + n + b {
                let bits = UInt32(bytes[k]) | UInt32(bytes[k + 1]) << 8 | UInt32(bytes[k + 2]) << 16 | UInt32(bytes[k + 3]) << 24
                if !Float(bitPattern: bits).isFinite { return false }
                k += 4
            }
        }
        return true
    }

    // MARK: flags

    @Test(arguments: [
        (["text", "--steps", "0"], "--steps"),
        (["text", "--steps", "ten"], "--steps"),
        (["text", "--steps", "2", "--batch-size", "0"], "--batch-size"),
        (["text", "--steps", "2", "--lr=-1"], "--lr"),
        (["text", "--steps", "2", "--trainable", "eyes"], "--trainable"),
        (["text", "--steps", "2", "--checkpoint-every=-1"], "--checkpoint-every"),
        (["text", "--steps", "2", "--bogus"], "--bogus"),
        (["text", "--steps", "2", "--width", "0"], "width"),
        (["text", "--steps", "2", "--width", "16", "--heads", "3"], "heads"),
        (["align", "--steps", "2", "--alpha", "2"], "--alpha"),
        (["caption", "--steps", "2", "--task", "read"], "--task"),
        (["instruct", "--steps", "2", "--text-mix", "1.5"], "--text-mix"),
        (["align", "--steps", "2", "--temperature", "0"], "--temperature"),
        (["reference-batch", "--checkpoint", "/nonexistent-ck", "--pairs", "0"], "--pairs"),
        (["reference-batch", "--checkpoint", "/nonexistent-ck", "--temperature", "0"], "--temperature"),
        (["reference-batch", "--checkpoint", "/nonexistent-ck"], "/nonexistent-ck"),
    ])
    func badFlagsNameTheFlag(_ args: [String], _ named: String) throws {
        let out = BadInput.tempDir("pt-flags")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try BadInput.run("puma-train", args + ["--manifest", try Self.manifest(), "--out", out.path], env: Self.env)
        #expect(r.status != 0)
        #expect(r.stderr.contains(named), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("config.json").path))
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
    }

    /// eval's flags are checked before the checkpoint is opened.
    @Test func evalTranscriptionTaskIsNamed() throws {
        let r = try BadInput.run("puma-train", ["eval", "--checkpoint", "/nonexistent/run", "--manifest", try Self.manifest(),
                                                "--transcription", "4", "--transcription-task", "read"], env: Self.env)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--transcription-task") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    /// experiment-report: no input, a folder without outcomes, a bad line.
    @Test func experimentReportInputsAreNamed() throws {
        let dir = BadInput.tempDir("pt-outcomes")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("outcomes.jsonl")
        let lines = #"{"seed":0,"arm":"baseline","problem_id":"e1","family":"f","level":"text_dominant","correct":true}"#
            + "\n" + #"{"seed":0}"# + "\n"
        try Data(lines.utf8).write(to: bad)
        let out = dir.appendingPathComponent("report").path
        for (args, named) in [([String](), "experiment folder"), ([dir.appendingPathComponent("none").path], "none"),
                              ([bad.path], "outcomes.jsonl:2")] {
            let r = try BadInput.run("puma-train", ["experiment-report"] + args + ["--out", out], env: Self.env)
            #expect(r.status != 0)
            #expect(r.stderr.contains(named) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/report.md"))
        }
    }

    @Test func missingManifestIsOneLineNamingIt() throws {
        let out = BadInput.tempDir("pt-nomanifest")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try Self.train("text", manifest: "/nonexistent/manifest.json", out: out.path, steps: 1)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("/nonexistent/manifest.json"), "\(r.stderr)")
    }

    // MARK: unwritable and full output locations

    @Test(arguments: ["FILE/run", "/proc/puma-train-cannot-write-here"])
    func unwritableOutIsOneLineNamingThePath(_ template: String) throws {
        let dir = BadInput.tempDir("pt-unwritable")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let out = template.replacingOccurrences(of: "FILE", with: file.path)
        let r = try Self.train("text", manifest: try Self.manifest(), out: out, steps: 1)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(out), "\(r.stderr)")
    }

    /// A full disk, simulated by `ulimit -f` with SIGXFSZ ignored by the shell (the
    /// ignore is inherited), so the checkpoint write fails with EFBIG like ENOSPC.
    @Test func fullDiskWhileCheckpointingNamesTheFile() throws {
        let out = BadInput.tempDir("pt-full")
        defer { try? FileManager.default.removeItem(at: out) }
        let args = ["text", "--manifest", try Self.manifest(), "--out", out.path, "--steps", "1"] + Self.tiny
        let r = try BadInput.runLimited("trap '' XFSZ; ulimit -f 20", "puma-train", args, env: Self.env, signals: "INT,TERM")
        #expect(r.status == 1, "status \(r.status): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(out.path) && r.stderr.contains("safetensors"), "\(r.stderr)")
        #expect(Self.checkpointStep(out) == nil, "a checkpoint claims to be complete")
        let stray = ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter { $0.contains(".tmp") }
        #expect(stray.isEmpty, "\(stray)")
    }

    /// The same limit without the shell's help: the file-size signal must not kill the trainer.
    @Test func fileSizeLimitIsAnErrorNotADeathBySignal() throws {
        let out = BadInput.tempDir("pt-xfsz")
        defer { try? FileManager.default.removeItem(at: out) }
        let args = ["text", "--manifest", try Self.manifest(), "--out", out.path, "--steps", "1"] + Self.tiny
        let r = try BadInput.runLimited("ulimit -f 20", "puma-train", args, env: Self.env)
        #expect(r.status != 0)
        #expect(r.status == 1 && r.stderr.contains("model.safetensors"), "status \(r.status): \(r.stderr)")
    }

    // MARK: malformed JSONL

    @Test func malformedJSONLIsNamedByFileAndLine() throws {
        let dir = try BadInput.copy(try BadInput.smallDataset(), "pt-malformed")
        let out = BadInput.tempDir("pt-malformed-out")
        defer { for u in [dir, out] { try? FileManager.default.removeItem(at: u) } }
        let url = dir.appendingPathComponent("stage1.jsonl")
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[2] = String(lines[2].prefix(30))
        lines[4] = lines[4].replacingOccurrences(of: #""instruction":"#, with: #""instruction":7,"x":"#)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        let manifest = dir.appendingPathComponent("manifest.json").path
        let r = try Self.train("text", manifest: manifest, out: out.path, steps: 1)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(url.path + ":3:"), "\(r.stderr)")

        lines[2] = lines[1]
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        let typed = try Self.train("text", manifest: manifest, out: out.path, steps: 1)
        #expect(typed.status == 1)
        #expect(typed.stderr.contains(url.path + ":5:") && typed.stderr.contains("instruction"), "\(typed.stderr)")
    }

    // MARK: missing and corrupt images

    @Test(arguments: ["missing", "corrupt"])
    func missingOrCorruptImageIsNamed(_ damage: String) throws {
        let dir = try BadInput.copy(try BadInput.smallDataset(), "pt-image")
        let out = BadInput.tempDir("pt-image-out")
        defer { for u in [dir, out] { try? FileManager.default.removeItem(at: u) } }
        let first = try BadInput.records(dir.appendingPathComponent("instruct.jsonl"))[0]
        let image = dir.appendingPathComponent(try #require(first["image_url"]?.stringValue))
        if damage == "missing" {
            try FileManager.default.removeItem(at: image)
        } else {
            let png = try Data(contentsOf: image)
            try png.prefix(png.count / 2).write(to: image)
        }
        let r = try Self.train("instruct", manifest: dir.appendingPathComponent("manifest.json").path, out: out.path, steps: 1)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(image.path), "\(r.stderr)")
        #expect(r.stderr.contains(damage == "missing" ? "not found" : "cannot decode"), "\(r.stderr)")
    }

    // MARK: checkpoints

    @Test func checkpointThatDoesNotMatchItsConfigIsNamed() throws {
        let run = BadInput.tempDir("pt-ckpt")
        defer { try? FileManager.default.removeItem(at: run) }
        let manifest = try Self.manifest()
        #expect(try Self.train("text", manifest: manifest, out: run.path, steps: 2).status == 0)

        // config.json describes another shape than the tensors hold.
        let configURL = run.appendingPathComponent("config.json")
        let config = try String(contentsOf: configURL, encoding: .utf8)
        try config.replacingOccurrences(of: #""width": 16"#, with: #""width": 24"#).write(to: configURL, atomically: true, encoding: .utf8)
        let resumed = try Self.train("text", manifest: manifest, out: run.path, steps: 4, ["--resume"])
        #expect(resumed.status == 1)
        #expect(resumed.stderr.split(separator: "\n").count == 1, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("model.safetensors") && resumed.stderr.contains("does not match config.json"), "\(resumed.stderr)")
        let next = BadInput.tempDir("pt-ckpt-from")
        defer { try? FileManager.default.removeItem(at: next) }
        let from = try Self.train("align", manifest: manifest, out: next.path, steps: 1, ["--from", run.path])
        #expect(from.status == 1 && from.stderr.contains("does not match config.json"), "\(from.stderr)")
        let eval = try BadInput.run("puma-train", ["eval", "--checkpoint", run.path, "--manifest", manifest,
                                                   "--report", next.appendingPathComponent("report").path], env: Self.env)
        #expect(eval.status == 1 && eval.stderr.contains("does not match config.json"), "\(eval.stderr)")

        // A cut weights file.
        try config.write(to: configURL, atomically: true, encoding: .utf8)
        let weights = run.appendingPathComponent("model.safetensors")
        let data = try Data(contentsOf: weights)
        try data.prefix(data.count - 100).write(to: weights)
        let cut = try Self.train("text", manifest: manifest, out: run.path, steps: 4, ["--resume"])
        #expect(cut.status == 1)
        #expect(cut.stderr.contains("model.safetensors") && cut.stderr.contains("truncated"), "\(cut.stderr)")
    }

    // MARK: NaN loss and signals

    /// A learning rate of 1e30 turns the loss into NaN at step 2. The trainer must stop
    /// with a message naming the step, and the checkpoint left in --out must be the last
    /// good one (finite weights), not the NaN state.
    @Test func nonFiniteLossStopsAndKeepsTheLastGoodCheckpoint() throws {
        let out = BadInput.tempDir("pt-nan")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try Self.train("instruct", manifest: try Self.manifest(), out: out.path, steps: 6,
                               ["--lr", "1e30", "--warmup", "0", "--clip", "0", "--min-lr", "0", "--checkpoint-every", "1"])
        let weights = out.appendingPathComponent("model.safetensors")
        #expect(r.status != 0, "status \(r.status)")
        #expect(r.stderr.lowercased().contains("nan") || r.stderr.contains("not finite"), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: weights.path))
        #expect((try? Self.allFinite(weights)) == true, "the checkpoint holds non-finite weights")
    }

    /// SIGINT mid-run: finish the current step, write a checkpoint, exit 130; --resume continues it.
    @Test func sigintCheckpointsAndExitsCleanly() throws {
        let out = BadInput.tempDir("pt-sigint")
        defer { try? FileManager.default.removeItem(at: out) }
        let manifest = try Self.manifest()
        let p = try BadInput.start("puma-train", ["instruct", "--manifest", manifest, "--out", out.path, "--steps", "3000"] + Self.tiny,
                                   env: Self.env)
        let log = out.appendingPathComponent("log.jsonl")
        func logged() -> Int { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").count }
        #expect(BadInput.waitUntil(timeout: 60) { logged() >= 3 }, "no step logged within 60 s")
        let before = logged()
        p.send(SIGINT)
        let r = p.finish(timeout: 30)
        #expect(r.status == 130, "status \(r.status)")
        let step = Self.checkpointStep(out)
        #expect(step != nil && (step ?? 0) >= before, "checkpoint step \(String(describing: step)), \(before) steps logged")
        #expect(r.stderr.contains("--resume"), "\(r.stderr)")
        let resumed = try Self.train("instruct", manifest: manifest, out: out.path, steps: (step ?? 0) + 2, ["--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
    }

    /// SIGKILL between checkpoints: --resume continues from the last checkpoint and ends
    /// with weights and optimizer state byte-identical to an uninterrupted run.
    @Test func killNineThenResumeLosesNothing() throws {
        let manifest = try Self.manifest()
        let reference = BadInput.tempDir("pt-ref")
        let out = BadInput.tempDir("pt-kill")
        defer { for u in [reference, out] { try? FileManager.default.removeItem(at: u) } }
        let extra = ["--checkpoint-every", "3"]
        #expect(try Self.train("instruct", manifest: manifest, out: reference.path, steps: 30, extra).status == 0)
        let p = try BadInput.start("puma-train", ["instruct", "--manifest", manifest, "--out", out.path, "--steps", "30"]
                                   + Self.tiny + extra, env: Self.env)
        #expect(BadInput.waitUntil(timeout: 60) { (Self.checkpointStep(out) ?? 0) >= 6 })
        Thread.sleep(forTimeInterval: 0.15)
        p.send(SIGKILL)
        let killed = p.finish()
        if killed.status == 0 { return }  // finished before the kill on a fast machine: nothing to resume
        #expect(killed.status == 128 + SIGKILL)
        let resumed = try Self.train("instruct", manifest: manifest, out: out.path, steps: 30, extra + ["--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        for f in ["model.safetensors", "optimizer.safetensors"] {
            #expect(FileManager.default.contents(atPath: reference.appendingPathComponent(f).path)
                    == FileManager.default.contents(atPath: out.appendingPathComponent(f).path), "\(f) differs")
        }
        let steps = (try String(contentsOf: out.appendingPathComponent("log.jsonl"), encoding: .utf8)).split(separator: "\n").count
        #expect(steps == 30, "log.jsonl has \(steps) lines")
    }
}
