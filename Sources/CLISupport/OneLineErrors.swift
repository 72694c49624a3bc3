import ArgumentParser
import Foundation

extension ParsableCommand {
    /// The entry point both CLIs share: parse errors become one line naming the flag
    /// (no usage dump), prefixed with the tool's name; help, version and the commands'
    /// own exit codes pass through. SIGXFSZ is ignored so that a file-size limit makes
    /// writes fail with EFBIG (a clear error) instead of killing the process.
    public static func mainWithOneLineErrors(toolName: String) {
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if error is ExitCode || code == .success { exit(withError: error) }
            let first = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data((toolName + ": " + first.replacingOccurrences(of: "Error: ", with: "") + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }
}
