import DatasetFormat
import Foundation

/// How varied a dataset is (issue 19's measure): distinct question skeletons of the
/// text-dominant instructions (every number and every point name masked, the
/// choices left out) and the length of the worked solutions, overall and per family.
public struct DatasetStats: Sendable {
    public struct Row: Sendable {
        public var problems = 0
        public var skeletons = 0
        public var steps = 0
        public var maxSteps = 0
        public var meanSteps: Double { problems == 0 ? 0 : Double(steps) / Double(problems) }
        public var skeletonsPerProblem: Double { problems == 0 ? 0 : Double(skeletons) / Double(problems) }
    }

    public var all = Row()
    public var perFamily: [(family: String, row: Row)] = []
    /// Solutions by their number of steps.
    public var stepHistogram: [Int: Int] = [:]

    /// Reads DIR/problems.jsonl.
    public static func measure(_ dir: URL) throws(PairBuilderError) -> DatasetStats {
        var skeletons = Set<String>()
        var perFamily: [String: (Row, Set<String>)] = [:]
        var stats = DatasetStats()
        try JSONLReader.forEach(dir.appendingPathComponent(OutputFile.problems)) { _, r throws(PairBuilderError) in
            let family = r["family"]?.stringValue ?? "?"
            let text = r["levels"]?["text_dominant"]?["instruction"]?.stringValue ?? ""
            let skeleton = Self.skeleton(text)
            let steps = r["solution"]?.arrayValue?.count ?? 0
            skeletons.insert(skeleton)
            stats.all.problems += 1
            stats.all.steps += steps
            stats.all.maxSteps = max(stats.all.maxSteps, steps)
            stats.stepHistogram[steps, default: 0] += 1
            var (row, set) = perFamily[family] ?? (Row(), [])
            row.problems += 1
            row.steps += steps
            row.maxSteps = max(row.maxSteps, steps)
            set.insert(skeleton)
            row.skeletons = set.count
            perFamily[family] = (row, set)
        }
        stats.all.skeletons = skeletons.count
        stats.perFamily = perFamily.keys.sorted().compactMap { k in perFamily[k].map { (k, $0.0) } }
        return stats
    }

    /// The question without its numbers and point names: each run of digits (with a
    /// decimal point or fraction bar inside) becomes "#", each capital letter "P" (so
    /// "∠ABC = 50°" and "∠DEF = 72°" read alike), the choices line is dropped.
    public static func skeleton(_ instruction: String) -> String {
        let body = instruction.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let chars = Array(body)
        var out = ""
        var lastWasNumber = false
        for (i, ch) in chars.enumerated() {
            let digit = ch.isASCII && ch.isNumber
            // A decimal point or fraction bar between digits belongs to the number.
            let inside = (ch == "." || ch == "/") && lastWasNumber && i + 1 < chars.count
                && chars[i + 1].isASCII && chars[i + 1].isNumber
            if digit || inside {
                if !lastWasNumber { out.append("#") }
                lastWasNumber = true
                continue
            }
            lastWasNumber = false
            if ch.isASCII, ch.isUppercase { out.append("P") } else { out.append(ch) }
        }
        return out
    }
}
