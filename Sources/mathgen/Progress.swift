import Foundation

/// Progress on stderr: a redrawn bar with rate and ETA on a terminal, a plain
/// line every few seconds otherwise (logs of cluster jobs).
final class Progress: @unchecked Sendable {
    private let total: Int
    private let start = Date()
    private let tty = isatty(STDERR_FILENO) != 0
    private var lastPrint = Date.distantPast
    private let lock = NSLock()

    init(total: Int) { self.total = total }

    var elapsed: Double { Date().timeIntervalSince(start) }

    func update(_ done: Int) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        let interval = tty ? 0.1 : 5.0
        guard now.timeIntervalSince(lastPrint) >= interval || done == total else { return }
        lastPrint = now
        let t = now.timeIntervalSince(start)
        let rate = t > 0 ? Double(done) / t : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line: String
        if tty {
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            line = String(format: "\r[%@] %d/%d problems  %.0f/s  ETA %.0fs ", bar, done, total, rate, eta)
        } else {
            line = String(format: "progress: %d/%d problems, %.0f/s, ETA %.0fs\n", done, total, rate, eta)
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if tty { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
