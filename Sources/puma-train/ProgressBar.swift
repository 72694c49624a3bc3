import Foundation

/// A one-line terminal progress bar on stderr: steps done, rate, ETA and a
/// status text. Drawn only when stderr is a terminal, so logs stay clean.
final class ProgressBar {
    let label: String
    let total: Int
    let enabled: Bool
    private var startStep = 0
    private var startTime = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(label: String, total: Int, enabled: Bool) {
        self.label = label
        self.total = max(total, 1)
        self.enabled = enabled && isatty(STDERR_FILENO) != 0
    }

    func start(at step: Int) {
        startStep = step
        startTime = Date()
    }

    func update(_ step: Int, status: String) {
        guard enabled else { return }
        let now = Date()
        guard step == total || now.timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = now
        let frac = Double(step) / Double(total)
        let width = 24
        let filled = min(width, Int(frac * Double(width)))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let elapsed = now.timeIntervalSince(startTime)
        let rate = elapsed > 0 ? Double(step - startStep) / elapsed : 0
        let eta = rate > 0 ? Double(total - step) / rate : 0
        let line = String(format: "\r%@ [%@] %d/%d %.2f it/s ETA %@  %@\u{1B}[K", label, bar, step, total, rate,
                          Self.clock(eta), status)
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Ends the bar's line so the next print starts clean.
    func finishLine() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        drawn = false
    }

    static func clock(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }
}
