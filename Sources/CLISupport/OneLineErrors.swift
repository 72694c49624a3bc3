import ArgumentParser
import Foundation

/// What a command throws to stop with one line naming what is wrong: the entry
/// point prints `TOOL: message` on stderr and exits with `code`; nothing else.
public struct OneLineError: Error, CustomStringConvertible {
    public var message: String
    public var code: Int32
    public var description: String { message }
}

/// The one-line error both CLIs throw: `throw fail("--out: ...")` (exit 2), or
/// `code: 1` for a failure of the work rather than of the arguments.
public func fail(_ message: String, code: Int32 = 2) -> OneLineError {
    OneLineError(message: message, code: code)
}

extension ParsableCommand {
    /// The entry point both CLIs share: parse errors become one line naming the flag
    /// (no usage dump), prefixed with the tool's name, as do `fail(...)` errors;
    /// help, version and the commands' own exit codes pass through. SIGXFSZ is
    /// ignored so that a file-size limit makes writes fail with EFBIG (a clear
    /// error) instead of killing the process.
    public static func mainWithOneLineErrors(toolName: String) {
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as OneLineError {
            FileHandle.standardError.write(Data((toolName + ": " + error.message + "\n").utf8))
            Foundation.exit(error.code)
        } catch {
            let code = exitCode(for: error)
            if error is ExitCode || code == .success { exit(withError: error) }
            let first = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data((toolName + ": " + first.replacingOccurrences(of: "Error: ", with: "") + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }
}
