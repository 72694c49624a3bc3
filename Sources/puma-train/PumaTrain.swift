import ArgumentParser
import CLISupport
import Foundation
import Trainer

@main
struct PumaTrain: ParsableCommand {
    static func main() { mainWithOneLineErrors(toolName: "puma-train") }

    static let configuration = CommandConfiguration(
        commandName: "puma-train",
        abstract: "Train a tiny multimodal LM with the Math-PUMA recipe.",
        version: TrainerInfo.version,
        subcommands: [Info.self, Caption.self, Text.self, Align.self, Instruct.self, Eval.self, Infer.self,
                      Experiment.self, Bench.self])
}

/// Prints one line naming what is wrong and exits non-zero.
func fail(_ message: String, code: Int32 = 2) -> ExitCode {
    FileHandle.standardError.write(Data(("puma-train: " + message + "\n").utf8))
    return ExitCode(code)
}

/// Runs a library call, turning a TrainerError into its one-line message.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as TrainerError {
        throw fail(e.description, code: 1)
    }
}

/// SIGINT/SIGTERM: the first asks the run to stop after the current step (with a
/// checkpoint); a second exits at once.
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var sources: [DispatchSourceSignal] = []

    init() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            src.setEventHandler { [unowned self] in
                self.lock.lock()
                self.count += 1
                let n = self.count
                self.lock.unlock()
                if n > 1 { exit(130) }
                FileHandle.standardError.write(Data("\npuma-train: stopping after this step (signal again to quit now)\n".utf8))
            }
            src.resume()
            sources.append(src)
        }
    }

    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return count > 0 }
}

/// Prints a line and flushes, so logs redirected to a file stay current.
func emit(_ line: String) {
    print(line)
    fflush(nil)
}
