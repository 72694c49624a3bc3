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
        subcommands: [Info.self, Caption.self, Text.self, Align.self, Instruct.self, Eval.self, Infer.self, ReferenceBatchCommand.self,
                      Experiment.self, ExperimentReportCommand.self, Bench.self])
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
