import ArgumentParser

/// `mathgen gallery`: a static HTML gallery (issue 9).
struct Gallery: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a static HTML gallery of a dataset.")

    func run() throws {
        throw fail("gallery: not built yet")
    }
}
