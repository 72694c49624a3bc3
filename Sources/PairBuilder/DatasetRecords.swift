import Foundation
import Geometry
import Render

/// The records of the output contract (docs/DATA_FORMAT.md), one function per file kind.
extension DatasetBuilder {
    func problemRecord(_ b: BuiltProblem) -> JSONValue {
        let r = problemFields(b)
        guard b.images[.decoy] != nil else { return r }
        return r.appending([("decoy", ["image": .string(b.imagePath(.decoy)),
                                       "values": .string(b.decoyValues.joined(separator: ", "))])])
    }

    private func problemFields(_ b: BuiltProblem) -> JSONValue {
        let p = b.problem
        var levels: [(String, JSONValue)] = []
        for level in Level.allCases {
            let image = level.imageVariant.flatMap { b.images[$0] != nil ? b.imagePath($0) : nil }
            levels.append((level.rawValue, [
                "instruction": .string(b.text.instructions[level] ?? ""),
                "image": Records.image(image),
                "text_ratio": Records.ratio(b.text.ratios[level] ?? 0),
            ]))
        }
        return [
            "id": .string(b.id), "split": .string(b.split.rawValue), "family": .string(p.family),
            "subject": .string(p.subject.rawValue), "seed": .string(String(p.seed)),
            "identity": .string(String(p.identity, radix: 16)),
            "spec": p.spec,
            "facts": .array(p.facts.map { ["kind": .string($0.kind.rawValue), "key": .string($0.key)] }),
            "answer": Records.answer(p.answer),
            "solution": .array(b.text.solution.map { .string($0) }),
            "output": .string(b.text.output),
            "levels": .object(levels),
            "vision_only_image_text": .string(b.text.visionOnlyImageText),
            "caption": .string(b.text.caption),
            "values": .string(b.valuesText),
        ]
    }

    func pairRecord(_ b: BuiltProblem, _ l1: Level, _ l2: Level) -> JSONValue {
        [
            "image_url": Records.image(b.imagePath(for: l1)),
            "instruction": .string(b.text.instructions[l1] ?? ""),
            "output": .string(b.text.output),
            "image_url_2": Records.image(b.imagePath(for: l2)),
            "instruction_2": .string(b.text.instructions[l2] ?? ""),
            "output_2": .string(b.text.output),
            "id": .string(b.id + "-" + l1.rawValue + "-" + l2.rawValue),
            "problem_id": .string(b.id),
            "level": .string(l1.rawValue), "level_2": .string(l2.rawValue),
            "ratio": Records.ratio(b.text.ratios[l1] ?? 0), "ratio_2": Records.ratio(b.text.ratios[l2] ?? 0),
        ]
    }

    func stage1Record(_ b: BuiltProblem) -> JSONValue {
        [
            "id": .string(b.id + "-text"), "problem_id": .string(b.id),
            "instruction": .string(b.text.instructions[.textOnly] ?? ""), "output": .string(b.text.output),
        ]
    }

    func instructRecord(_ b: BuiltProblem) -> JSONValue {
        let level = instructLevel(b.index)
        return [
            "id": .string(b.id + "-" + level.rawValue), "problem_id": .string(b.id),
            "image_url": Records.image(b.imagePath(for: level)),
            "instruction": .string(b.text.instructions[level] ?? ""), "output": .string(b.text.output),
            "level": .string(level.rawValue), "ratio": Records.ratio(b.text.ratios[level] ?? 0),
        ]
    }

    func captionRecord(_ b: BuiltProblem) -> JSONValue {
        let r: JSONValue = [
            "id": .string(b.id + "-caption"), "problem_id": .string(b.id),
            "image_url": .string(b.imagePath(.givens)),
            "instruction": .string(b.text.captionInstruction), "output": .string(b.text.caption),
            "values_instruction": .string(b.text.valuesInstruction), "values": .string(b.valuesText),
        ]
        guard b.images[.decoy] != nil else { return r }
        return r.appending([("decoy_image_url", .string(b.imagePath(.decoy))),
                            ("decoy_values", .string(b.decoyValues.joined(separator: ", ")))])
    }

    func evalRecord(_ b: BuiltProblem, _ level: Level) -> JSONValue {
        [
            "id": .string(b.id + "-" + level.rawValue), "problem_id": .string(b.id),
            "family": .string(b.problem.family), "level": .string(level.rawValue),
            "ratio": Records.ratio(b.text.ratios[level] ?? 0),
            "image_url": Records.image(b.imagePath(for: level)),
            "instruction": .string(b.text.instructions[level] ?? ""), "output": .string(b.text.output),
            "answer": Records.answer(b.problem.answer),
        ]
    }

    func manifestRecord(_ st: RunState) -> JSONValue {
        [
            "format_version": .int(Self.formatVersion),
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
