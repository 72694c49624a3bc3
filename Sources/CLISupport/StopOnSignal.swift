import Foundation

/// SIGINT and SIGTERM during a long run: the first signal prints `notice` on
/// stderr and asks the work to stop at its next safe point (the library polls
/// `isSet` through a closure it is given: a chunk or a step is finished and
/// committed first); a second signal exits at once with status 130.
public final class StopOnSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var sources: [DispatchSourceSignal] = []

    /// Starts handling the signals; `notice` is one line, e.g.
    /// "mathgen: stopping after the current chunk (signal again to quit now)".
    public init(notice: String) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            src.setEventHandler { [unowned self] in
                self.lock.lock()
                self.count += 1
                let n = self.count
                self.lock.unlock()
                if n > 1 { exit(130) }
                FileHandle.standardError.write(Data("\n\(notice)\n".utf8))
            }
            src.resume()
            sources.append(src)
        }
    }

    /// Whether a signal has asked the work to stop.
    public var isSet: Bool { lock.lock(); defer { lock.unlock() }; return count > 0 }

    /// Stops handling the signals: they take their default action again.
    public func cancel() {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
