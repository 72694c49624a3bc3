import DatasetFormat
import Geometry

/// The wording of one problem in one language: every level's instruction, the
/// text rendered into the vision-only image, the worked solution and the caption.
public struct ProblemText: Sendable {
    public var instructions: [Level: String]
    public var visionOnlyImageText: String
    public var output: String
    public var solution: [String]
    public var caption: String
    public var captionInstruction: String
    /// The request of the caption split's value-reading task, and its answer when nothing is written.
    public var valuesInstruction: String
    public var valuesNone: String
    public var ratios: [Level: Double]

    /// What the target text holds: the worked solution then the answer line, or the answer line alone
    /// (short targets for small models whose decoding time matters).
    public enum OutputStyle: String, Sendable, CaseIterable { case full, answer }

    public init(_ p: Problem, templates t: TemplateSet, output style: OutputStyle = .full) throws(PairBuilderError) {
        let sep = t.language == "zh" ? "" : " "
        var factText: [FactKind: [String]] = [:]
        for f in p.facts {
            factText[f.kind, default: []].append(try t.render(family: p.family, Phrase(f.key, f.params)))
        }
        let question = try t.render(family: p.family, p.question)
        var choiceLine: String?
        if let choices = p.answer.choices {
            var parts = [try t.common("choices_header")]
            for (i, c) in choices.enumerated() {
                parts.append(try t.common("choice", ["letter": Answer.letter(i), "text": c]))
            }
            choiceLine = parts.joined(separator: " ")
        }
        func body(_ keeps: Set<FactKind>) -> String {
            var sentences: [String] = []
            for kind in FactKind.allCases where keeps.contains(kind) { sentences += factText[kind] ?? [] }
            sentences.append(question)
            var s = sentences.joined(separator: sep)
            if let choiceLine { s += "\n" + choiceLine }
            return s
        }
        var ins: [Level: String] = [:]
        var ratios: [Level: Double] = [:]
        for level in Level.allCases {
            ratios[level] = level.textRatio(facts: p.facts)
            ins[level] = level == .visionOnly
                ? try t.common(p.answer.choices == nil ? "vision_only_free" : "vision_only_choice")
                : body(level.textKeeps)
        }
        instructions = ins
        self.ratios = ratios
        // The vision-only image carries what vision-dominant's text carried.
        visionOnlyImageText = body(Level.visionDominant.textKeeps)

        solution = []
        for step in p.steps { solution.append(try t.render(family: p.family, step)) }
        let finalLine: String
        if let letter = p.answer.correctLetter {
            finalLine = try t.common("answer_choice", ["letter": letter])
        } else {
            let unitKey = "unit_" + (p.answer.unit ?? "none")
            let valueText = try t.common(unitKey, ["value": p.answer.text])
            finalLine = try t.common("answer_value", ["value": valueText])
        }
        output = style == .full ? (solution + [finalLine]).joined(separator: "\n") : finalLine
        caption = try CaptionWriter(templates: t).caption(p.scene, includeGivens: true, separator: sep)
        captionInstruction = try t.common("caption_instruction")
        valuesInstruction = try t.common("values_instruction")
        valuesNone = try t.common("values_none")
    }
}
