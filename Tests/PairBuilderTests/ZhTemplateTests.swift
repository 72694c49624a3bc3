import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder

/// Chinese wording covers every family with the same keys and placeholders as the
/// English, and no English word reaches a Chinese caption, instruction or solution.
@Suite struct ZhTemplateTests {
    /// Runs of three or more ASCII letters with a lowercase one among them: English words
    /// ("the", "figure", "Points"). Point and polygon names are capitals ("ABC", "P-ABCD");
    /// variables are one or two letters ("x", "kx", "cm"); these function names are notation.
    static let mathWords: Set<String> = ["sin", "cos", "tan", "log"]

    static func englishWords(in text: String) -> [String] {
        text.matches(of: #/[A-Za-z]{3,}/#).map { String($0.output) }
            .filter { $0.contains(where: \.isLowercase) && !mathWords.contains($0) }
    }

    static func table(_ lang: String, _ name: String) throws -> [String: String] {
        let url = TestSupport.templatesRoot.appendingPathComponent(lang).appendingPathComponent(name + ".json")
        let data = try Data(contentsOf: url)
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: String], "\(url.path) is not a JSON object of strings")
    }

    static func placeholders(_ template: String) -> Set<String> {
        Set(template.matches(of: #/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/#).map { String($0.output.1) })
    }

    @Test(arguments: ["_common"] + FamilyRegistry.all.map(\.id))
    func chineseFileHasTheEnglishKeysAndPlaceholders(_ name: String) throws {
        let en = try Self.table("en", name)
        let zh = try Self.table("zh", name)
        #expect(Set(zh.keys) == Set(en.keys),
                "\(name): only in en \(Set(en.keys).subtracting(zh.keys).sorted()), only in zh \(Set(zh.keys).subtracting(en.keys).sorted())")
        for (key, english) in en {
            guard let chinese = zh[key] else { continue }
            #expect(Self.placeholders(chinese) == Self.placeholders(english),
                    "\(name) \(key): en \(Self.placeholders(english).sorted()), zh \(Self.placeholders(chinese).sorted())")
            let prose = chinese.replacing(#/\{\{[^}]*\}\}/#, with: "")
            #expect(Self.englishWords(in: prose).isEmpty, "\(name) \(key): English in \"\(chinese)\"")
        }
    }

    @Test func everyRegisteredFamilyHasChineseWording() throws {
        let zh = try TestSupport.templates("zh")
        let missing = FamilyRegistry.all.map(\.id).filter { !zh.has(family: $0) }
        #expect(missing.isEmpty, "no zh wording for \(missing)")
    }

    @Test func theDetectorFindsEnglishAndSparesNotation() {
        #expect(Self.englishWords(in: "the figure附近写有l = 5π/3 cm。") == ["the", "figure"])
        #expect(Self.englishWords(in: "Points A, B are marked.") == ["Points", "are", "marked"])
        #expect(Self.englishWords(in: "在Rt△ABC中，P-ABCD，y = A·sin(ωx + φ)，logₐx，f′(x) = 2x − 3，9 cm²").isEmpty)
    }

    /// Every family, every difficulty, free answer and multiple choice: the texts built from
    /// the zh templates (each level's instruction, the vision-only image text, the solution
    /// and the caption, which is read off the scene) hold no English word.
    @Test func chineseTextsOfEveryFamilyHoldNoEnglish() throws {
        let zh = try TestSupport.templates("zh")
        var checked = 0
        for family in FamilyRegistry.all {
            for seed in UInt64(1)...4 {
                for difficulty in 1...3 {
                    let options = GenerationOptions(multipleChoiceRate: seed % 2 == 0 ? 1 : 0, difficulty: difficulty)
                    guard case let .success(p) = family.make(seed: seed, options: options) else { continue }
                    let text = try ProblemText(p, templates: zh)
                    var texts: [(String, String)] = [("caption", text.caption), ("output", text.output),
                                                      ("vision_only_image_text", text.visionOnlyImageText),
                                                      ("caption_instruction", text.captionInstruction),
                                                      ("values_instruction", text.valuesInstruction)]
                    for (level, s) in text.instructions { texts.append((level.rawValue, s)) }
                    for (what, s) in texts {
                        let words = Self.englishWords(in: s)
                        #expect(words.isEmpty, "\(family.id) seed \(seed) d\(difficulty) \(what): \(words) in \"\(s)\"")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked >= FamilyRegistry.all.count * 6, "only \(checked) problems generated")
    }

    /// Text drawn away from every point name gets its own sentence in each language.
    @Test func textAwayFromPointsIsDescribedInTheLanguage() throws {
        var s = Scene()
        s.add(.point(at: Vec2(0, 0), label: "A", dot: true))
        s.add(.point(at: Vec2(1, 0), label: "B", dot: true))
        s.add(.point(at: Vec2(0, 1), label: "C", dot: true))
        s.add(.text(at: Vec2(0.5, 0.5), text: "l = 5π/3 cm"), .given)
        s.add(.text(at: Vec2(1, 0), text: "S = 6 cm²"), .given)
        let zh = try CaptionWriter(templates: TestSupport.templates("zh")).caption(s, includeGivens: true, separator: "")
        #expect(zh.contains("图中写有l = 5π/3 cm。"), "\(zh)")
        #expect(zh.contains("B附近写有S = 6 cm²。"), "\(zh)")
        #expect(zh.contains("图中标出了点A、B、C。"), "\(zh)")
        #expect(Self.englishWords(in: zh).isEmpty, "\(zh)")
        let en = try CaptionWriter(templates: TestSupport.templates("en")).caption(s, includeGivens: true, separator: " ")
        #expect(en.contains("The text l = 5π/3 cm is written near the figure."), "\(en)")
        #expect(en.contains("Points A, B, C are marked."), "\(en)")
    }

    /// A zh dataset over all families (one training problem each) holds every family and
    /// no English word in any caption, instruction or target text it writes.
    @Test func chineseDatasetOverAllFamiliesHoldsNoEnglish() throws {
        // One problem per slot of the default mix (composed problems take every other slot).
        var config = TestSupport.config(pairs: FamilyMix.slots(FamilyRegistry.all).count, eval: 2,
                                        families: FamilyRegistry.all, size: 64)
        config.language = "zh"
        let out = try TestSupport.build(config, name: "zh-all")
        defer { try? FileManager.default.removeItem(at: out) }

        let problems = try TestSupport.lines(out.appendingPathComponent(OutputFile.problems))
        let families = Set(problems.compactMap { $0["family"]?.stringValue })
        #expect(families == Set(FamilyRegistry.all.map(\.id)),
                "missing \(Set(FamilyRegistry.all.map(\.id)).subtracting(families).sorted())")

        func check(_ file: String, _ keys: [String]) throws {
            let records = try TestSupport.lines(out.appendingPathComponent(file))
            #expect(!records.isEmpty, "\(file) is empty")
            for r in records {
                var texts: [(String, String)] = keys.compactMap { k in r[k]?.stringValue.map { (k, $0) } }
                if case let .object(levels)? = r["levels"] {
                    for (level, v) in levels {
                        if let s = v["instruction"]?.stringValue { texts.append((level, s)) }
                    }
                }
                for (key, s) in texts {
                    let words = Self.englishWords(in: s)
                    #expect(words.isEmpty, "\(file) \(r["id"]?.stringValue ?? "?") \(key): \(words) in \"\(s)\"")
                }
            }
        }
        try check(OutputFile.problems, ["caption", "output", "vision_only_image_text"])
        try check(OutputFile.captions, ["instruction", "output", "values_instruction", "values"])
        try check(OutputFile.pairs, ["instruction", "instruction_2", "output"])
        try check(OutputFile.instruct, ["instruction", "output"])
        try check(OutputFile.eval, ["instruction", "output"])
    }
}
