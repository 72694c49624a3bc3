import Foundation
import Testing
@testable import DatasetFormat

/// The record types are the one definition of the files: what they encode is what the
/// schema says, in its order, and what they decode is what they encoded.
@Suite struct RecordTests {
    static let answer = AnswerRecord(type: "choice", valueType: "length", text: "5 cm", value: 5, tolerance: 0.01,
                                     unit: "cm", choices: ["A. 5 cm", "B. 6 cm"], correct: "A")

    static func keys(_ v: JSONValue) -> [String] { v.objectValue?.map(\.0) ?? [] }

    @Test func everyRecordEncodesItsSchemaKeysInOrder() throws {
        let pair = PairRecord(imageURL: nil, instruction: "i", output: "o", imageURL2: "images/x.png", instruction2: "j",
                              output2: "o", id: "p1-a-b", problemID: "p1", level: .textDominant, level2: .textLite,
                              ratio: 1, ratio2: 0.5)
        #expect(Self.keys(try pair.jsonValue()) == PairRecord.schema.map(\.0.stringValue))
        let s1 = Stage1Record(id: "p1-text", problemID: "p1", instruction: "i", output: "o")
        #expect(Self.keys(try s1.jsonValue()) == Stage1Record.schema.map(\.0.stringValue))
        let ins = InstructRecord(id: "x", problemID: "p1", imageURL: nil, instruction: "i", output: "o",
                                 level: .textOnly, ratio: 1)
        #expect(Self.keys(try ins.jsonValue()) == InstructRecord.schema.map(\.0.stringValue))
        var cap = CaptionRecord(id: "c", problemID: "p1", imageURL: "images/a.png", instruction: "i", output: "o",
                                valuesInstruction: "v", values: "3, 4")
        #expect(Self.keys(try cap.jsonValue()) == CaptionRecord.schema.map(\.0.stringValue))
        cap.decoyImageURL = "images/d.png"
        cap.decoyValues = "7"
        #expect(Self.keys(try cap.jsonValue()) == (CaptionRecord.schema + CaptionRecord.optionalSchema).map(\.0.stringValue))
        let ev = EvalRecord(id: "e", problemID: "p", family: "plane.x", level: .visionOnly, ratio: 0, imageURL: "i.png",
                            instruction: "i", output: "o", answer: Self.answer)
        #expect(Self.keys(try ev.jsonValue()) == EvalRecord.schema.map(\.0.stringValue))
        #expect(Self.keys(try Self.answer.jsonValue()) == AnswerRecord.schema.map(\.0.stringValue))
    }

    @Test func problemRecordKeepsSpecOrderAndLevelOrder() throws {
        let spec: JSONValue = ["givens": ["z": 1, "a": 2.5], "target": "x"]
        var levels: [Level: ProblemRecord.LevelEntry] = [:]
        for l in Level.allCases.reversed() {
            levels[l] = .init(instruction: l.rawValue, image: l.hasImage ? "images/\(l.rawValue).png" : nil, textRatio: 0.5)
        }
        let p = ProblemRecord(id: "p1", split: "train", family: "plane.x", subject: "plane_geometry", seed: "7",
                              identity: "ab", spec: spec, facts: [.init(kind: "essential", key: "a")], answer: Self.answer,
                              solution: ["s"], output: "o", levels: .init(levels), visionOnlyImageText: "t", caption: "c",
                              values: "v", decoy: nil)
        let v = try p.jsonValue()
        #expect(Self.keys(v) == ProblemRecord.schema.map(\.0.stringValue))
        #expect(v["spec"]?.serialized() == #"{"givens":{"z":1,"a":2.5},"target":"x"}"#)
        #expect(Self.keys(v["levels"] ?? .null) == Level.allCases.map(\.rawValue))
        #expect(v["levels"]?["text_only"]?.serialized() == #"{"instruction":"text_only","image":null,"text_ratio":0.5}"#)
        // Decoding gives the same record back, the spec with its key order.
        let back = try JSONValueDecoder().decode(ProblemRecord.self, from: JSONParser.parse(v.serialized()))
        #expect(try back.jsonValue().serialized() == v.serialized())
    }

    @Test func decodingReadsWhatEncodingWrote() throws {
        let pair = PairRecord(imageURL: "a.png", instruction: "i\n\"q\"", output: "o", imageURL2: nil, instruction2: "j",
                              output2: "o", id: "7", problemID: "p", level: .visionDominant, level2: .visionOnly,
                              ratio: 0.3333, ratio2: 0)
        let line = try pair.jsonValue().serialized()
        #expect(try JSONValueDecoder().decode(PairRecord.self, from: Array(line.utf8)) == pair)
        let ev = EvalRecord(id: "e", problemID: "p", family: nil, level: .textLite, ratio: nil, imageURL: nil,
                            instruction: "i", output: "o", answer: Self.answer)
        #expect(try JSONValueDecoder().decode(EvalRecord.self, from: ev.jsonValue()) == ev)
    }

    @Test func lenientWhereOtherToolsDiffer() throws {
        // Integer ids, hyphenated level names, an answer with only its type and value.
        let line = #"{"id": 3, "problem_id": 9, "level": "vision-only", "instruction": "q", "output": "5", "answer": {"type": "number", "value": 5}}"#
        let e = try JSONValueDecoder().decode(EvalRecord.self, from: Array(line.utf8))
        #expect(e.id == "3" && e.problemID == "9" && e.level == .visionOnly)
        #expect(e.answer.valueType == "number" && e.answer.tolerance == AnswerRecord.defaultTolerance && e.answer.text == "")
    }

    @Test func badRecordsSayWhereAndWhat() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dsf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("eval.jsonl").path
        let good = #"{"id":"e","problem_id":"p","level":"text_only","instruction":"q","output":"o","answer":{"type":"number"}}"#
        let cases: [(String, String)] = [
            (#"{"id":"e","problem_id":"p","level":"text_sideways","instruction":"q","output":"o","answer":{"type":"n"}}"#,
             "\"text_sideways\" is not a level"),
            (#"{"id":"e","problem_id":"p","level":"text_only","instruction":5,"output":"o","answer":{"type":"n"}}"#,
             "key \"instruction\": expected String, found a number"),
            (#"{"id":"e","problem_id":"p","level":"text_only","output":"o","answer":{"type":"n"}}"#, "missing key \"instruction\""),
            (#"{"id":"e","problem_id":"p","#, "not valid JSON"),
        ]
        for (bad, message) in cases {
            try Data((good + "\n\n" + bad + "\n").utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try RecordFile.lines(EvalRecord.self, path: path)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.line == 3, "\(bad)")
                #expect(error.reason.contains(message), "\(error.reason)")
            }
        }
        #expect(try RecordFile.lines(EvalRecord.self, path: path, limit: 1).map(\.line) == [1])
    }

    @Test func trainerStyleConfigsRoundTrip() throws {
        struct Config: Codable, Equatable { var width: Int; var rate: Double; var names: [String]; var seed: UInt64; var f: Float? }
        let c = Config(width: 64, rate: 3e-4, names: ["a", "b"], seed: UInt64(Int.max) - 1, f: 0.5)
        let text = try c.jsonValue().pretty()
        #expect(try JSONValueDecoder().decode(Config.self, from: Array(text.utf8)) == c)
        #expect(text.hasPrefix("{\n  \"width\": 64,\n  \"rate\": 0.0003,"))
    }

    @Test func levelNamesAreTheLadder() {
        #expect(Level.allCases.map(\.abbreviation) == ["TO", "TD", "TL", "VI", "VD", "VO"])
        #expect(Level.allCases.sorted() == Level.allCases)
        #expect(Level.visionOnly.displayName == "vision-only")
    }
}
