import DatasetFormat
import Foundation

/// Qwen-VL's finetune.py records: {id, conversations: [{from: user}, {from: assistant}]}, the
/// image inline in the user turn as "Picture 1: <img>PATH</img>" (absolute by default: the
/// script opens the path as written). Text-only samples carry no picture.
enum QwenExport {
    static func json(_ rows: [Exporter.ExportRow], images: ImageResolver) throws(PairBuilderError) -> String {
        var items: [JSONValue] = []
        for r in rows {
            let picture = try images.path(r.imageURL).map { "Picture 1: <img>\($0)</img>\n" } ?? ""
            items.append([
                "id": Exporter.optional(r.id),
                "conversations": [
                    ["from": "user", "value": .string(picture + r.instruction)],
                    ["from": "assistant", "value": .string(r.output)],
                ],
            ])
        }
        return JSONValue.array(items).pretty()
    }
}
