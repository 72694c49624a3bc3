import DatasetFormat
import Foundation

/// An exclusive lock on an output folder for as long as a run writes it: `flock` on
/// `.mathgen.lock` inside it, which holds the writer's pid. A second run on the same
/// folder (resume or not) is refused with one line naming the folder and that pid;
/// the kernel drops the lock when the writer dies, so a stale file left by kill -9
/// does not block a resume. Taken before the folder is checked or cleared.
public final class OutputLock {
    public static let fileName = ".mathgen.lock"
    private let fd: Int32
    private let path: String

    /// Creates the folder if needed and takes the lock; throws at once when another run holds it.
    public init(_ folder: URL) throws(PairBuilderError) {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir) {
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw .unwritable(path: folder.path, reason: "cannot create the folder (\(DatasetBuilder.reason(error)))")
            }
        } else if !isDir.boolValue {
            throw .unwritable(path: folder.path, reason: "it is a file, not a folder")
        }
        path = folder.appendingPathComponent(Self.fileName).path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .unwritable(path: folder.path, reason: "cannot create \(Self.fileName) (\(String(cString: strerror(errno))))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.pid(in: fd)
            close(fd)
            throw .io(path: folder.path, reason:
                "another mathgen (pid \(holder.map(String.init) ?? "unknown")) is writing this folder; wait for it to finish or stop it")
        }
        let mine = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = mine.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// The pid written by the holder, if it has written one.
    private static func pid(in fd: Int32) -> Int32? {
        var buf = [UInt8](repeating: 0, count: 32)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Removes the lock file and lets go (also done when the lock is dropped).
    public func release() {
        guard fcntl(fd, F_GETFD) != -1 else { return }
        unlink(path)
        close(fd)
    }

    deinit { release() }
}
