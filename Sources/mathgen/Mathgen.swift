import ArgumentParser
import PairBuilder

@main
struct Mathgen: ParsableCommand {
    func run() throws { print(PairBuilderInfo.version) }
}
