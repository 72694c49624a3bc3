import DatasetFormat
import Foundation

/// The eval split in MathVerse's testmini layout (one item per problem and version): the keys
/// its release and its evaluation scripts read (extract_answer_s1.py reads the model's answer
/// into `model_answer` and extracts; score_answer_s2.py reads `question`, `answer`,
/// `problem_version` and `category`), so our held-out problems are scored by MathVerse's own
/// pipeline. `metadata` is the release's name for what the scorer calls `category`; both are written.
enum MathVerseExport {
    /// MathVerse's names for the six versions.
    static func version(_ level: Level) -> String {
        switch level {
        case .textOnly: return "Text Only"
        case .textDominant: return "Text Dominant"
        case .textLite: return "Text Lite"
        case .visionIntensive: return "Vision Intensive"
        case .visionDominant: return "Vision Dominant"
        case .visionOnly: return "Vision Only"
        }
    }

    /// MathVerse's subject names (its three, and ours for analytic geometry).
    static func subject(family: String?) -> String {
        switch family?.split(separator: ".").first {
        case "plane": return "Plane Geometry"
        case "solid": return "Solid Geometry"
        case "function": return "Functions"
        case "analytic": return "Analytic Geometry"
        default: return "Other"
        }
    }

    /// The two prompts MathVerse evaluates with: answer directly, or reason first.
    static func queries(_ r: EvalRecord) -> (wo: String, cot: String) {
        let target = r.answer.isChoice ? "provide the correct option letter, e.g., A, B, C, D"
                                       : "provide the final value, e.g., 1, 2.5, 300"
        if r.level == .visionOnly {
            return ("According to the question shown in the image, please directly answer the question and \(target).",
                    "According to the question shown in the image, please first conduct reasoning, and then answer the question and \(target) at the end.")
        }
        return ("Please directly answer the question and \(target).\nQuestion: \(r.instruction)",
                "Please first conduct reasoning, and then answer the question and \(target) at the end.\nQuestion: \(r.instruction)")
    }

    static func json(_ rows: [EvalRecord], images: ImageResolver) throws(PairBuilderError) -> String {
        var items: [JSONValue] = []
        var problemIndex: [String: Int] = [:]
        for (n, r) in rows.enumerated() {
            let p = problemIndex[r.problemID] ?? problemIndex.count + 1
            problemIndex[r.problemID] = p
            let category: JSONValue = ["split": "testmini", "source": "mathgen",
                                       "subject": .string(subject(family: r.family)), "subfield": Exporter.optional(r.family)]
            let (wo, cot) = queries(r)
            let answer = r.answer.isChoice ? (r.answer.correct ?? "") : r.answer.text
            items.append([
                "sample_index": .string(String(n + 1)),
                "problem_index": .string(String(p)),
                "problem_version": .string(version(r.level)),
                "question": .string(r.level == .visionOnly ? "" : r.instruction),
                "image": Exporter.optional(try images.path(r.imageURL)),
                "answer": .string(answer),
                "question_type": .string(r.answer.isChoice ? "multi-choice" : "free-form"),
                "metadata": category,
                "category": category,
                "query_wo": .string(wo),
                "query_cot": .string(cot),
                "question_for_eval": .string(r.instruction),
                "id": .string(r.id),
            ])
        }
        return JSONValue.array(items).pretty()
    }
}
