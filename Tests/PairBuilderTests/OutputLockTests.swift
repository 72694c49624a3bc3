import DatasetFormat
import Foundation
import Testing
@testable import PairBuilder

/// The output folder's lock: one writer at a time, named when refused, gone when done,
/// and a stale lock file (its writer killed) never blocks.
@Suite struct OutputLockTests {
    @Test func oneWriterAtATimeAndTheOtherIsNamed() throws {
        let dir = TestSupport.tempDir("lock")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try OutputLock(dir)
        let file = dir.appendingPathComponent(OutputLock.fileName)
        #expect(try String(contentsOf: file, encoding: .utf8) == "\(getpid())\n")
        #expect { try OutputLock(dir) } throws: { "\($0)".contains(dir.path) && "\($0)".contains("pid \(getpid())") }
        first.release()
        #expect(!FileManager.default.fileExists(atPath: file.path))
        let again = try OutputLock(dir)
        again.release()
    }

    @Test func staleLockFileDoesNotBlockAndIsNotContent() throws {
        let dir = TestSupport.tempDir("lock-stale")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("999999\n".utf8).write(to: dir.appendingPathComponent(OutputLock.fileName))
        let lock = try OutputLock(dir)
        defer { lock.release() }
        // A folder holding only the lock is empty to a new run, and --overwrite keeps the lock.
        try DatasetBuilder.prepare(dir, existing: .refuse)
        try DatasetBuilder.prepare(dir, existing: .overwrite)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(OutputLock.fileName).path))
    }
}
