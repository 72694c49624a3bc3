import DatasetFormat
import Foundation

/// LLaVA's LazySupervisedDataset records: {id, image, conversations} with "<image>" leading the
/// human turn; a text-only sample has no `image` key, as LLaVA's own text data has none. Paths
/// are relative to what `--image_folder` is set to (the export's folder by default).
enum LLaVAExport {
    static func json(_ rows: [Exporter.ExportRow], images: ImageResolver) throws(PairBuilderError) -> String {
        var items: [JSONValue] = []
        for r in rows {
            let image = try images.path(r.imageURL)
            var o: [(String, JSONValue)] = [("id", Exporter.optional(r.id))]
            if let image { o.append(("image", .string(image))) }
            o.append(("conversations", [
                ["from": "human", "value": .string((image != nil ? "<image>\n" : "") + r.instruction)],
                ["from": "gpt", "value": .string(r.output)],
            ]))
            items.append(.object(o))
        }
        return JSONValue.array(items).pretty()
    }
}
