import DatasetFormat
import Foundation
import Geometry

/// Writes whole files atomically: a temp file beside the target, then rename.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, makeFolders: Bool = false) throws(PairBuilderError) {
        try write(Array(data), to: url, makeFolders: makeFolders)
    }

    public static func write(_ bytes: [UInt8], to url: URL, makeFolders: Bool = false) throws(PairBuilderError) {
        if makeFolders {
            let dir = url.deletingLastPathComponent()
            if !FileManager.default.fileExists(atPath: dir.path) {
                do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                    throw .io(path: dir.path, reason: "cannot create folder (\(DatasetBuilder.reason(error)))")
                }
            }
        }
        let tmp = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".tmp").path
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .io(path: url.path, reason: "cannot create (\(String(cString: strerror(errno))))") }
        do {
            try writeAll(fd, bytes, path: url.path)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        close(fd)
        if rename(tmp, url.path) != 0 {
            let e = String(cString: strerror(errno))
            unlink(tmp)
            throw .io(path: url.path, reason: "rename failed (\(e))")
        }
    }

    /// Writes every byte or throws with the reason (a full disk says so).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(PairBuilderError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf in
                Foundation.write(fd, buf.baseAddress.map { $0 + offset }, buf.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: "write failed (\(String(cString: strerror(errno))))")
            }
            offset += n
        }
    }
}

/// The JSONL outputs, appended in place. Lines are buffered per chunk and written
/// whole by `flush`, which returns each file's committed length for `progress.json`;
/// a resumed run truncates back to those lengths, dropping any partial chunk.
final class JSONLAppender {
    private var fds: [String: Int32] = [:]
    private var buffers: [String: [UInt8]] = [:]
    private var lengths: [String: Int] = [:]
    private let folder: URL

    init(folder: URL, names: [String], truncateTo saved: [String: Int]) throws(PairBuilderError) {
        self.folder = folder
        for n in names {
            let path = folder.appendingPathComponent(n).path
            let fd = open(path, O_WRONLY | O_CREAT, 0o644)
            guard fd >= 0 else { throw .io(path: path, reason: "cannot open (\(String(cString: strerror(errno))))") }
            let keep = saved[n] ?? 0
            let size = Int(lseek(fd, 0, SEEK_END))
            guard size >= keep else {
                Foundation.close(fd)
                throw .io(path: path, reason: "holds \(size) bytes but progress.json recorded \(keep): the file was cut or replaced; rerun with --overwrite")
            }
            guard ftruncate(fd, off_t(keep)) == 0, lseek(fd, off_t(keep), SEEK_SET) == off_t(keep) else {
                Foundation.close(fd)
                throw .io(path: path, reason: "cannot truncate to the last commit (\(String(cString: strerror(errno))))")
            }
            fds[n] = fd
            buffers[n] = []
            lengths[n] = keep
        }
    }

    deinit { for fd in fds.values { Foundation.close(fd) } }

    func append(_ name: String, _ record: some Encodable) throws(PairBuilderError) {
        let value: JSONValue
        do { value = try record.jsonValue() } catch {
            throw .io(path: folder.appendingPathComponent(name).path, reason: "cannot encode a record: \(error)")
        }
        buffers[name, default: []].append(contentsOf: value.serialized().utf8)
        buffers[name, default: []].append(10)
    }

    /// Writes the buffered lines; returns the files' lengths after the write.
    func flush() throws(PairBuilderError) -> [String: Int] {
        for name in fds.keys.sorted() {
            guard let fd = fds[name], let buf = buffers[name], !buf.isEmpty else { continue }
            try AtomicFile.writeAll(fd, buf, path: folder.appendingPathComponent(name).path)
            lengths[name, default: 0] += buf.count
            buffers[name] = []
        }
        return lengths
    }

    func finish() throws(PairBuilderError) {
        _ = try flush()
        for (name, fd) in fds where fsync(fd) != 0 {
            throw .io(path: folder.appendingPathComponent(name).path, reason: "fsync failed (\(String(cString: strerror(errno))))")
        }
        for fd in fds.values { Foundation.close(fd) }
        fds = [:]
    }
}
