import Foundation
import Geometry

/// Rewrites a split into the record layout another trainer reads.
public enum Exporter {
    public enum Format: String, CaseIterable, Sendable {
        /// The official Math-PUMA trainer's keys (image_url, instruction, output, and the `_2` member
        /// for pairs), JSONL; a missing image is "" as that trainer expects.
        case mathPuma = "math-puma"
        /// LLaVA: a JSON array of {id, image, conversations: [{from: human, value: "<image>\n..."}, {from: gpt, ...}]}.
        case llava
        /// LLaMA-Factory sharegpt: a JSON array of {messages: [{role, content}], images: [...]},
        /// with one "<image>" in the user turn per listed image.
        case sharegpt
    }

    /// Whether `split` is one a dataset has and `format` can carry it; errors name the flag.
    public static func check(split: String, format: Format) throws(PairBuilderError) {
        let file = split + ".jsonl"
        guard OutputFile.jsonl.contains(file), file != OutputFile.problems else {
            throw .invalidArgument(flag: "--split", message: "unknown split \"\(split)\" (pairs, instruct, stage1, captions, eval)")
        }
        if format == .mathPuma || split == "pairs" {
            guard format == .mathPuma else {
                throw .invalidArgument(flag: "--format", message: "pairs export only as math-puma (the other formats have no paired member)")
            }
        }
    }

    /// Exports `split` ("pairs", "instruct", "stage1", "captions", "eval") of the dataset in `dir`.
    /// Image paths are relative to `relativeTo` (the output file's folder) unless `absolute`.
    public static func export(dir: URL, split: String, format: Format, absolute: Bool,
                              to out: URL) throws(PairBuilderError) -> Int {
        try check(split: split, format: format)
        let file = split + ".jsonl"
        let records = try JSONLReader.read(dir.appendingPathComponent(file))
        let outDir = out.deletingLastPathComponent().standardizedFileURL
        func path(_ v: JSONValue?) -> String? {
            guard let p = v?.stringValue, !p.isEmpty else { return nil }
            let full = dir.appendingPathComponent(p).standardizedFileURL
            return absolute ? full.path : relativePath(full, from: outDir)
        }
        var body = ""
        switch format {
        case .mathPuma:
            for r in records {
                var o: [(String, JSONValue)] = [
                    ("image_url", .string(path(r["image_url"]) ?? "")),
                    ("instruction", r["instruction"] ?? ""), ("output", r["output"] ?? ""),
                ]
                if split == "pairs" {
                    o += [("image_url_2", .string(path(r["image_url_2"]) ?? "")),
                          ("instruction_2", r["instruction_2"] ?? ""), ("output_2", r["output_2"] ?? "")]
                }
                o.append(("id", r["id"] ?? .null))
                body += JSONValue.object(o).serialized() + "\n"
            }
        case .llava:
            let items: [JSONValue] = records.map { r in
                let image = path(r["image_url"])
                let prompt = (image != nil ? "<image>\n" : "") + (r["instruction"]?.stringValue ?? "")
                var o: [(String, JSONValue)] = [("id", r["id"] ?? .null)]
                if let image { o.append(("image", .string(image))) }
                o.append(("conversations", [
                    ["from": "human", "value": .string(prompt)],
                    ["from": "gpt", "value": r["output"] ?? ""],
                ]))
                return .object(o)
            }
            body = JSONValue.array(items).pretty()
        case .sharegpt:
            let items: [JSONValue] = records.map { r in
                let image = path(r["image_url"])
                let prompt = (image != nil ? "<image>" : "") + (r["instruction"]?.stringValue ?? "")
                var o: [(String, JSONValue)] = [("messages", [
                    ["role": "user", "content": .string(prompt)],
                    ["role": "assistant", "content": r["output"] ?? ""],
                ])]
                o.append(("images", .array(image.map { [.string($0)] } ?? [])))
                return .object(o)
            }
            body = JSONValue.array(items).pretty()
        }
        try AtomicFile.write(Data(body.utf8), to: out, makeFolders: true)
        return records.count
    }

    /// `target` relative to folder `base` ("../data/images/x.png").
    static func relativePath(_ target: URL, from base: URL) -> String {
        let t = target.pathComponents, b = base.pathComponents
        var i = 0
        while i < t.count, i < b.count, t[i] == b[i] { i += 1 }
        return (Array(repeating: "..", count: b.count - i) + t[i...]).joined(separator: "/")
    }
}

/// Reads a JSONL file; a malformed line is an error naming the file and line.
public enum JSONLReader {
    public static func read(_ url: URL) throws(PairBuilderError) -> [JSONValue] {
        var out: [JSONValue] = []
        try forEach(url) { _, v in out.append(v) }
        return out
    }

    public static func forEach(_ url: URL, _ body: (Int, JSONValue) throws(PairBuilderError) -> Void) throws(PairBuilderError) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .io(path: url.path, reason: "missing or unreadable")
        }
        var line = 0
        var start = data.startIndex
        let bytes = [UInt8](data)
        var i = 0
        start = 0
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == 10 {
                if i > start {
                    line += 1
                    let v: JSONValue
                    do { v = try JSONParser.parse(Array(bytes[start..<i])) } catch {
                        throw .io(path: "\(url.path):\(line)", reason: "malformed JSON (\(error))")
                    }
                    try body(line, v)
                } else if i < bytes.count {
                    line += 1
                    throw .io(path: "\(url.path):\(line)", reason: "empty line")
                }
                start = i + 1
            }
            i += 1
        }
        if let last = bytes.last, last != 10 {
            throw .io(path: "\(url.path):\(line)", reason: "last line has no newline (truncated file?)")
        }
    }
}
