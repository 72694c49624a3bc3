import ArgumentParser
import CLISupport
import Foundation
import Trainer

/// `puma-train experiment-report`: pools the outcomes of one or more
/// experiments (one per seed) into one report with paired sign tests.
struct ExperimentReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment-report",
        abstract: "Pool experiments' outcomes (one folder or outcomes.jsonl per seed) into OUT/report.md with sign tests.",
        discussion: """
            Each input is an experiment folder (its outcomes.jsonl, written with its report) or an outcomes.jsonl \
            file. Writes OUT/outcomes.jsonl (every input's lines, one order), OUT/report.json and OUT/report.md: \
            accuracy per level and arm, the text-dominant minus vision-only gap, and exact sign tests pooled over \
            seeds, per seed and per family.
            """)

    @Argument(help: "Experiment folders or outcomes.jsonl files.") var inputs: [String] = []
    @Option(help: "Folder for the pooled report.") var out: String

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one experiment folder or outcomes.jsonl") }
    }

    func run() throws {
        try reportingErrors {
            let r = try OutcomeReport.pool(inputs: inputs, out: out)
            for t in r.pooled.gapTests {
                emit(String(format: "TD - VO gap, %@ vs %@: %@ smaller on %d problems, %@ on %d, p %.4f", t.first, t.second,
                            t.first, t.firstBetter, t.second, t.secondBetter, t.p))
            }
            emit("\(r.pooled.problems) problems x seeds, seeds \(r.seeds.map(String.init).joined(separator: ",")); report: "
                 + URL(fileURLWithPath: out).appendingPathComponent("report.md").path)
        }
    }
}
