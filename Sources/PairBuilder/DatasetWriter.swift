import Foundation
import Geometry
import Render

/// What to do with an output folder that already holds files.
public enum ExistingOutput: Sendable {
    /// Refuse (the default): nothing is ever deleted without being asked.
    case refuse
    /// Delete the files a previous run wrote (and only those), then build.
    case overwrite
}

/// The result of a build, for the CLI's summary.
public struct BuildSummary: Sendable {
    public var problems: Int
    public var pairs: Int
    public var images: Int
    public var imageBytes: Int
    public var rejections: Rejections
    public var audit: Audit
}

/// The files of the output contract, in DESIGN.md's order.
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
}

extension DatasetBuilder {
    public static let formatVersion = 1
    public static let generatorVersion = "mathgen 0.1.0"

    /// Checks and prepares `out`; throws before anything is written or deleted.
    public static func prepare(_ out: URL, existing: ExistingOutput) throws(PairBuilderError) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: out.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw .unwritable(path: out.path, reason: "it is a file, not a folder") }
            let contents = (try? fm.contentsOfDirectory(atPath: out.path)) ?? []
            if !contents.isEmpty {
                guard existing == .overwrite else { throw .outputNotEmpty(path: out.path) }
                let ours = Set(OutputFile.jsonl + [OutputFile.manifest, OutputFile.images])
                let foreign = contents.filter { !ours.contains($0) && !$0.hasSuffix(".tmp") }
                guard foreign.isEmpty else {
                    throw .unwritable(path: out.path, reason:
                        "--overwrite only replaces mathgen's own files, and this folder also holds \(foreign.sorted().prefix(3).joined(separator: ", "))")
                }
                for name in contents {
                    do { try fm.removeItem(at: out.appendingPathComponent(name)) } catch {
                        throw .unwritable(path: out.appendingPathComponent(name).path, reason: "cannot remove it")
                    }
                }
            }
        } else {
            do { try fm.createDirectory(at: out, withIntermediateDirectories: true) } catch {
                throw .unwritable(path: out.path, reason: "cannot create the folder (\(Self.reason(error)))")
            }
        }
        let probe = out.appendingPathComponent(".mathgen-probe.tmp")
        guard fm.createFile(atPath: probe.path, contents: Data()) else {
            throw .unwritable(path: out.path, reason: "permission denied or read-only file system")
        }
        try? fm.removeItem(at: probe)
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }

    /// Builds the whole dataset into `out` (already prepared). `progress` gets (done, total) problems.
    public func write(to out: URL, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(PairBuilderError) -> BuildSummary {
        let total = config.pairs + config.evalCount
        var rejections = Rejections()
        var audit = Audit()
        var images = 0, imageBytes = 0
        var familyCounts: [String: Int] = [:]
        var levelPairCounts: [String: Int] = [:]
        var done = 0

        let files = try JSONLSet(folder: out, names: OutputFile.jsonl)

        // Eval first: its identities are what training problems must avoid.
        var evalIdentities = Set<UInt64>()
        let chunk = 128
        for start in stride(from: 0, to: config.evalCount, by: chunk) {
            let range = start..<min(config.evalCount, start + chunk)
            let built = try parallelMap(range) { i throws(PairBuilderError) in
                try self.build(.eval, i, forbidden: [], render: true)
            }
            for b in built {
                evalIdentities.insert(b.problem.identity)
                try writeImages(b, out: out, images: &images, bytes: &imageBytes, audit: &audit)
                rejections.add(b.rejections)
                familyCounts[b.problem.family, default: 0] += 1
                try files.append(OutputFile.problems, problemRecord(b))
                for level in Level.allCases {
                    try files.append(OutputFile.eval, evalRecord(b, level))
                }
            }
            done += built.count
            progress?(done, total)
        }

        let forbidden = evalIdentities
        for start in stride(from: 0, to: config.pairs, by: chunk) {
            let range = start..<min(config.pairs, start + chunk)
            let built = try parallelMap(range) { i throws(PairBuilderError) in
                try self.build(.train, i, forbidden: forbidden, render: true)
            }
            for b in built {
                try writeImages(b, out: out, images: &images, bytes: &imageBytes, audit: &audit)
                rejections.add(b.rejections)
                familyCounts[b.problem.family, default: 0] += 1
                try files.append(OutputFile.problems, problemRecord(b))
                let (l1, l2) = config.pairing.levels(forProblem: b.index)
                levelPairCounts[l1.rawValue + "->" + l2.rawValue, default: 0] += 1
                try files.append(OutputFile.pairs, pairRecord(b, l1, l2))
                try files.append(OutputFile.stage1, stage1Record(b))
                try files.append(OutputFile.instruct, instructRecord(b))
                try files.append(OutputFile.captions, captionRecord(b))
            }
            done += built.count
            progress?(done, total)
        }
        try files.commit()

        let summary = BuildSummary(problems: total, pairs: config.pairs, images: images, imageBytes: imageBytes,
                                   rejections: rejections, audit: audit)
        let manifest = manifestRecord(summary, familyCounts: familyCounts, levelPairCounts: levelPairCounts)
        try AtomicFile.write(Data(manifest.pretty().utf8), to: out.appendingPathComponent(OutputFile.manifest))
        return summary
    }

    private func writeImages(_ b: BuiltProblem, out: URL, images: inout Int, bytes: inout Int,
                             audit: inout Audit) throws(PairBuilderError) {
        for v in ImageVariant.allCases {
            guard let img = b.images[v] else { continue }
            try AtomicFile.write(Data(img.png), to: out.appendingPathComponent(b.imagePath(v)), makeFolders: true)
            images += 1
            bytes += img.png.count
            audit = audit + img.audit
        }
    }

    // MARK: records

    func problemRecord(_ b: BuiltProblem) -> JSONValue {
        let p = b.problem
        var levels: [(String, JSONValue)] = []
        for level in Level.allCases {
            let image = b.images[level.imageVariant ?? .figure] != nil ? b.imagePath(for: level) : nil
            levels.append((level.rawValue, [
                "instruction": .string(b.text.instructions[level] ?? ""),
                "image": Records.image(image),
                "text_ratio": Records.ratio(b.text.ratios[level] ?? 0),
            ]))
        }
        return [
            "id": .string(b.id), "split": .string(b.split.rawValue), "family": .string(p.family),
            "subject": .string(p.subject.rawValue), "seed": .string(String(p.seed)),
            "identity": .string(String(p.identity, radix: 16)),
            "spec": p.spec,
            "facts": .array(p.facts.map { ["kind": .string($0.kind.rawValue), "key": .string($0.key)] }),
            "answer": Records.answer(p.answer),
            "solution": .array(b.text.solution.map { .string($0) }),
            "output": .string(b.text.output),
            "levels": .object(levels),
            "vision_only_image_text": .string(b.text.visionOnlyImageText),
            "caption": .string(b.text.caption),
        ]
    }

    func pairRecord(_ b: BuiltProblem, _ l1: Level, _ l2: Level) -> JSONValue {
        [
            "image_url": Records.image(b.imagePath(for: l1)),
            "instruction": .string(b.text.instructions[l1] ?? ""),
            "output": .string(b.text.output),
            "image_url_2": Records.image(b.imagePath(for: l2)),
            "instruction_2": .string(b.text.instructions[l2] ?? ""),
            "output_2": .string(b.text.output),
            "id": .string(b.id + "-" + l1.rawValue + "-" + l2.rawValue),
            "problem_id": .string(b.id),
            "level": .string(l1.rawValue), "level_2": .string(l2.rawValue),
            "ratio": Records.ratio(b.text.ratios[l1] ?? 0), "ratio_2": Records.ratio(b.text.ratios[l2] ?? 0),
        ]
    }

    func stage1Record(_ b: BuiltProblem) -> JSONValue {
        [
            "id": .string(b.id + "-text"), "problem_id": .string(b.id),
            "instruction": .string(b.text.instructions[.textOnly] ?? ""), "output": .string(b.text.output),
        ]
    }

    func instructRecord(_ b: BuiltProblem) -> JSONValue {
        let level = instructLevel(b.index)
        return [
            "id": .string(b.id + "-" + level.rawValue), "problem_id": .string(b.id),
            "image_url": Records.image(b.imagePath(for: level)),
            "instruction": .string(b.text.instructions[level] ?? ""), "output": .string(b.text.output),
            "level": .string(level.rawValue), "ratio": Records.ratio(b.text.ratios[level] ?? 0),
        ]
    }

    func captionRecord(_ b: BuiltProblem) -> JSONValue {
        [
            "id": .string(b.id + "-caption"), "problem_id": .string(b.id),
            "image_url": .string(b.imagePath(.givens)),
            "instruction": .string(b.text.captionInstruction), "output": .string(b.text.caption),
        ]
    }

    func evalRecord(_ b: BuiltProblem, _ level: Level) -> JSONValue {
        [
            "id": .string(b.id + "-" + level.rawValue), "problem_id": .string(b.id),
            "family": .string(b.problem.family), "level": .string(level.rawValue),
            "ratio": Records.ratio(b.text.ratios[level] ?? 0),
            "image_url": Records.image(b.imagePath(for: level)),
            "instruction": .string(b.text.instructions[level] ?? ""), "output": .string(b.text.output),
            "answer": Records.answer(b.problem.answer),
        ]
    }

    func manifestRecord(_ s: BuildSummary, familyCounts: [String: Int], levelPairCounts: [String: Int]) -> JSONValue {
        let evalN = config.evalCount, trainN = config.pairs
        return [
            "format_version": .int(Self.formatVersion),
            "generator": .string(Self.generatorVersion),
            "seed": .string(String(config.seed)),
            "arguments": config.manifestArguments,
            "files": [
                "problems": .string(OutputFile.problems), "pairs": .string(OutputFile.pairs),
                "stage1": .string(OutputFile.stage1), "instruct": .string(OutputFile.instruct),
                "captions": .string(OutputFile.captions), "eval": .string(OutputFile.eval),
                "images": .string(OutputFile.images),
            ],
            "counts": [
                "problems": .int(evalN + trainN),
                "train_problems": .int(trainN), "eval_problems": .int(evalN),
                "pairs": .int(trainN), "stage1": .int(trainN), "instruct": .int(trainN), "captions": .int(trainN),
                "eval": .int(evalN * Level.allCases.count),
                "images": .int(s.images),
                "per_family": .object(familyCounts.keys.sorted().map { ($0, .int(familyCounts[$0] ?? 0)) }),
                "per_level_pair": .object(levelPairCounts.keys.sorted().map { ($0, .int(levelPairCounts[$0] ?? 0)) }),
            ],
            "rejected": [
                "degenerate": .int(s.rejections.degenerate), "answer_mismatch": .int(s.rejections.mismatch),
                "layout": .int(s.rejections.layout), "eval_overlap": .int(s.rejections.evalOverlap),
            ],
            "audit": [
                "labels": .int(s.audit.labels), "overlaps": .int(s.audit.overlaps),
                "line_hits": .int(s.audit.lineHits), "off_canvas": .int(s.audit.offCanvas),
                "tiny_text": .int(s.audit.tinyText),
            ],
            "stats": ["image_bytes": .int(s.imageBytes)],
            "levels": .array(Level.allCases.map { .string($0.rawValue) }),
        ]
    }
}

/// Writes whole files atomically: a temp file beside the target, then rename.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, makeFolders: Bool = false) throws(PairBuilderError) {
        let fm = FileManager.default
        if makeFolders {
            let dir = url.deletingLastPathComponent()
            if !fm.fileExists(atPath: dir.path) {
                do { try fm.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                    throw .io(path: dir.path, reason: "cannot create folder (\(DatasetBuilder.reason(error)))")
                }
            }
        }
        let tmp = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".tmp")
        do {
            try data.write(to: tmp)
        } catch {
            try? fm.removeItem(at: tmp)
            throw .io(path: url.path, reason: "write failed (\(DatasetBuilder.reason(error)))")
        }
        if rename(tmp.path, url.path) != 0 {
            let e = String(cString: strerror(errno))
            try? fm.removeItem(at: tmp)
            throw .io(path: url.path, reason: "rename failed (\(e))")
        }
    }
}

/// The JSONL outputs, written to temp files and renamed into place together at the end.
final class JSONLSet {
    private var handles: [String: FileHandle] = [:]
    private var buffers: [String: [UInt8]] = [:]
    private let folder: URL

    init(folder: URL, names: [String]) throws(PairBuilderError) {
        self.folder = folder
        for n in names {
            let tmp = folder.appendingPathComponent(n + ".tmp")
            guard FileManager.default.createFile(atPath: tmp.path, contents: nil),
                  let h = FileHandle(forWritingAtPath: tmp.path) else {
                throw .io(path: tmp.path, reason: "cannot create file")
            }
            handles[n] = h
            buffers[n] = []
        }
    }

    func append(_ name: String, _ record: JSONValue) throws(PairBuilderError) {
        buffers[name, default: []].append(contentsOf: Array(record.serialized().utf8))
        buffers[name, default: []].append(10)
        if (buffers[name]?.count ?? 0) > 1 << 20 { try flush(name) }
    }

    private func flush(_ name: String) throws(PairBuilderError) {
        guard let h = handles[name], let buf = buffers[name], !buf.isEmpty else { return }
        do { try h.write(contentsOf: Data(buf)) } catch {
            throw .io(path: folder.appendingPathComponent(name).path, reason: "write failed (\(DatasetBuilder.reason(error)))")
        }
        buffers[name] = []
    }

    /// Flushes, syncs and renames every temp file to its final name.
    func commit() throws(PairBuilderError) {
        for name in handles.keys.sorted() {
            try flush(name)
            do {
                try handles[name]?.synchronize()
                try handles[name]?.close()
            } catch {
                throw .io(path: folder.appendingPathComponent(name).path, reason: "close failed (\(DatasetBuilder.reason(error)))")
            }
            let tmp = folder.appendingPathComponent(name + ".tmp"), dst = folder.appendingPathComponent(name)
            if rename(tmp.path, dst.path) != 0 {
                throw .io(path: dst.path, reason: "rename failed (\(String(cString: strerror(errno))))")
            }
        }
        handles = [:]
    }
}
