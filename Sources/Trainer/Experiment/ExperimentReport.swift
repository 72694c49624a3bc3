import Foundation
import Render

/// The side-by-side report of an experiment folder: per-level accuracy of
/// every arm, the gap and consistency, and the transcription accuracy after
/// pre-alignment; report.md, report.json, outcomes.jsonl (every arm's answer
/// per problem and level, what `experiment-report` pools), accuracy.png (grouped bars) and
/// loss.png (answer-token CE of each arm's stages end to end, and of the
/// caption pre-alignment).
public struct ExperimentSummary: Codable, Sendable {
    public var manifest: String
    public var config: ExperimentConfig
    public var captionSteps: Int
    public var captionStoppedEarly: Bool
    /// Steps of stage 0's second phase (nil: none ran).
    public var caption2Steps: Int?
    public var caption2StoppedEarly: Bool?
    public var captionChecks: [[String: Double]]
    public var transcription: TranscriptionResult?
    public var arms: [String: ArmSummary]
    public var seconds: [String: Double]
    public var wallSeconds: Double?
}

public struct ArmSummary: Codable, Sendable {
    public var levels: [LevelAccuracy]
    public var overall: Double
    public var gap: Double?
    public var consistency: Double
    public var allLevelsCorrect: Double
    public var problems: Int
    public var trainSeconds: Double?
    public var evalSeconds: Double?
}

extension Experiment {
    /// Collects every phase's output and writes the report files; returns the summary.
    @discardableResult
    public func writeReport(wallSeconds: Double? = nil) throws -> ExperimentSummary {
        let captionCfg = try Checkpoint.readConfig(dir("caption"))
        let caption2Cfg = Stages.hasCheckpoint(dir("caption2")) ? try Checkpoint.readConfig(dir("caption2")) : nil
        var arms: [String: ArmSummary] = [:]
        for arm in Arm.allCases {
            let r = try readJSON(EvalReport.self, from: dir(arm.rawValue, "eval", "report.json"))
            let secs = try? readJSON([String: Double].self, from: dir(arm.rawValue, "seconds.json"))
            arms[arm.rawValue] = ArmSummary(levels: r.levels, overall: r.overall, gap: r.gap, consistency: r.consistency,
                                            allLevelsCorrect: r.allLevelsCorrect, problems: r.problems,
                                            trainSeconds: secs?["train"], evalSeconds: secs?["eval"])
        }
        let summary = ExperimentSummary(
            manifest: dataset.manifestPath, config: config, captionSteps: captionCfg.step ?? 0,
            captionStoppedEarly: captionCfg.run?["stoppedEarly"] != nil,
            caption2Steps: caption2Cfg.map { $0.step ?? 0 }, caption2StoppedEarly: caption2Cfg.map { $0.run?["stoppedEarly"] != nil },
            captionChecks: (try? readJSON([[String: Double]].self, from: dir("caption", "checks.json"))) ?? [],
            transcription: try? readJSON(TranscriptionResult.self, from: dir("caption", "transcription.json")),
            arms: arms, seconds: (try? readJSON([String: Double].self, from: dir("seconds.json"))) ?? [:],
            wallSeconds: wallSeconds)
        try writeJSON(summary, to: dir("report.json"))
        try Outcomes.write(try outcomes(), to: dir(Outcomes.file))
        try writeAtomically(Data(Self.markdown(summary).utf8), to: dir("report.md"))
        let levels = ladderLevels.filter { l in arms.values.contains { $0.levels.contains { $0.level == l } } }
        try EvalReportWriter.writeChart(to: dir("accuracy.png")) {
            try Chart.bars(title: "Accuracy per level", categories: levels, series: Arm.allCases.map { arm in
                Chart.Series(name: arm.rawValue, values: levels.map { l in
                    arms[arm.rawValue]?.levels.first { $0.level == l }?.accuracy ?? .nan
                })
            })
        }
        var curves: [(String, LossCurve)] = []
        for arm in Arm.allCases {
            var curve = LossCurve(run: dir(arm.rawValue, "instruct"))
            if arm != .baseline { curve = LossCurve(run: dir(arm.rawValue, "align")).followed(by: curve) }
            curves.append((arm.rawValue, curve))
        }
        // Stage 0 end to end: the second phase's steps follow the first's.
        curves.append(("caption", LossCurve(run: dir("caption")).followed(by: LossCurve(run: dir("caption2")))))
        try EvalReportWriter.writeLossChart(curves.filter { !$0.1.steps.isEmpty }, to: dir("loss.png"), crossEntropy: true)
        return summary
    }

    static func markdown(_ s: ExperimentSummary) -> String {
        let c = s.config, m = c.model
        func pct(_ x: Double?) -> String { x.map { String(format: "%.1f%%", 100 * $0) } ?? "n/a" }
        func pts(_ x: Double?) -> String { x.map { String(format: "%+.1f", 100 * $0) } ?? "n/a" }
        func minutes(_ x: Double?) -> String { x.map { String(format: "%.1f min", $0 / 60) } ?? "n/a" }
        var o = "# Math-PUMA experiment\n\n"
        o += "Data: `\(s.manifest)`.\n\n"
        o += "Model: \(m.imageSize)x\(m.imageSize) gray input fed as ink (1 - gray)"
        o += m.pixelScale != 1 ? " times \(formatScale(m.pixelScale))" : ""
        o += m.stemLead > 0 ? ", a stride-1 3x3 convolution (\(m.stemLead) channels)" : ""
        o += m.stem.isEmpty ? "" : ", conv stem \(m.stem.map(String.init).joined(separator: "-")) (3x3, stride 2)"
        o += ", patch \(m.patchSize), ViT \(m.visionLayers)x\(m.visionWidth)"
        o += m.pixelShuffle ? " + 2x2 pixel shuffle" : ""
        o += m.imageSummary ? ", image summary (\(m.summaryPooling.rawValue))" : ""
        o += " (\(m.imageTokens) image tokens), LM \(m.layers)x\(m.width), \(m.heads) heads, \(m.maxPositions) positions. "
        o += "Batch \(c.batchSize), seed \(c.seed).\n\n"
        o += "| phase | steps | lr | trains |\n|---|---:|---:|---|\n"
        o += "| 0 caption pre-alignment (task \(c.captionTask.rawValue)) | \(s.captionSteps) of at most \(c.captionSteps) | \(c.captionLR) | all |\n"
        if c.caption2Steps > 0 {
            o += "| 0b caption, second phase (task \(c.caption2Task.rawValue)) | \(s.caption2Steps ?? 0) of at most \(c.caption2Steps) | \(c.caption2LR) | all |\n"
        }
        o += "| 1 text | \(c.textSteps) | \(c.textLR) | lm |\n"
        o += "| 2 align (Math-PUMA, control) | \(c.alignSteps) | \(c.alignLR) | \(c.alignTrainable.map(\.rawValue).joined(separator: ", ")) |\n"
        o += "| 3 instruct | \(c.instructSteps) (baseline: \(c.alignSteps + c.instructSteps)) | \(c.instructLR) | all |\n\n"
        let a = c.alignment
        o += "Alignment: alpha \(a.alpha), lambda \(a.lambda) (control: 0), T \(a.temperature)"
        o += a.officialDoubleTemperature ? ", official double T^2.\n\n" : ".\n\n"
        o += "## Perception pre-alignment\n\n"
        if let t = s.transcription {
            o += "Drawn-value transcription on \(t.images) held-out (eval) images after \(t.step) caption steps"
            o += s.captionStoppedEarly || s.caption2StoppedEarly == true ? " (stopped early: target \(pct(c.captionTarget)) reached)" : ""
            o += ": **\(pct(t.generated.digitAccuracy)) of digits**, \(pct(t.generated.valueAccuracy)) of values "
            o += "(greedy captions; teacher-forced: \(pct(t.teacherForced.digitAccuracy)) of digits).\n\n"
            if let e = t.examples.first, e.count == 2 {
                o += "Example, reference then generated:\n\n    \(e[0])\n    \(e[1])\n\n"
            }
            if let d = t.decoys {
                o += "On \(d.images) held-out decoys (the same figures with their digits redrawn at random, so only "
                o += "reading gives the values): **\(pct(d.generated.digitAccuracy)) of digits**, "
                o += "\(pct(d.generated.valueAccuracy)) of values (teacher-forced: \(pct(d.teacherForced.digitAccuracy)) of digits).\n\n"
                if let e = d.examples.first, e.count == 2 {
                    o += "Decoy example, reference then generated:\n\n    \(e[0])\n    \(e[1])\n\n"
                }
            }
        }
        if !s.captionChecks.isEmpty {
            o += "Held-out teacher-forced digit accuracy during pre-alignment: "
            o += s.captionChecks.map { check -> String in
                var cell = "step \(Int(check["step"] ?? 0)): \(pct(check["digitAccuracy"]))"
                if let d = check["decoyDigitAccuracy"] { cell += " (decoys \(pct(d)))" }
                return cell
            }.joined(separator: ", ") + ".\n\n"
        }
        o += "## Accuracy per level\n\n"
        let arms = Arm.allCases
        o += "| level | " + arms.map(\.title).joined(separator: " | ") + " |\n|---|" + arms.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for l in ladderLevels {
            let cells = arms.map { arm -> String in
                guard let la = s.arms[arm.rawValue]?.levels.first(where: { $0.level == l }) else { return "-" }
                return "\(pct(la.accuracy)) (\(la.correct)/\(la.count))"
            }
            if cells.allSatisfy({ $0 == "-" }) { continue }
            o += "| \(l) | " + cells.joined(separator: " | ") + " |\n"
        }
        o += "| all levels | " + arms.map { pct(s.arms[$0.rawValue]?.overall) }.joined(separator: " | ") + " |\n"
        o += "| gap text-dominant - vision-only (points) | " + arms.map { pts(s.arms[$0.rawValue]?.gap) }.joined(separator: " | ") + " |\n"
        o += "| cross-level consistency | " + arms.map { pct(s.arms[$0.rawValue]?.consistency) }.joined(separator: " | ") + " |\n"
        o += "| correct at every level | " + arms.map { pct(s.arms[$0.rawValue]?.allLevelsCorrect) }.joined(separator: " | ") + " |\n"
        o += "| train / eval time | " + arms.map { "\(minutes(s.arms[$0.rawValue]?.trainSeconds)) / \(minutes(s.arms[$0.rawValue]?.evalSeconds))" }.joined(separator: " | ") + " |\n\n"
        let problems = s.arms.values.map(\.problems).max() ?? 0
        o += "\(problems) eval problems, each at every level. Gap in percentage points.\n\n"
        o += "## Wall time\n\n"
        for (k, v) in s.seconds.sorted(by: { $0.key < $1.key }) { o += "- \(k): \(minutes(v))\n" }
        if let w = s.wallSeconds { o += "- whole command: \(minutes(w))\n" }
        o += "\n![accuracy per level](accuracy.png)\n\n![loss](loss.png)\n"
        return o
    }
}

/// 30 -> "30", 2.5 -> "2.5".
private func formatScale(_ x: Double) -> String {
    x == x.rounded() ? String(Int(x)) : String(x)
}
