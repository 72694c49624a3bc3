import DatasetFormat
import Geometry
import Render

extension BuildConfig {
    /// The PNG compressor of a run by its `--png` name: the project's
    /// run-length encoder (fastest, largest files), zlib at level 1 or
    /// libdeflate at level 6 (the smallest files; docs/BENCHMARKS.md "PNG size").
    public enum PNGCompression: String, Sendable, CaseIterable {
        case rle, zlib, libdeflate

        public var encoder: PNGEncoder {
            switch self {
            case .rle: return PNGEncoder(compressor: .runLength)
            case .zlib: return PNGEncoder(compressor: .zlib)
            case .libdeflate: return PNGEncoder(level: 6, compressor: .libdeflate)
            }
        }
    }

    /// Share of problems posed as multiple choice (`--mc-rate`).
    public var multipleChoiceRate: Double {
        get { generation.multipleChoiceRate }
        set { generation.multipleChoiceRate = newValue }
    }

    /// Reasoning depth 1...3, or nil to draw one per problem (`--difficulty`).
    public var difficulty: Int? {
        get { generation.difficulty }
        set { generation.difficulty = newValue }
    }

    /// Composed problems' derivation depth 1...6, or nil to draw one per problem (`--depth`).
    public var depth: Int? {
        get { generation.depth }
        set { generation.depth = newValue }
    }

    /// Composed problems' distractor steps 0...3, or nil to draw 0 to 2 per problem (`--width`).
    public var width: Int? {
        get { generation.width }
        set { generation.width = newValue }
    }

    /// The checks of the numbers a build takes, each error naming its flag;
    /// `DatasetBuilder` makes them, and the CLI before any work.
    public func checkValues() throws(PairBuilderError) {
        guard pairs > 0 else { throw .invalidArgument(flag: "--pairs", message: "must be at least 1") }
        guard !families.isEmpty else { throw .invalidArgument(flag: "--families", message: "no family selected") }
        if let d = depth, !(1...6).contains(d) {
            throw .invalidArgument(flag: "--depth", message: "must be 1...6 (got \(d))")
        }
        if let w = width, !(0...3).contains(w) {
            throw .invalidArgument(flag: "--width", message: "must be 0...3 (got \(w))")
        }
        guard (64...4096).contains(imageSize) else {
            throw .invalidArgument(flag: "--image-size", message: "\(imageSize) is outside 64...4096")
        }
        guard (0.75...4).contains(textScale) else {
            throw .invalidArgument(flag: "--text-scale", message: "\(textScale) is outside 0.75...4")
        }
        guard (0...1).contains(decoyRate) else {
            throw .invalidArgument(flag: "--decoy-rate", message: "\(decoyRate) is outside 0...1")
        }
    }
}
