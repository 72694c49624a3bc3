import ArgumentParser
import Trainer

/// `puma-train info`: the parameter budget of a model shape.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a model's shape and parameter counts.")

    @OptionGroup var model: ModelOptions

    @Option(help: "Read the shape from a checkpoint directory's config.json instead.")
    var checkpoint: String?

    @Flag(help: "List every tensor.")
    var verbose = false

    func run() throws {
        let config = try checkpoint.map { dir in try reportingErrors { try Checkpoint.readConfig(dir).model } } ?? model.resolve()
        let m = try reportingErrors { try Model(config: config) }
        print(ModelSummary(m).text(verbose: verbose), terminator: "")
    }
}
