import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder

/// What each level's text keeps and drops, checked sentence by sentence.
@Suite struct LadderTests {
    func sample(seed: UInt64, mc: Double = 0) throws -> (Problem, ProblemText, [FactKind: String], String) {
        let t = try TestSupport.templates()
        let p = try ParallelTriangleAngle().make(seed: seed, options: GenerationOptions(multipleChoiceRate: mc)).get()
        let text = try ProblemText(p, templates: t)
        var facts: [FactKind: String] = [:]
        for f in p.facts { facts[f.kind] = try t.render(family: p.family, Phrase(f.key, f.params)) }
        return (p, text, facts, try t.render(family: p.family, p.question))
    }

    @Test(arguments: 0..<40)
    func eachLevelKeepsExactlyItsFacts(_ s: Int) throws {
        let (_, text, facts, question) = try sample(seed: UInt64(s), mc: s % 2 == 0 ? 1 : 0)
        let di = try #require(facts[.descriptive]), ip = try #require(facts[.implicit]), ec = try #require(facts[.essential])
        func has(_ l: Level, _ s: String) -> Bool { text.instructions[l]?.contains(s) ?? false }
        for l in [Level.textOnly, .textDominant] {
            #expect(has(l, di) && has(l, ip) && has(l, ec) && has(l, question), "seed \(s) \(l)")
        }
        #expect(!has(.textLite, di) && has(.textLite, ip) && has(.textLite, ec) && has(.textLite, question))
        #expect(!has(.visionIntensive, di) && !has(.visionIntensive, ip) && has(.visionIntensive, ec))
        #expect(has(.visionIntensive, question))
        #expect(!has(.visionDominant, di) && has(.visionDominant, ip) && !has(.visionDominant, ec))
        #expect(has(.visionDominant, question))
        #expect(!has(.visionOnly, di) && !has(.visionOnly, ip) && !has(.visionOnly, ec) && !has(.visionOnly, question))
        // What vision-only's text dropped is rendered into its image.
        #expect(text.visionOnlyImageText.contains(question) && text.visionOnlyImageText.contains(ip))
    }

    @Test func textRatiosFallUpTheLadder() throws {
        let (_, text, _, _) = try sample(seed: 5)
        #expect(text.ratios[.textOnly] == 1 && text.ratios[.textDominant] == 1)
        #expect(text.ratios[.textLite] == 0.75)
        #expect(text.ratios[.visionIntensive] == 0.5 && text.ratios[.visionDominant] == 0.5)
        #expect(text.ratios[.visionOnly] == 0)
    }

    @Test func multipleChoiceOutputEndsWithTheCorrectLetter() throws {
        for s in 0..<30 {
            let (p, text, _, _) = try sample(seed: UInt64(s), mc: 1)
            let letter = try #require(p.answer.correctLetter)
            #expect(text.output.hasSuffix("Answer: " + letter), "seed \(s)")
            #expect(p.answer.choices?[p.answer.correctIndex ?? -1] == p.answer.text + "°", "seed \(s)")
            #expect(text.instructions[.textLite]?.contains("Choices: A.") == true)
            #expect(text.instructions[.visionOnly]?.contains("letter") == true)
        }
    }

    @Test func imageVariantsFollowTheLadder() {
        #expect(Level.textOnly.imageVariant == nil)
        #expect(Level.textDominant.imageVariant == .figure && Level.visionIntensive.imageVariant == .figure)
        #expect(Level.visionDominant.imageVariant == .givens && Level.visionOnly.imageVariant == .question)
        for policy in PairingPolicy.allCases {
            for i in 0..<8 {
                let (a, b) = policy.levels(forProblem: i)
                #expect(a < b, "\(policy) pairs must step upward")
            }
        }
    }

    @Test func chineseWordingRendersWhenPresent() throws {
        guard let t = try? TestSupport.templates("zh"), t.has(family: ParallelTriangleAngle().id) else { return }
        let p = try ParallelTriangleAngle().make(seed: 2, options: GenerationOptions(multipleChoiceRate: 1)).get()
        let text = try ProblemText(p, templates: t)
        #expect(text.output.contains("答案"))
        #expect(!(text.instructions[.textDominant] ?? "").contains("triangle"))
    }
}

/// Captions describe what the image shows, read off the scene.
@Suite struct CaptionTests {
    @Test func captionNamesWhatIsDrawnWithItsValues() throws {
        let t = try TestSupport.templates()
        let p = try ParallelTriangleAngle().make(seed: 3, options: GenerationOptions()).get()
        let text = try ProblemText(p, templates: t)
        for case let .angle(_, _, _, _, value?) in p.scene.items.map(\.element) {
            #expect(text.caption.contains("labelled \(value)"), "\(text.caption)")
        }
        #expect(text.caption.contains("carry parallel marks"))
    }

    @Test func singularsArcsAndUnlabelledCurves() throws {
        var s = Scene()
        s.add(.point(at: Vec2(0, 0), label: "O", dot: true))
        s.add(.point(at: Vec2(1, 0), label: "A", dot: true))
        s.add(.segment(Vec2(0, 0), Vec2(1, 0), style: .solid))
        s.add(.arc(center: Vec2(0, 0), radius: 1, start: 0, end: 1, style: .solid))
        s.add(.curve(points: [Vec2(0, 0), Vec2(1, 1)], label: nil, style: .solid))
        s.add(.curve(points: [Vec2(0, 1), Vec2(1, 2)], label: nil, style: .dashed))
        let caption = try CaptionWriter(templates: try TestSupport.templates()).caption(s, includeGivens: true, separator: " ")
        #expect(caption.contains("Segment OA is drawn."))
        #expect(caption.contains("An arc centred at O is drawn."))
        #expect(caption.contains("2 curves are drawn."))
        // A thin arc is fitted by its own extent, not its circle's.
        let ys = s.items[3].element.extentPoints.map(\.y)
        #expect((ys.min() ?? -1) >= -1e-9)
    }
}
