import Foundation
@testable import Trainer

/// A miniature mathgen output folder written by the test itself (TrainerTests
/// cannot depend on PairBuilder): every split the stages and the experiment
/// read, 16x16 PNGs, answer-only outputs, problems.jsonl with captions;
/// with `decoys`, every caption record and eval problem has a decoy (its
/// `fig` image standing in for the redrawn figure, values each one higher).
enum PipelineFixture {
    static let levels = ladderLevels

    static func make(trainProblems: Int = 8, evalProblems: Int = 3, decoys: Bool = false) throws -> TempDirectory {
        let dir = TempDirectory()
        try dir.write("manifest.json", #"{"format_version": 1, "levels": []}"#)
        try FileManager.default.createDirectory(atPath: dir.file("images"), withIntermediateDirectories: true)
        var captions: [String] = [], stage1: [String] = [], pairs: [String] = [], instruct: [String] = []
        var evals: [String] = [], problems: [String] = []
        func json(_ o: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self)
        }
        for i in 0..<(trainProblems + evalProblems) {
            let isEval = i >= trainProblems
            let id = isEval ? "e\(i)" : "p\(i)"
            let a = 20 + (i * 17) % 70, b = 30 + (i * 11) % 50, answer = 180 - a - b
            let fig = "images/\(id)_fig.png", val = "images/\(id)_val.png"
            try ImageLoader.writePNG(GrayImage(width: 16, height: 16, pixels: Fixtures.image(UInt64(i), size: 16)), path: dir.file(fig))
            try ImageLoader.writePNG(GrayImage(width: 16, height: 16, pixels: Fixtures.image(UInt64(100 + i), size: 16)), path: dir.file(val))
            let caption = "Angle A is labelled \(a)°. Angle B is labelled \(b)°."
            let full = "In triangle ABC, A = \(a)° and B = \(b)°. Find C."
            let output = "Answer: \(answer)°"
            let instructions = [full, full, "A = \(a)°, B = \(b)°. Find C.", "Find C.", "Find C.", "Answer the question in the image."]
            let images: [String?] = [nil, fig, fig, fig, val, val]
            let answerObject: [String: Any] = ["type": "integer", "value_type": "integer", "text": String(answer),
                                               "value": answer, "tolerance": 0.5, "unit": "degree",
                                               "choices": NSNull(), "correct": NSNull()]
            var levelObjects: [String: Any] = [:]
            for (k, l) in levels.enumerated() {
                levelObjects[l] = ["instruction": instructions[k], "image": images[k].map { $0 as Any } ?? NSNull(), "text_ratio": 1 - Double(k) / 5]
            }
            let values = "\(a)°, \(b)°", decoyValues = "\(a + 1)°, \(b + 1)°"
            var problem: [String: Any] = ["id": id, "split": isEval ? "eval" : "train", "caption": caption, "values": values,
                                          "levels": levelObjects, "answer": answerObject, "output": output]
            if decoys { problem["decoy"] = ["image": fig, "values": decoyValues] }
            problems.append(try json(problem))
            if isEval {
                for (k, l) in levels.enumerated() {
                    evals.append(try json(["id": "\(id)-\(l)", "problem_id": id, "family": "fixture", "level": l,
                                           "ratio": 1 - Double(k) / 5, "image_url": images[k] ?? NSNull(),
                                           "instruction": instructions[k], "output": output, "answer": answerObject]))
                }
                continue
            }
            var record: [String: Any] = ["id": "\(id)-caption", "problem_id": id, "image_url": val,
                                         "instruction": "Describe exactly what is drawn in the figure.", "output": caption,
                                         "values_instruction": "List the values written on the figure.", "values": values]
            if decoys { record["decoy_image_url"] = fig; record["decoy_values"] = decoyValues }
            captions.append(try json(record))
            stage1.append(try json(["id": "\(id)-text", "problem_id": id, "instruction": full, "output": output]))
            let k = 1 + i % 4
            pairs.append(try json(["image_url": images[k] ?? NSNull(), "instruction": instructions[k], "output": output,
                                   "image_url_2": images[k + 1] ?? NSNull(), "instruction_2": instructions[k + 1], "output_2": output,
                                   "id": "\(id)-pair", "problem_id": id, "level": levels[k], "level_2": levels[k + 1],
                                   "ratio": 1.0, "ratio_2": 0.5]))
            instruct.append(try json(["id": "\(id)-\(levels[k])", "problem_id": id, "image_url": images[k] ?? NSNull(),
                                      "instruction": instructions[k], "output": output, "level": levels[k], "ratio": 0.5]))
        }
        for (name, lines) in [("captions.jsonl", captions), ("stage1.jsonl", stage1), ("pairs.jsonl", pairs),
                              ("instruct.jsonl", instruct), ("eval.jsonl", evals), ("problems.jsonl", problems)] {
            try dir.write(name, lines.joined(separator: "\n") + "\n")
        }
        return dir
    }

    /// A model shape that fits the fixture's 16 px images and longest records.
    static let config = ModelConfig(imageSize: 16, patchSize: 4, visionWidth: 8, visionLayers: 1, visionHeads: 2,
                                    pixelShuffle: true, width: 8, layers: 1, heads: 2, maxPositions: 128)

    static func optimizer(steps: Int) -> OptimizerConfig {
        var o = OptimizerConfig()
        o.learningRate = 3e-3
        o.warmupSteps = 1
        o.totalSteps = steps
        return o
    }
}
