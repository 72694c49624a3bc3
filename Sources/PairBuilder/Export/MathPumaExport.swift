import DatasetFormat
import Foundation

/// The official Math-PUMA trainer's records (train/qwen2/dataset.py, train/deepseek_math/dataset.py):
/// JSONL with image_url, instruction, output, and for pairs the `_2` member; no image is null,
/// which those loaders take as a text-only sample.
enum MathPumaExport {
    static func lines(_ rows: [Exporter.ExportRow], pairs: Bool, images: ImageResolver) throws(PairBuilderError) -> String {
        var body = ""
        for r in rows {
            var o: [(String, JSONValue)] = [
                ("image_url", Exporter.optional(try images.path(r.imageURL))),
                ("instruction", .string(r.instruction)), ("output", .string(r.output)),
            ]
            if pairs {
                o += [("image_url_2", Exporter.optional(try images.path(r.imageURL2))),
                      ("instruction_2", .string(r.instruction2 ?? "")), ("output_2", .string(r.output2 ?? ""))]
            }
            o.append(("id", Exporter.optional(r.id)))
            body += JSONValue.object(o).serialized() + "\n"
        }
        return body
    }
}
