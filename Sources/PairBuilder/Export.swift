import DatasetFormat
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
        var records: [ExportRow] = []
        let url = dir.appendingPathComponent(file)
        try JSONLReader.forEach(url) { line, value throws(PairBuilderError) in
            do { records.append(try JSONValueDecoder().decode(ExportRow.self, from: value)) } catch {
                throw .io(path: "\(url.path):\(line)", reason: describe(error))
            }
        }
        let outDir = out.deletingLastPathComponent().standardizedFileURL
        func path(_ v: String?) -> String? {
            guard let p = v, !p.isEmpty else { return nil }
            let full = dir.appendingPathComponent(p).standardizedFileURL
            return absolute ? full.path : relativePath(full, from: outDir)
        }
        var body = ""
        switch format {
        case .mathPuma:
            for r in records {
                var o: [(String, JSONValue)] = [
                    ("image_url", .string(path(r.imageURL) ?? "")),
                    ("instruction", .string(r.instruction)), ("output", .string(r.output)),
                ]
                if split == "pairs" {
                    o += [("image_url_2", .string(path(r.imageURL2) ?? "")),
                          ("instruction_2", .string(r.instruction2 ?? "")), ("output_2", .string(r.output2 ?? ""))]
                }
                o.append(("id", r.id.map { .string($0) } ?? .null))
                body += JSONValue.object(o).serialized() + "\n"
            }
        case .llava:
            let items: [JSONValue] = records.map { r in
                let image = path(r.imageURL)
                let prompt = (image != nil ? "<image>\n" : "") + r.instruction
                var o: [(String, JSONValue)] = [("id", r.id.map { .string($0) } ?? .null)]
                if let image { o.append(("image", .string(image))) }
                o.append(("conversations", [
                    ["from": "human", "value": .string(prompt)],
                    ["from": "gpt", "value": .string(r.output)],
                ]))
                return .object(o)
            }
            body = JSONValue.array(items).pretty()
        case .sharegpt:
            let items: [JSONValue] = records.map { r in
                let image = path(r.imageURL)
                let prompt = (image != nil ? "<image>" : "") + r.instruction
                var o: [(String, JSONValue)] = [("messages", [
                    ["role": "user", "content": .string(prompt)],
                    ["role": "assistant", "content": .string(r.output)],
                ])]
                o.append(("images", .array(image.map { [.string($0)] } ?? [])))
                return .object(o)
            }
            body = JSONValue.array(items).pretty()
        }
        try AtomicFile.write(Data(body.utf8), to: out, makeFolders: true)
        return records.count
    }

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
