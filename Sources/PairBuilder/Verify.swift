import DatasetFormat
import Foundation
import Geometry
import Render

/// `mathgen verify DIR`: everything a consumer relies on, checked from the files
/// alone: schema of every record, every image opens at the recorded size, every
/// answer re-derived from its family and seed and audited for answerability at
/// every level (`Answerability`), splits disjoint, counts as the
/// manifest says. Each finding is one line naming the file (and line) or problem.
public enum DatasetVerifier {
    public struct Report: Sendable {
        public var findings: [String] = []
        public var records = 0
        public var images = 0
        public var problemsRechecked = 0
        public var isClean: Bool { findings.isEmpty }
    }

    public static func verify(_ dir: URL, deepImages: Bool = true, threads: Int = 2) -> Report {
        var report = Report()
        func finding(_ s: String) { if report.findings.count < 10_000 { report.findings.append(s) } }

        let manifestURL = dir.appendingPathComponent(OutputFile.manifest)
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            let unfinished = FileManager.default.fileExists(atPath: dir.appendingPathComponent(DatasetBuilder.progressFile).path)
            finding("\(manifestURL.path): missing\(unfinished ? " (the run is unfinished: continue it with --resume)" : "")")
            return report
        }
        guard let manifest = try? JSONParser.parse(Array(data)) else {
            finding("\(manifestURL.path): not valid JSON")
            return report
        }
        for p in Schema.check(manifest, Schema.manifest) { finding("\(manifestURL.path): \(p)") }
        let args = manifest["arguments"]
        let size = args?["image_size"]?.intValue ?? 0

        // Records: schema, unique ids, referenced problems and images. The
        // problems' keys that the checks below need are kept (answers are
        // re-derived from them); every other file is checked as it streams
        // past, so memory grows with the problem count and the image paths,
        // not with every record of every file.
        var problems: [JSONValue] = []
        var split: [String: String] = [:]
        var counted: [String: Int] = [:]
        var paths = Set<String>()
        let wantSplit = [OutputFile.pairs: "train", OutputFile.stage1: "train", OutputFile.instruct: "train",
                         OutputFile.captions: "train", OutputFile.eval: "eval"]
        let files = [OutputFile.problems] + Schema.files.keys.filter { $0 != OutputFile.problems }.sorted()
        for file in files {
            guard let keys = Schema.files[file] else { continue }
            let url = dir.appendingPathComponent(file)
            var ids = Set<String>()
            var n = 0
            do {
                try JSONLReader.forEach(url) { line, r in
                    n += 1
                    for p in Schema.check(r, keys, optional: Schema.optionalKeys[file] ?? []) { finding("\(file):\(line): \(p)") }
                    if let a = r["answer"] { for p in Schema.check(a, Schema.answer) { finding("\(file):\(line): answer: \(p)") } }
                    if let id = r["id"]?.stringValue, !ids.insert(id).inserted { finding("\(file):\(line): duplicate id \(id)") }
                    if file == OutputFile.problems {
                        // Only what the checks below read: a problem's wording
                        // and levels are most of its bytes.
                        let keep = ["id", "split", "identity", "family", "seed", "spec", "answer"]
                        problems.append(.object(keep.compactMap { k in r[k].map { (k, $0) } }))
                        if let id = r["id"]?.stringValue { split[id] = r["split"]?.stringValue }
                        if let d = r["decoy"]?["image"]?.stringValue { paths.insert(d) }
                        return
                    }
                    if let want = wantSplit[file] {
                        let pid = r["problem_id"]?.stringValue ?? ""
                        if split[pid] != want { finding("\(file):\(line): problem \(pid) is not a \(want) problem in problems.jsonl") }
                    }
                    if file != OutputFile.stage1 {
                        for k in ["image_url", "image_url_2", "decoy_image_url"] { if let p = r[k]?.stringValue { paths.insert(p) } }
                    }
                }
            } catch {
                finding(error.description)
            }
            report.records += n
            counted[file] = n
        }
        // Splits disjoint by identity.
        let evalIdentities = Set(problems.filter { $0["split"]?.stringValue == "eval" }.compactMap { $0["identity"]?.stringValue })
        for p in problems where p["split"]?.stringValue == "train" {
            if let i = p["identity"]?.stringValue, evalIdentities.contains(i) {
                finding("problems.jsonl: training problem \(p["id"]?.stringValue ?? "?") repeats an eval problem (identity \(i))")
            }
        }
        // Counts against the manifest.
        let counts = manifest["counts"]
        let expected: [(String, String)] = [(OutputFile.problems, "problems"), (OutputFile.pairs, "pairs"),
            (OutputFile.stage1, "stage1"), (OutputFile.instruct, "instruct"), (OutputFile.captions, "captions"),
            (OutputFile.eval, "eval")]
        for (file, key) in expected {
            let n = counted[file] ?? 0
            if let want = counts?[key]?.intValue, want != n { finding("\(file): \(n) records, manifest.json says \(want)") }
        }
        var perFamily: [String: Int] = [:]
        for p in problems { perFamily[p["family"]?.stringValue ?? "", default: 0] += 1 }
        for (family, n) in counts?["per_family"]?.objectValue ?? [] where perFamily[family] != n.intValue {
            finding("problems.jsonl: \(perFamily[family] ?? 0) problems of \(family), manifest.json says \(n.intValue ?? -1)")
        }

        // Images: every referenced one opens at the recorded size.
        let sortedPaths = paths.sorted()
        let imageFindings = Slots<String?>(count: sortedPaths.count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { _ in
            while true {
                let k = next.take()
                if k >= sortedPaths.count { break }
                imageFindings.set(k, checkImage(dir, sortedPaths[k], size: size, deep: deepImages))
            }
        }
        for k in 0..<sortedPaths.count { if let f = imageFindings.get(k) ?? nil { finding(f) } }
        report.images = sortedPaths.count

        // Answers: regenerate each problem from its family and seed.
        var options = GenerationOptions(multipleChoiceRate: args?["multiple_choice_rate"]?.doubleValue ?? 0.5,
                                        difficulty: args?["difficulty"]?.intValue)
        options.depth = args?["depth"]?.intValue
        options.width = args?["width"]?.intValue
        // The layout check the run's generation asked, so each seed gives the same problem.
        options.layout = RenderLayout.check(
            imageSize: size, textScale: args?["text_scale"]?.doubleValue ?? 1,
            style: BuildConfig.StyleMode(rawValue: args?["style"]?.stringValue ?? "") ?? .varied,
            language: args?["lang"]?.stringValue ?? "en")
        let kept = problems, generation = options
        let recheck = Slots<String?>(count: kept.count)
        let next2 = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { _ in
            while true {
                let k = next2.take()
                if k >= kept.count { break }
                recheck.set(k, recheckAnswer(kept[k], options: generation))
            }
        }
        for k in 0..<problems.count { if let f = recheck.get(k) ?? nil { finding(f) } }
        report.problemsRechecked = problems.count
        return report
    }

    static func checkImage(_ dir: URL, _ path: String, size: Int, deep: Bool) -> String? {
        guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(path).path) else {
            return "\(path): referenced but missing"
        }
        do {
            let bytes = [UInt8](data)
            let (w, h) = deep ? try { let i = try PNGDecoder.decode(bytes); return (i.width, i.height) }()
                              : try PNGDecoder.size(bytes)
            if w != size || h != size { return "\(path): \(w)x\(h), manifest.json says \(size)x\(size)" }
        } catch {
            return "\(path): \(error)"
        }
        return nil
    }

    static func recheckAnswer(_ p: JSONValue, options: GenerationOptions) -> String? {
        let id = p["id"]?.stringValue ?? "?"
        guard let name = p["family"]?.stringValue, let family = FamilyRegistry.named(name) else {
            return "problem \(id): unknown family \(p["family"]?.stringValue ?? "(none)")"
        }
        guard let seedText = p["seed"]?.stringValue, let seed = UInt64(seedText) else {
            return "problem \(id): seed missing or not a 64-bit integer"
        }
        // make() itself requires the two answer routes to agree within the family's tolerance.
        switch family.make(seed: seed, options: options) {
        case let .failure(f):
            return "problem \(id): its seed no longer yields a problem (\(f))"
        case let .success(q):
            if q.spec != p["spec"] { return "problem \(id): spec differs from the one its seed generates" }
            if q.answer.text != p["answer"]?["text"]?.stringValue {
                return "problem \(id): answer \(p["answer"]?["text"]?.stringValue ?? "?") but its seed gives \(q.answer.text)"
            }
            if q.answer.correctLetter != p["answer"]?["correct"]?.stringValue {
                return "problem \(id): correct choice differs from the one its seed generates"
            }
            // A composed record also re-derives its answer from the record alone (program, givens, derivation).
            if FamilyMix.isComposed(name), let spec = p["spec"], let first = ComposedRecheck.check(spec, answer: q.solved).first {
                return "problem \(id): its recorded derivation does not re-check: \(first)"
            }
            let unanswerable = Answerability.audit(q)
            if let first = unanswerable.first {
                let more = unanswerable.count > 1 ? " (and \(unanswerable.count - 1) more)" : ""
                return "problem \(id): unanswerable at \(first)\(more)"
            }
            return nil
        }
    }
}
