/// A new fact a rule reads off known ones: the conclusion and the ids of the
/// facts it rests on.
public struct Conclusion: Sendable {
    public let relation: Relation
    public let premises: [Int]
    public init(_ relation: Relation, _ premises: [Int]) {
        self.relation = relation
        // One premise once, in id order, so a derivation reads the same every run.
        self.premises = Array(Set(premises)).sorted()
    }
}

/// One textbook rule (docs/families/compose.md lists them): it reads the fact
/// set and returns every conclusion it can draw in one pass. Rules are pure;
/// the engine dedupes, checks every conclusion on the coordinates and records
/// the derivation.
public protocol DeductionRule: Sendable {
    /// Stable id, recorded with each fact it derives.
    var id: String { get }
    /// Template key of the sentence that states this step of a worked solution.
    var template: String { get }
    func apply(to base: FactBase) -> [Conclusion]
}

extension DeductionRule {
    public var template: String { "rule_" + id }
}
