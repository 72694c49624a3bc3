import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder
@testable import Render

/// The answerability audit: what each level shows carries every fact, every
/// symbol and point the question names, and (for text-only) the configuration.
@Suite struct AnswerabilityTests {
    /// Problems of `family` over `seeds` seeds at each difficulty, multiple choice half the time.
    static func sweep(_ family: AnyFamily, seeds: Int, difficulty: Int? = nil) -> [Problem] {
        (0..<seeds).compactMap { s in
            try? family.make(seed: UInt64(s) &* 7919 &+ 11,
                             options: GenerationOptions(multipleChoiceRate: 0.5, difficulty: difficulty)).get()
        }
    }

    @Test func everyFamilyIsAnswerableAtEveryLevel() {
        var failures: [String: [String]] = [:]
        for family in FamilyRegistry.all {
            for p in Self.sweep(family, seeds: 40) {
                let f = Answerability.audit(p)
                if !f.isEmpty { failures[family.id, default: []].append("seed \(p.seed): \(f.map(\.description))") }
            }
        }
        for (id, list) in failures.sorted(by: { $0.key < $1.key }) {
            Issue.record("\(id): \(list.count) of 40 unanswerable, e.g. \(list[0])")
        }
    }
}

/// The findings of the independent re-solve (issue 18) as regressions, and the
/// audit's own checks on hand-made problems.
@Suite struct AnswerabilityRegressionTests {
    /// The four function families whose form was stated only in a DI sentence:
    /// from text-lite on, the form must still reach the reader, in the text or
    /// drawn (the renderer really places it), and every symbol the question names
    /// must be defined there.
    @Test(arguments: ["function.exponential_value", "function.logarithm_value",
                      "function.linear_function", "function.sinusoid"])
    func functionFormReachesEveryLevel(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        let t = try TestSupport.templates()
        for d in 1...3 {
            for p in AnswerabilityTests.sweep(family, seeds: 6, difficulty: d) {
                #expect(Answerability.audit(p).isEmpty, "\(id) seed \(p.seed): \(Answerability.audit(p))")
                let form = try #require(p.facts.first { $0.kind == .descriptive }?.shownBy.compactMap { d -> String? in
                    if case let .label(s) = d { return s }
                    return nil
                }.first, "\(id): the DI fact names no drawn form")
                let text = try ProblemText(p, templates: t)
                for level in Level.allCases where level.hasImage {
                    let img = try SceneRenderer.render(RenderRequest(
                        scene: p.scene, includeGivens: level.drawsGivens,
                        textBlock: level == .visionOnly ? text.visionOnlyImageText : nil))
                    #expect(img.labels.contains { $0.text == form },
                            "\(id) seed \(p.seed) \(level.rawValue): \(form) not drawn")
                }
                // Text-only has no image: the form is in its words.
                let words = try #require(text.instructions[.textOnly])
                #expect(words.contains(form), "\(id): text-only does not state \(form): \(words)")
            }
        }
    }

    /// plane.transversal_angles: θ and 180° − θ are both consistent unless the
    /// text says on which side of the transversal the named points lie.
    @Test func transversalTextPinsTheSides() throws {
        let family = try #require(FamilyRegistry.named("plane.transversal_angles"))
        let t = try TestSupport.templates()
        for p in AnswerabilityTests.sweep(family, seeds: 12) {
            #expect(p.configurationMatters)
            let words = try #require(try ProblemText(p, templates: t).instructions[.textOnly])
            let l = try #require(p.spec["labels"])
            let (a, c, e, f) = (l["A"]?.stringValue ?? "?", l["C"]?.stringValue ?? "?", l["E"]?.stringValue ?? "?",
                                l["F"]?.stringValue ?? "?")
            #expect(words.contains("Points \(a) and \(c) lie on the same side of line \(e)\(f)"), "\(words)")
            // And the statement is true of the figure drawn: A and C on one side of EF.
            let coords = try #require(p.spec["coordinates"])
            func pt(_ k: String) throws -> Vec2 {
                let v = try #require(coords[k]?.arrayValue)
                return Vec2(v[0].doubleValue ?? .nan, v[1].doubleValue ?? .nan)
            }
            let (pe, pf) = (try pt("E"), try pt("F"))
            let sideA = (pf - pe).cross(try pt("A") - pe), sideC = (pf - pe).cross(try pt("C") - pe)
            #expect(sideA * sideC > 0, "seed \(p.seed): A and C are on opposite sides of EF")
        }
    }

    /// plane.inscribed_angle: 24° or 156° unless the text says C is on the major arc.
    @Test func inscribedTextPinsTheArc() throws {
        let family = try #require(FamilyRegistry.named("plane.inscribed_angle"))
        let t = try TestSupport.templates()
        for d in [1, 3] {
            for p in AnswerabilityTests.sweep(family, seeds: 8, difficulty: d) {
                let words = try #require(try ProblemText(p, templates: t).instructions[.textOnly])
                #expect(words.contains("on the major arc"), "\(words)")
                #expect(Answerability.audit(p, at: .textOnly).isEmpty)
            }
        }
    }

    /// A hand-made problem: a triangle with one given angle, asked for a symbol.
    static func handMade(facts: [Fact], asks: [String] = [], question: [String: String] = [:],
                         configurationMatters: Bool = false) -> Problem {
        var scene = Scene()
        scene.add(.point(at: Vec2(0, 0), label: "A", dot: true))
        scene.add(.point(at: Vec2(4, 0), label: "B", dot: true))
        scene.add(.segment(Vec2(0, 0), Vec2(4, 0), style: .solid))
        scene.add(.segmentValue(Vec2(0, 0), Vec2(4, 0), text: "4 cm", away: Vec2(0, 1)), .given)
        return Problem(family: "test", subject: .plane, seed: 1, spec: .null, facts: facts,
                       question: Phrase("question", question), answer: Answer(type: .integer, text: "4", value: 4),
                       steps: [], scene: scene, solved: 4, measured: 4, asks: asks,
                       configurationMatters: configurationMatters)
    }

    @Test func auditFindsWhatNoLevelShows() {
        // Carried everywhere: no finding.
        let fine = Self.handMade(facts: [Fact(.descriptive, "di", ["A": "A"]), Fact(.essential, "ec")], question: ["P": "A"])
        #expect(Answerability.audit(fine).isEmpty, "\(Answerability.audit(fine))")

        // A DI fact nothing draws: lost from text-lite on (text-lite, VI, VD, VO).
        let lost = Self.handMade(facts: [Fact(.descriptive, "di", shownBy: [.textOnly]), Fact(.essential, "ec")])
        #expect(Set(Answerability.audit(lost).map(\.level)) == [.textLite, .visionIntensive, .visionDominant, .visionOnly])

        // A formula promised as a label the scene does not draw.
        let noLabel = Self.handMade(facts: [Fact(.descriptive, "di", shownBy: [.label("f(x) = aˣ")])])
        #expect(Answerability.audit(noLabel, at: .textLite).count == 1)
        #expect(Answerability.audit(noLabel, at: .textDominant).isEmpty)

        // An IP fact shown by a mark, with no mark in the scene: lost at vision-intensive only
        // (vision-dominant keeps IP in its text, vision-only renders it into the image).
        let noMark = Self.handMade(facts: [Fact(.implicit, "ip")])
        #expect(Answerability.audit(noMark).map(\.level) == [.visionIntensive])

        // The question names k, which no fact defines; then a fact defines it only in the text.
        let undefined = Self.handMade(facts: [Fact(.essential, "ec")], asks: ["k"])
        #expect(Answerability.audit(undefined).count == Level.allCases.count)
        let textOnlyK = Self.handMade(facts: [Fact(.descriptive, "di", shownBy: [.textOnly], defines: ["k"])], asks: ["k"])
        #expect(Answerability.audit(textOnlyK).filter { $0.message.contains("names k") }.map(\.level)
                == [.textLite, .visionIntensive, .visionDominant, .visionOnly])

        // The question names a point no level draws and no fact mentions.
        let ghost = Self.handMade(facts: [Fact(.essential, "ec")], question: ["P": "Q"])
        #expect(Answerability.audit(ghost).count == Level.allCases.count)

        // The answer depends on the configuration, but no fact says it: text-only only.
        let unpinned = Self.handMade(facts: [Fact(.descriptive, "di")], configurationMatters: true)
        #expect(Answerability.audit(unpinned).map(\.level) == [.textOnly])
        let pinned = Self.handMade(facts: [Fact(.descriptive, "di", pinsConfiguration: true)], configurationMatters: true)
        #expect(Answerability.audit(pinned).isEmpty)
    }
}
