import CArchive
import Foundation

/// A tar archive written through libarchive (POSIX pax format), entry after entry, with
/// fixed metadata (mtime 0, owner 0, mode 0644) so the same entries give the same bytes.
/// Written to a temporary file and renamed into place on `finish`.
final class TarWriter {
    private let archive: OpaquePointer
    private let tmp: String
    private let path: String
    private var finished = false

    init(path: String) throws(PairBuilderError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        tmp = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".tmp").path
        guard let a = archive_write_new() else { throw .io(path: path, reason: "libarchive could not start an archive") }
        archive = a
        guard archive_write_set_format_pax_restricted(a) == ARCHIVE_OK,
              archive_write_open_filename(a, tmp) == ARCHIVE_OK else {
            let reason = Self.message(a)
            archive_write_free(a)
            throw .io(path: path, reason: "cannot write a tar file (\(reason))")
        }
    }

    private static func message(_ a: OpaquePointer) -> String {
        archive_error_string(a).map { String(cString: $0) } ?? "unknown libarchive error"
    }

    /// Adds a regular file `name` holding `bytes`.
    func add(_ name: String, _ bytes: [UInt8]) throws(PairBuilderError) {
        guard let e = archive_entry_new() else { throw .io(path: path, reason: "libarchive could not make an entry") }
        defer { archive_entry_free(e) }
        archive_entry_set_pathname(e, name)
        archive_entry_set_size(e, la_int64_t(bytes.count))
        archive_entry_set_filetype(e, 0o100000)  // AE_IFREG (a cast macro Swift does not import)
        archive_entry_set_perm(e, 0o644)
        archive_entry_set_mtime(e, 0, 0)
        archive_entry_set_uid(e, 0)
        archive_entry_set_gid(e, 0)
        guard archive_write_header(archive, e) == ARCHIVE_OK else {
            throw .io(path: path, reason: "cannot add \(name) (\(Self.message(archive)))")
        }
        let written = bytes.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw .io(path: path, reason: "cannot write \(name) (\(Self.message(archive)))")
        }
    }

    /// Closes the archive and moves it into place.
    func finish() throws(PairBuilderError) {
        finished = true
        let closed = archive_write_close(archive)
        archive_write_free(archive)
        guard closed == ARCHIVE_OK else {
            unlink(tmp)
            throw .io(path: path, reason: "cannot close the tar file")
        }
        guard rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw .io(path: path, reason: "rename failed (\(reason))")
        }
    }

    deinit {
        if !finished {
            archive_write_free(archive)
            unlink(tmp)
        }
    }
}
