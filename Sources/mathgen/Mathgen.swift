import DatasetFormat
import ArgumentParser
import CLISupport
import PairBuilder

@main
struct Mathgen: ParsableCommand {
    static func main() { mainWithOneLineErrors(toolName: "mathgen") }

    static let configuration = CommandConfiguration(
        commandName: "mathgen",
        abstract: "Synthesize math problems with diagrams at six text-to-vision levels, as aligned pairs.",
        subcommands: [Generate.self, Families.self, Merge.self, Verify.self, Export.self, Gallery.self, Bench.self, Stats.self],
        defaultSubcommand: Generate.self)
}

struct Families: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the problem families.")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        print(FamilyCatalog.listing(json: json), terminator: "")
    }
}
