import Foundation

/// Progress of a long run on stderr, for both CLIs. On a terminal: one redrawn
/// line with the label, a bar, done/total in `unit`, the rate, the ETA and a
/// status text. Off a terminal (a log file, a cluster job): nothing, or with
/// `lineEvery` a plain `progress:` line every so many seconds, so logs stay clean.
public final class ProgressBar: @unchecked Sendable {
    public let label: String
    public let unit: String
    public let total: Int
    /// Whether the bar is drawn: asked for, and stderr is a terminal.
    public let drawing: Bool
    private let lineEvery: Double?
    private let created = Date()
    private let lock = NSLock()
    private var startDone = 0
    private var startTime = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// - Parameters:
    ///   - label: printed before the bar ("" for none).
    ///   - enabled: false draws nothing (e.g. `--quiet`).
    ///   - lineEvery: seconds between plain lines when stderr is not a terminal; nil prints none.
    public init(label: String = "", total: Int, unit: String, enabled: Bool = true, lineEvery: Double? = nil) {
        self.label = label
        self.unit = unit
        self.total = max(total, 1)
        self.drawing = enabled && isatty(STDERR_FILENO) != 0
        self.lineEvery = enabled && !drawing ? lineEvery : nil
    }

    /// Seconds since the bar was made.
    public var elapsed: Double { Date().timeIntervalSince(created) }

    /// Counts the rate from here: `done` items were finished before (a resumed run).
    public func start(at done: Int) {
        lock.lock(); defer { lock.unlock() }
        startDone = done
        startTime = Date()
    }

    public func update(_ done: Int, status: String = "") {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        let interval: Double
        if drawing { interval = 0.2 } else if let lineEvery { interval = lineEvery } else { return }
        guard now.timeIntervalSince(lastDraw) >= interval || done == total else { return }
        lastDraw = now
        let t = now.timeIntervalSince(startTime)
        let rate = t > 0 ? Double(done - startDone) / t : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line: String
        if drawing {
            let width = 24
            let filled = min(width, max(0, width * done / total))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let head = label.isEmpty ? "" : label + " "
            line = "\r\(head)[\(bar)] \(done)/\(total) \(unit)  " + String(format: rate < 10 ? "%.2f/s" : "%.0f/s", rate)
                + "  ETA \(Self.clock(eta))" + (status.isEmpty ? "" : "  " + status) + "\u{1B}[K"
            drawn = true
        } else {
            line = String(format: "progress: %d/%d %@, %.0f/s, ETA %.0fs\n", done, total, unit as NSString, rate, eta)
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the bar's line so the next print starts clean.
    public func finishLine() {
        lock.lock(); defer { lock.unlock() }
        guard drawn else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        drawn = false
    }

    /// Seconds as m:ss, or h:mm:ss from an hour on.
    public static func clock(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }
}
