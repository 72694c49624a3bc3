import DatasetFormat
/// Everything that can stop a dataset build, each naming what and where.
public enum PairBuilderError: Error, CustomStringConvertible, Sendable {
    case invalidArgument(flag: String, message: String)
    case outputNotEmpty(path: String)
    case unwritable(path: String, reason: String)
    case template(file: String, message: String)
    case missingTemplate(file: String, key: String)
    case io(path: String, reason: String)
    case render(problem: String, message: String)
    case exhausted(String)
    /// The run was stopped by a signal after committing its last chunk.
    case interrupted

    public var description: String {
        switch self {
        case let .invalidArgument(flag, message):
            return "\(flag): \(message)"
        case let .outputNotEmpty(path):
            return "--out: \(path) is not empty; pass --resume to continue it or --overwrite to replace it"
        case let .unwritable(path, reason):
            return "--out: cannot write to \(path): \(reason)"
        case let .template(file, message):
            return "template \(file): \(message)"
        case let .missingTemplate(file, key):
            return "template \(file): missing key \"\(key)\""
        case let .io(path, reason):
            return "\(path): \(reason)"
        case let .render(problem, message):
            return "rendering \(problem): \(message)"
        case let .exhausted(message):
            return message
        case .interrupted:
            return "interrupted; continue with the same arguments and --resume"
        }
    }
}
