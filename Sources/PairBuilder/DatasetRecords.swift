import DatasetFormat
import Foundation
import Geometry
import Render

/// The records of the output contract (docs/DATA_FORMAT.md), one function per file kind.
extension DatasetBuilder {
    func problemRecord(_ b: BuiltProblem) -> ProblemRecord {
        let p = b.problem
        var levels: [Level: ProblemRecord.LevelEntry] = [:]
        for level in Level.allCases {
            let image = level.imageVariant.flatMap { b.images[$0] != nil ? b.imagePath($0) : nil }
            levels[level] = .init(instruction: b.text.instructions[level] ?? "", image: image,
                                  textRatio: Records.ratio(b.text.ratios[level] ?? 0))
        }
        let decoy = b.images[.decoy] == nil ? nil
            : ProblemRecord.Decoy(image: b.imagePath(.decoy), values: b.decoyValues.joined(separator: ", "))
        return ProblemRecord(
            id: b.id, split: b.split.rawValue, family: p.family, subject: p.subject.rawValue, seed: String(p.seed),
            identity: String(p.identity, radix: 16), spec: p.spec,
            facts: p.facts.map { .init(kind: $0.kind.rawValue, key: $0.key) },
            answer: Records.answer(p.answer), solution: b.text.solution, output: b.text.output,
            levels: .init(levels), visionOnlyImageText: b.text.visionOnlyImageText, caption: b.text.caption,
            values: b.valuesText, decoy: decoy)
    }

    func pairRecord(_ b: BuiltProblem, _ l1: Level, _ l2: Level) -> PairRecord {
        PairRecord(imageURL: b.imagePath(for: l1), instruction: b.text.instructions[l1] ?? "", output: b.text.output,
                   imageURL2: b.imagePath(for: l2), instruction2: b.text.instructions[l2] ?? "", output2: b.text.output,
                   id: b.id + "-" + l1.rawValue + "-" + l2.rawValue, problemID: b.id, level: l1, level2: l2,
                   ratio: Records.ratio(b.text.ratios[l1] ?? 0), ratio2: Records.ratio(b.text.ratios[l2] ?? 0))
    }

    func stage1Record(_ b: BuiltProblem) -> Stage1Record {
        Stage1Record(id: b.id + "-text", problemID: b.id, instruction: b.text.instructions[.textOnly] ?? "",
                     output: b.text.output)
    }

    func instructRecord(_ b: BuiltProblem) -> InstructRecord {
        let level = instructLevel(b.index)
        return InstructRecord(id: b.id + "-" + level.rawValue, problemID: b.id, imageURL: b.imagePath(for: level),
                              instruction: b.text.instructions[level] ?? "", output: b.text.output, level: level,
                              ratio: Records.ratio(b.text.ratios[level] ?? 0))
    }

    func captionRecord(_ b: BuiltProblem) -> CaptionRecord {
        var r = CaptionRecord(id: b.id + "-caption", problemID: b.id, imageURL: b.imagePath(.givens),
                              instruction: b.text.captionInstruction, output: b.text.caption,
                              valuesInstruction: b.text.valuesInstruction, values: b.valuesText)
        if b.images[.decoy] != nil {
            r.decoyImageURL = b.imagePath(.decoy)
            r.decoyValues = b.decoyValues.joined(separator: ", ")
        }
        return r
    }

    func evalRecord(_ b: BuiltProblem, _ level: Level) -> EvalRecord {
        EvalRecord(id: b.id + "-" + level.rawValue, problemID: b.id, family: b.problem.family, level: level,
                   ratio: Records.ratio(b.text.ratios[level] ?? 0), imageURL: b.imagePath(for: level),
                   instruction: b.text.instructions[level] ?? "", output: b.text.output,
                   answer: Records.answer(b.problem.answer))
    }

    func manifestRecord(_ st: RunState) -> JSONValue {
        [
            "format_version": .int(OutputFile.formatVersion),
            "generator": .string(Self.generatorVersion),
            "seed": .string(String(config.seed)),
            "arguments": config.manifestArguments,
            "files": [
                "problems": .string(OutputFile.problems), "pairs": .string(OutputFile.pairs),
                "stage1": .string(OutputFile.stage1), "instruct": .string(OutputFile.instruct),
                "captions": .string(OutputFile.captions), "eval": .string(OutputFile.eval),
                "images": .string(OutputFile.images),
            ],
            "counts": st.countsRecord(),
            "rejected": st.rejectionsRecord(),
            "audit": st.auditRecord(),
            "stats": ["image_bytes": .int(st.imageBytes), "train_identities": .int(st.trainIdentities),
                      "train_repeats": .int(st.pairs - st.trainIdentities)],
            "levels": .array(Level.allCases.map { .string($0.rawValue) }),
        ]
    }
}
