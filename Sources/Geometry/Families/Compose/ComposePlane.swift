import DatasetFormat
import Foundation

/// Composed plane problems (issue 19, docs/families/compose.md): a construction
/// program drawn at random, closed under the deduction rules, and a derived value
/// whose derivation has the asked depth as the target. The trace's given facts
/// are what the problem states or marks; construction steps outside the trace are
/// dropped except `width` distractors. `solve` is the engine's value, `measure`
/// reads the target off the coordinates.
public struct ComposePlane: ProblemFamily {
    public init() {}
    public let id = "compose.plane"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .decimal, .fraction, .expression, .choice]
    public let agreementTolerance = 1e-6

    /// Depths drawn when `--depth` is not given, with their weights.
    static let depthWeights: [(Double, Int)] = [(1, 1), (1, 2), (2, 3), (3, 4), (3, 5), (2, 6)]

    public struct Instance: Sendable {
        var program: [ConstructionStep]
        var figure: Figure
        var derivation: Derivation
        var target: Int
        var trace: Trace
        var depth: Int
        var width: Int
        var show: ComposedDisplay
        var pose: PlanePose
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        var depth = options.depth ?? ProgramSampler.weighted(&rng, Self.depthWeights)
        let wantWidth = options.width ?? rng.int(0...2)
        let (drawn, figure0) = try drawProgram(&rng, depth: depth)
        // Rounds enough for the depth (one more for a drawn depth's fallback): a fact of depth k
        // is found, by its shallowest derivation, by round k, and later rounds (the costliest,
        // over the most facts) change nothing at or below it.
        let rounds = options.depth == nil ? depth + 1 : depth
        let full = try run(figure0, rounds: rounds)
        let exactTargets = full.derivedValues.filter { f, _ in
            f.relation.value.flatMap(ComposedNumber.exact) != nil && ComposedTarget(f.relation) != nil
        }
        // A drawn (not asked) depth the program does not offer falls back to the nearest it
        // does (the shallower on a tie), 2 at least.
        if options.depth == nil, !exactTargets.contains(where: { $0.depth == depth }),
           let near = exactTargets.map(\.depth).filter({ (2...6).contains($0) })
               .min(by: { (abs($0 - depth), $0) < (abs($1 - depth), $1) }) {
            depth = near
        }
        // Targets at exactly this depth resting on a stated value and a relation (a problem
        // states both), preferring traces that use more kinds of rule.
        func stated(_ g: Int) -> Bool {
            full.base[g].step.map { ComposedDisplay.isStatedValue(full.base[g].relation, stepKind: drawn[$0].kind) } ?? false
        }
        var candidates: [(id: Int, trace: Trace, rules: Int)] = []
        for (f, d) in exactTargets where d == depth {
            let t = full.trace(f.id)
            guard t.givens.contains(where: stated), t.givens.contains(where: { !full.base[$0].relation.kind.isValue }) else { continue }
            candidates.append((f.id, t, Set(t.steps.map { full.base[$0].rule }).count))
        }
        guard !candidates.isEmpty else { throw GenerationFailure.degenerate("no exact value at depth \(depth)") }
        let best = candidates.map(\.rules).max() ?? 0
        let pick = rng.pick(candidates.filter { $0.rules >= best - 1 })
        let relation = full.base[pick.id].relation

        // Keep the steps the trace rests on, then distractors whose own needs are kept.
        let deps = try ProgramData.dependencies(drawn)
        let seeds = Set(pick.trace.givens.compactMap { full.base[$0].step })
        var kept = ProgramData.closure(seeds, needs: deps.needs)
        var spare = (0..<drawn.count).filter { !kept.contains($0) }
        var added = 0
        while added < wantWidth {
            let ready = spare.filter { deps.needs[$0].isSubset(of: kept) }
            guard !ready.isEmpty else { break }
            let s = rng.pick(ready)
            kept.insert(s)
            spare.removeAll { $0 == s }
            added += 1
        }
        if options.width != nil && added < wantWidth {
            throw GenerationFailure.degenerate("only \(added) distractor steps available, \(wantWidth) asked")
        }
        let program = kept.sorted().map { drawn[$0] }
        let figure: Figure, finalNeeds: [Set<Int>]
        do { (figure, finalNeeds) = try ProgramData.dependencies(program) } catch {
            throw GenerationFailure.degenerate("pruned program: \(error)")
        }
        let derivation = try run(figure, rounds: depth)
        guard let target = derivation.base.id(of: relation) else {
            throw GenerationFailure.degenerate("target lost when pruning")
        }
        let trace = derivation.trace(target)
        guard trace.depth == depth, derivation.base[target].rule != FactBase.givenRule else {
            throw GenerationFailure.degenerate("pruned depth \(trace.depth), asked \(depth)")
        }
        // The width is what the final trace does not use.
        let used = ProgramData.closure(Set(trace.givens.compactMap { derivation.base[$0].step }), needs: finalNeeds)
        let width = program.count - used.count
        if let w = options.width, w != width { throw GenerationFailure.degenerate("width \(width), asked \(w)") }

        let show = try ComposedDisplay(figure: figure, derivation: derivation, trace: trace, program: program)
        for g in show.essential where derivation.base[g].relation.value.flatMap(ComposedNumber.exact) == nil {
            throw GenerationFailure.degenerate("given \(derivation.base[g].relation) has no exact form")
        }
        let fixed = (show.essential + show.implicit.map(\.fact)).map { derivation.base[$0].relation }
        guard ComposedCheck.textDetermines(program: program, fixed: fixed, orders: show.orders,
                                           target: ComposedTarget(relation), value: relation.value, rng: &rng) else {
            throw GenerationFailure.degenerate("the words do not determine the answer without the figure")
        }
        return Instance(program: program, figure: figure, derivation: derivation, target: target, trace: trace,
                        depth: depth, width: width, show: show, pose: PlanePose.draw(&rng, tilt: 0.3, freeTurn: 0.3))
    }

    public func solve(_ i: Instance) -> Double { i.derivation.base[i.target].relation.value ?? .nan }

    public func measure(_ i: Instance) -> Double {
        ComposedTarget(i.derivation.base[i.target].relation)?.measure(i.figure) ?? .nan
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        ComposedProblem.make(i, family: id, answer: answer, rng: &rng, options: options)
    }

    /// A program of enough steps for the engine to reach depth.
    func drawProgram(_ rng: inout SplitMix64, depth: Int) throws -> ([ConstructionStep], Figure) {
        do { return try ProgramSampler(steps: min(10, depth + 3)...12).draw(&rng) } catch {
            throw GenerationFailure.degenerate("no program: \(error)")
        }
    }

    /// The facts derivable within `rounds` rounds; a conclusion the coordinates contradict
    /// rejects the draw as a mismatch.
    func run(_ figure: Figure, rounds: Int) throws -> Derivation {
        let d = DeductionEngine(maxRounds: rounds).run(on: figure)
        if let m = d.mismatches.first {
            // A relation (not a value) contradicted reports NaN for both numbers; the draw is rejected either way.
            throw GenerationFailure.mismatch(solved: m.relation.value ?? .nan,
                                             measured: ComposedTarget(m.relation)?.measure(figure) ?? .nan)
        }
        return d
    }
}
