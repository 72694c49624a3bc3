import Testing
@testable import Geometry

extension ComposeTests {
    /// Every rule in the catalog has its hand-made case, and no case names a missing rule.
    @Test func everyRuleHasACase() {
        let ids = Set(RuleCatalog.all.map(\.id))
        #expect(ids.count == RuleCatalog.all.count, "duplicate rule ids")
        #expect(ids == Set(Figures.cases.map(\.rule)), "rules without a case: \(ids.subtracting(Figures.cases.map(\.rule)))")
        #expect(ids.count >= 25)
    }

    /// The rule concludes the expected fact on its figure, concludes nothing (or
    /// not the false claim) on the near miss, and everything it says on either
    /// figure agrees with measurement.
    @Test(arguments: Figures.cases) func ruleFiresWhereItMustAndOnlyThere(_ c: RuleCase) throws {
        let rule = try #require(RuleCatalog.named(c.rule))
        let fired = try conclusions(of: rule, on: c.fires)
        #expect(fired.contains { matches($0, c.expect) }, "\(c.rule) did not conclude \(c.expect); it said \(fired.prefix(8))")
        let quiet = try conclusions(of: rule, on: c.silent)
        if let absent = c.absent {
            #expect(!quiet.contains { matches($0, absent) }, "\(c.rule) concluded \(absent) on its near miss")
        } else {
            #expect(quiet.isEmpty, "\(c.rule) fired on its near miss: \(quiet.prefix(5))")
        }
        for (steps, said) in [(c.fires, fired), (c.silent, quiet)] {
            let figure = try Realizer.realize(steps)
            for r in said { #expect(Measure.agrees(r, on: figure), "\(c.rule) concluded \(r), which the figure contradicts") }
        }
    }

    /// What `rule` concludes, in one pass, from the closure of every other rule on the program's figure.
    func conclusions(of rule: any DeductionRule, on steps: [ConstructionStep]) throws -> [Relation] {
        let figure = try Realizer.realize(steps)
        let others = RuleCatalog.all.filter { $0.id != rule.id }
        let closed = DeductionEngine(rules: others).run(on: figure)
        #expect(closed.mismatches.isEmpty, "\(closed.mismatches)")
        return rule.apply(to: closed.base).compactMap { $0.relation.canonical }
    }

    /// Same fact, values equal within 1e-9.
    func matches(_ a: Relation, _ b: Relation) -> Bool {
        guard let b = b.canonical, a.key == b.key else { return false }
        guard let x = a.value, let y = b.value else { return true }
        return abs(x - y) <= 1e-9 * max(1, abs(x))
    }
}
