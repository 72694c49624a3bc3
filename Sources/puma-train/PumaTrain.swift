import ArgumentParser
import Foundation
import Trainer

@main
struct PumaTrain: ParsableCommand {
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

/// Prints a line and flushes, so logs redirected to a file stay current.
func emit(_ line: String) {
    print(line)
    fflush(nil)
}
