import DatasetFormat
import Foundation
import Geometry
import Render

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
    /// Composed problems by the depth of their derivation and by their width (distractor steps).
    var depthCounts: [String: Int] = [:]
    var widthCounts: [String: Int] = [:]
    /// Worked-solution steps of every problem written, summed (mean = this / problems).
    var solutionSteps = 0
    /// Distinct identities among the training problems written (set when the run finishes).
    var trainIdentities = 0

    func countsRecord() -> JSONValue {
        [
            "problems": .int(evalProblems + pairs), "train_problems": .int(pairs), "eval_problems": .int(evalProblems),
            "pairs": .int(pairs), "stage1": .int(pairs), "instruct": .int(pairs), "captions": .int(pairs),
            "eval": .int(evalProblems * Level.allCases.count), "images": .int(images),
            "per_family": .object(familyCounts.keys.sorted().map { ($0, .int(familyCounts[$0] ?? 0)) }),
            "per_level_pair": .object(levelPairCounts.keys.sorted().map { ($0, .int(levelPairCounts[$0] ?? 0)) }),
            "composed_per_depth": .object(depthCounts.keys.sorted().map { ($0, .int(depthCounts[$0] ?? 0)) }),
            "composed_per_width": .object(widthCounts.keys.sorted().map { ($0, .int(widthCounts[$0] ?? 0)) }),
            "solution_steps": .int(solutionSteps),
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
            "format_version": .int(OutputFile.formatVersion), "arguments": arguments, "done": .int(done),
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
        if let version = v["format_version"]?.intValue, version != OutputFile.formatVersion {
            throw .invalidArgument(flag: "--resume", message:
                "\(out.path) was started by a mathgen writing format version \(version), this one writes \(OutputFile.formatVersion); finish it with that mathgen or use --overwrite")
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
        for (k, n) in v["counts"]?["composed_per_depth"]?.objectValue ?? [] { st.depthCounts[k] = n.intValue ?? 0 }
        for (k, n) in v["counts"]?["composed_per_width"]?.objectValue ?? [] { st.widthCounts[k] = n.intValue ?? 0 }
        st.solutionSteps = int("counts", "solution_steps")
        return st
    }
}
