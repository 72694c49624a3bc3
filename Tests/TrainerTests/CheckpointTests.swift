import Foundation
import Testing
@testable import Trainer

@Suite struct CheckpointTests {
    static func trainedSession(steps: Int = 2) throws -> TrainingSession {
        let session = TrainingSession(model: try Fixtures.model(), optimizer: TrainingTests.optimizer(lr: 1e-3))
        let batch = try Batch(examples: Fixtures.examples(), config: Fixtures.config)
        for _ in 0..<steps { session.sftStep(batch) }
        return session
    }

    @Test func saveThenLoadGivesIdenticalLogits() throws {
        let dir = TempDirectory()
        let session = try Self.trainedSession()
        try Checkpoint.save(session, to: dir.path)
        let batch = try Batch(examples: Fixtures.examples(), config: Fixtures.config)
        let rows = Array(0..<Int32(batch.size * batch.length))
        let loaded = try Checkpoint.loadModel(dir.path)
        let other = TrainingSession(model: loaded, optimizer: OptimizerConfig())
        #expect(other.logits(batch, rows: rows) == session.logits(batch, rows: rows))
        #expect(Array(loaded.params.buffer) == Array(session.model.params.buffer))
    }

    /// Resuming from a checkpoint continues bit for bit like an uninterrupted run.
    @Test func resumeIsExact() throws {
        let dir = TempDirectory()
        let batch = try Batch(examples: Fixtures.examples(), config: Fixtures.config)
        let a = try Self.trainedSession(steps: 2)
        try Checkpoint.save(a, to: dir.path)
        let b = try Checkpoint.loadSession(dir.path)
        #expect(b.optimizer.step == 2)
        #expect(b.trainable == a.trainable)
        #expect(b.optimizer.config == a.optimizer.config)
        for _ in 0..<3 { a.sftStep(batch); b.sftStep(batch) }
        #expect(Array(a.model.params.buffer) == Array(b.model.params.buffer))
        #expect(Array(a.optimizer.v.buffer) == Array(b.optimizer.v.buffer))
    }

    /// The file layout against the safetensors rules, parsed independently of the reader.
    @Test func safetensorsLayoutFollowsTheFormat() throws {
        let dir = TempDirectory()
        let session = try Self.trainedSession()
        try Checkpoint.save(session, to: dir.path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file(Checkpoint.modelFile))))
        var n = 0
        for i in 0..<8 { n |= Int(bytes[i]) << (8 * i) }
        #expect((8 + n) % 8 == 0, "data section must start 8-byte aligned")
        let headerBytes = Array(bytes[8..<(8 + n)])
        let trimmed = headerBytes.reversed().drop { $0 == 0x20 }.count
        #expect(headerBytes[trimmed - 1] == UInt8(ascii: "}"), "padding must be trailing spaces")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any])
        let meta = try #require(header["__metadata__"] as? [String: String])
        #expect(meta["format"] == TrainerInfo.checkpointFormat)
        #expect(meta["step"] == "2")
        let dataSize = bytes.count - 8 - n
        var ranges: [(Int, Int, String)] = []
        for (name, value) in header where name != "__metadata__" {
            let e = try #require(value as? [String: Any])
            #expect(e["dtype"] as? String == "F32")
            let shape = try #require(e["shape"] as? [Int])
            let offs = try #require(e["data_offsets"] as? [Int])
            #expect(offs[1] - offs[0] == shape.reduce(1, *) * 4, "\(name)")
            let spec = try #require(session.model.layout.spec(named: name))
            #expect(spec.shape == shape)
            // Values are little-endian Float32 copies of the arena.
            let first = UInt32(bytes[8 + n + offs[0]]) | UInt32(bytes[8 + n + offs[0] + 1]) << 8
                | UInt32(bytes[8 + n + offs[0] + 2]) << 16 | UInt32(bytes[8 + n + offs[0] + 3]) << 24
            #expect(Float(bitPattern: first) == session.model.params.base[spec.offset], "\(name)")
            ranges.append((offs[0], offs[1], name))
        }
        #expect(ranges.count == session.model.layout.specs.count)
        // Tensors are contiguous: sorted ranges tile [0, dataSize) with no gap or overlap.
        ranges.sort { $0.0 < $1.0 }
        var cursor = 0
        for (lo, hi, name) in ranges {
            #expect(lo == cursor, "\(name) starts at \(lo), expected \(cursor)")
            cursor = hi
        }
        #expect(cursor == dataSize)
    }

    static let pythonSafetensors: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import safetensors.numpy"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// Python's safetensors reads the file (skipped where it is not installed).
    @Test(.enabled(if: pythonSafetensors, "python3 with the safetensors package is not installed"))
    func pythonLoadsCheckpoint() throws {
        let dir = TempDirectory()
        let session = try Self.trainedSession()
        try Checkpoint.save(session, to: dir.path)
        let spec = try #require(session.model.layout.spec(named: "lm.wte.weight"))
        var sum = 0.0
        for i in 0..<spec.count { sum += Double(session.model.params.base[spec.offset + i]) }
        let p = Process()
        let out = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import sys; from safetensors.numpy import load_file
            t = load_file(sys.argv[1]); w = t['lm.wte.weight']
            print(len(t), w.shape[0], w.shape[1], float(w.astype('float64').sum()))
            """, dir.file(Checkpoint.modelFile)]
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let f = text.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(p.terminationStatus == 0)
        #expect(f.count == 4)
        if f.count == 4 {
            #expect(Int(f[0]) == session.model.layout.specs.count)
            #expect(Int(f[1]) == spec.shape[0] && Int(f[2]) == spec.shape[1])
            #expect(abs((Double(f[3]) ?? .nan) - sum) < 1e-6 * max(1, abs(sum)))
        }
    }

    @Test func truncatedCheckpointsAreReported() throws {
        let dir = TempDirectory()
        try Checkpoint.save(try Self.trainedSession(), to: dir.path)
        let path = dir.file(Checkpoint.modelFile)
        let full = try Data(contentsOf: URL(fileURLWithPath: path))
        var n = 0
        for i in 0..<8 { n |= Int(full[i]) << (8 * i) }

        try full.prefix(5).write(to: URL(fileURLWithPath: path))
        #expect(throws: TrainerError.truncatedCheckpoint(path: path, reason: "file is 5 bytes, shorter than the 8-byte header length")) {
            try Checkpoint.loadModel(dir.path)
        }
        try full.prefix(8 + n / 2).write(to: URL(fileURLWithPath: path))
        #expect(throws: TrainerError.truncatedCheckpoint(path: path, reason: "header length \(n) runs past end of file (\(8 + n / 2) bytes)")) {
            try Checkpoint.loadModel(dir.path)
        }
        // Cut inside the data: the last tensor's offsets run past the end.
        try full.prefix(full.count - 4).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Checkpoint.loadModel(dir.path)
            Issue.record("expected an error")
        } catch let TrainerError.truncatedCheckpoint(p, reason) {
            #expect(p == path)
            #expect(reason.contains("lm.ln_f.bias") && reason.contains("past the end of the data section"), "\(reason)")
        }
    }

    @Test func configMismatchNamesTensorAndShapes() throws {
        let dir = TempDirectory()
        try Checkpoint.save(try Self.trainedSession(), to: dir.path)
        let cfgPath = dir.file(Checkpoint.configFile)
        let original = try String(contentsOfFile: cfgPath, encoding: .utf8)
        let modelPath = dir.file(Checkpoint.modelFile)

        try original.replacingOccurrences(of: "\"visionWidth\": 8", with: "\"visionWidth\": 12")
            .write(toFile: cfgPath, atomically: true, encoding: .utf8)
        #expect(throws: TrainerError.configMismatch(path: modelPath,
            reason: "tensor \"vision.patch_embed.weight\" has shape [8, 4] in the checkpoint but config.json implies [12, 4]")) {
            try Checkpoint.loadModel(dir.path)
        }
        try original.replacingOccurrences(of: "\"layers\": 2", with: "\"layers\": 1")
            .write(toFile: cfgPath, atomically: true, encoding: .utf8)
        do {
            _ = try Checkpoint.loadModel(dir.path)
            Issue.record("expected an error")
        } catch let TrainerError.configMismatch(p, reason) {
            #expect(p == modelPath)
            #expect(reason.contains("lm.h.1.") && reason.contains("not part of the model"), "\(reason)")
        }
        try original.replacingOccurrences(of: "\"heads\": 2", with: "\"heads\": 2, \"headz\": 3")
            .write(toFile: cfgPath, atomically: true, encoding: .utf8)
        do {
            _ = try Checkpoint.loadModel(dir.path)
            Issue.record("expected an error")
        } catch let TrainerError.invalidConfig(p, reason) {
            #expect(p == cfgPath)
            #expect(reason.contains("headz"), "\(reason)")
        }
    }

    @Test func writesAreAtomic() throws {
        let dir = TempDirectory()
        try Checkpoint.save(try Self.trainedSession(), to: dir.path)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == [Checkpoint.configFile, Checkpoint.modelFile, Checkpoint.optimizerFile])
    }
}
