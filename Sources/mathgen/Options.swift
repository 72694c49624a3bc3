import ArgumentParser
import PairBuilder

// mathgen's option values: ArgumentParser parses them, so a bad one is its one
// line naming the flag, the value and the choices; range checks that need
// several values are the commands' validate().

extension BuildConfig.StyleMode: ExpressibleByArgument {}
extension BuildConfig.PNGCompression: ExpressibleByArgument {}
extension PairingPolicy: ExpressibleByArgument {}
extension ProblemText.OutputStyle: ExpressibleByArgument {}
extension Exporter.Format: ExpressibleByArgument {}

/// `--decoy-style`: one style, several joined by commas, or mixed (= figure,bare).
struct DecoyStyles: ExpressibleByArgument {
    var styles: [BuildConfig.DecoyStyle]

    init(_ styles: [BuildConfig.DecoyStyle]) { self.styles = styles }

    init?(argument: String) {
        guard let styles = BuildConfig.DecoyStyle.list(argument) else { return nil }
        self.styles = styles
    }

    static var allValueStrings: [String] { BuildConfig.DecoyStyle.allCases.map(\.rawValue) + ["mixed"] }
    var defaultValueDescription: String { styles.map(\.rawValue).joined(separator: ",") }
}

/// `--shard i/N`: two whole numbers; `Generate.validate()` checks 0 <= i < N.
struct ShardOption: ExpressibleByArgument {
    var index: Int
    var count: Int
    var text: String

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        index = i
        count = n
        text = argument
    }

    var isValid: Bool { count >= 1 && (0..<count).contains(index) }
}

/// `--lang`: a language code naming a folder of templates (en, zh); a name with
/// anything but letters, digits, '-' and '_' is refused, and `validate()` checks
/// that the templates folder has wording in it.
struct Language: ExpressibleByArgument {
    var code: String

    static let english = Language(code: "en")

    private init(code: String) { self.code = code }

    init?(argument: String) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        guard !argument.isEmpty, argument.allSatisfy(allowed.contains) else { return nil }
        code = argument
    }

    var defaultValueDescription: String { code }
}
