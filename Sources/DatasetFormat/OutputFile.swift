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

    /// The manifest's `format_version`: a reader refuses another. 2: every Double is
    /// written with a fraction or exponent (1.0, not 1), so each key has one JSON type.
    public static let formatVersion = 2
}
