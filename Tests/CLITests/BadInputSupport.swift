import DatasetFormat
import Foundation
import Geometry
import Testing

/// Helpers for the bad-input tests (docs/BAD_INPUTS.md): processes that run in the
/// background while a test watches their files, shell wrappers for resource limits,
/// and small datasets shared by the tests.
enum BadInput {
    /// A started process whose output goes to files (a pipe could fill and block it).
    final class Running {
        let process = Process()
        let outURL: URL
        let errURL: URL

        init(_ executable: URL, _ args: [String], env: [String: String] = [:]) throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("cli-io-\(UUID().uuidString)")
            outURL = base.appendingPathExtension("out")
            errURL = base.appendingPathExtension("err")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            process.executableURL = executable
            process.arguments = args
            process.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        func send(_ sig: Int32) { kill(process.processIdentifier, sig) }

        /// Waits for the exit; a process still running after `timeout` seconds is killed and recorded as an issue.
        func finish(timeout: Double = 120) -> CLI.Result {
            if !BadInput.waitUntil(timeout: timeout, { !self.process.isRunning }) {
                Issue.record("process \(process.processIdentifier) still running after \(timeout) s; killed")
                send(SIGKILL)
            }
            process.waitUntilExit()
            let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
            // A death by signal reads as 128 + signal, as a shell reports it.
            let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
            return CLI.Result(status: status, stdout: out, stderr: err)
        }
    }

    /// Signals a person's shell leaves at their default action. A test runner started in
    /// the background inherits SIGINT ignored (and may ignore SIGXFSZ); the children would
    /// inherit that too, so every process here starts through GNU env's --default-signal.
    static let defaultSignals = "INT,TERM,XFSZ"

    static func start(_ name: String, _ args: [String], env: [String: String] = [:]) throws -> Running {
        try Running(URL(fileURLWithPath: "/usr/bin/env"), ["--default-signal=" + defaultSignals, CLI.executable(name).path] + args,
                    env: env)
    }

    /// Runs an executable to completion with extra environment variables.
    static func run(_ name: String, _ args: [String], env: [String: String] = [:], timeout: Double = 120) throws -> CLI.Result {
        try start(name, args, env: env).finish(timeout: timeout)
    }

    /// Runs `name args` under `/bin/sh` after `prelude` (e.g. `ulimit -f 40`), with
    /// `signals` at their default action.
    static func runLimited(_ prelude: String, _ name: String, _ args: [String], env: [String: String] = [:],
                           signals: String = defaultSignals) throws -> CLI.Result {
        let quoted = (["/usr/bin/env", "--default-signal=" + signals, CLI.executable(name).path] + args)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try Running(URL(fileURLWithPath: "/bin/sh"), ["-c", prelude + "; exec " + quoted.joined(separator: " ")], env: env)
            .finish()
    }

    /// Polls `condition` every 20 ms; false when it never held within `timeout` seconds.
    static func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    /// `done` in mathgen's progress.json (0 when absent or unreadable).
    static func mathgenDone(_ dir: URL) -> Int {
        guard let d = FileManager.default.contents(atPath: dir.appendingPathComponent("progress.json").path),
              let v = try? JSONParser.parse(Array(d)) else { return 0 }
        return v["done"]?.intValue ?? 0
    }

    static func tempDir(_ name: String) -> URL { CLI.tempDir(name) }

    /// Folders shared by many tests (built once per run), removed when the test process exits.
    static func removeAtExit(_ url: URL) {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if shared.isEmpty {
            atexit {
                for u in BadInput.shared { try? FileManager.default.removeItem(at: u) }
            }
        }
        shared.append(url)
    }

    private static let sharedLock = NSLock()
    nonisolated(unsafe) private static var shared: [URL] = []

    /// Copies `dir` to a fresh temp folder a test may damage.
    static func copy(_ dir: URL, _ name: String) throws -> URL {
        let to = tempDir(name)
        try FileManager.default.copyItem(at: dir, to: to)
        return to
    }

    /// Arguments of the small dataset the tests share (plain, answer-only targets, so
    /// puma-train's tiny model fits every record).
    static let smallArgs = ["--pairs", "8", "--eval-problems", "2", "--image-size", "64", "--style", "plain",
                            "--output", "answer", "--threads", "2"]

    /// One small dataset, written once per test run; tests copy it before damaging it.
    static let small: Result<URL, CLIFailure> = {
        let out = tempDir("small")
        removeAtExit(out)
        do {
            let r = try CLI.run("mathgen", smallArgs + ["--out", out.path])
            guard r.status == 0 else { return .failure(CLIFailure(message: "mathgen failed: \(r.stderr)")) }
            return .success(out)
        } catch {
            return .failure(CLIFailure(message: "\(error)"))
        }
    }()

    static func smallDataset() throws -> URL { try small.get() }

    struct CLIFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Lines of a JSONL file, parsed.
    static func records(_ url: URL) throws -> [JSONValue] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    /// Every file under `dir` (relative path -> bytes), for byte-for-byte comparison of two runs.
    static func tree(_ dir: URL, skipping: Set<String> = []) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return out }
        while let p = e.nextObject() as? String {
            guard !skipping.contains(where: { p.hasPrefix($0) }) else { continue }
            var isDir: ObjCBool = false
            let full = dir.appendingPathComponent(p).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[p] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }

    /// Names of the files that differ between two trees (missing on either side included).
    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }
}
