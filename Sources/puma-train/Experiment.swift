import DatasetFormat
import ArgumentParser
import CLISupport
import Foundation
import Trainer

/// `puma-train experiment`: shared pre-alignment and stage 1, then the three
/// arms (baseline, Math-PUMA, lambda-0 control) at matched steps, each as its
/// own one-thread process, and the side-by-side report.
struct Experiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare baseline, Math-PUMA and a lambda = 0 control on one dataset; writes OUT/report.md.",
        discussion: """
            Phases: caption pre-alignment (until held-out transcription passes the target), stage 1, then per arm \
            stage 2 and/or 3 and eval. Re-running the same command continues an interrupted experiment. \
            Settings: the built-in default, --quick (CI size) or --config FILE (ExperimentConfig keys; missing keys \
            take the default's values).
            """)

    @Option(help: "mathgen's manifest.json.") var manifest: String?
    @Option(help: "Experiment folder.") var out: String
    @Flag(help: "CI size: tiny model, a few steps.") var quick = false
    @Option(help: "JSON file with ExperimentConfig keys.") var config: String?
    @Option(help: "Seed of model initialisation and batch order (default: the config's, 0); generate each seed's data with `mathgen --seed` too.")
    var seed: UInt64?
    @Option(help: "Arms run at once, each a one-thread process (1: run them here, one after another).") var parallel: Int = 3
    @Option(help: .hidden) var arm: String?

    func validate() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1 (got \(parallel))") }
        if arm == nil && manifest == nil { throw ValidationError("--manifest is required") }
        if quick && config != nil { throw ValidationError("--quick and --config exclude each other") }
        if let a = arm, Arm(rawValue: a) == nil {
            throw ValidationError("--arm must be one of \(Arm.allCases.map(\.rawValue).joined(separator: ", ")) (got \(a))")
        }
    }

    func resolveConfig() throws -> ExperimentConfig {
        var c = try namedConfig()
        if let seed { c.seed = seed }
        return c
    }

    func namedConfig() throws -> ExperimentConfig {
        if quick { return .quick }
        guard let path = config else { return .standard }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("--config: cannot read \(path)") }
        do { return try JSONValueDecoder().decode(ExperimentConfig.self, from: Array(data)) } catch {
            throw fail("--config: \(path): \(describe(error))")
        }
    }

    func run() throws {
        let log: (String) -> Void = { line in
            let stamp = ISO8601DateFormatter().string(from: Date())
            emit("[\(stamp)] \(line)")
        }
        if let a = arm.flatMap(Arm.init(rawValue:)) {
            try reportingErrors {
                let e = try Trainer.Experiment(existing: out)
                try e.runArm(a, log: log)
            }
            return
        }
        let started = Date()
        let cfg = try resolveConfig()
        guard let manifest else { throw fail("--manifest is required") }
        try reportingErrors {
            let e = try Trainer.Experiment(config: cfg, manifest: manifest, out: out)
            log("experiment in \(out)")
            try e.runShared(log: log)
            if parallel == 1 {
                for a in Arm.allCases { try e.runArm(a, log: log) }
            } else {
                try runArmProcesses(e, log: log)
            }
            try e.writeReport(wallSeconds: Date().timeIntervalSince(started))
            log(String(format: "done in %.1f min; report: %@", Date().timeIntervalSince(started) / 60, e.dir("report.md")))
        }
    }

    /// Starts each arm as `puma-train experiment --out OUT --arm NAME` with
    /// one OpenBLAS thread, at most `parallel` at a time; output goes to OUT/NAME.log.
    func runArmProcesses(_ e: Trainer.Experiment, log: (String) -> Void) throws {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var pending = Arm.allCases
        var running: [(Arm, Process)] = []
        var failed: [String] = []
        while !pending.isEmpty || !running.isEmpty {
            while running.count < parallel, let a = pending.first {
                pending.removeFirst()
                let logPath = e.dir("\(a.rawValue).log")
                _ = FileManager.default.createFile(atPath: logPath, contents: nil)
                guard let handle = FileHandle(forWritingAtPath: logPath) else {
                    throw fail("\(logPath): cannot write the arm's log")
                }
                let p = Process()
                p.executableURL = URL(fileURLWithPath: exe)
                p.arguments = ["experiment", "--out", e.out, "--arm", a.rawValue]
                var env = ProcessInfo.processInfo.environment
                env["OPENBLAS_NUM_THREADS"] = "1"
                p.environment = env
                p.standardOutput = handle
                p.standardError = handle
                do { try p.run() } catch { throw fail("cannot start the \(a.rawValue) arm (\(exe)): \(error)") }
                log("\(a.rawValue): started as process \(p.processIdentifier), log \(logPath)")
                running.append((a, p))
            }
            Thread.sleep(forTimeInterval: 1)
            for (a, p) in running where !p.isRunning {
                if p.terminationStatus != 0 { failed.append("\(a.rawValue) (see \(e.dir("\(a.rawValue).log")))") }
                log("\(a.rawValue): finished with status \(p.terminationStatus)")
            }
            running.removeAll { !$0.1.isRunning }
        }
        if !failed.isEmpty { throw fail("arm failed: " + failed.joined(separator: ", "), code: 1) }
    }
}
