import DatasetFormat
import Foundation
import Geometry
import Testing

/// mathgen's rows of docs/BAD_INPUTS.md: every bad input ends in one line naming
/// the flag or file and a non-zero exit, and no interruption loses committed work.
@Suite struct MathgenBadInputTests {
    // MARK: flags of the other commands (generate's are in MathgenCLITests)

    @Test(arguments: [
        (["gallery", "/nonexistent-dataset"], "/nonexistent-dataset"),
        (["gallery", "DATA", "--per-page", "0"], "--per-page"),
        (["gallery", "DATA", "--thumb", "5"], "--thumb"),
        (["gallery", "DATA", "--contact-sheet", "--thumb", "9999"], "--thumb"),
        (["gallery", "DATA", "--bogus"], "--bogus"),
        (["gallery"], "<dir>"),
        (["verify", "/nonexistent-dataset"], "/nonexistent-dataset"),
        (["verify", "DATA", "--threads", "x"], "--threads"),
        (["export", "DATA", "--format", "csv", "--out", "OUT/x.json"], "--format"),
        (["export", "DATA", "--format", "llava", "--split", "nope", "--out", "OUT/x.json"], "--split"),
        (["export", "DATA", "--format", "llava", "--split", "pairs", "--out", "OUT/x.json"], "--format"),
        (["merge", "--out", "OUT/m", "/nonexistent-shard"], "/nonexistent-shard"),
        (["families", "--bogus"], "--bogus"),
    ])
    func badFlagsOfEveryCommandNameTheFlag(_ template: [String], _ named: String) throws {
        let data = try BadInput.smallDataset()
        let out = BadInput.tempDir("flags-out")
        defer { try? FileManager.default.removeItem(at: out) }
        let args = template.map {
            $0.replacingOccurrences(of: "DATA", with: data.path).replacingOccurrences(of: "OUT", with: out.path)
        }
        let r = try CLI.run("mathgen", args)
        #expect(r.status != 0, "\(args)")
        #expect(r.stderr.split(separator: "\n").count == 1, "expected one line, got: \(r.stderr)")
        #expect(r.stderr.contains(named), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("gallery").path))
    }

    // MARK: unwritable and full output locations

    /// Root ignores permission bits, so "unwritable" is a path below a regular file and a path in /proc.
    @Test(arguments: ["FILE/sub", "/proc/mathgen-cannot-write-here"])
    func unwritableOutIsOneLineNamingThePath(_ template: String) throws {
        let dir = BadInput.tempDir("unwritable")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let out = template.replacingOccurrences(of: "FILE", with: file.path)
        let r = try CLI.run("mathgen", ["--pairs", "2", "--image-size", "64", "--out", out])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("--out") && r.stderr.contains(out), "\(r.stderr)")

        let g = try CLI.run("mathgen", ["gallery", try BadInput.smallDataset().path, "--out", out])
        #expect(g.status == 1, "\(g.stderr)")
        #expect(g.stderr.split(separator: "\n").count == 1 && g.stderr.contains(out), "\(g.stderr)")
    }

    /// A full disk, simulated by a file-size limit (`ulimit -f`, in 512-byte blocks): the
    /// failing write becomes one line naming the file, and --resume without the limit
    /// finishes the run byte-identical to an uninterrupted one.
    @Test func fullDiskNamesTheFileAndTheRunResumes() throws {
        let args = ["--pairs", "30", "--eval-problems", "2", "--image-size", "64", "--style", "plain",
                    "--threads", "2", "--chunk", "4"]
        let reference = BadInput.tempDir("full-ref")
        let out = BadInput.tempDir("full")
        defer { for u in [reference, out] { try? FileManager.default.removeItem(at: u) } }
        #expect(try CLI.run("mathgen", args + ["--out", reference.path]).status == 0)

        let r = try BadInput.runLimited("ulimit -f 40", "mathgen", args + ["--out", out.path])
        #expect(r.status == 1, "status \(r.status): \(r.stderr)")
        let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("progress:") }
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(lines.first?.contains(out.path) == true && r.stderr.contains("File too large"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))

        let resumed = try CLI.run("mathgen", args + ["--out", out.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(BadInput.differences(BadInput.tree(reference), BadInput.tree(out)) == [])
    }

    @Test func fullDiskWhileWritingTheGalleryNamesTheFile() throws {
        let data = try BadInput.smallDataset()
        let out = BadInput.tempDir("gallery-full")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try BadInput.runLimited("ulimit -f 8", "mathgen", ["gallery", data.path, "--out", out.path])
        #expect(r.status == 1, "status \(r.status): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(out.path) && r.stderr.contains("File too large"), "\(r.stderr)")
        // Only whole files are left: no temp file of the failed write.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(!names.contains { $0.hasSuffix(".tmp") }, "\(names)")
    }

    // MARK: malformed JSONL and manifests

    /// Replaces line `n` (1-based) of a JSONL file.
    func breakLine(_ url: URL, _ n: Int, with text: String) throws {
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[n - 1] = text
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func malformedJSONLIsNamedByFileAndLine() throws {
        let dir = try BadInput.copy(try BadInput.smallDataset(), "malformed")
        let out = BadInput.tempDir("malformed-out")
        defer { for u in [dir, out] { try? FileManager.default.removeItem(at: u) } }
        try breakLine(dir.appendingPathComponent("pairs.jsonl"), 3, with: #"{"image_url": "images/x.png", "instruction": "#)
        try breakLine(dir.appendingPathComponent("problems.jsonl"), 5, with: "not json at all")

        let export = try CLI.run("mathgen", ["export", dir.path, "--format", "math-puma", "--out", out.appendingPathComponent("p.jsonl").path])
        #expect(export.status == 1)
        #expect(export.stderr.split(separator: "\n").count == 1)
        #expect(export.stderr.contains(dir.appendingPathComponent("pairs.jsonl").path + ":3:"), "\(export.stderr)")

        let gallery = try CLI.run("mathgen", ["gallery", dir.path, "--out", out.appendingPathComponent("g").path])
        #expect(gallery.status == 1)
        #expect(gallery.stderr.split(separator: "\n").count == 1)
        #expect(gallery.stderr.contains(dir.appendingPathComponent("problems.jsonl").path + ":5:"), "\(gallery.stderr)")

        let verify = try CLI.run("mathgen", ["verify", "--quick", dir.path])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("pairs.jsonl:3:"), "\(verify.stdout)")
        #expect(verify.stdout.contains("problems.jsonl:5:"), "\(verify.stdout)")
    }

    @Test func recordWithAWrongTypeIsNamedByFileLineAndKey() throws {
        let dir = try BadInput.copy(try BadInput.smallDataset(), "wrong-type")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("problems.jsonl")
        let line = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")[1]
        try breakLine(url, 2, with: line.replacingOccurrences(of: #""family":""#, with: #""family":7,"x":""#))
        let gallery = try CLI.run("mathgen", ["gallery", dir.path])
        #expect(gallery.status == 1)
        #expect(gallery.stderr.contains("problems.jsonl:2:") && gallery.stderr.contains("\"family\""), "\(gallery.stderr)")
        let verify = try CLI.run("mathgen", ["verify", "--quick", dir.path])
        #expect(verify.stdout.contains("problems.jsonl:2: key \"family\" is not string"), "\(verify.stdout)")
    }

    @Test func malformedManifestAndProgressRecordAreNamed() throws {
        let dir = try BadInput.copy(try BadInput.smallDataset(), "bad-manifest")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("{\"format_version\": 1,".utf8).write(to: dir.appendingPathComponent("manifest.json"))
        let verify = try CLI.run("mathgen", ["verify", dir.path])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("manifest.json: not valid JSON"), "\(verify.stdout)")
        // --resume over a finished run whose manifest is damaged: one line naming it.
        let resume = try CLI.run("mathgen", BadInput.smallArgs + ["--out", dir.path, "--resume"])
        #expect(resume.status != 0)
        #expect(resume.stderr.split(separator: "\n").count == 1 && resume.stderr.contains("manifest.json"), "\(resume.stderr)")

        // An unfinished run with a damaged progress.json.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("manifest.json"))
        try Data("{\"done\": ".utf8).write(to: dir.appendingPathComponent("progress.json"))
        let r = try CLI.run("mathgen", BadInput.smallArgs + ["--out", dir.path, "--resume"])
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("progress.json") && r.stderr.contains("--overwrite"), "\(r.stderr)")
    }

    // MARK: missing and corrupt images

    @Test func missingAndCorruptImagesAreNamed() throws {
        let dir = try BadInput.copy(try BadInput.smallDataset(), "images")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pairs = try BadInput.records(dir.appendingPathComponent("pairs.jsonl"))
        let gone = try #require(pairs[0]["image_url_2"]?.stringValue)
        let cut = try #require(pairs[1]["image_url"]?.stringValue)
        try FileManager.default.removeItem(at: dir.appendingPathComponent(gone))
        let png = try Data(contentsOf: dir.appendingPathComponent(cut))
        try png.prefix(png.count / 2).write(to: dir.appendingPathComponent(cut))

        let verify = try CLI.run("mathgen", ["verify", dir.path])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\(gone): referenced but missing"), "\(verify.stdout)")
        #expect(verify.stdout.contains("\(cut): "), "\(verify.stdout)")

        // The gallery still writes its pages (a person wants to see the damage) and warns in one line.
        let g = try CLI.run("mathgen", ["gallery", dir.path])
        #expect(g.status == 0, "\(g.stderr)")
        #expect(g.stderr.contains("warning") && g.stderr.contains(gone), "\(g.stderr)")
        let sheet = try CLI.run("mathgen", ["gallery", dir.path, "--contact-sheet", "--out", dir.appendingPathComponent("sheet").path])
        #expect(sheet.status == 0, "\(sheet.stderr)")
        #expect(sheet.stderr.contains("2 referenced image(s)"), "\(sheet.stderr)")
    }

    // MARK: signals

    static let signalArgs = ["--pairs", "60", "--eval-problems", "2", "--image-size", "64", "--style", "plain",
                             "--threads", "1", "--chunk", "4"]

    /// The uninterrupted run the signal tests compare against, written once.
    static let reference: Result<URL, BadInput.CLIFailure> = {
        let out = BadInput.tempDir("signal-ref")
        BadInput.removeAtExit(out)
        guard let r = try? CLI.run("mathgen", signalArgs + ["--out", out.path]), r.status == 0 else {
            return .failure(BadInput.CLIFailure(message: "reference run failed"))
        }
        return .success(out)
    }()

    @Test(arguments: [SIGINT, SIGTERM])
    func interruptCommitsTheChunkExitsCleanlyAndResumes(_ sig: Int32) throws {
        let reference = try Self.reference.get()
        let out = BadInput.tempDir("sig\(sig)")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = try BadInput.start("mathgen", Self.signalArgs + ["--out", out.path])
        let started = BadInput.waitUntil(timeout: 60) { BadInput.mathgenDone(out) >= 8 }
        #expect(started, "no chunk was committed within 60 s")
        p.send(sig)
        let r = p.finish()
        if r.status == 0 { return }  // finished between the check and the signal: nothing left to interrupt
        #expect(r.status == 130, "status \(r.status): \(r.stderr)")
        #expect(r.stderr.contains("--resume"), "\(r.stderr)")
        let done = BadInput.mathgenDone(out)
        // Work is committed in whole chunks of 4 (of 62 items: 2 eval, then 60 training
        // problems); a chunk holds eval or training problems, not both: 2, 6, 10, ...
        #expect(done >= 8 && done < 62 && (done - 2) % 4 == 0, "progress.json done = \(done)")
        let resumed = try CLI.run("mathgen", Self.signalArgs + ["--out", out.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(BadInput.differences(BadInput.tree(reference), BadInput.tree(out)) == [])
    }

    /// SIGKILL at an arbitrary moment (here: after a few commits, mid-chunk): --resume
    /// loses nothing and the result is byte-identical to an uninterrupted run.
    @Test func killNineThenResumeIsByteIdentical() throws {
        let reference = try Self.reference.get()
        let out = BadInput.tempDir("kill9")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = try BadInput.start("mathgen", Self.signalArgs + ["--out", out.path])
        #expect(BadInput.waitUntil(timeout: 60) { BadInput.mathgenDone(out) >= 12 })
        Thread.sleep(forTimeInterval: 0.05)
        p.send(SIGKILL)
        let r = p.finish()
        if r.status == 0 { return }
        #expect(r.status == 128 + SIGKILL, "status \(r.status)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("progress.json").path))
        // The killed run's lock file is left behind; the kernel dropped its lock, so it does not block.
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(".mathgen.lock").path))
        let resumed = try CLI.run("mathgen", Self.signalArgs + ["--out", out.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(BadInput.differences(BadInput.tree(reference), BadInput.tree(out)) == [])
    }

    /// A second run on a folder another run is writing, resume or not, is refused at once
    /// with one line naming the folder and the writer's pid, and touches nothing.
    @Test func secondRunOnABusyFolderIsRefused() throws {
        let out = BadInput.tempDir("busy")
        defer { try? FileManager.default.removeItem(at: out) }
        // Long enough (tens of seconds at one thread) to still be writing while the others try.
        let long = ["--pairs", "20000", "--eval-problems", "2", "--image-size", "64", "--style", "plain",
                    "--threads", "1", "--chunk", "4"]
        let p = try BadInput.start("mathgen", long + ["--out", out.path])
        defer { p.send(SIGKILL); _ = p.finish() }
        #expect(BadInput.waitUntil(timeout: 60) { BadInput.mathgenDone(out) >= 4 })
        for extra in [["--resume"], ["--overwrite"]] {
            let second = try CLI.run("mathgen", long + ["--out", out.path] + extra)
            #expect(second.status == 1, "\(extra): \(second.stderr)")
            #expect(second.stderr.split(separator: "\n").count == 1, "\(second.stderr)")
            #expect(second.stderr.contains(out.path) && second.stderr.contains("pid \(p.pid)"), "\(second.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("progress.json").path),
                "the refused --overwrite removed nothing")
    }
}
