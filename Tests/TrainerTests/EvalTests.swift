import DatasetFormat
import Foundation
import Render
import Testing
@testable import Trainer

@Suite struct AnswerCheckTests {
    static let choice = AnswerRecord(type: "choice", valueType: "integer", text: "58", value: 58, tolerance: 0,
                                     unit: nil, choices: ["89°", "58°"], correct: "B")
    static func number(_ v: Double, text: String, tolerance: Double = 0.5) -> AnswerRecord {
        AnswerRecord(type: "integer", valueType: "integer", text: text, value: v, tolerance: tolerance, unit: nil,
                     choices: nil, correct: nil)
    }

    @Test func extractsTheAnswerLine() {
        #expect(AnswerCheck.extract("Step one.\nAnswer: 51°\nmore") == "51°")
        #expect(AnswerCheck.extract("Answer: A\nAnswer: B") == "B")
        #expect(AnswerCheck.extract("no marker\n 42 ") == "42")
        #expect(AnswerCheck.extract("") == "")
    }

    @Test func choicesByLetterOrOptionText() {
        #expect(AnswerCheck.isCorrect("B", answer: Self.choice))
        #expect(AnswerCheck.isCorrect("(B)", answer: Self.choice))
        #expect(AnswerCheck.isCorrect("B. 58°", answer: Self.choice))
        #expect(!AnswerCheck.isCorrect("A", answer: Self.choice))
        #expect(!AnswerCheck.isCorrect("Because", answer: Self.choice))
        #expect(AnswerCheck.isCorrect("58°", answer: Self.choice))
    }

    @Test func numbersWithinToleranceAndForms() {
        #expect(AnswerCheck.isCorrect("51°", answer: Self.number(51, text: "51")))
        #expect(AnswerCheck.isCorrect("51.4", answer: Self.number(51, text: "51")))
        #expect(!AnswerCheck.isCorrect("52°", answer: Self.number(51, text: "51")))
        #expect(!AnswerCheck.isCorrect("512", answer: Self.number(51, text: "51")))
        #expect(AnswerCheck.isCorrect("9√3 cm²", answer: Self.number(15.588457, text: "9√3", tolerance: 0.01)))
        #expect(AnswerCheck.isCorrect("3/4", answer: Self.number(0.75, text: "3/4", tolerance: 0.001)))
        #expect(AnswerCheck.isCorrect("-2", answer: Self.number(-2, text: "-2", tolerance: 0.01)))
        #expect(!AnswerCheck.isCorrect("", answer: Self.number(5, text: "5")))
        #expect(AnswerCheck.number("√2").map { abs($0 - 2.0.squareRoot()) < 1e-12 } == true)
    }

    @Test func transcriptionPerDigit() {
        let ref = "The angle ∠BAC is labelled 58°. The angle ∠CBA is labelled 104°."
        #expect(Transcription.numbers(ref) == ["58", "104"])
        let exact = Transcription.score(generated: ref, reference: ref)
        #expect(exact.digits == 5 && exact.correctDigits == 5 && exact.values == 2 && exact.correctValues == 2)
        let s = Transcription.score(generated: "labelled 53°, then 10°", reference: ref)
        #expect(s.correctDigits == 3 && s.correctValues == 0)      // 5_, 10_
        #expect(Transcription.score(generated: "nothing", reference: ref).correctDigits == 0)
    }

    /// `eval --transcription N --transcription-task values`: the held-out
    /// figures' written values are the references, and the decoys are read
    /// and scored apart; the default task transcribes descriptions, no decoys.
    @Test func transcriptionOfValuesAlsoReadsDecoys() throws {
        let data = try PipelineFixture.make(trainProblems: 4, evalProblems: 2, decoys: true)
        let ds = try Dataset(manifest: data.file("manifest.json"))
        let runs = TempDirectory()
        let run = runs.file("caption")
        try Stages.run(.caption, dataset: ds, out: run, model: PipelineFixture.config,
                       optimizer: PipelineFixture.optimizer(steps: 2), options: RunOptions(steps: 2, batchSize: 2, captionTask: .values))
        let session = try Checkpoint.loadForInference(run)
        let values = try Evaluator.run(session: session, dataset: ds, checkpoint: run,
                                       options: EvalOptions(maxNewTokens: 4, problemLimit: 1, transcriptionImages: 2,
                                                            transcriptionTask: .values, captionTokens: 12))
        let refs = try ds.evalCaptions(imageSize: PipelineFixture.config.imageSize, limit: 2, task: .values).map(\.answer)
        #expect(values.captionExamples?.map { $0[0] } == refs)
        #expect(values.transcription?.values == refs.map { Transcription.numbers($0).count }.reduce(0, +))
        let decoys = try ds.evalDecoys(imageSize: PipelineFixture.config.imageSize, limit: 2).map(\.answer)
        #expect(values.decoyTranscription?.images == 2 && values.decoyTranscription?.examples.map { $0[0] } == decoys)
        #expect(EvalReportWriter.markdown(values).contains("Held-out decoys"))

        let described = try Evaluator.run(session: session, dataset: ds, checkpoint: run,
                                          options: EvalOptions(maxNewTokens: 4, problemLimit: 1, transcriptionImages: 2, captionTokens: 12))
        let captions = try ds.evalCaptions(imageSize: PipelineFixture.config.imageSize, limit: 2).map(\.answer)
        #expect(described.captionExamples?.map { $0[0] } == captions && captions != refs)
        #expect(described.decoyTranscription == nil)
    }

    /// Gap is text-dominant minus vision-only; consistency needs the same non-empty answer everywhere.
    @Test func summaryNumbers() throws {
        let ans = Self.number(5, text: "5")
        func rec(_ p: String, _ l: String) -> EvalRecord {
            let line = #"{"id":"\#(p)-\#(l)","problem_id":"\#(p)","level":"\#(l)","instruction":"q","output":"Answer: 5","answer":{"type":"integer","value":5,"text":"5","tolerance":0.5}}"#
            return try! JSONDecoder().decode(EvalRecord.self, from: Data(line.utf8))
        }
        let rows: [(String, String, String)] = [("a", "text_dominant", "5"), ("a", "vision_only", "5"),
                                                 ("b", "text_dominant", "5"), ("b", "vision_only", "7"),
                                                 ("c", "text_dominant", ""), ("c", "vision_only", "")]
        let records = rows.map { rec($0.0, $0.1) }
        let samples = rows.map { EvalSample(id: "\($0.0)-\($0.1)", problemID: $0.0, level: $0.1, generated: "Answer: \($0.2)",
                                            extracted: $0.2, correct: AnswerCheck.isCorrect($0.2, answer: ans)) }
        let r = Evaluator.summarize(samples: samples, records: records, checkpoint: "x", step: 0, seconds: 0)
        #expect(r.levels.map(\.level) == ["text_dominant", "vision_only"])
        #expect(r.accuracy("text_dominant").map { abs($0 - 2.0 / 3) < 1e-12 } == true)
        #expect(r.gap.map { abs($0 - 1.0 / 3) < 1e-12 } == true)
        #expect(abs(r.consistency - 1.0 / 3) < 1e-12)
        #expect(abs(r.allLevelsCorrect - 1.0 / 3) < 1e-12)
    }
}

@Suite struct GenerationTests {
    /// Batched greedy decoding (padding, finished samples leaving the batch)
    /// gives what decoding each prompt alone gives.
    @Test func batchedDecodingMatchesOneByOne() throws {
        let session = TrainingSession(model: try Fixtures.model(), optimizer: OptimizerConfig(), trainable: [])
        let prompts = [Example(image: Fixtures.image(1), instruction: "x=2;", answer: ""),
                       Example(image: nil, instruction: "1+1?", answer: ""),
                       Example(image: Fixtures.image(2), instruction: "a longer prompt", answer: "")]
        let together = try Generation.greedy(session: session, prompts: prompts, maxNewTokens: 6, batchSize: 3)
        let alone = try prompts.map { try Generation.greedy(session: session, prompts: [$0], maxNewTokens: 6)[0] }
        #expect(together == alone)
        // Prompts that leave no room in the position table come back empty instead of failing.
        let long = Example(image: nil, instruction: String(repeating: "y", count: 60), answer: "")
        #expect(try Generation.greedy(session: session, prompts: [long], maxNewTokens: 4) == [""])
    }

    /// Decoding one step by hand: the first token is the argmax of the logits after the prompt.
    @Test func firstTokenIsTheArgmax() throws {
        let session = TrainingSession(model: try Fixtures.model(), optimizer: OptimizerConfig(), trainable: [])
        let p = Example(image: Fixtures.image(3), instruction: "ab", answer: "")
        let batch = try Batch(prompts: [p], generated: [[]], config: session.model.config)
        let logits = session.logits(batch, rows: batch.lastRows)
        let first = Generation.argmaxAllowed(logits, row: 0, vocab: 260)
        let out = try Generation.greedy(session: session, prompts: [p], maxNewTokens: 1)
        #expect(out[0] == ByteTokenizer().decode([first]))
    }
}

@Suite struct ChartTests {
    @Test func barsAndLinesArePNGs() throws {
        let dir = TempDirectory()
        let bars = try Chart.bars(title: "Accuracy", categories: ["text_dominant", "vision_only"],
                                  series: [Chart.Series(name: "a", values: [0.5, 1]), Chart.Series(name: "b", values: [0, .nan])])
        let lines = try Chart.lines(title: "Loss", series: [(name: "a", points: [(0, 5), (1, 3), (2, 2.5)])])
        for (name, bytes) in [("bars.png", bars), ("lines.png", lines)] {
            #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            try Data(bytes).write(to: URL(fileURLWithPath: dir.file(name)))
            let img = try ImageLoader.loadGray(path: dir.file(name))
            #expect(img.width == 760 && img.height == 420)
            #expect(img.pixels.contains { $0 < 0.5 }, "\(name) has ink")
        }
    }
}
