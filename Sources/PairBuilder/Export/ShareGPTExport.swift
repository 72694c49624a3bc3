import DatasetFormat
import Foundation

/// LLaMA-Factory's sharegpt layout: {messages: [{role: user}, {role: assistant}], images}, one
/// "<image>" in the user turn per listed image, paths relative to dataset_dir (the export's
/// folder), and the dataset_info.json entry that tells LLaMA-Factory those column and role
/// names (without it the loader looks for `from`/`value` and fails).
enum ShareGPTExport {
    static func json(_ rows: [Exporter.ExportRow], images: ImageResolver) throws(PairBuilderError) -> String {
        var items: [JSONValue] = []
        for r in rows {
            let image = try images.path(r.imageURL)
            items.append([
                "messages": [
                    ["role": "user", "content": .string((image != nil ? "<image>" : "") + r.instruction)],
                    ["role": "assistant", "content": .string(r.output)],
                ],
                "images": .array(image.map { [.string($0)] } ?? []),
            ])
        }
        return JSONValue.array(items).pretty()
    }

    /// The entry LLaMA-Factory needs for the export `file` under `name`.
    static func entry(file: String) -> JSONValue {
        [
            "file_name": .string(file),
            "formatting": "sharegpt",
            "columns": ["messages": "messages", "images": "images"],
            "tags": ["role_tag": "role", "content_tag": "content", "user_tag": "user", "assistant_tag": "assistant"],
        ]
    }

    /// Adds (or replaces) `name` in the dataset_info.json beside `file`, keeping every other
    /// entry; a dataset_info.json that is not a JSON object is refused, never overwritten.
    /// Returns the path written.
    static func registerDataset(name: String, file: URL) throws(PairBuilderError) -> String {
        let info = file.deletingLastPathComponent().appendingPathComponent("dataset_info.json")
        var entries: [(String, JSONValue)] = []
        if let data = FileManager.default.contents(atPath: info.path) {
            guard let object = (try? JSONParser.parse(Array(data)))?.objectValue else {
                throw .io(path: info.path, reason: "is not a JSON object; fix or move it, then export again")
            }
            entries = object.filter { $0.0 != name }
        }
        entries.append((name, entry(file: file.lastPathComponent)))
        try AtomicFile.write(Data(JSONValue.object(entries).pretty().utf8), to: info)
        return info.path
    }
}
