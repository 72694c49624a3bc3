import Foundation
import Testing
@testable import Trainer

@Suite struct StageTests {
    static func logLines(_ run: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: Checkpoint.path(run, Stages.logFile), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Every stage trains from its split, logs each step, and saves its default trainable parts.
    @Test func eachStageRunsLogsAndSaves() throws {
        let data = try PipelineFixture.make()
        let ds = try Dataset(manifest: data.file("manifest.json"))
        let runs = TempDirectory()
        for stage in Stage.allCases {
            let out = runs.file(stage.rawValue)
            try Stages.run(stage, dataset: ds, out: out, model: PipelineFixture.config,
                           optimizer: PipelineFixture.optimizer(steps: 3), options: RunOptions(steps: 3, batchSize: 2))
            let cfg = try Checkpoint.readConfig(out)
            #expect(cfg.step == 3 && cfg.run?["stage"] == stage.rawValue)
            #expect(Set(cfg.trainable ?? []) == stage.defaultTrainable)
            let lines = try Self.logLines(out)
            #expect(lines.map { $0["step"] as? Int } == [1, 2, 3])
            for key in ["loss", "ce", "lr", "grad_norm", "tokens_per_s", "kl_forward", "kl_reverse", "seconds"] {
                #expect(lines[0][key] != nil, "\(stage): \(key) missing")
            }
            #expect((lines[0]["kl_forward"] is NSNull) == (stage != .align), "\(stage)")
        }
    }

    /// --from copies weights; stage 2's default leaves the LM exactly as stage 1 left it.
    @Test func alignFromStartsAtTheGivenWeightsAndFreezesTheLM() throws {
        let data = try PipelineFixture.make()
        let ds = try Dataset(manifest: data.file("manifest.json"))
        let runs = TempDirectory()
        try Stages.run(.text, dataset: ds, out: runs.file("text"), model: PipelineFixture.config,
                       optimizer: PipelineFixture.optimizer(steps: 2), options: RunOptions(steps: 2, batchSize: 2))
        let lambdaZero = RunOptions(steps: 3, batchSize: 2, alignment: AlignmentConfig(lambda: 0))
        let s = try Stages.run(.align, dataset: ds, out: runs.file("align"), from: runs.file("text"), model: PipelineFixture.config,
                               optimizer: PipelineFixture.optimizer(steps: 3), options: lambdaZero)
        let text = try Checkpoint.loadModel(runs.file("text"))
        let lm = text.layout.range(of: .lm), vision = text.layout.range(of: .vision)
        #expect(Array(s.model.params.buffer[lm]) == Array(text.params.buffer[lm]))
        #expect(Array(s.model.params.buffer[vision]) != Array(text.params.buffer[vision]))
        // lambda 0: the total is the vision member's CE alone.
        for line in try Self.logLines(runs.file("align")) {
            #expect(abs((line["loss"] as? Double ?? .nan) - (line["ce"] as? Double ?? 0)) < 1e-9)
        }
    }

    /// A run killed after step 3 (checkpoint at 2, step 3 already logged) resumes
    /// to the same parameters and the same log as an uninterrupted run.
    @Test func resumeAfterKillContinuesExactly() throws {
        let data = try PipelineFixture.make()
        let ds = try Dataset(manifest: data.file("manifest.json"))
        let runs = TempDirectory()
        let opt = PipelineFixture.optimizer(steps: 4)
        try Stages.run(.instruct, dataset: ds, out: runs.file("straight"), model: PipelineFixture.config, optimizer: opt,
                       options: RunOptions(steps: 4, batchSize: 3, seed: 4))
        try Stages.run(.instruct, dataset: ds, out: runs.file("killed"), model: PipelineFixture.config, optimizer: opt,
                       options: RunOptions(steps: 2, batchSize: 3, seed: 4))
        // The kill: step 3 was logged (and half of a step-4 line written) but never checkpointed.
        let logPath = Checkpoint.path(runs.file("killed"), Stages.logFile)
        let handle = try #require(FileHandle(forWritingAtPath: logPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((#"{"stage":"instruct","step":3,"loss":9}"# + "\n" + #"{"step":4,"lo"#).utf8))
        try handle.close()
        #expect(throws: TrainerError.self) {
            try Stages.run(.instruct, dataset: ds, out: runs.file("killed"), model: PipelineFixture.config, optimizer: opt,
                           options: RunOptions(steps: 4, batchSize: 3, seed: 4, resume: false))
        }
        try Stages.run(.instruct, dataset: ds, out: runs.file("killed"), model: PipelineFixture.config, optimizer: opt,
                       options: RunOptions(steps: 4, batchSize: 3, seed: 4, resume: true))
        let a = try Checkpoint.loadModel(runs.file("straight")), b = try Checkpoint.loadModel(runs.file("killed"))
        #expect(Array(a.params.buffer) == Array(b.params.buffer))
        let la = try Self.logLines(runs.file("straight")), lb = try Self.logLines(runs.file("killed"))
        #expect(lb.map { $0["step"] as? Int } == [1, 2, 3, 4])
        #expect(la.map { $0["loss"] as? Double } == lb.map { $0["loss"] as? Double })
    }

    @Test func missingFromCheckpointIsNamed() throws {
        let data = try PipelineFixture.make()
        let ds = try Dataset(manifest: data.file("manifest.json"))
        let runs = TempDirectory()
        do {
            try Stages.run(.align, dataset: ds, out: runs.file("a"), from: runs.file("nope"), model: PipelineFixture.config,
                           optimizer: PipelineFixture.optimizer(steps: 1), options: RunOptions(steps: 1))
            Issue.record("expected an error")
        } catch let TrainerError.unreadableFile(path, reason) {
            #expect(path.hasSuffix("nope/config.json") && reason.contains("--from"))
        }
    }

    /// --text-mix adds that fraction of instruct.jsonl's count in stage1 records
    /// (text-only) and records the mix in the checkpoint.
    @Test func instructTextMixAddsTextOnlyRecords() throws {
        let data = try PipelineFixture.make()
        let ds = try Dataset(manifest: data.file("manifest.json"))
        let instructCount = try ds.instruct(imageSize: PipelineFixture.config.imageSize).count
        let runs = TempDirectory()
        for mix in [0.0, 0.5] {
            var seen = -1
            let options = RunOptions(steps: 1, batchSize: 2, textMix: mix)
            try Stages.run(.instruct, dataset: ds, out: runs.file("mix\(mix)"), model: PipelineFixture.config,
                           optimizer: PipelineFixture.optimizer(steps: 1), options: options, onEvent: { event in
                if case let .started(_, _, examples, skipped, _) = event { seen = examples + skipped }
            })
            #expect(seen == instructCount + Int((Double(instructCount) * mix).rounded()), "mix \(mix)")
            let run = try Checkpoint.readConfig(runs.file("mix\(mix)")).run
            #expect(run?["textMix"] == (mix > 0 ? String(mix) : nil))
        }
    }
}
