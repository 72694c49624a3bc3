/// Forward chaining to closure: every rule runs on the fact set, round after
/// round, until a round adds nothing or a bound is hit. Each conclusion is
/// measured on the figure before it is accepted; one the figure contradicts is
/// reported as a mismatch (the draw is to be rejected), never added.
public struct DeductionEngine: Sendable {
    public var rules: [any DeductionRule]
    public var maxRounds: Int
    public var maxFacts: Int

    public init(rules: [any DeductionRule] = RuleCatalog.all, maxRounds: Int = 10, maxFacts: Int = 4000) {
        self.rules = rules
        self.maxRounds = maxRounds
        self.maxFacts = maxFacts
    }

    public func run(on figure: Figure) -> Derivation {
        var base = FactBase(figure: figure)
        var mismatches: [Mismatch] = []
        var seen = Set<String>()
        // Construction facts are measured too: a step that does not deliver what it says is a bug.
        for f in base.facts where !Measure.agrees(f.relation, on: figure) {
            mismatches.append(Mismatch(rule: FactBase.givenRule, relation: f.relation, premises: [],
                                       measured: Measure.measured(f.relation, on: figure)))
        }
        var rounds = 0, saturated = false
        while rounds < maxRounds && base.facts.count < maxFacts {
            rounds += 1
            var added = 0
            for rule in rules {
                for c in rule.apply(to: base) {
                    guard let r = c.relation.canonical else { continue }
                    guard Measure.agrees(r, on: figure) else {
                        if seen.insert("\(rule.id)|\(r)").inserted {
                            mismatches.append(Mismatch(rule: rule.id, relation: r, premises: c.premises,
                                                       measured: Measure.measured(r, on: figure)))
                        }
                        continue
                    }
                    let depth = 1 + (c.premises.map { base[$0].depth }.max() ?? 0)
                    if let (_, new) = base.insert(r, rule: rule.id, premises: c.premises, depth: depth), new { added += 1 }
                }
                if base.facts.count >= maxFacts { break }
            }
            if added == 0 { saturated = true; break }
        }
        return Derivation(base: base, mismatches: mismatches, rounds: rounds, saturated: saturated)
    }
}

/// A conclusion the figure contradicts: which rule drew it, from what, and what was measured.
public struct Mismatch: Sendable, CustomStringConvertible {
    public let rule: String
    public let relation: Relation
    public let premises: [Int]
    public let measured: String
    public var description: String { "\(rule): \(relation) (measured \(measured))" }
}

/// The closed fact set with its derivation graph.
public struct Derivation: Sendable {
    public let base: FactBase
    public let mismatches: [Mismatch]
    public let rounds: Int
    /// Closure reached (a round added nothing) rather than a bound.
    public let saturated: Bool

    /// The derivation of one fact: the derived facts it needs, each after its
    /// premises (dependency order, the fact last), the given facts at the
    /// leaves, and its depth (the longest chain of rules, 0 for a given fact).
    public func trace(_ id: Int) -> Trace {
        var order: [Int] = [], givens: [Int] = [], depth: [Int: Int] = [:]
        func visit(_ i: Int) -> Int {
            if let d = depth[i] { return d }
            let f = base[i]
            if f.premises.isEmpty {
                depth[i] = f.rule == FactBase.givenRule ? 0 : 1
                if f.rule == FactBase.givenRule { givens.append(i) } else { order.append(i) }
                return depth[i] ?? 0
            }
            let d = 1 + (f.premises.map(visit).max() ?? 0)
            depth[i] = d
            order.append(i)
            return d
        }
        let d = visit(id)
        return Trace(fact: id, steps: order, givens: givens.sorted(), depth: d)
    }

    /// Value facts derived by some rule (what a problem can ask), deepest first.
    public var derivedValues: [(fact: KnownFact, depth: Int)] {
        base.facts.filter { $0.rule != FactBase.givenRule && $0.relation.kind.isValue }
            .map { ($0, trace($0.id).depth) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id < $1.0.id }
    }
}

/// One fact's minimal ordered derivation.
public struct Trace: Sendable {
    public let fact: Int
    /// Derived facts in dependency order, ending with `fact`.
    public let steps: [Int]
    /// The given (construction) facts it rests on.
    public let givens: [Int]
    public let depth: Int
}

extension Derivation {
    /// A trace as lines, one per fact: "#id relation  [rule ← #premises]", givens first.
    public func explain(_ id: Int) -> [String] {
        let t = trace(id)
        return (t.givens + t.steps).map { i in
            let f = base[i]
            let from = f.premises.isEmpty ? "" : " ← " + f.premises.map { "#\($0)" }.joined(separator: ", ")
            return "#\(i) \(f.relation)  [\(f.rule)\(from)]"
        }
    }
}
