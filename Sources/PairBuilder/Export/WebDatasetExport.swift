import DatasetFormat
import Foundation

/// WebDataset tar shards, the layout large-scale training streams: one sample per record,
/// its files sharing a key (`KEY.json` the record, `KEY.png` its image; for pairs
/// `KEY.1.png` and `KEY.2.png`, the reference and the vision-rich member), a member with no
/// image has no PNG. Shards `PREFIX-000000.tar`, ... of `shardSize` samples in record
/// order, and `PREFIX-index.json` listing them with their sample counts. Loads with the
/// `webdataset` package and with Hugging Face `datasets`' webdataset builder from any
/// working folder, since the images travel inside the shards.
enum WebDatasetExport {
    /// The record written as KEY.json: every key of the JSONL line, image paths replaced
    /// by the name of the file in the sample (or null).
    static func sampleJSON(_ record: JSONValue, images: [(key: String, file: String?)]) -> JSONValue {
        guard case let .object(pairs) = record else { return record }
        return .object(pairs.map { k, v in
            if let image = images.first(where: { $0.key == k }) { return (k, image.file.map { .string($0) } ?? .null) }
            return (k, v)
        })
    }

    /// Keys are record ids; a dot would split a key in WebDataset, so dots become underscores.
    static func key(_ id: String) -> String { id.replacingOccurrences(of: ".", with: "_") }

    static func write(dataset: URL, split: String, prefix: URL, shardSize: Int) throws(PairBuilderError) -> (samples: Int, shards: [String]) {
        let url = dataset.appendingPathComponent(split + ".jsonl")
        let imageKeys = split == "pairs" ? [("image_url", "1.png"), ("image_url_2", "2.png")] : [("image_url", "png")]
        var shards: [(String, Int)] = []
        var tar: TarWriter?
        var inShard = 0
        var samples = 0
        func shardName(_ n: Int) -> String { prefix.lastPathComponent + "-" + String(format: "%06d", n) + ".tar" }
        let folder = prefix.deletingLastPathComponent()
        try JSONLReader.forEach(url) { line, record throws(PairBuilderError) in
            if tar == nil || inShard == shardSize {
                try tar?.finish()
                if let last = shards.last?.0, inShard > 0 { shards[shards.count - 1] = (last, inShard) }
                let name = shardName(shards.count)
                tar = try TarWriter(path: folder.appendingPathComponent(name).path)
                shards.append((name, 0))
                inShard = 0
            }
            guard let id = record["id"]?.stringValue else {
                throw .io(path: "\(url.path):\(line)", reason: "record has no id to key its sample")
            }
            let k = key(id)
            var files: [(key: String, file: String?)] = []
            var pngs: [(String, [UInt8])] = []
            for (field, ext) in imageKeys {
                guard let p = record[field]?.stringValue, !p.isEmpty else { files.append((field, nil)); continue }
                let full = dataset.appendingPathComponent(p)
                guard let data = FileManager.default.contents(atPath: full.path) else {
                    throw .io(path: full.path, reason: "image named by the dataset is missing")
                }
                files.append((field, k + "." + ext))
                pngs.append((k + "." + ext, Array(data)))
            }
            try tar?.add(k + ".json", Array(sampleJSON(record, images: files).serialized().utf8))
            for (name, bytes) in pngs { try tar?.add(name, bytes) }
            inShard += 1
            samples += 1
        }
        try tar?.finish()
        if let last = shards.last?.0 { shards[shards.count - 1] = (last, inShard) }
        let index: JSONValue = [
            "split": .string(split), "samples": .int(samples),
            "shards": .array(shards.map { ["file": .string($0.0), "samples": .int($0.1)] }),
        ]
        let indexURL = folder.appendingPathComponent(prefix.lastPathComponent + "-index.json")
        try AtomicFile.write(Data(index.pretty().utf8), to: indexURL)
        return (samples, shards.map(\.0) + [indexURL.lastPathComponent])
    }
}
