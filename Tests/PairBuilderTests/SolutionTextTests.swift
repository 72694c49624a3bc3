import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder

/// Worked solutions and choice lines as a reader sees them (issue 18): signs written the
/// way a textbook writes them, and options showing their unit in every language.
@Suite struct SolutionTextTests {
    static let seeds: [UInt64] = (0..<200).map { SplitMix64.derive(18_005, UInt64($0)) }

    /// Families whose solution text is written with one minus sign, the ASCII "-" their
    /// numbers and formulas use (docs/families/analytic.md, functions.md).
    static let asciiMinus: Set<String> = ["function.axis_of_symmetry", "function.quadratic_vertex", "analytic.slope"]

    /// No "/-" (a bare negative denominator), "+ -" or "- -" (a signed term after an
    /// operator) in any family's solution; one minus character in the families above.
    @Test(arguments: FamilyRegistry.all.map(\.id))
    func solutionSignsAreClean(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        let t = try TestSupport.templates()
        var failures: [String] = []
        for seed in Self.seeds {
            guard case let .success(p) = family.make(seed: seed, options: GenerationOptions()) else { continue }
            for step in p.steps {
                let s = try t.render(family: p.family, step)
                for bad in ["/-", "/−", "+ -", "+ −", "- -", "− −", "− -", "- −"] where s.contains(bad) {
                    failures.append("seed \(seed): \"\(bad)\" in \"\(s)\"")
                }
                if Self.asciiMinus.contains(id), s.contains("−") {
                    failures.append("seed \(seed): \"−\" besides \"-\" in \"\(s)\"")
                }
            }
        }
        #expect(failures.isEmpty, "\(id): \(failures.count), e.g. \(failures.prefix(3).joined(separator: "; "))")
    }

    /// The choice line of every level's instruction shows each option's unit, in each
    /// language that has the family's templates.
    @Test(arguments: ["en", "zh"])
    func choiceLinesShowUnits(_ lang: String) throws {
        let t = try TestSupport.templates(lang)
        var checked = 0
        for family in FamilyRegistry.all where t.has(family: family.id) {
            for seed in Self.seeds.prefix(20) {
                guard case let .success(p) = family.make(seed: seed, options: GenerationOptions(multipleChoiceRate: 1)),
                      let unit = p.answer.unit, let choices = p.answer.choices else { continue }
                let shown = try t.common("unit_" + unit, ["value": ""])
                let text = try ProblemText(p, templates: t)
                let line = try #require(text.instructions[.textOnly]?.split(separator: "\n").last.map(String.init))
                for (i, c) in choices.enumerated() {
                    let option = try t.common("choice", ["letter": Answer.letter(i), "text": c])
                    #expect(line.contains(option) && c.hasSuffix(shown.trimmingCharacters(in: .whitespaces)),
                            "\(lang) \(family.id) seed \(seed): \(line)")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}
