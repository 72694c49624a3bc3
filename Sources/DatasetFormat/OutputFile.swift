/// The files of the output contract, in docs/DATA_FORMAT.md's order.
public enum OutputFile {
    public static let manifest = "manifest.json"
    public static let problems = "problems.jsonl"
    public static let pairs = "pairs.jsonl"
    public static let stage1 = "stage1.jsonl"
    public static let instruct = "instruct.jsonl"
    public static let captions = "captions.jsonl"
    public static let eval = "eval.jsonl"
    public static let images = "images"
    public static let jsonl = [problems, pairs, stage1, instruct, captions, eval]

    /// The manifest's `format_version`: a reader refuses another.
    public static let formatVersion = 1
}
