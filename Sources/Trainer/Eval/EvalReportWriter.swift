import Foundation
import Render

/// Writes an eval folder: report.json (every number and every decoded
/// sample), report.md (the tables a person reads), accuracy.png (accuracy
/// per level) and, when the checkpoint has a step log, loss.png.
public enum EvalReportWriter {
    public static func write(_ report: EvalReport, to directory: String, lossRuns: [(name: String, run: String)] = []) throws {
        try writeJSON(report, to: Checkpoint.path(directory, "report.json"))
        try writeAtomically(Data(markdown(report).utf8), to: Checkpoint.path(directory, "report.md"))
        try writeChart(to: Checkpoint.path(directory, "accuracy.png")) {
            try Chart.bars(title: "Accuracy per level", categories: report.levels.map(\.level),
                           series: [Chart.Series(name: "accuracy", values: report.levels.map(\.accuracy))])
        }
        let curves = lossRuns.map { ($0.name, LossCurve(run: $0.run)) }.filter { !$0.1.steps.isEmpty }
        if !curves.isEmpty {
            try writeLossChart(curves, to: Checkpoint.path(directory, "loss.png"))
        }
    }

    static func markdown(_ r: EvalReport) -> String {
        var s = "# Eval report\n\n"
        s += "Checkpoint `\(r.checkpoint)` (step \(r.step)); \(r.problems) problems, \(r.samples.count) records; "
        s += String(format: "%.0f s.\n\n", r.seconds)
        s += "| level | n | correct | accuracy |\n|---|---:|---:|---:|\n"
        for l in r.levels { s += "| \(l.level) | \(l.count) | \(l.correct) | \(pct(l.accuracy)) |\n" }
        s += "| all | \(r.samples.count) | \(r.samples.filter(\.correct).count) | \(pct(r.overall)) |\n\n"
        if let g = r.gap { s += "- Gap, text-dominant minus vision-only: \(signedPoints(g))\n" }
        s += "- Cross-level consistency (same answer at every level): \(pct(r.consistency))\n"
        s += "- Correct at every level: \(pct(r.allLevelsCorrect))\n"
        if let t = r.transcription {
            s += "- Drawn-value transcription on held-out images: \(pct(t.digitAccuracy)) of digits, "
            s += "\(pct(t.valueAccuracy)) of values (\(t.values) values)"
            if let f = r.transcriptionTeacherForced { s += "; teacher-forced \(pct(f.digitAccuracy)) of digits" }
            s += "\n"
        }
        if let d = r.decoyTranscription {
            s += "- Held-out decoys (digits redrawn at random, so only reading gets them): \(pct(d.generated.digitAccuracy)) of digits, "
            s += "\(pct(d.generated.valueAccuracy)) of values (\(d.generated.values) values); "
            s += "teacher-forced \(pct(d.teacherForced.digitAccuracy)) of digits\n"
        }
        s += "\n![accuracy per level](accuracy.png)\n"
        return s
    }

    /// Loss curves, smoothed; `crossEntropy` plots the CE column instead of
    /// the optimized objective (comparable across stage 2 and stage 3).
    static func writeLossChart(_ curves: [(String, LossCurve)], to path: String, crossEntropy: Bool = false) throws {
        try writeChart(to: path) {
            try Chart.lines(title: crossEntropy ? "Training cross-entropy" : "Training loss", series: curves.map { name, c in
                (name: name, points: smooth(zip(c.steps, crossEntropy ? c.ce : c.loss).map { (x: Double($0), y: $1) }))
            }, xLabel: "step", yLabel: (crossEntropy ? "answer-token CE" : "loss") + " (moving average over 10 steps)")
        }
    }

    /// Trailing moving average, so noisy small-batch losses read as a curve.
    static func smooth(_ pts: [(x: Double, y: Double)], window: Int = 10) -> [(x: Double, y: Double)] {
        var out: [(x: Double, y: Double)] = []
        var sum = 0.0
        var q: [Double] = []
        for p in pts where p.y.isFinite {
            q.append(p.y); sum += p.y
            if q.count > window { sum -= q.removeFirst() }
            out.append((p.x, sum / Double(q.count)))
        }
        return out
    }

    static func writeChart(to path: String, _ draw: () throws -> [UInt8]) throws {
        let bytes: [UInt8]
        do { bytes = try draw() } catch {
            throw TrainerError.writeFailed(path: path, reason: "\(error)")
        }
        try writeAtomically(Data(bytes), to: path)
    }

    static func pct(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
    static func signedPoints(_ x: Double) -> String { String(format: "%+.1f points", 100 * x) }
}
