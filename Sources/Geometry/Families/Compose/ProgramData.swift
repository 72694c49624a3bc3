import DatasetFormat
import Foundation

/// A construction program read as data through its JSON form: which points a
/// step makes and which it uses, its numbers (to perturb), and its wording
/// parameters. Every string in a step's JSON is a point name and every number
/// is a size, angle, ratio or a `which` choice (docs/families/compose.md).
enum ProgramData {
    /// The step as its JSON object: its kind and its fields.
    static func fields(_ step: ConstructionStep) -> (kind: String, fields: [(String, JSONValue)]) {
        guard let json = try? JSONValueEncoder().encode(step), let obj = json.objectValue, let (k, v) = obj.first,
              let f = v.objectValue else { return (step.kind, []) }
        return (k, f)
    }

    static func step(kind: String, fields: [(String, JSONValue)]) -> ConstructionStep? {
        try? JSONValueDecoder().decode(ConstructionStep.self, from: .object([(kind, .object(fields))]))
    }

    /// Every point name the step mentions, made or used.
    static func names(_ step: ConstructionStep) -> [PointName] {
        var out: [PointName] = []
        func walk(_ v: JSONValue) {
            switch v {
            case let .string(s): out.append(s)
            case let .array(a): a.forEach(walk)
            case let .object(o): o.forEach { walk($0.1) }
            default: break
            }
        }
        fields(step).fields.forEach { walk($0.1) }
        return out
    }

    /// The program realized, and for each step the steps it depends on (the makers
    /// of the points and circles it uses).
    static func dependencies(_ program: [ConstructionStep]) throws -> (figure: Figure, needs: [Set<Int>]) {
        var figure = Figure()
        var maker: [PointName: Int] = [:]
        var circleMaker: [CircleRef: Int] = [:]
        var needs: [Set<Int>] = []
        for (i, step) in program.enumerated() {
            let before = Set(figure.names), circlesBefore = figure.circles
            let used = names(step)
            try Realizer.apply(step, to: &figure, index: i)
            let new = figure.names.filter { !before.contains($0) }
            for n in new { maker[n] = i }
            for c in figure.circles where circleMaker[c] == nil { circleMaker[c] = i }
            var need = Set(used.filter { !new.contains($0) }.compactMap { maker[$0] })
            // A step on a circle needs the step that drew it (a circle about two old points makes no point).
            for c in circlesBefore where used.contains(c.center) { if let m = circleMaker[c] { need.insert(m) } }
            needs.append(need)
        }
        return (figure, needs)
    }

    /// The steps in `seeds` and every step they depend on, transitively.
    static func closure(_ seeds: Set<Int>, needs: [Set<Int>]) -> Set<Int> {
        var out = seeds, stack = Array(seeds)
        while let i = stack.popLast() {
            for j in needs[i] where out.insert(j).inserted { stack.append(j) }
        }
        return out
    }

    /// Wording parameters of a step: each name field as is, each list of names both
    /// joined ("ABC", for △ABC) and as a list (`<field>_list`, joined by the
    /// language's list separator at render time). Numbers are left out: a value
    /// the solution needs is stated as a given, one it does not need is not stated.
    static func params(_ step: ConstructionStep) -> [String: String] {
        var p: [String: String] = [:]
        for (k, v) in fields(step).fields {
            switch v {
            case let .string(s): p[k] = s
            case let .array(a):
                let n = a.compactMap(\.stringValue)
                p[k] = n.joined()
                p[k + "_list"] = n.joined(separator: Phrase.listSeparator)
                for (j, name) in n.enumerated() { p["\(k)_\(j + 1)"] = name }
            default: break
            }
        }
        return p
    }
}
