import DatasetFormat
import Foundation

/// Makes a dataset folder a Hugging Face dataset: WebDataset shards of every split under
/// `DIR/hf/` (images inside, so they decode from any working folder; JSON configs over the
/// JSONL files cannot: `datasets` opens their relative image paths from the working
/// folder) and `DIR/README.md`, a dataset card whose YAML `configs` name the shards, so
/// `load_dataset(DIR, "pairs")` works. The card says how the data was made (generator,
/// format version, seed, every argument) from the manifest.
enum DatasetCard {
    static let splits: [(name: String, hfSplit: String)] = [
        ("pairs", "train"), ("stage1", "train"), ("instruct", "train"), ("captions", "train"), ("eval", "test"),
    ]
    static let folder = "hf"

    static func write(dataset: URL, shardSize: Int, overwrite: Bool) throws(PairBuilderError) -> Exporter.Summary {
        let card = dataset.appendingPathComponent("README.md")
        guard let m = FileManager.default.contents(atPath: dataset.appendingPathComponent(OutputFile.manifest).path),
              let manifest = try? JSONParser.parse(Array(m)) else {
            throw .io(path: dataset.appendingPathComponent(OutputFile.manifest).path,
                      reason: "missing or not JSON: the card is made from a finished dataset's manifest")
        }
        if !overwrite, FileManager.default.fileExists(atPath: card.path) {
            throw .io(path: card.path, reason: "exists; pass --overwrite to replace it")
        }
        let out = dataset.appendingPathComponent(folder)
        do { try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true) } catch {
            throw .unwritable(path: out.path, reason: "cannot create the folder (\(DatasetBuilder.reason(error)))")
        }
        var counts: [String: Int] = [:]
        var written: [String] = []
        for (split, _) in splits {
            let (n, files) = try WebDatasetExport.write(dataset: dataset, split: split,
                                                        prefix: out.appendingPathComponent(split), shardSize: shardSize)
            counts[split] = n
            written += files.map { out.appendingPathComponent($0).path }
        }
        try AtomicFile.write(Data(text(manifest: manifest, counts: counts).utf8), to: card)
        return Exporter.Summary(records: counts.values.reduce(0, +), split: "all", alsoWrote: written + [card.path])
    }

    /// A config's declared features, from the record schema (DatasetFormat): the sample's
    /// `json` as a struct and its images. Declared, `datasets` does not infer them from the
    /// first samples, which in the eval split mix text-only (no image) and imaged levels.
    static func features(_ split: String) -> String {
        func field(_ name: String, _ kind: Schema.Kind, indent: String) -> String {
            switch kind {
            case .string, .optionalString: return "\(indent)- name: \(name)\n\(indent)  dtype: string\n"
            case .number, .optionalNumber: return "\(indent)- name: \(name)\n\(indent)  dtype: float64\n"
            case .integer, .optionalInteger: return "\(indent)- name: \(name)\n\(indent)  dtype: int64\n"
            case .bool: return "\(indent)- name: \(name)\n\(indent)  dtype: bool\n"
            case .optionalArray, .array: return "\(indent)- name: \(name)\n\(indent)  list: string\n"
            case .object:
                // The only object in the exported files is eval's `answer`.
                return "\(indent)- name: \(name)\n\(indent)  struct:\n"
                    + Schema.answer.map { field($0.0, $0.1, indent: indent + "  ") }.joined()
            }
        }
        let keys = (Schema.files[split + ".jsonl"] ?? []) + (Schema.optionalKeys[split + ".jsonl"] ?? [])
        var f = "- config_name: \(split)\n  features:\n"
        f += field("__key__", .string, indent: "  ") + field("__url__", .string, indent: "  ")
        f += "  - name: json\n    struct:\n" + keys.map { field($0.0, $0.1, indent: "    ") }.joined()
        for image in split == "pairs" ? ["1.png", "2.png"] : ["png"] {
            f += "  - name: \(image)\n    dtype: image\n"
        }
        return f
    }

    /// The card: YAML front matter with the configs, then what a reader needs.
    static func text(manifest: JSONValue, counts: [String: Int]) -> String {
        var y = "---\nlicense: cc-by-4.0\npretty_name: mathgen synthetic math problems at six text-to-vision levels\n"
        y += "task_categories:\n- visual-question-answering\n- image-text-to-text\nlanguage:\n"
        y += "- \(manifest["arguments"]?["lang"]?.stringValue ?? "en")\nconfigs:\n"
        for (split, hfSplit) in splits {
            y += "- config_name: \(split)\n  data_files:\n  - split: \(hfSplit)\n    path: \(folder)/\(split)-*.tar\n"
            if split == "pairs" { y += "  default: true\n" }
        }
        y += "dataset_info:\n"
        for (split, _) in splits { y += features(split) }
        y += "---\n\n"
        let args = manifest["arguments"]?.objectValue ?? []
        var body = "# mathgen dataset\n\n"
        body += "Synthetic plane-geometry, solid-geometry, analytic-geometry and function problems, each rendered "
        body += "at six text-to-vision levels (text-only ... vision-only), with aligned pairs for Math-PUMA's stage 2, "
        body += "text SFT (stage 1), instruction tuning (stage 3), perception captions and a held-out eval split. "
        body += "Every answer was computed twice by independent routes.\n\n"
        body += "## Load\n\n```python\nimport datasets\n"
        body += "pairs = datasets.load_dataset(\"PATH/TO/THIS/FOLDER\", \"pairs\", split=\"train\")\n```\n\n"
        body += "Each config is WebDataset shards under `\(folder)/`: a sample's `json` is the record as in the "
        body += "JSONL file of the same name (image paths replaced by the sample's own files), its `png` the image "
        body += "(`1.png` and `2.png` for a pair's text-richer and vision-richer members; none for a text-only "
        body += "member).\n\n| config | split | samples |\n|---|---|---|\n"
        for (split, hfSplit) in splits { body += "| \(split) | \(hfSplit) | \(counts[split] ?? 0) |\n" }
        body += "\n## How it was made\n\n"
        body += "- generator: \(manifest["generator"]?.stringValue ?? "mathgen")\n"
        body += "- format version: \(manifest["format_version"]?.intValue.map(String.init) ?? "?")\n"
        body += "- seed: \(manifest["seed"]?.stringValue ?? "?")\n"
        for (k, v) in args where k != "families" && k != "seed" {
            body += "- \(k): \(v.stringValue ?? v.serialized())\n"
        }
        if let fams = manifest["arguments"]?["families"]?.arrayValue {
            body += "- families (\(fams.count)): \(fams.compactMap(\.stringValue).joined(separator: ", "))\n"
        }
        body += "\nThe same arguments give byte-identical files. The JSONL files, `manifest.json` and `images/` "
        body += "beside this card are the same data in mathgen's own layout (docs/DATA_FORMAT.md in the mathgen "
        body += "repository).\n"
        return y + body
    }
}
