import DatasetFormat
import Foundation

/// The six ladder levels in order (docs/ARCHITECTURE.md); eval reports list levels this way.
public let ladderLevels = Level.allCases.map(\.rawValue)

/// How `Evaluator.run` decodes and what it measures.
public struct EvalOptions: Sendable {
    /// Generation budget per answer; the experiment trains on answer-only
    /// outputs ("Answer: B", "Answer: 51°"), so a few dozen bytes suffice.
    public var maxNewTokens = 24
    public var batchSize = 16
    /// Evaluate only the first N eval problems (each at all its levels); nil = all.
    public var problemLimit: Int?
    /// Also transcribe this many eval images (values drawn) and score the
    /// drawn numbers against the reference captions; 0 skips it.
    public var transcriptionImages = 0
    /// What the transcription asks of each image: its description (the
    /// default), or its written values; `.values` (or `.decoys`) also reads
    /// the held-out decoys when the data has them, which only reading can get
    /// right (a checkpoint of `caption --task values|decoys` is measured so).
    public var transcriptionTask: CaptionTask = .describe
    /// Generation budget for a caption.
    public var captionTokens = 240

    public init(maxNewTokens: Int = 24, batchSize: Int = 16, problemLimit: Int? = nil, transcriptionImages: Int = 0,
                transcriptionTask: CaptionTask = .describe, captionTokens: Int = 240) {
        self.maxNewTokens = maxNewTokens
        self.batchSize = batchSize
        self.problemLimit = problemLimit
        self.transcriptionImages = transcriptionImages
        self.transcriptionTask = transcriptionTask
        self.captionTokens = captionTokens
    }
}

/// One decoded eval record.
public struct EvalSample: Codable, Equatable, Sendable {
    public var id: String
    public var problemID: String
    public var level: String
    public var generated: String
    public var extracted: String
    public var correct: Bool
}

public struct LevelAccuracy: Codable, Equatable, Sendable {
    public var level: String
    public var count: Int
    public var correct: Int
    public var accuracy: Double { count > 0 ? Double(correct) / Double(count) : 0 }

    enum CodingKeys: String, CodingKey { case level, count, correct, accuracy }
    public init(level: String, count: Int, correct: Int) { self.level = level; self.count = count; self.correct = correct }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        level = try c.decode(String.self, forKey: .level)
        count = try c.decode(Int.self, forKey: .count)
        correct = try c.decode(Int.self, forKey: .correct)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(level, forKey: .level)
        try c.encode(count, forKey: .count)
        try c.encode(correct, forKey: .correct)
        try c.encode(accuracy, forKey: .accuracy)
    }
}

/// What `puma-train eval` measures on eval.jsonl.
public struct EvalReport: Codable, Sendable {
    public var checkpoint: String
    public var step: Int
    public var levels: [LevelAccuracy]
    public var overall: Double
    /// Accuracy at text-dominant minus accuracy at vision-only (the modality gap).
    public var gap: Double?
    /// Share of problems whose extracted answer is the same (and not empty) at every evaluated level.
    public var consistency: Double
    /// Share of problems answered correctly at every evaluated level.
    public var allLevelsCorrect: Double
    public var problems: Int
    /// Drawn-value transcription on held-out images (per digit and per value).
    public var transcription: Transcription.Score?
    public var transcriptionDigitAccuracy: Double?
    /// The same captions teacher-forced (the next-digit argmax given the reference so far).
    public var transcriptionTeacherForced: Transcription.Score?
    /// Value reading of held-out decoys (`transcriptionTask` values), when the data has them.
    public var decoyTranscription: TranscriptionResult.Reading?
    public var seconds: Double
    public var samples: [EvalSample]
    /// A few generated captions beside their references, to read.
    public var captionExamples: [[String]]?

    public func accuracy(_ level: String) -> Double? { levels.first { $0.level == level }.map(\.accuracy) }
}

/// Greedy decoding over eval.jsonl and the report's numbers.
public enum Evaluator {
    public static func run(session: TrainingSession, dataset: Dataset, checkpoint: String, options: EvalOptions,
                           onProgress: (String, Int, Int) -> Void = { _, _, _ in }) throws -> EvalReport {
        let started = Date()
        let c = session.model.config
        var records = try dataset.eval().map(\.record)
        if let limit = options.problemLimit {
            var keep = Set<String>()
            for r in records where keep.count < limit || keep.contains(r.problemID) { keep.insert(r.problemID) }
            records = records.filter { keep.contains($0.problemID) }
        }
        let prompts = try records.map { r in
            Example(image: try dataset.image(r.imageURL, size: c.imageSize), instruction: r.instruction, answer: "",
                    source: "\(dataset.path(Dataset.evalFile)):\(r.id)")
        }
        let texts = try Generation.greedy(session: session, prompts: prompts, maxNewTokens: options.maxNewTokens,
                                          batchSize: options.batchSize) { onProgress("eval", $0, prompts.count) }
        let samples = zip(records, texts).map { r, g in
            let e = AnswerCheck.extract(g)
            return EvalSample(id: r.id, problemID: r.problemID, level: r.level.rawValue, generated: g, extracted: e,
                              correct: AnswerCheck.isCorrect(e, answer: r.answer))
        }
        var report = summarize(samples: samples, records: records, checkpoint: checkpoint,
                               step: 0, seconds: 0)
        if options.transcriptionImages > 0 {
            let reading = options.transcriptionTask != .describe
            let caps = try dataset.evalCaptions(imageSize: c.imageSize, limit: options.transcriptionImages,
                                                task: reading ? .values : .describe)
            let gen = try Generation.greedy(session: session, prompts: caps, maxNewTokens: options.captionTokens,
                                            batchSize: options.batchSize) { onProgress("transcription", $0, caps.count) }
            let score = zip(gen, caps).map { Transcription.score(generated: $0, reference: $1.answer) }.reduce(Transcription.Score(), +)
            report.transcription = score
            report.transcriptionDigitAccuracy = score.digitAccuracy
            report.transcriptionTeacherForced = try Transcription.teacherForced(session: session, examples: caps,
                                                                                batchSize: options.batchSize)
            report.captionExamples = zip(gen, caps).prefix(3).map { [$1.answer, $0] }
            let decoys = reading ? try dataset.evalDecoys(imageSize: c.imageSize, limit: options.transcriptionImages) : []
            if !decoys.isEmpty {
                onProgress("decoys", 0, decoys.count)
                report.decoyTranscription = try .measure(session: session, on: decoys, batchSize: options.batchSize)
                onProgress("decoys", decoys.count, decoys.count)
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Accuracy per level, gap and consistency from decoded samples.
    static func summarize(samples: [EvalSample], records: [EvalRecord], checkpoint: String, step: Int,
                          seconds: Double) -> EvalReport {
        var byLevel: [String: LevelAccuracy] = [:]
        for s in samples {
            var l = byLevel[s.level] ?? LevelAccuracy(level: s.level, count: 0, correct: 0)
            l.count += 1
            if s.correct { l.correct += 1 }
            byLevel[s.level] = l
        }
        let order = ladderLevels.filter { byLevel[$0] != nil } + byLevel.keys.filter { !ladderLevels.contains($0) }.sorted()
        let levels = order.compactMap { byLevel[$0] }
        var answers: [String: [String]] = [:], allCorrect: [String: Bool] = [:]
        var problemOrder: [String] = []
        for (s, r) in zip(samples, records) {
            if answers[s.problemID] == nil { problemOrder.append(s.problemID) }
            answers[s.problemID, default: []].append(AnswerCheck.canonical(s.extracted, answer: r.answer))
            allCorrect[s.problemID] = (allCorrect[s.problemID] ?? true) && s.correct
        }
        let n = max(problemOrder.count, 1)
        // An empty answer never counts as consistent: a model that says nothing
        // everywhere is not consistent, it is silent.
        let consistent = problemOrder.filter { p in
            let a = answers[p] ?? []
            return Set(a).count == 1 && !(a.first ?? "").isEmpty && a.first != "?"
        }.count
        let correctEverywhere = problemOrder.filter { allCorrect[$0] == true }.count
        let total = samples.count
        var gap: Double?
        if let td = byLevel[Level.textDominant.rawValue], let vo = byLevel[Level.visionOnly.rawValue] { gap = td.accuracy - vo.accuracy }
        return EvalReport(checkpoint: checkpoint, step: step, levels: levels,
                          overall: total > 0 ? Double(samples.filter(\.correct).count) / Double(total) : 0,
                          gap: gap, consistency: Double(consistent) / Double(n),
                          allLevelsCorrect: Double(correctEverywhere) / Double(n), problems: problemOrder.count,
                          transcription: nil, transcriptionDigitAccuracy: nil, transcriptionTeacherForced: nil,
                          decoyTranscription: nil, seconds: seconds, samples: samples,
                          captionExamples: nil)
    }
}
