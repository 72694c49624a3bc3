import ArgumentParser

/// `puma-train bench`: training throughput on the reference shape (issue 8).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tokens per second for an SFT step and a KL alignment step on the reference shape.")

    func run() throws {
        throw fail("bench: not built yet")
    }
}
