import ArgumentParser
import Trainer

@main
struct PumaTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "puma-train",
        abstract: "Train a tiny multimodal LM with the Math-PUMA recipe.")
    func run() throws {
        print("puma-train \(TrainerInfo.version)")
    }
}
