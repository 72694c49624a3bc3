/// The six rungs of the text-to-vision ladder (docs/ARCHITECTURE.md, "The ladder"), from
/// all text to all image: the one spelling of their names, shared by the writer, verify,
/// export, the gallery and the trainer.
public enum Level: String, CaseIterable, Sendable, Comparable, Codable {
    case textOnly = "text_only"
    case textDominant = "text_dominant"
    case textLite = "text_lite"
    case visionIntensive = "vision_intensive"
    case visionDominant = "vision_dominant"
    case visionOnly = "vision_only"

    public var rank: Int { Level.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }

    public var hasImage: Bool { self != .textOnly }
    /// Given values are written on the figure when the text no longer carries them.
    public var drawsGivens: Bool { self == .visionDominant || self == .visionOnly }

    /// Two-letter name for tables and contact sheets (TD = text-dominant, ...).
    public var abbreviation: String {
        switch self {
        case .textOnly: return "TO"
        case .textDominant: return "TD"
        case .textLite: return "TL"
        case .visionIntensive: return "VI"
        case .visionDominant: return "VD"
        case .visionOnly: return "VO"
        }
    }

    /// Reads the name with underscores (as written) or with hyphens (as prose writes it).
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let name = try c.decode(String.self)
        guard let level = Level(rawValue: name.replacingOccurrences(of: "-", with: "_")) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription:
                "\"\(name)\" is not a level (\(Level.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self = level
    }

    /// The name with hyphens, as prose writes it (text-dominant).
    public var displayName: String { rawValue.replacingOccurrences(of: "_", with: "-") }
}
