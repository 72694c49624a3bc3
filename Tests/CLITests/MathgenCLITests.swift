import DatasetFormat
import Foundation
import Testing

/// mathgen as a person runs it: bad flags get one line naming the flag and a non-zero exit.
@Suite struct MathgenCLITests {
    @Test(arguments: [
        (["--pairs", "0"], "--pairs"),
        (["--pairs", "-3"], "--pairs"),
        (["--pairs", "5", "--style", "fancy"], "--style"),
        (["--pairs", "5", "--pairing", "sideways"], "--pairing"),
        (["--pairs", "5", "--families", "plane.nope"], "--families"),
        (["--pairs", "5", "--mc-rate", "1.5"], "--mc-rate"),
        (["--pairs", "5", "--shard", "3/2"], "--shard"),
        (["--pairs", "5", "--image-size", "10"], "--image-size"),
        (["--pairs", "5", "--text-scale", "9"], "--text-scale"),
        (["--pairs", "5", "--decoy-rate", "2"], "--decoy-rate"),
        (["--pairs", "5", "--decoy-style", "cards"], "--decoy-style"),
        (["--pairs", "5", "--output", "essay"], "--output"),
        (["--pairs", "5", "--overwrite", "--resume"], "--overwrite"),
        (["--pairs", "5", "--chunk", "0"], "--chunk"),
        (["--pairs", "5", "--depth", "7"], "--depth"),
        (["--pairs", "5", "--depth", "0"], "--depth"),
        (["--pairs", "5", "--width", "4"], "--width"),
        (["--pairs", "5", "--width", "-1"], "--width"),
        (["--pairs", "five"], "--pairs"),
        (["--pairs", "5", "--no-such-flag"], "--no-such-flag"),
    ])
    func badFlagsNameTheFlag(_ args: [String], _ flag: String) throws {
        let out = CLI.tempDir("flags")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLI.run("mathgen", args + ["--out", out.path])
        #expect(r.status != 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(r.stderr)")
        #expect(r.stderr.contains(flag), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("pairs.jsonl").path))
    }

    @Test func nonEmptyOutIsRefusedAndKept() throws {
        let out = CLI.tempDir("nonempty")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        try Data("keep me".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let r = try CLI.run("mathgen", ["--pairs", "2", "--out", out.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--out") && r.stderr.contains("--resume") && r.stderr.contains("--overwrite"))
        #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
    }
}
