import DatasetFormat
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

extension DatasetBuilder {
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
            // The run's own lock (taken before this check) is not content.
            let contents = ((try? fm.contentsOfDirectory(atPath: out.path)) ?? []).filter { $0 != OutputLock.fileName }
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
    /// result is byte-identical to an uninterrupted run. `shouldStop` is asked before
    /// each chunk (the CLI answers it from a signal handler): the build stops there,
    /// after the last chunk is committed, so nothing is lost and --resume continues
    /// it. `stopAfterChunks` is for tests.
    ///
    /// Training problems hold each identity once (`TrainPlanner`); a family whose
    /// space of identities is too small for its share is capped, and `notice` gets one
    /// line per capped family before any problem is built.
    public func write(to out: URL, resume: Bool = false, stopAfterChunks: Int? = nil,
                      shouldStop: (@Sendable () -> Bool)? = nil,
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
            if shouldStop?() == true { break }
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
                return try self.build(.train, i, forbidden: forbidden, planned: planned[i],
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
        state.solutionSteps += b.problem.steps.count
        if FamilyMix.isComposed(b.problem.family), let d = b.problem.spec["depth"]?.intValue, let w = b.problem.spec["width"]?.intValue {
            state.depthCounts[String(d), default: 0] += 1
            state.widthCounts[String(w), default: 0] += 1
        }
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
}
