import DatasetFormat
import Foundation
import Geometry

/// Joins the parts of a sharded build (`mathgen --shard i/N`) into one dataset:
/// records interleaved back into index order (byte-identical to an unsharded run),
/// images hard-linked (copied across file systems), counts summed.
public enum DatasetMerger {
    public static func merge(_ shards: [URL], into out: URL) throws(PairBuilderError) -> Int {
        guard !shards.isEmpty else { throw .invalidArgument(flag: "SHARD", message: "name at least one shard folder") }
        var manifests: [JSONValue] = []
        for dir in shards {
            let url = dir.appendingPathComponent(OutputFile.manifest)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                let unfinished = FileManager.default.fileExists(atPath: dir.appendingPathComponent(DatasetBuilder.progressFile).path)
                throw .io(path: dir.path, reason: unfinished ? "shard is unfinished (finish it with --resume)" : "no manifest.json: not a mathgen dataset")
            }
            do { manifests.append(try JSONParser.parse(Array(data))) } catch {
                throw .io(path: url.path, reason: "not valid JSON (\(error))")
            }
        }
        // Same arguments apart from the shard; every shard 0..<N exactly once.
        func stripped(_ m: JSONValue) -> JSONValue {
            .object((m["arguments"]?.objectValue ?? []).filter { $0.0 != "shard" })
        }
        let reference = stripped(manifests[0])
        var seen = Set<Int>()
        var count = 0
        for (dir, m) in zip(shards, manifests) {
            guard m["format_version"]?.intValue == OutputFile.formatVersion else {
                throw .io(path: dir.appendingPathComponent(OutputFile.manifest).path, reason:
                    "format version \(m["format_version"]?.intValue.map(String.init) ?? "missing"), this mathgen merges \(OutputFile.formatVersion); regenerate the shard")
            }
            guard stripped(m) == reference else {
                throw .invalidArgument(flag: "SHARD", message: "\(dir.path) was generated with other arguments than \(shards[0].path)")
            }
            guard let spec = m["arguments"]?["shard"]?.stringValue, let shard = BuildConfig.Shard.parse(spec) else {
                throw .io(path: dir.appendingPathComponent(OutputFile.manifest).path, reason: "no shard recorded")
            }
            if count == 0 { count = shard.count }
            guard shard.count == count else { throw .invalidArgument(flag: "SHARD", message: "\(dir.path) is part of a \(shard.count)-way split, others of \(count)") }
            guard seen.insert(shard.index).inserted else { throw .invalidArgument(flag: "SHARD", message: "shard \(spec) given twice") }
        }
        let missing = (0..<count).filter { !seen.contains($0) }
        guard missing.isEmpty else {
            throw .invalidArgument(flag: "SHARD", message: "missing shard(s) \(missing.map { "\($0)/\(count)" }.joined(separator: ", "))")
        }
        let lock = try OutputLock(out)
        defer { lock.release() }
        try DatasetBuilder.prepare(out, existing: .refuse)

        for file in OutputFile.jsonl {
            try mergeLines(file, shards: shards, out: out)
        }
        try linkImages(shards, out: out)

        // Manifest: shard 0's, with the shard argument cleared and every count summed.
        var merged = manifests[0]
        merged = replacing(merged, path: ["arguments", "shard"], with: .string("0/1"))
        for section in ["counts", "rejected", "audit", "stats"] {
            merged = replacing(merged, path: [section], with: sum(manifests.compactMap { $0[section] }))
        }
        // Distinct training identities do not add up across shards: count them in the merged records.
        if merged["stats"]?["train_identities"] != nil {
            let train = try DatasetBuilder.writtenIdentities(out).train.count
            let pairs = merged["counts"]?["train_problems"]?.intValue ?? 0
            merged = replacing(merged, path: ["stats", "train_identities"], with: .int(train))
            merged = replacing(merged, path: ["stats", "train_repeats"], with: .int(pairs - train))
        }
        try AtomicFile.write(Data(merged.pretty().utf8), to: out.appendingPathComponent(OutputFile.manifest))
        return merged["counts"]?["problems"]?.intValue ?? 0
    }

    /// Output order of a run: eval problems, then training problems, each by index.
    static func orderKey(_ record: JSONValue, file: String) -> (Int, Int)? {
        let id = (file == OutputFile.problems ? record["id"] : record["problem_id"])?.stringValue ?? ""
        guard let first = id.first, let n = Int(id.dropFirst()) else { return nil }
        return (first == "e" ? 0 : 1, n)
    }

    private static func mergeLines(_ file: String, shards: [URL], out: URL) throws(PairBuilderError) {
        var streams: [[(key: (Int, Int), line: [UInt8])]] = []
        for dir in shards {
            let url = dir.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path) else { throw .io(path: url.path, reason: "missing") }
            var items: [(key: (Int, Int), line: [UInt8])] = []
            var lineNo = 0
            for slice in data.split(separator: 10) {
                lineNo += 1
                let bytes = [UInt8](slice)
                guard let v = try? JSONParser.parse(bytes), let key = orderKey(v, file: file) else {
                    throw .io(path: "\(url.path):\(lineNo)", reason: "malformed record")
                }
                items.append((key, bytes))
            }
            streams.append(items)
        }
        var positions = Array(repeating: 0, count: streams.count)
        var body: [UInt8] = []
        while true {
            var best = -1
            for s in streams.indices where positions[s] < streams[s].count {
                if best < 0 || streams[s][positions[s]].key < streams[best][positions[best]].key { best = s }
            }
            if best < 0 { break }
            body += streams[best][positions[best]].line
            body.append(10)
            positions[best] += 1
        }
        try AtomicFile.write(body, to: out.appendingPathComponent(file))
    }

    private static func linkImages(_ shards: [URL], out: URL) throws(PairBuilderError) {
        let fm = FileManager.default
        for dir in shards {
            let root = dir.appendingPathComponent(OutputFile.images)
            guard let e = fm.enumerator(atPath: root.path) else { continue }
            while let rel = e.nextObject() as? String {
                guard rel.hasSuffix(".png"), !(rel as NSString).lastPathComponent.hasPrefix(".") else { continue }
                let src = root.appendingPathComponent(rel)
                let dst = out.appendingPathComponent(OutputFile.images).appendingPathComponent(rel)
                let folder = dst.deletingLastPathComponent()
                if !fm.fileExists(atPath: folder.path) {
                    do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                        throw .io(path: folder.path, reason: "cannot create folder")
                    }
                }
                if fm.fileExists(atPath: dst.path) { throw .io(path: dst.path, reason: "image exists in two shards") }
                if link(src.path, dst.path) != 0 {
                    do { try fm.copyItem(at: src, to: dst) } catch {
                        throw .io(path: dst.path, reason: "cannot link or copy from \(src.path)")
                    }
                }
            }
        }
    }

    /// Sums numbers position by position through nested objects (the shape of the first).
    static func sum(_ values: [JSONValue]) -> JSONValue {
        guard let first = values.first else { return .null }
        switch first {
        case .int, .double:
            let total = values.compactMap(\.doubleValue).reduce(0, +)
            return total == total.rounded() ? .int(Int(total)) : .double(total)
        case let .object(pairs):
            var keys = pairs.map(\.0)
            for v in values.dropFirst() {
                for (k, _) in v.objectValue ?? [] where !keys.contains(k) { keys.append(k) }
            }
            // Name-keyed tables (per_family, per_level_pair) are written sorted; keep them so.
            if pairs.map(\.0) == pairs.map(\.0).sorted() { keys.sort() }
            return .object(keys.map { k in (k, sum(values.compactMap { $0[k] })) })
        default:
            return first
        }
    }

    static func replacing(_ v: JSONValue, path: [String], with new: JSONValue) -> JSONValue {
        guard let key = path.first, case let .object(pairs) = v else { return new }
        if path.count == 1 {
            return .object(pairs.map { $0.0 == key ? ($0.0, new) : $0 })
        }
        return .object(pairs.map { $0.0 == key ? ($0.0, replacing($0.1, path: Array(path.dropFirst()), with: new)) : $0 })
    }
}
