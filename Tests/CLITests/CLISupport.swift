import DatasetFormat
import Foundation

/// Runs a built executable (mathgen, puma-train) from the same build folder as this test bundle.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binFolder: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    static func executable(_ name: String) -> URL {
        // The test bundle sits in the build folder (or inside a .xctest folder in it).
        var dir = binFolder
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return binFolder.appendingPathComponent(name)
    }

    /// Runs `name args` to completion (or sends `signal` after `signalAfter` seconds).
    static func run(_ name: String, _ args: [String], cwd: URL? = nil, signal: Int32? = nil,
                    signalAfter: Double = 0) throws -> Result {
        let p = Process()
        p.executableURL = executable(name)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        if let signal {
            Thread.sleep(forTimeInterval: signalAfter)
            kill(p.processIdentifier, signal)
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }

    static func tempDir(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("mathgen-cli-\(name)-\(UUID().uuidString)")
    }
}
