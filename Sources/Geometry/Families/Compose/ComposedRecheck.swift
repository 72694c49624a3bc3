import DatasetFormat
import Foundation

/// Re-checks a composed problem from its record alone (problems.jsonl's `spec`):
/// the program realizes to the recorded coordinates (under the recorded pose),
/// each cited given is a fact the construction guarantees, each derivation step
/// cites only facts established before it, and its rule, run on those facts (the
/// given facts and the earlier conclusions, nothing else), draws its conclusion;
/// each conclusion measures true on the figure, and the last one is the target
/// with the recorded answer. Returns what fails, empty when the record holds.
///
/// The rule sees every earlier fact, not only the ones it cites: a rule that
/// groups points on a circle picks the group's first point from what it knows,
/// so the same conclusion can cite different premises in a smaller fact set.
public enum ComposedRecheck {
    public static func check(_ spec: JSONValue, answer: Double) -> [String] {
        let decoder = JSONValueDecoder()
        guard let programJSON = spec["program"], let program = try? decoder.decode([ConstructionStep].self, from: programJSON) else {
            return ["spec.program does not decode as a construction program"]
        }
        let figure: Figure
        do { figure = try Realizer.realize(program) } catch { return ["spec.program does not realize: \(error)"] }
        var out: [String] = []
        let pose = PlanePose(rotation: spec["pose"]?["rotation"]?.doubleValue ?? 0, mirror: spec["pose"]?["mirror"] == .bool(true))
        for (name, xy) in spec["coordinates"]?.objectValue ?? [] {
            let p = pose(figure[name])
            guard let x = xy.arrayValue?.first?.doubleValue, let y = xy.arrayValue?.last?.doubleValue,
                  abs(p.x - x) <= 2e-6, abs(p.y - y) <= 2e-6 else {
                out.append("point \(name) is not where the program puts it"); continue
            }
        }
        guard let givenJSON = spec["given_facts"]?.arrayValue else { return out + ["spec.given_facts missing"] }
        var facts: [Relation] = []
        for g in givenJSON {
            guard let r = try? decoder.decode(Relation.self, from: g), let c = r.canonical else {
                out.append("a given fact does not decode"); continue
            }
            if !figure.givens.contains(where: { $0.relation.key == c.key }) || !Measure.agrees(c, on: figure) {
                out.append("given \(c) is not guaranteed by the construction")
            }
            facts.append(c)
        }
        for (k, step) in (spec["derivation"]?.arrayValue ?? []).enumerated() {
            guard let id = step["rule"]?.stringValue, let rule = RuleCatalog.named(id),
                  let cited = step["premises"]?.arrayValue?.compactMap(\.intValue),
                  cited.allSatisfy({ facts.indices.contains($0) }),
                  let cJSON = step["conclusion"], let conclusion = (try? decoder.decode(Relation.self, from: cJSON))?.canonical else {
                return out + ["derivation step \(k + 1) does not decode or cites a later fact"]
            }
            let base = FactBase(figure: figure, only: facts)
            let drawn = rule.apply(to: base).compactMap(\.relation.canonical)
            if !drawn.contains(where: { same($0, conclusion) }) {
                out.append("derivation step \(k + 1): \(id) does not conclude \(conclusion) from its premises")
            }
            if !Measure.agrees(conclusion, on: figure) { out.append("derivation step \(k + 1): \(conclusion) does not measure true") }
            facts.append(conclusion)
        }
        guard let last = facts.last, let value = last.value, let target = ComposedTarget(last),
              target.json == spec["target"], target.agrees(value, answer) else {
            return out + ["the derivation does not end at the target with the recorded answer"]
        }
        return out
    }

    static func same(_ a: Relation, _ b: Relation) -> Bool {
        guard a.key == b.key else { return false }
        guard let x = a.value, let y = b.value else { return true }
        return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
    }
}
