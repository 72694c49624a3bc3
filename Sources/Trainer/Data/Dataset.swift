import DatasetFormat
import Foundation

/// A mathgen output directory, located by its manifest. Record image paths
/// are relative to the manifest's directory.
public struct Dataset: Sendable {
    public let manifestPath: String
    public let directory: String

    public static let stage1File = OutputFile.stage1
    public static let pairsFile = OutputFile.pairs
    public static let instructFile = OutputFile.instruct
    public static let captionsFile = OutputFile.captions
    public static let evalFile = OutputFile.eval
    public static let problemsFile = OutputFile.problems

    /// Checks that the manifest exists and is a JSON object.
    public init(manifest: String) throws {
        let url = URL(fileURLWithPath: manifest)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TrainerError.unreadableFile(path: manifest, reason: error.localizedDescription)
        }
        guard (try? JSONParser.parse(Array(data)))?.objectValue != nil else {
            throw TrainerError.malformedRecord(path: manifest, line: 1, reason: "manifest is not a JSON object")
        }
        manifestPath = manifest
        directory = url.deletingLastPathComponent().path
    }

    public func path(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : URL(fileURLWithPath: directory).appendingPathComponent(relative).path
    }

    public func image(_ relative: String?, size: Int) throws -> [Float]? {
        guard let relative else { return nil }
        return try ImageLoader.modelInput(path: path(relative), size: size)
    }

    /// A sample whose image (if any) is loaded as `loading` says. `checked`
    /// holds the files a lazy load has already decoded as a check: pairs and
    /// captions name one figure from several records, and one decode each is enough.
    func example(_ relative: String?, size: Int, loading: ImageLoading, instruction: String, answer: String,
                 source: String, checked: inout Set<String>) throws -> Example {
        switch loading {
        case .eager:
            return Example(image: try image(relative, size: size), instruction: instruction, answer: answer, source: source)
        case .lazy:
            guard let relative else { return Example(image: nil, instruction: instruction, answer: answer, source: source) }
            let file = path(relative)
            if checked.insert(file).inserted { _ = try ImageLoader.loadGray(path: file) }
            return Example(imageFile: file, instruction: instruction, answer: answer, source: source)
        }
    }

    /// stage1.jsonl as text-only examples.
    public func stage1() throws -> [Example] {
        let p = path(Self.stage1File)
        let records = try JSONL.read(Stage1Record.self, path: p)
        guard !records.isEmpty else { throw TrainerError.emptyDataset(path: p) }
        return records.map { Example(image: nil, instruction: $0.record.instruction, answer: $0.record.output, source: "\(p):\($0.line)") }
    }

    /// pairs.jsonl as (text-rich reference, vision-rich member), images loaded at `imageSize`.
    public func pairs(imageSize: Int, loading: ImageLoading = .eager) throws -> [(reference: Example, vision: Example)] {
        let p = path(Self.pairsFile)
        let records = try JSONL.read(PairRecord.self, path: p)
        guard !records.isEmpty else { throw TrainerError.emptyDataset(path: p) }
        var checked = Set<String>()
        return try records.map { line, r in
            let src = "\(p):\(line)"
            return (try example(r.imageURL, size: imageSize, loading: loading, instruction: r.instruction, answer: r.output,
                                source: src, checked: &checked),
                    try example(r.imageURL2, size: imageSize, loading: loading, instruction: r.instruction2, answer: r.output2,
                                source: src, checked: &checked))
        }
    }

    /// instruct.jsonl (stage 3).
    public func instruct(imageSize: Int, loading: ImageLoading = .eager) throws -> [Example] {
        let p = path(Self.instructFile)
        let records = try JSONL.read(InstructRecord.self, path: p)
        guard !records.isEmpty else { throw TrainerError.emptyDataset(path: p) }
        var checked = Set<String>()
        return try records.map { line, r in
            try example(r.imageURL, size: imageSize, loading: loading, instruction: r.instruction, answer: r.output,
                        source: "\(p):\(line)", checked: &checked)
        }
    }

    /// captions.jsonl without the records of `excluding` problems: each image
    /// with its description, its value reading, or both (`task`); the reading
    /// task also reads each record's decoy image when it has one, and
    /// `.decoys` reads the decoys alone.
    public func captionRecords(imageSize: Int, excluding: Set<String> = [], task: CaptionTask = .describe,
                               loading: ImageLoading = .eager) throws -> [Example] {
        let p = path(Self.captionsFile)
        let records = try JSONL.read(CaptionRecord.self, path: p)
        guard !records.isEmpty else { throw TrainerError.emptyDataset(path: p) }
        var out: [Example] = []
        var checked = Set<String>()
        for (line, r) in records where !excluding.contains(r.problemID ?? "") {
            let src = "\(p):\(line)"
            let image = task == .decoys ? nil
                : try example(r.imageURL, size: imageSize, loading: loading, instruction: r.instruction,
                              answer: r.output, source: src, checked: &checked)
            if let image, task == .describe || task == .both { out.append(image) }
            if task != .describe {
                guard let values = r.values, let request = r.valuesInstruction else {
                    throw TrainerError.malformedRecord(path: p, line: line,
                        reason: "no \"values\"/\"values_instruction\" (the value-reading task); regenerate the data with this mathgen")
                }
                if let image {
                    var reading = image
                    reading.instruction = request
                    reading.answer = values
                    out.append(reading)
                }
                if let decoyImage = r.decoyImageURL, let decoyValues = r.decoyValues {
                    out.append(try example(decoyImage, size: imageSize, loading: loading, instruction: request,
                                           answer: decoyValues, source: src, checked: &checked))
                }
            }
        }
        guard !out.isEmpty else {
            if task == .decoys {
                throw TrainerError.invalidConfig(path: p, reason: "task decoys (the experiment's default stage 0): no record has a decoy image; make the data with mathgen --decoy-rate 1 --decoy-style figure,card1 (docs/EXPERIMENT.md) or choose another caption task")
            }
            throw TrainerError.emptyDataset(path: p)
        }
        return out
    }

    /// The held-out (eval) problems' images with values drawn (vision-dominant,
    /// as in captions.jsonl), each with its description (`.describe`) or its
    /// value reading (otherwise), requested as captions.jsonl requests it.
    /// Measures transcription on images no stage trains on.
    public func evalCaptions(imageSize: Int, limit: Int = .max, task: CaptionTask = .describe) throws -> [Example] {
        let capPath = path(Self.captionsFile)
        guard let first = try JSONL.read(CaptionRecord.self, path: capPath, limit: 1).first?.record else {
            throw TrainerError.emptyDataset(path: capPath)
        }
        let p = path(Self.problemsFile)
        let records = try JSONL.read(ProblemSummary.self, path: p)
        var out: [Example] = []
        for (line, r) in records where r.split == "eval" {
            guard out.count < limit else { break }
            let answer = task == .describe ? r.caption : r.values
            let request = task == .describe ? first.instruction : first.valuesInstruction
            guard let answer, let request, let img = r.valuesImage else {
                throw TrainerError.malformedRecord(path: p, line: line,
                    reason: "eval problem \(r.id) lacks \"\(task == .describe ? "caption" : "values")\" or a vision_dominant image (or captions.jsonl its request)")
            }
            out.append(Example(image: try image(img, size: imageSize), instruction: request,
                               answer: answer, source: "\(p):\(line)"))
        }
        guard !out.isEmpty else { throw TrainerError.emptyDataset(path: p + " (no eval problems)") }
        return out
    }

    /// The held-out problems' decoy images (mathgen --decoy-rate), each with the
    /// values it shows, requested as captions.jsonl requests value reading;
    /// empty when the data has no decoys. Reading them is reading alone: their
    /// values disagree with the drawn geometry.
    public func evalDecoys(imageSize: Int, limit: Int = .max) throws -> [Example] {
        let capPath = path(Self.captionsFile)
        guard let request = try JSONL.read(CaptionRecord.self, path: capPath, limit: 1).first?.record.valuesInstruction else {
            return []
        }
        let p = path(Self.problemsFile)
        var out: [Example] = []
        for (line, r) in try JSONL.read(ProblemSummary.self, path: p) where r.split == "eval" {
            guard out.count < limit else { break }
            guard let image = r.decoy?.image, let values = r.decoy?.values else { continue }
            out.append(Example(image: try self.image(image, size: imageSize), instruction: request, answer: values,
                               source: "\(p):\(line)"))
        }
        return out
    }

    /// eval.jsonl records (images are loaded by the evaluator as it goes).
    public func eval() throws -> [(line: Int, record: EvalRecord)] {
        let p = path(Self.evalFile)
        let records = try JSONL.read(EvalRecord.self, path: p)
        guard !records.isEmpty else { throw TrainerError.emptyDataset(path: p) }
        return records
    }
}

/// When a split's images are decoded.
public enum ImageLoading: Sendable {
    /// Once, up front, kept in memory as model input.
    case eager
    /// Decoded up front only as a check (a bad file is named before the first
    /// step), then again each time the sample is batched: memory stays flat
    /// however many images the split holds, for about 16 decodes per step.
    case lazy
}

/// What the perception pre-alignment asks of an image (captions.jsonl holds both answers).
public enum CaptionTask: String, Codable, CaseIterable, Sendable {
    /// The exact description of what is drawn.
    case describe
    /// The written values in reading order: a reading task with short targets.
    case values
    /// Both, as two examples per image.
    case both
    /// The value reading of decoy images alone (mathgen --decoy-rate): the
    /// real figures' values can be guessed from the drawn geometry, a decoy's
    /// only read, so reading is the one thing left to learn.
    case decoys
}

/// Which samples each step sees: a fresh seeded permutation per epoch, read
/// in order. A pure function of (seed, step), so a resumed run sees exactly
/// the batches an uninterrupted one would.
public struct BatchSchedule: Sendable {
    public let count: Int
    public let batchSize: Int
    public let seed: UInt64

    public init(count: Int, batchSize: Int, seed: UInt64) {
        self.count = count
        self.batchSize = batchSize
        self.seed = seed
    }

    public func indices(step: Int) -> [Int] {
        var out: [Int] = []
        var epoch = -1
        var perm: [Int] = []
        for i in 0..<batchSize {
            let g = step * batchSize + i
            if g / count != epoch {
                epoch = g / count
                perm = permutation(epoch: epoch)
            }
            out.append(perm[g % count])
        }
        return out
    }

    func permutation(epoch: Int) -> [Int] {
        var rng = SplitMix64(seed: seed ^ (UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15))
        var p = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            p.swapAt(i, j)
        }
        return p
    }
}

/// The dataset's JSONL files, read through DatasetFormat, with its errors as the trainer's.
enum JSONL {
    static func read<T: Decodable>(_ type: T.Type, path: String, limit: Int = .max) throws(TrainerError) -> [(line: Int, record: T)] {
        do { return try RecordFile.lines(type, path: path, limit: limit) } catch {
            guard let line = error.line else { throw .unreadableFile(path: path, reason: error.reason) }
            throw .malformedRecord(path: path, line: line, reason: error.reason)
        }
    }
}
