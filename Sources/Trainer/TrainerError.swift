/// Every failure the trainer reports. Each message names the file (and line,
/// tensor or key) and says what is wrong, so a person can act on it.
public enum TrainerError: Error, Equatable, CustomStringConvertible {
    /// A file could not be opened or read at all.
    case unreadableFile(path: String, reason: String)
    /// An image file is absent.
    case missingImage(path: String)
    /// An image file exists but libpng could not decode it.
    case corruptImage(path: String, reason: String)
    /// A JSONL line is not valid JSON or lacks a required field.
    case malformedRecord(path: String, line: Int, reason: String)
    /// A checkpoint file is shorter than its own header says it is.
    case truncatedCheckpoint(path: String, reason: String)
    /// A checkpoint's header is not valid safetensors.
    case corruptCheckpoint(path: String, reason: String)
    /// The checkpoint's tensors do not fit the model built from config.json.
    case configMismatch(path: String, reason: String)
    /// A configuration value is out of range or an unknown key is present.
    case invalidConfig(path: String?, reason: String)
    /// A sample does not fit the model's position table.
    case sequenceTooLong(length: Int, limit: Int, context: String)
    /// The two members of a pair supervise different numbers of answer tokens.
    case pairAnswerMismatch(context: String, reference: Int, vision: Int)
    /// A split has no usable records.
    case emptyDataset(path: String)
    /// Writing a file failed.
    case writeFailed(path: String, reason: String)
    /// Training produced a NaN or infinite loss or gradient; nothing was saved at that step.
    case nonFinite(step: Int, loss: Double, gradNorm: Double, checkpoint: String)

    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "\(path): cannot read file (\(reason))"
        case let .missingImage(path):
            return "\(path): image file not found (paths in records are relative to the manifest's directory)"
        case let .corruptImage(path, reason):
            return "\(path): cannot decode PNG (\(reason))"
        case let .malformedRecord(path, line, reason):
            return "\(path):\(line): malformed record (\(reason))"
        case let .truncatedCheckpoint(path, reason):
            return "\(path): truncated checkpoint (\(reason)); the file was cut short, re-save or use an earlier checkpoint"
        case let .corruptCheckpoint(path, reason):
            return "\(path): not a valid safetensors file (\(reason))"
        case let .configMismatch(path, reason):
            return "\(path): checkpoint does not match config.json (\(reason))"
        case let .invalidConfig(path, reason):
            return "\(path ?? "config"): invalid configuration (\(reason))"
        case let .sequenceTooLong(length, limit, context):
            return "\(context): sequence of \(length) tokens exceeds maxPositions \(limit); raise maxPositions or shorten the sample"
        case let .pairAnswerMismatch(context, reference, vision):
            return "\(context): reference member has \(reference) answer tokens, vision member \(vision); pair members must carry identical answer text"
        case let .emptyDataset(path):
            return "\(path): no records"
        case let .nonFinite(step, loss, gradNorm, checkpoint):
            return "step \(step): loss \(loss) and gradient norm \(gradNorm) are not finite; stopped without saving, "
                + "the last good checkpoint in \(checkpoint) is kept (lower --lr or set --clip)"
        case let .writeFailed(path, reason):
            return "\(path): write failed (\(reason))"
        }
    }
}
