import DatasetFormat
import Foundation

/// Rewrites a split into the record layout another trainer or benchmark reads, with
/// image paths that resolve where that tool runs (docs/EXPORTS.md).
public enum Exporter {
    public enum Format: String, CaseIterable, Sendable {
        /// The official Math-PUMA trainer's keys (image_url, instruction, output, and the `_2`
        /// member for pairs), JSONL; a missing image is null.
        case mathPuma = "math-puma"
        /// LLaVA: a JSON array of {id, image, conversations: [{from: human, value: "<image>\n..."}, {from: gpt, ...}]}.
        case llava
        /// LLaMA-Factory sharegpt: a JSON array of {messages: [{role, content}], images: [...]},
        /// with one "<image>" in the user turn per listed image, and its dataset_info.json entry.
        case sharegpt
        /// Qwen-VL's finetune.py: a JSON array of {id, conversations: [{from: user, value}, {from: assistant, value}]},
        /// the image inline as "Picture 1: <img>PATH</img>".
        case qwen
        /// MathVerse's testmini layout for the eval split, so its evaluation scripts score a model on it.
        case mathverse
        /// WebDataset tar shards (`--out` is the shards' path prefix), images inside: what
        /// large-scale training streams, loadable from any working folder.
        case webdataset
        /// The dataset folder made a Hugging Face dataset: WebDataset shards of every split in
        /// `DIR/hf/` and a dataset card `DIR/README.md` with their configs (`--out` unused).
        case hf

        /// The split exported when none is named.
        public var defaultSplit: String {
            switch self {
            case .mathPuma, .webdataset, .hf: return "pairs"
            case .mathverse: return "eval"
            default: return "instruct"
            }
        }

        /// Where image paths point unless `--image-root` or `--absolute-paths` says otherwise:
        /// absolute for the tools that open paths as given from wherever they run (the official
        /// Math-PUMA scripts, Qwen's finetune.py); relative to the export's folder for the ones
        /// told that folder (LLaVA's --image_folder, LLaMA-Factory's dataset_dir, MathVerse's image root).
        public var defaultImagePaths: ImagePaths {
            switch self {
            case .mathPuma, .qwen: return .absolute
            case .llava, .sharegpt, .mathverse, .webdataset, .hf: return .relativeToOutput
            }
        }

        /// Splits the format can hold.
        public var splits: [String] {
            switch self {
            case .mathPuma, .webdataset, .hf: return ["pairs", "instruct", "stage1", "captions", "eval"]
            case .mathverse: return ["eval"]
            default: return ["instruct", "stage1", "captions", "eval"]
            }
        }
    }

    /// How image paths are written.
    public enum ImagePaths: Sendable, Equatable {
        /// Relative to the folder of the export file.
        case relativeToOutput
        case absolute
        /// Relative to a folder the user names (where the trainer will be told images are).
        case root(URL)
    }

    public struct Request: Sendable {
        public var dataset: URL
        public var split: String?
        public var format: Format
        public var out: URL
        /// nil: the format's default.
        public var images: ImagePaths?
        /// Replace an existing export file.
        public var overwrite: Bool
        /// Samples per WebDataset shard.
        public var shardSize = 1000

        public init(dataset: URL, split: String? = nil, format: Format, out: URL, images: ImagePaths? = nil,
                    overwrite: Bool = false) {
            self.dataset = dataset
            self.split = split
            self.format = format
            self.out = out
            self.images = images
            self.overwrite = overwrite
        }
    }

    /// What an export wrote.
    public struct Summary: Sendable {
        public var records: Int
        public var split: String
        /// Files written besides the export itself (LLaMA-Factory's dataset_info.json).
        public var alsoWrote: [String] = []
    }

    /// Whether `split` is one a dataset has and `format` can carry it; errors name the flag.
    public static func check(split: String, format: Format) throws(PairBuilderError) {
        let file = split + ".jsonl"
        guard OutputFile.jsonl.contains(file), file != OutputFile.problems else {
            throw .invalidArgument(flag: "--split", message: "unknown split \"\(split)\" (pairs, instruct, stage1, captions, eval)")
        }
        guard format.splits.contains(split) else {
            throw .invalidArgument(flag: "--format", message: "\(format.rawValue) cannot hold the \(split) split (it holds \(format.splits.joined(separator: ", ")))")
        }
    }

    /// Exports a split; refuses an existing output without `overwrite`, names a missing image.
    public static func export(_ r: Request) throws(PairBuilderError) -> Summary {
        let split = r.split ?? r.format.defaultSplit
        try check(split: split, format: r.format)
        let file = split + ".jsonl"
        if r.format == .webdataset || r.format == .hf {
            guard r.shardSize >= 1 else { throw .invalidArgument(flag: "--shard-size", message: "must be at least 1 (got \(r.shardSize))") }
        }
        if r.format == .webdataset {
            return try exportShards(r, split: split)
        }
        if r.format == .hf {
            return try DatasetCard.write(dataset: r.dataset, shardSize: r.shardSize, overwrite: r.overwrite)
        }
        if !r.overwrite, FileManager.default.fileExists(atPath: r.out.path) {
            throw .io(path: r.out.path, reason: "exists; pass --overwrite to replace it")
        }
        let images = ImageResolver(dataset: r.dataset, out: r.out, mode: r.images ?? r.format.defaultImagePaths)
        let url = r.dataset.appendingPathComponent(file)
        var summary = Summary(records: 0, split: split)
        let body: String
        switch r.format {
        case .mathverse:
            let rows: [EvalRecord] = try read(url)
            body = try MathVerseExport.json(rows, images: images)
            summary.records = rows.count
        case .mathPuma, .llava, .sharegpt, .qwen, .webdataset, .hf:
            let rows: [ExportRow] = try read(url)
            body = try conversation(r.format, rows, pairs: split == "pairs", images: images)
            summary.records = rows.count
        }
        try AtomicFile.write(Data(body.utf8), to: r.out, makeFolders: true)
        if r.format == .sharegpt {
            summary.alsoWrote.append(try ShareGPTExport.registerDataset(name: "mathgen_" + split, file: r.out))
        }
        return summary
    }

    /// A split of instruction/output records in one of the trainers' layouts.
    static func conversation(_ format: Format, _ rows: [ExportRow], pairs: Bool,
                             images: ImageResolver) throws(PairBuilderError) -> String {
        switch format {
        case .mathPuma: return try MathPumaExport.lines(rows, pairs: pairs, images: images)
        case .llava: return try LLaVAExport.json(rows, images: images)
        case .sharegpt: return try ShareGPTExport.json(rows, images: images)
        case .qwen: return try QwenExport.json(rows, images: images)
        case .mathverse, .webdataset, .hf:
            throw .invalidArgument(flag: "--format", message: "\(format.rawValue) is not a conversation layout")
        }
    }

    /// WebDataset shards under the prefix `r.out`; refuses to replace shards without `overwrite`.
    static func exportShards(_ r: Request, split: String) throws(PairBuilderError) -> Summary {
        let folder = r.out.deletingLastPathComponent()
        let first = folder.appendingPathComponent(r.out.lastPathComponent + "-000000.tar")
        let index = folder.appendingPathComponent(r.out.lastPathComponent + "-index.json")
        for existing in [first, index] where !r.overwrite && FileManager.default.fileExists(atPath: existing.path) {
            throw .io(path: existing.path, reason: "exists; pass --overwrite to replace the shards")
        }
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .unwritable(path: folder.path, reason: "cannot create the folder (\(DatasetBuilder.reason(error)))")
        }
        let (samples, files) = try WebDatasetExport.write(dataset: r.dataset, split: split, prefix: r.out, shardSize: r.shardSize)
        return Summary(records: samples, split: split, alsoWrote: files.map { folder.appendingPathComponent($0).path })
    }

    /// The records of a JSONL file of the dataset, decoded; a bad line names the file and line.
    static func read<T: Decodable>(_ url: URL) throws(PairBuilderError) -> [T] {
        var rows: [T] = []
        try JSONLReader.forEach(url) { line, value throws(PairBuilderError) in
            do { rows.append(try JSONValueDecoder().decode(T.self, from: value)) } catch {
                throw .io(path: "\(url.path):\(line)", reason: describe(error))
            }
        }
        return rows
    }

    /// A value or null.
    static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// What every split's record has in common (the pair's second member where there is
    /// one), under the record types' own keys.
    struct ExportRow: Decodable {
        var id: String?
        var imageURL: String?
        var instruction: String
        var output: String
        var imageURL2: String?
        var instruction2: String?
        var output2: String?

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: PairRecord.CodingKeys.self)
            id = try c.decodeIfPresent(String.self, forKey: .id)
            imageURL = try c.decodeIfPresent(String.self, forKey: .imageURL)
            instruction = try c.decode(String.self, forKey: .instruction)
            output = try c.decode(String.self, forKey: .output)
            imageURL2 = try c.decodeIfPresent(String.self, forKey: .imageURL2)
            instruction2 = try c.decodeIfPresent(String.self, forKey: .instruction2)
            output2 = try c.decodeIfPresent(String.self, forKey: .output2)
        }
    }

    /// `target` relative to folder `base` ("../data/images/x.png").
    static func relativePath(_ target: URL, from base: URL) -> String {
        let t = target.pathComponents, b = base.pathComponents
        var i = 0
        while i < t.count, i < b.count, t[i] == b[i] { i += 1 }
        return (Array(repeating: "..", count: b.count - i) + t[i...]).joined(separator: "/")
    }
}

