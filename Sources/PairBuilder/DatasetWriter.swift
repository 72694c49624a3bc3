import Foundation
import Geometry
import Render

/// What to do with an output folder that already holds files.
public enum ExistingOutput: Sendable {
    /// Refuse (the default): nothing is ever deleted without being asked.
    case refuse
    /// Delete the files a previous run wrote (and only those), then build.
    case overwrite
    /// Continue the unfinished run in the folder (`--resume`).
    case resume
}

/// The result of a build, for the CLI's summary.
public struct BuildSummary: Sendable {
    public var problems: Int
    public var pairs: Int
    public var images: Int
    public var imageBytes: Int
    public var rejections: Rejections
    public var audit: Audit
    /// False when the run stopped early (SIGINT): the folder is resumable with --resume.
    public var finished: Bool = true
    /// Work items committed so far.
    public var committed: Int = 0
}

/// Set from a signal handler to stop a build at the next chunk boundary, after
/// that chunk is committed (so nothing is lost and --resume continues it).
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    public init() {}
    public func set() { lock.lock(); value = true; lock.unlock() }
    public var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
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
    /// Written after every committed chunk; its presence means "unfinished, resumable".
    public static let progressFile = "progress.json"

    /// Checks and prepares `out`; throws before anything is written or deleted.
    /// With `.resume`, a folder holding an unfinished run is left as it is.
    public static func prepare(_ out: URL, existing: ExistingOutput) throws(PairBuilderError) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: out.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw .unwritable(path: out.path, reason: "it is a file, not a folder") }
            let contents = (try? fm.contentsOfDirectory(atPath: out.path)) ?? []
            if !contents.isEmpty {
                switch existing {
                case .refuse:
                    throw .outputNotEmpty(path: out.path)
                case .resume:
                    guard contents.contains(progressFile) || contents.contains(OutputFile.manifest) else {
                        throw .invalidArgument(flag: "--resume", message:
                            "\(out.path) holds no unfinished mathgen run (no \(progressFile)); use an empty folder or --overwrite")
                    }
                case .overwrite:
                    let ours = Set(OutputFile.jsonl + [OutputFile.manifest, OutputFile.images, progressFile])
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

    /// Whether `out` holds a finished run of exactly `config`'s arguments (a resume with nothing to do).
    public static func isFinished(_ out: URL, arguments config: BuildConfig) throws(PairBuilderError) -> Bool {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: out.appendingPathComponent(progressFile).path),
              let data = fm.contents(atPath: out.appendingPathComponent(OutputFile.manifest).path) else { return false }
        guard let manifest = try? JSONParser.parse(Array(data)) else {
            throw .io(path: out.appendingPathComponent(OutputFile.manifest).path, reason: "not valid JSON")
        }
        guard manifest["arguments"] == config.manifestArguments else {
            throw .invalidArgument(flag: "--resume", message: "\(out.path) holds a finished run with other arguments")
        }
        return true
    }

    /// The work of this shard, in output order: eval problems first, then training problems.
    public func workItems() -> [(Split, Int)] {
        let s = config.shard
        return stride(from: s.index, to: config.evalCount, by: s.count).map { (Split.eval, $0) }
            + stride(from: s.index, to: config.pairs, by: s.count).map { (Split.train, $0) }
    }

    /// Identities of the other shards' eval problems, which training draws must avoid
    /// (this shard's are taken from the eval problems it writes). Each is built exactly
    /// as it will be written, layout audit included (a figure that cannot be laid out
    /// cleanly is redrawn, which changes the problem), so the set is exact; the images
    /// are rendered but not kept.
    func otherShardsEvalIdentities() throws(PairBuilderError) -> Set<UInt64> {
        let s = config.shard
        let others = (0..<config.evalCount).filter { $0 % s.count != s.index }
        let ids = try parallelMap(0..<others.count) { k throws(PairBuilderError) in
            try self.build(.eval, others[k], forbidden: [], render: true).problem.identity
        }
        return Set(ids)
    }

    /// The identities of the problems already in `problems.jsonl` (a resumed run), by split.
    static func writtenIdentities(_ out: URL) throws(PairBuilderError) -> (eval: Set<UInt64>, train: Set<UInt64>) {
        var eval = Set<UInt64>(), train = Set<UInt64>()
        let url = out.appendingPathComponent(OutputFile.problems)
        guard FileManager.default.fileExists(atPath: url.path) else { return ([], []) }
        try JSONLReader.forEach(url) { _, r in
            guard let hex = r["identity"]?.stringValue, let id = UInt64(hex, radix: 16) else { return }
            if r["split"]?.stringValue == Split.eval.rawValue { eval.insert(id) } else { train.insert(id) }
        }
        return (eval, train)
    }

    /// Builds the dataset into `out` (already prepared), or continues an unfinished
    /// build there when `resume` is set. Work is committed in chunks: images first
    /// (each atomically), then whole JSONL lines, then `progress.json`; after a kill,
    /// `--resume` truncates the JSONL files to the last commit and carries on, so the
    /// result is byte-identical to an uninterrupted run. `stopAfterChunks` is for tests.
    ///
    /// Training problems hold each identity once (`TrainPlanner`); a family whose
    /// space of identities is too small for its share is capped, and `notice` gets one
    /// line per capped family before any problem is built.
    public func write(to out: URL, resume: Bool = false, stopAfterChunks: Int? = nil, stop: StopFlag? = nil,
                      notice: ((String) -> Void)? = nil,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) throws(PairBuilderError) -> BuildSummary {
        let items = workItems()
        var state = RunState()
        if resume, let saved = try RunState.load(out, arguments: config.manifestArguments) {
            state = saved
        } else if resume, FileManager.default.fileExists(atPath: out.appendingPathComponent(OutputFile.manifest).path) {
            throw .invalidArgument(flag: "--resume", message: "\(out.path) already holds a finished run")
        }
        let files = try JSONLAppender(folder: out, names: OutputFile.jsonl, truncateTo: state.fileLengths)
        // Mark the folder resumable before the first chunk, so a kill at any moment can be resumed.
        state.fileLengths = try files.flush()
        try state.save(out, arguments: config.manifestArguments)
        let (schedule, notes) = try familySchedule()
        for n in notes { notice?(n) }
        // Eval problems come first; their identities (this shard's as written, the
        // others' built alike) are known before the first training problem is drawn.
        let evalItems = items.firstIndex { $0.0 == .train } ?? items.count
        var (evalIDs, trainIDs) = state.done > 0 ? try Self.writtenIdentities(out) : ([], [])
        var planner: TrainPlanner?
        let chunk = max(1, config.chunkSize)
        var chunks = 0
        progress?(state.done, items.count)
        while state.done < items.count {
            if let limit = stopAfterChunks, chunks >= limit { break }
            if stop?.isSet == true { break }
            // A chunk holds eval or training problems, not both.
            let range = state.done..<min(state.done < evalItems ? evalItems : items.count, state.done + chunk)
            var draws: [Int: PlannedDraw] = [:]
            var claims: [UInt64: Int] = [:]
            if range.lowerBound >= evalItems {
                if planner == nil {
                    evalIDs.formUnion(try otherShardsEvalIdentities())
                    let p = TrainPlanner(builder: self, schedule: schedule, evalIdentities: evalIDs)
                    p.keepFrom = items[range.lowerBound].1
                    p.notice = notice
                    planner = p
                }
                if let planner {
                    // The whole chunk's indices (every shard's, up to its last) in one parallel block.
                    if let last = range.last { try planner.advance(to: items[last].1 + 1) }
                    for k in range { draws[items[k].1] = try planner.take(items[k].1) }
                    claims = planner.claims
                }
            }
            let forbidden = evalIDs, planned = draws, taken = claims
            let built = try parallelMap(range) { k throws(PairBuilderError) in
                let (split, i) = items[k]
                guard split == .train else { return try self.build(.eval, i, forbidden: [], render: true, out: out) }
                return try self.build(.train, i, forbidden: forbidden, family: planned[i]?.family ?? schedule.family[i], planned: planned[i],
                                      taken: { taken[$0].map { $0 <= i } ?? false }, render: true, out: out)
            }
            for b in built {
                try append(b, to: files, state: &state)
                if b.split == .eval { evalIDs.insert(b.problem.identity) } else { trainIDs.insert(b.problem.identity) }
            }
            state.done = range.upperBound
            state.fileLengths = try files.flush()
            try state.save(out, arguments: config.manifestArguments)
            chunks += 1
            progress?(state.done, items.count)
        }
        let summary = BuildSummary(problems: items.count, pairs: state.pairs, images: state.images,
                                   imageBytes: state.imageBytes, rejections: state.rejections, audit: state.audit,
                                   finished: state.done == items.count, committed: state.done)
        guard state.done == items.count else { return summary }
        try files.finish()
        state.trainIdentities = trainIDs.count
        let manifest = manifestRecord(state)
        try AtomicFile.write(Data(manifest.pretty().utf8), to: out.appendingPathComponent(OutputFile.manifest))
        try? FileManager.default.removeItem(at: out.appendingPathComponent(Self.progressFile))
        Self.removeStrayTemps(out)
        return summary
    }

    /// Appends one problem's records and folds its counts into `state`.
    private func append(_ b: BuiltProblem, to files: JSONLAppender, state: inout RunState) throws(PairBuilderError) {
        for v in ImageVariant.allCases {
            guard let img = b.images[v] else { continue }
            state.images += 1
            state.imageBytes += img.bytes
            state.audit = state.audit + img.audit
        }
        state.rejections.add(b.rejections)
        state.familyCounts[b.problem.family, default: 0] += 1
        try files.append(OutputFile.problems, problemRecord(b))
        switch b.split {
        case .eval:
            state.evalProblems += 1
            for level in Level.allCases { try files.append(OutputFile.eval, evalRecord(b, level)) }
        case .train:
            state.pairs += 1
            let (l1, l2) = config.pairing.levels(forProblem: b.index)
            state.levelPairCounts[l1.rawValue + "->" + l2.rawValue, default: 0] += 1
            try files.append(OutputFile.pairs, pairRecord(b, l1, l2))
            try files.append(OutputFile.stage1, stage1Record(b))
            try files.append(OutputFile.instruct, instructRecord(b))
            try files.append(OutputFile.captions, captionRecord(b))
        }
    }

    /// Temp files left by a killed run (images being written at the time).
    static func removeStrayTemps(_ out: URL) {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: out.appendingPathComponent(OutputFile.images).path) else { return }
        while let p = e.nextObject() as? String {
            guard p.hasSuffix(".tmp") else { continue }
            try? fm.removeItem(at: out.appendingPathComponent(OutputFile.images).appendingPathComponent(p))
        }
    }

    // MARK: records

    func problemRecord(_ b: BuiltProblem) -> JSONValue {
        let r = problemFields(b)
        guard b.images[.decoy] != nil else { return r }
        return r.appending([("decoy", ["image": .string(b.imagePath(.decoy)),
                                       "values": .string(b.decoyValues.joined(separator: ", "))])])
    }

    private func problemFields(_ b: BuiltProblem) -> JSONValue {
        let p = b.problem
        var levels: [(String, JSONValue)] = []
        for level in Level.allCases {
            let image = level.imageVariant.flatMap { b.images[$0] != nil ? b.imagePath($0) : nil }
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
            "values": .string(b.valuesText),
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
        let r: JSONValue = [
            "id": .string(b.id + "-caption"), "problem_id": .string(b.id),
            "image_url": .string(b.imagePath(.givens)),
            "instruction": .string(b.text.captionInstruction), "output": .string(b.text.caption),
            "values_instruction": .string(b.text.valuesInstruction), "values": .string(b.valuesText),
        ]
        guard b.images[.decoy] != nil else { return r }
        return r.appending([("decoy_image_url", .string(b.imagePath(.decoy))),
                            ("decoy_values", .string(b.decoyValues.joined(separator: ", ")))])
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

    func manifestRecord(_ st: RunState) -> JSONValue {
        [
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
            "counts": st.countsRecord(),
            "rejected": st.rejectionsRecord(),
            "audit": st.auditRecord(),
            "stats": ["image_bytes": .int(st.imageBytes), "train_identities": .int(st.trainIdentities),
                      "train_repeats": .int(st.pairs - st.trainIdentities)],
            "levels": .array(Level.allCases.map { .string($0.rawValue) }),
        ]
    }
}

/// Writes whole files atomically: a temp file beside the target, then rename.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, makeFolders: Bool = false) throws(PairBuilderError) {
        try write(Array(data), to: url, makeFolders: makeFolders)
    }

    public static func write(_ bytes: [UInt8], to url: URL, makeFolders: Bool = false) throws(PairBuilderError) {
        if makeFolders {
            let dir = url.deletingLastPathComponent()
            if !FileManager.default.fileExists(atPath: dir.path) {
                do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                    throw .io(path: dir.path, reason: "cannot create folder (\(DatasetBuilder.reason(error)))")
                }
            }
        }
        let tmp = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".tmp").path
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .io(path: url.path, reason: "cannot create (\(String(cString: strerror(errno))))") }
        do {
            try writeAll(fd, bytes, path: url.path)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        close(fd)
        if rename(tmp, url.path) != 0 {
            let e = String(cString: strerror(errno))
            unlink(tmp)
            throw .io(path: url.path, reason: "rename failed (\(e))")
        }
    }

    /// Writes every byte or throws with the reason (a full disk says so).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(PairBuilderError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf in
                Foundation.write(fd, buf.baseAddress.map { $0 + offset }, buf.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: "write failed (\(String(cString: strerror(errno))))")
            }
            offset += n
        }
    }
}

/// The JSONL outputs, appended in place. Lines are buffered per chunk and written
/// whole by `flush`, which returns each file's committed length for `progress.json`;
/// a resumed run truncates back to those lengths, dropping any partial chunk.
final class JSONLAppender {
    private var fds: [String: Int32] = [:]
    private var buffers: [String: [UInt8]] = [:]
    private var lengths: [String: Int] = [:]
    private let folder: URL

    init(folder: URL, names: [String], truncateTo saved: [String: Int]) throws(PairBuilderError) {
        self.folder = folder
        for n in names {
            let path = folder.appendingPathComponent(n).path
            let fd = open(path, O_WRONLY | O_CREAT, 0o644)
            guard fd >= 0 else { throw .io(path: path, reason: "cannot open (\(String(cString: strerror(errno))))") }
            let keep = saved[n] ?? 0
            let size = Int(lseek(fd, 0, SEEK_END))
            guard size >= keep else {
                Foundation.close(fd)
                throw .io(path: path, reason: "holds \(size) bytes but progress.json recorded \(keep): the file was cut or replaced; rerun with --overwrite")
            }
            guard ftruncate(fd, off_t(keep)) == 0, lseek(fd, off_t(keep), SEEK_SET) == off_t(keep) else {
                Foundation.close(fd)
                throw .io(path: path, reason: "cannot truncate to the last commit (\(String(cString: strerror(errno))))")
            }
            fds[n] = fd
            buffers[n] = []
            lengths[n] = keep
        }
    }

    deinit { for fd in fds.values { Foundation.close(fd) } }

    func append(_ name: String, _ record: JSONValue) throws(PairBuilderError) {
        buffers[name, default: []].append(contentsOf: record.serialized().utf8)
        buffers[name, default: []].append(10)
    }

    /// Writes the buffered lines; returns the files' lengths after the write.
    func flush() throws(PairBuilderError) -> [String: Int] {
        for name in fds.keys.sorted() {
            guard let fd = fds[name], let buf = buffers[name], !buf.isEmpty else { continue }
            try AtomicFile.writeAll(fd, buf, path: folder.appendingPathComponent(name).path)
            lengths[name, default: 0] += buf.count
            buffers[name] = []
        }
        return lengths
    }

    func finish() throws(PairBuilderError) {
        _ = try flush()
        for (name, fd) in fds where fsync(fd) != 0 {
            throw .io(path: folder.appendingPathComponent(name).path, reason: "fsync failed (\(String(cString: strerror(errno))))")
        }
        for fd in fds.values { Foundation.close(fd) }
        fds = [:]
    }
}

/// Everything a resumed run needs to continue as if never stopped.
struct RunState {
    var done = 0
    var fileLengths: [String: Int] = [:]
    var pairs = 0
    var evalProblems = 0
    var images = 0
    var imageBytes = 0
    var rejections = Rejections()
    var audit = Audit()
    var familyCounts: [String: Int] = [:]
    var levelPairCounts: [String: Int] = [:]
    /// Distinct identities among the training problems written (set when the run finishes).
    var trainIdentities = 0

    func countsRecord() -> JSONValue {
        [
            "problems": .int(evalProblems + pairs), "train_problems": .int(pairs), "eval_problems": .int(evalProblems),
            "pairs": .int(pairs), "stage1": .int(pairs), "instruct": .int(pairs), "captions": .int(pairs),
            "eval": .int(evalProblems * Level.allCases.count), "images": .int(images),
            "per_family": .object(familyCounts.keys.sorted().map { ($0, .int(familyCounts[$0] ?? 0)) }),
            "per_level_pair": .object(levelPairCounts.keys.sorted().map { ($0, .int(levelPairCounts[$0] ?? 0)) }),
        ]
    }

    func rejectionsRecord() -> JSONValue {
        [
            "degenerate": .int(rejections.degenerate), "answer_mismatch": .int(rejections.mismatch),
            "layout": .int(rejections.layout), "eval_overlap": .int(rejections.evalOverlap),
            "duplicate": .int(rejections.duplicate),
            "unanswerable": .int(rejections.unanswerable),
        ]
    }

    func auditRecord() -> JSONValue {
        [
            "labels": .int(audit.labels), "overlaps": .int(audit.overlaps), "line_hits": .int(audit.lineHits),
            "off_canvas": .int(audit.offCanvas), "tiny_text": .int(audit.tinyText),
        ]
    }

    func save(_ out: URL, arguments: JSONValue) throws(PairBuilderError) {
        let record: JSONValue = [
            "format_version": .int(DatasetBuilder.formatVersion), "arguments": arguments, "done": .int(done),
            "files": .object(fileLengths.keys.sorted().map { ($0, .int(fileLengths[$0] ?? 0)) }),
            "counts": countsRecord(), "rejected": rejectionsRecord(), "audit": auditRecord(),
            "image_bytes": .int(imageBytes),
        ]
        try AtomicFile.write(Data(record.pretty().utf8), to: out.appendingPathComponent(DatasetBuilder.progressFile))
    }

    /// The saved state, or nil when there is none; throws when it belongs to other arguments.
    static func load(_ out: URL, arguments: JSONValue) throws(PairBuilderError) -> RunState? {
        let url = out.appendingPathComponent(DatasetBuilder.progressFile)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let v: JSONValue
        do { v = try JSONParser.parse(Array(data)) } catch {
            throw .io(path: url.path, reason: "unreadable progress record (\(error)); rerun with --overwrite")
        }
        if let saved = v["arguments"], saved != arguments {
            let differing = (arguments.objectValue ?? []).filter { saved[$0.0] != $0.1 }.map(\.0)
            throw .invalidArgument(flag: "--resume", message:
                "\(out.path) was started with different arguments (\(differing.joined(separator: ", "))); rerun with the same ones or use --overwrite")
        }
        func int(_ path: String...) -> Int {
            var cur: JSONValue? = v
            for k in path { cur = cur?[k] }
            return cur?.intValue ?? 0
        }
        var st = RunState()
        st.done = int("done")
        for (k, len) in v["files"]?.objectValue ?? [] { st.fileLengths[k] = len.intValue ?? 0 }
        st.pairs = int("counts", "pairs")
        st.evalProblems = int("counts", "eval_problems")
        st.images = int("counts", "images")
        st.imageBytes = int("image_bytes")
        st.rejections.degenerate = int("rejected", "degenerate")
        st.rejections.mismatch = int("rejected", "answer_mismatch")
        st.rejections.layout = int("rejected", "layout")
        st.rejections.evalOverlap = int("rejected", "eval_overlap")
        st.rejections.duplicate = int("rejected", "duplicate")
        st.rejections.unanswerable = int("rejected", "unanswerable")
        st.audit.labels = int("audit", "labels")
        st.audit.overlaps = int("audit", "overlaps")
        st.audit.lineHits = int("audit", "line_hits")
        st.audit.offCanvas = int("audit", "off_canvas")
        st.audit.tinyText = int("audit", "tiny_text")
        for (k, n) in v["counts"]?["per_family"]?.objectValue ?? [] { st.familyCounts[k] = n.intValue ?? 0 }
        for (k, n) in v["counts"]?["per_level_pair"]?.objectValue ?? [] { st.levelPairCounts[k] = n.intValue ?? 0 }
        return st
    }
}
