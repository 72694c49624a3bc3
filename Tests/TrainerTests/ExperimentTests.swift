import Foundation
import Testing
@testable import Trainer

@Suite struct ExperimentTests {
    static func quick() -> ExperimentConfig {
        var c = ExperimentConfig.quick
        c.model = PipelineFixture.config
        // The default's vision path: conv stem, image summary, scaled ink.
        c.model.stem = [4]
        c.model.imageSummary = true
        c.model.pixelScale = 4
        return c
    }

    /// The --quick pipeline end to end: shared stages, three arms, evals, report.
    @Test func quickPipelineEndToEnd() throws {
        let data = try PipelineFixture.make()
        let out = TempDirectory()
        let e = try Experiment(config: Self.quick(), manifest: data.file("manifest.json"), out: out.path)
        var lines: [String] = []
        try e.run(log: { lines.append($0) })
        for f in ["report.md", "report.json", "accuracy.png", "loss.png", "caption/transcription.json",
                  "puma/align/log.jsonl", "control/align/config.json", "baseline/eval/report.md", "puma/eval/accuracy.png"] {
            #expect(FileManager.default.fileExists(atPath: e.dir(f)), "\(f)")
        }
        let summary = try readJSON(ExperimentSummary.self, from: e.dir("report.json"))
        #expect(Set(summary.arms.keys) == Set(Arm.allCases.map(\.rawValue)))
        for arm in summary.arms.values {
            #expect(arm.levels.map(\.level) == ladderLevels)
            #expect(arm.levels.allSatisfy { $0.count == 3 })
        }
        // Matched steps: the baseline's stage 3 takes the steps the others spend on stage 2.
        let c = Self.quick()
        #expect(try Checkpoint.readConfig(e.dir("baseline", "instruct")).step == c.alignSteps + c.instructSteps)
        #expect(try Checkpoint.readConfig(e.dir("puma", "instruct")).step == c.instructSteps)
        #expect(try Checkpoint.readConfig(e.dir("control", "align")).run?["lambda"] == "0.0")
        let md = try String(contentsOfFile: e.dir("report.md"), encoding: .utf8)
        #expect(md.contains("| vision_only |") && md.contains("transcription") && md.contains("gap"))
        // Stage 0's two phases: the second starts from the first with its own
        // task, stage 1 from the second; checks and transcription count steps
        // from the start of stage 0.
        let second = try Checkpoint.readConfig(e.dir("caption2"))
        #expect(second.step == c.caption2Steps && second.run?["from"] == e.dir("caption"))
        #expect(second.run?["task"] == c.caption2Task.rawValue)
        #expect(try Checkpoint.readConfig(e.dir("text")).run?["from"] == e.dir("caption2"))
        #expect(summary.captionSteps == c.captionSteps && summary.caption2Steps == c.caption2Steps)
        #expect(summary.captionChecks.map { $0["step"] } == [3, 6 + 3].map(Double.init))
        #expect(summary.captionChecks.map { $0["phase"] } == [1, 2])
        #expect(try readJSON(TranscriptionResult.self, from: e.dir("caption", "transcription.json")).step
                == c.captionSteps + c.caption2Steps)
        #expect(md.contains("| 0b caption, second phase (task values) | 6 of at most 6 |"))

        // Re-running is a no-op that rewrites the report; other settings are refused.
        let stamp = try Checkpoint.readConfig(e.dir("puma", "instruct")).step
        try Experiment(config: Self.quick(), manifest: data.file("manifest.json"), out: out.path).run(log: { _ in })
        #expect(try Checkpoint.readConfig(e.dir("puma", "instruct")).step == stamp)
        var other = Self.quick()
        other.alignSteps += 1
        #expect(throws: TrainerError.self) { try Experiment(config: other, manifest: data.file("manifest.json"), out: out.path) }
    }

    /// Stage 0's tasks: each caption record gives its description, its value
    /// reading, or both; held-out transcription uses the same requests.
    @Test func captionTasksAndHeldOutReadings() throws {
        let data = try PipelineFixture.make(trainProblems: 5, evalProblems: 2)
        let d = try Dataset(manifest: data.file("manifest.json"))
        let describe = try d.captionRecords(imageSize: 16, task: .describe)
        let values = try d.captionRecords(imageSize: 16, task: .values)
        let both = try d.captionRecords(imageSize: 16, task: .both)
        #expect(describe.count == 5 && values.count == 5 && both.count == 10)
        #expect(values.allSatisfy { $0.answer.hasSuffix("°") && !$0.answer.contains("Angle") })
        #expect(values.map(\.image) == describe.map(\.image))
        #expect(Set(both.map(\.answer)) == Set(describe.map(\.answer) + values.map(\.answer)))
        let held = try d.evalCaptions(imageSize: 16, task: .values)
        #expect(held.count == 2 && held[0].instruction == values[0].instruction)
        #expect(Transcription.score(generated: held[0].answer, reference: held[0].answer).digitAccuracy == 1)

        // Data written before the reading task existed: one line naming the file and line.
        let old = try String(contentsOfFile: data.file("captions.jsonl"), encoding: .utf8)
            .replacingOccurrences(of: #","values_instruction":"#, with: #","x":"#)
        try data.write("captions.jsonl", old)
        #expect(try d.captionRecords(imageSize: 16, task: .describe).count == 5)
        #expect { try d.captionRecords(imageSize: 16, task: .values) } throws: {
            "\($0)".contains("captions.jsonl:1") && "\($0)".contains("values")
        }
    }

    /// Decoys: the reading task trains on each record's decoy as well, held-out
    /// decoys are read from problems.jsonl, and the experiment measures and
    /// reports reading on them beside the real figures.
    @Test func decoysAreTrainedMeasuredAndReported() throws {
        let data = try PipelineFixture.make(trainProblems: 5, evalProblems: 2, decoys: true)
        let d = try Dataset(manifest: data.file("manifest.json"))
        let values = try d.captionRecords(imageSize: 16, task: .values)
        #expect(values.count == 10)
        let decoyAnswers = values.enumerated().filter { $0.offset % 2 == 1 }.map(\.element.answer)
        let realAnswers = values.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.answer)
        #expect(Set(decoyAnswers).isDisjoint(with: realAnswers))
        #expect(try d.captionRecords(imageSize: 16, task: .describe).count == 5)
        // The decoys alone: exactly the decoy half of the reading examples.
        let decoysOnly = try d.captionRecords(imageSize: 16, task: .decoys)
        #expect(decoysOnly.map(\.answer) == decoyAnswers && decoysOnly.map(\.image) == values.enumerated().filter { $0.offset % 2 == 1 }.map(\.element.image))
        let held = try d.evalDecoys(imageSize: 16)
        #expect(held.count == 2 && held.map(\.answer) == ["\(20 + 5 * 17 % 70 + 1)°, \(30 + 5 * 11 % 50 + 1)°",
                                                           "\(20 + 6 * 17 % 70 + 1)°, \(30 + 6 * 11 % 50 + 1)°"])
        let plain = try PipelineFixture.make(trainProblems: 5, evalProblems: 2)
        #expect(try Dataset(manifest: plain.file("manifest.json")).evalDecoys(imageSize: 16).isEmpty)
        #expect { try Dataset(manifest: plain.file("manifest.json")).captionRecords(imageSize: 16, task: .decoys) } throws: {
            "\($0)".contains("captions.jsonl") && "\($0)".contains("--decoy-rate")
        }

        let out = TempDirectory()
        let e = try Experiment(config: Self.quick(), manifest: data.file("manifest.json"), out: out.path)
        try e.run(log: { _ in })
        let t = try readJSON(TranscriptionResult.self, from: e.dir("caption", "transcription.json"))
        #expect(t.decoys?.images == 2 && t.images == 2)
        let checks = try readJSON([[String: Double]].self, from: e.dir("caption", "checks.json"))
        #expect(!checks.isEmpty && checks.allSatisfy { $0["decoyDigitAccuracy"] != nil })
        let md = try String(contentsOfFile: e.dir("report.md"), encoding: .utf8)
        #expect(md.contains("held-out decoys") && md.contains("(decoys "))
    }

    /// The default's stage 0 reads decoys only (real figures are measured,
    /// not trained): on data without decoys the experiment stops in stage 0
    /// with one line naming the mathgen flags, before stage 1.
    @Test func defaultCaptionTaskNeedsDecoys() throws {
        #expect(ExperimentConfig.standard.captionTask == .decoys && ExperimentConfig.standard.transcriptionTask == .values)
        let plain = try PipelineFixture.make(trainProblems: 3, evalProblems: 2)
        var c = Self.quick()
        c.captionTask = ExperimentConfig.standard.captionTask
        let out = TempDirectory()
        let e = try Experiment(config: c, manifest: plain.file("manifest.json"), out: out.path)
        #expect { try e.run(log: { _ in }) } throws: {
            "\($0)".contains("captions.jsonl") && "\($0)".contains("--decoy-rate 1 --decoy-style figure,card1")
        }
        #expect(!FileManager.default.fileExists(atPath: e.dir("text")))
    }

    /// The default's shape as docs/EXPERIMENT.md states it: four stride-2
    /// convolutions after the stride-1 lead end on an 8 x 8 x 128 map, each
    /// position one token (a 1x1 patch embedding), and the config survives JSON.
    @Test func standardModelShape() throws {
        let m = ExperimentConfig.standard.model
        try m.validate()
        #expect(m.stemLayers.map(\.stride) == [1, 2, 2, 2, 2])
        #expect(m.featureSide == 8 && m.featureChannels == 128 && m.featurePatch == 1)
        #expect(m.patchInputs == m.visionWidth && m.imageTokens == 64 && m.summaryPooling == .max)
        let back = try JSONDecoder().decode(ExperimentConfig.self, from: JSONEncoder().encode(ExperimentConfig.standard))
        #expect(back == ExperimentConfig.standard)
    }

    @Test func configRejectsUnknownKeys() throws {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ExperimentConfig.self, from: Data(#"{"captionStep": 3}"#.utf8))
        }
        let c = try JSONDecoder().decode(ExperimentConfig.self, from: Data(#"{"captionSteps": 3}"#.utf8))
        #expect(c.captionSteps == 3 && c.textSteps == ExperimentConfig.standard.textSteps)
    }
}
