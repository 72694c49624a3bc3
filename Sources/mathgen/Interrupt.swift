import Dispatch
import Foundation

/// SIGINT and SIGTERM handling: the first signal asks the work to stop at its next
/// safe point (the current chunk is committed); a second one exits at once.
final class Interrupt: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private var count = 0

    static func install(_ onFirst: @escaping @Sendable () -> Void) -> Interrupt {
        let me = Interrupt()
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            src.setEventHandler {
                me.count += 1
                if me.count == 1 {
                    FileHandle.standardError.write(Data("\nmathgen: stopping after the current chunk (signal again to quit now)\n".utf8))
                    onFirst()
                } else {
                    exit(130)
                }
            }
            src.resume()
            me.sources.append(src)
        }
        return me
    }

    func cancel() {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
