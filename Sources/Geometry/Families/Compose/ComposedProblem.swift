import DatasetFormat
import Foundation

/// A composed instance as a problem: the construction in words (one sentence per
/// step, the order of points on each line), the trace's given relations as
/// implicit properties and its given values as essential conditions, the
/// question, the answer with choices, the worked solution (one sentence per rule
/// application, in the trace's order), the scene and the record.
enum ComposedProblem {
    static func make(_ i: ComposePlane.Instance, family: String, answer: Double, rng: inout SplitMix64,
                     options: GenerationOptions) -> Problem {
        let f = i.figure, base = i.derivation.base
        func at(_ n: PointName) -> Vec2 { i.pose(f[n]) }
        let list = Phrase.listSeparator

        // Facts: the construction, the line orders, the implicit properties, the values.
        var facts: [Fact] = []
        for (j, step) in i.program.enumerated() {
            var key = "di_" + step.kind
            if case let .lineCircle(_, _, _, _, _, which) = step { key += "_\(which)" }
            facts.append(Fact(.descriptive, key, ProgramData.params(step), shownBy: i.show.stepShownBy[j],
                              pinsConfiguration: true))
        }
        for line in i.show.orders {
            facts.append(Fact(.descriptive, "di_order", ["points": line.joined(separator: list)], shownBy: [.figure],
                              pinsConfiguration: true))
        }
        for (id, how) in i.show.implicit {
            let (key, params) = Formula.property(base[id].relation)
            facts.append(Fact(.implicit, key, params, shownBy: how))
        }
        for id in i.show.essential {
            let (key, params) = Formula.value(base[id].relation)
            facts.append(Fact(.essential, key, params))
        }
        let scene = Self.scene(i)

        // The question and the worked solution.
        let targetRelation = base[i.target].relation
        let target = ComposedTarget(targetRelation) ?? .length(Seg("A", "B"))
        let question = Formula.question(target)
        var steps: [Phrase] = []
        for id in i.trace.steps {
            let fact = base[id]
            var p = Formula.conclusion(fact.relation, f)
            let from = fact.premises.compactMap { Formula.premise(base[$0].relation, f) }
            if !from.isEmpty { p["from"] = from.joined(separator: list) }
            steps.append(Phrase("rule_" + fact.rule, p))
        }

        let value = answer
        let neighbours = base.facts.filter { $0.rule != FactBase.givenRule && $0.relation.kind == targetRelation.kind && $0.id != i.target }
            .compactMap(\.relation.value).filter { abs($0 - value) > 1e-6 && ComposedNumber.exact($0) != nil }
            .sorted { abs($0 - value) < abs($1 - value) }
        var mistakes: [Double] = []
        switch target {
        case .angle: mistakes = [180 - value, abs(90 - value)]
        case .ratio: mistakes = [1 / value]
        case .area: mistakes = [2 * value]
        case .length: mistakes = []
        }
        mistakes += neighbours.prefix(3)
        let answerValue = ComposedAnswer.make(value, target: target, mistakes: mistakes, rng: &rng, options: options)

        let givenFacts: [JSONValue] = i.trace.givens.map { (try? JSONValueEncoder().encode(base[$0].relation)) ?? .null }
        var derivation: [JSONValue] = []
        let order = i.trace.givens + i.trace.steps
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for id in i.trace.steps {
            let fact = base[id]
            derivation.append([
                "rule": .string(fact.rule),
                "premises": .array(fact.premises.map { .int(position[$0] ?? -1) }),
                "conclusion": (try? JSONValueEncoder().encode(fact.relation)) ?? .null,
                "text": .string(fact.relation.description),
            ])
        }
        let coordinates: JSONValue = .object(f.names.map { n in
            let p = at(n)
            return (n, .array([.double(PlaneKit.r6(p.x) + 0), .double(PlaneKit.r6(p.y) + 0)]))
        })
        let spec: JSONValue = [
            "program": (try? JSONValueEncoder().encode(i.program)) ?? .null,
            "pose": ["rotation": .double(i.pose.rotation), "mirror": .bool(i.pose.mirror)],
            "coordinates": coordinates,
            "givens": ["construction": .array(i.program.map { .string($0.kind) }),
                       "facts": .array(i.trace.givens.map { .string(base[$0].relation.description) })],
            "given_facts": .array(givenFacts),
            "target": target.json,
            "derivation": .array(derivation),
            "depth": .int(i.depth),
            "width": .int(i.width),
        ]
        return Problem(family: family, subject: .plane, seed: 0, spec: spec, facts: facts, question: question,
                       answer: answerValue, steps: steps, scene: scene, solved: answer, measured: answer,
                       configurationMatters: true)
    }
}

extension ComposedProblem {
    /// The figure as drawn in the instance's pose: points, lines, circles, the property
    /// marks, and the given values (an angle in its arc, a length beside its segment, or
    /// `AB = 6` / `AP : PB = 1 : 2` as text where a bare number would be ambiguous).
    static func scene(_ i: ComposePlane.Instance) -> Scene {
        let f = i.figure, base = i.derivation.base
        func at(_ n: PointName) -> Vec2 { i.pose(f[n]) }
        var scene = Scene()
        for n in f.names { scene.add(.point(at: at(n), label: n, dot: true)) }
        for l in f.lines { if let a = l.first, let b = l.last { scene.add(.segment(at(a), at(b), style: .solid)) } }
        for c in f.circles { scene.add(.circle(center: at(c.center), radius: f.radius(c), style: .solid)) }
        for m in i.show.marks { scene.add(m.mapped { i.pose($0) }, .property) }
        let middle = f.names.map { at($0) }.reduce(Vec2(0, 0), +) / Double(max(1, f.names.count))
        for id in i.show.essential {
            let r = base[id].relation
            switch r {
            case let .angleValue(x, v):
                scene.add(.angle(vertex: at(x.vertex), from: at(x.a), to: at(x.c), arcs: 1, text: Formula.number(v) + "°"), .given)
            case let .lengthValue(s, v):
                let plain = f.line(through: s.a, s.b).map { l in l.filter { f.between($0, s.a, s.b) }.isEmpty } ?? false
                if plain {
                    scene.add(.segmentValue(at(s.a), at(s.b), text: Formula.number(v), away: middle), .given)
                } else {
                    scene.add(.text(at: (at(s.a) + at(s.b)) / 2, text: Formula.relation(r)), .given)
                }
            default:
                if case let .lengthRatio(s, _, _) = r {
                    scene.add(.text(at: (at(s.a) + at(s.b)) / 2, text: Formula.relation(r)), .given)
                }
            }
        }
        return scene
    }
}

/// The answer of a composed problem in its exact form, with options from the
/// typical mistakes and the neighbouring derived values.
enum ComposedAnswer {
    static func make(_ v: Double, target: ComposedTarget, mistakes: [Double], rng: inout SplitMix64,
                     options: GenerationOptions) -> Answer {
        let unit = target.unit
        let valid: @Sendable (Double) -> Bool = { x in unit == "degree" ? x > 0 && x < 180 : x > 0 }
        guard let e = ComposedNumber.exact(v) else {
            return PlaneKit.decimalAnswer(v, decimals: 2, step: 1, unit: unit, mistakes: mistakes, valid: valid,
                                          rng: &rng, options: options)
        }
        if e.isInteger {
            return PlaneKit.integerAnswer(v, unit: unit, mistakes: mistakes, valid: valid, rng: &rng, options: options)
        }
        if ComposedNumber.decimal(e) != nil {
            return PlaneKit.decimalAnswer(v, decimals: 2, step: 0.5, unit: unit, mistakes: mistakes, valid: valid,
                                          rng: &rng, options: options)
        }
        let choices = mistakes.compactMap { m in ComposedNumber.exact(m).map { Choice(value: m, text: ComposedNumber.text($0)) } }
        return PlaneKit.answer(type: e.isRational ? .fraction : .expression, text: e.text, value: v,
                               tolerance: PlaneKit.tolerance(unit: unit, whole: false), unit: unit, mistakes: choices,
                               near: { k in
                                   let n = e.num + k * max(1, e.den / 2)
                                   guard n > 0 else { return nil }
                                   let w = e.withCoefficient(n, e.den)
                                   return Choice(value: w.value, text: w.text)
                               }, valid: valid, rng: &rng, options: options)
    }
}
