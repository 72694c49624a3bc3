import DatasetFormat
import Geometry

/// Which family each training index draws. Without caps this is index % families
/// (as before caps existed); a capped family keeps an evenly spread subset of its
/// natural slots and the freed slots go, in index order, round-robin to the
/// families that take the rest. Every shard computes the same schedule.
struct FamilySchedule: Sendable {
    /// Family position (in `config.families`) of each training index.
    var family: [Int]
    /// Training problems of each family.
    var quota: [Int]
    /// Training problems each family may claim distinct identities for (Int.max: no cap).
    var cap: [Int]

    /// Natural share of family `f` among `pairs` indices dealt round-robin to `count` families.
    static func naturalShare(_ f: Int, pairs: Int, count: Int) -> Int { (pairs - f + count - 1) / count }

    init(pairs: Int, caps: [Int]) {
        let n = caps.count
        let natural = (0..<n).map { Self.naturalShare($0, pairs: pairs, count: n) }
        cap = caps
        // Water-filling: families whose cap is below an even share get their cap;
        // the rest share what is left evenly (earlier families first for the remainder).
        var quota = Array(repeating: 0, count: n)
        var open = Array(0..<n)
        var left = pairs
        while !open.isEmpty {
            let even = left / open.count, extra = left % open.count
            let share = { (k: Int) in even + (k < extra ? 1 : 0) }
            let capped = open.enumerated().filter { caps[$0.element] < share($0.offset) }.map(\.element)
            if capped.isEmpty {
                for (k, f) in open.enumerated() { quota[f] = share(k) }
                left = 0
                break
            }
            for f in capped { quota[f] = caps[f]; left -= caps[f] }
            open.removeAll { capped.contains($0) }
        }
        // Not enough distinct problems in all: the rest is dealt evenly over every family (repeats).
        if left > 0 { for f in 0..<n { quota[f] += left / n + (f < left % n ? 1 : 0) } }
        self.quota = quota
        var family = Array(repeating: 0, count: pairs)
        if quota == natural {
            for i in 0..<pairs { family[i] = i % n }
        } else {
            var need = (0..<n).map { max(0, quota[$0] - natural[$0]) }
            var next = 0
            for i in 0..<pairs {
                let f = i % n, k = i / n, keep = min(quota[f], natural[f])
                // Slot k of family f is kept when it starts a new step of keep / natural.
                if keep > 0, (k + 1) * keep / natural[f] > k * keep / natural[f] {
                    family[i] = f
                    continue
                }
                while need[next % n] == 0 { next += 1 }
                family[i] = next % n
                need[next % n] -= 1
                next += 1
            }
        }
        self.family = family
    }
}

/// A training draw chosen by the planner, kept until its problem is built.
struct PlannedDraw: Sendable {
    var problem: Problem
    var attempt: Int
    var rejections: Rejections
    /// The family drawn from: the schedule's, or the one its slot went to when the
    /// schedule's family ran out of distinct problems.
    var family: Int
}

/// Decides, in training index order, which draw each training problem takes, so
/// that the training split holds each identity once. The rule, the same in every
/// shard and for any thread count: index i takes its first draw (attempt 0, 1, …)
/// that is well formed, agrees, is not an eval identity and not an identity an
/// earlier index took. When its family has taken its cap of identities, the first
/// draw that is not an eval identity (a repeat, counted in the manifest). When no
/// unclaimed draw comes in the whole attempt budget, the family has run out (its
/// space was smaller than estimated): that slot and every later slot of the family
/// go, round-robin, to families that have not, and only when none is left is a
/// repeat written. Shards advance it over every index (drawing, not rendering, the
/// other shards' problems) and keep the draws of their own.
final class TrainPlanner {
    let builder: DatasetBuilder
    let schedule: FamilySchedule
    let evalIdentities: Set<UInt64>
    /// Identity -> the training index that took it.
    private(set) var claims: [UInt64: Int] = [:]
    /// Distinct identities taken per family.
    private var taken: [Int]
    /// Families that ran out of unclaimed identities.
    private var ranOut: [Bool]
    /// Slots the schedule gives each family that are not decided yet.
    private var slotsLeft: [Int]
    /// Where the round-robin over spare families goes next.
    private var spareCursor = 0
    /// Training indices decided so far.
    private(set) var next = 0
    /// This shard's draws not yet handed out.
    private var kept: [Int: PlannedDraw] = [:]
    /// Draws below this index are not kept (a resumed run wrote them already).
    var keepFrom = 0
    /// One line for each family that runs out.
    var notice: ((String) -> Void)?

    /// Draws tried per index in the parallel first pass.
    static let firstPass = 50
    /// Draws tried per index in all before its family counts as run out (a family
    /// with 5% of its draws still unclaimed fails this once in 30,000 indices).
    static let attempts = 200

    init(builder: DatasetBuilder, schedule: FamilySchedule, evalIdentities: Set<UInt64>) {
        self.builder = builder
        self.schedule = schedule
        self.evalIdentities = evalIdentities
        taken = Array(repeating: 0, count: schedule.quota.count)
        ranOut = Array(repeating: false, count: schedule.quota.count)
        slotsLeft = schedule.quota
    }

    private func isOwn(_ i: Int) -> Bool { i % builder.config.shard.count == builder.config.shard.index }

    /// What one index's parallel first pass found.
    private struct FirstPass: Sendable {
        /// The first draw not rejected against the block's start (nil: none in the first pass).
        var candidate: (problem: Problem?, attempt: Int, identity: UInt64)?
        /// Rejections before the candidate (or over the whole first pass when there is none).
        var rejections: Rejections
        /// The first draw that is not an eval identity, and the rejections before it.
        var firstAcceptable: (attempt: Int, identity: UInt64, rejections: Rejections)?
        /// Whether draws were skipped as repeats of identities taken before the block.
        var skippedRepeats: Bool
    }

    /// The first draw of index `i` from family `f` at attempts `from..<attempts` whose
    /// identity no index has claimed; rejections counted into `r`.
    private func unclaimed(_ i: Int, _ f: Int, from: Int, _ r: inout Rejections) -> (Problem, Int)? {
        guard from < Self.attempts else { return nil }
        for attempt in from..<Self.attempts {
            guard let p = builder.attempt(.train, i, family: f, attempt: attempt, forbidden: evalIdentities,
                                          rejections: &r) else { continue }
            if claims[p.identity] != nil { r.duplicate += 1; continue }
            return (p, attempt)
        }
        return nil
    }

    /// The next family, round-robin, that has not run out and can take a slot beyond its
    /// own remaining ones without passing its cap.
    private func spareFamily() -> Int? {
        let n = taken.count
        for k in 0..<n {
            let f = (spareCursor + k) % n
            if !ranOut[f], schedule.cap[f] - taken[f] > slotsLeft[f] {
                spareCursor = f + 1
                return f
            }
        }
        return nil
    }

    /// Marks family `f` as run out at index `i`; `ownSlot` when slot i is the family's own
    /// (it goes elsewhere too), not a spare slot it was asked to fill.
    private func markExhausted(_ f: Int, at i: Int, ownSlot: Bool) {
        guard !ranOut[f] else { return }
        ranOut[f] = true
        let handedOn = slotsLeft[f] + (ownSlot ? 1 : 0)
        notice?("family \(builder.config.families[f].id) ran out of distinct problems at training problem \(i) "
            + "(\(taken[f]) taken); its remaining \(handedOn) go to the other families")
    }

    /// Decides every index below `end`.
    func advance(to end: Int) throws(PairBuilderError) {
        guard end > next else { return }
        let start = next
        let before = claims
        let underCap = (0..<taken.count).map { taken[$0] < schedule.cap[$0] }
        let skip = ranOut
        let evalIDs = evalIdentities
        let builder = self.builder, family = schedule.family, keepFrom = self.keepFrom
        let shard = builder.config.shard
        let first = try builder.parallelMap(start..<end) { i throws(PairBuilderError) -> FirstPass in
            let f = family[i]
            var r = Rejections()
            // A family known to have run out: its slot goes elsewhere, nothing to draw here.
            if skip[f] { return FirstPass(candidate: nil, rejections: r, firstAcceptable: nil, skippedRepeats: false) }
            let keep = i % shard.count == shard.index && i >= keepFrom
            var firstAcceptable: (Int, UInt64, Rejections)?
            var skipped = false
            for attempt in 0..<Self.firstPass {
                guard let p = builder.attempt(.train, i, family: f, attempt: attempt, forbidden: evalIDs,
                                              rejections: &r) else { continue }
                let id = p.identity
                if firstAcceptable == nil { firstAcceptable = (attempt, id, r) }
                if underCap[f], before[id] != nil { r.duplicate += 1; skipped = true; continue }
                return FirstPass(candidate: (keep ? p : nil, attempt, id), rejections: r,
                                 firstAcceptable: firstAcceptable, skippedRepeats: skipped)
            }
            return FirstPass(candidate: nil, rejections: r, firstAcceptable: firstAcceptable, skippedRepeats: skipped)
        }
        for (k, pass) in first.enumerated() {
            let i = start + k
            var f = schedule.family[i]
            slotsLeft[f] -= 1
            var choice: (problem: Problem?, attempt: Int, identity: UInt64, rejections: Rejections)?
            if ranOut[f] {
                // Decided below, with the other families.
            } else if taken[f] >= schedule.cap[f] {
                // Repeats allowed: the first draw that is not an eval identity.
                guard let fa = pass.firstAcceptable else { throw exhausted(i, f, pass.rejections) }
                if let c = pass.candidate, c.attempt == fa.attempt, !pass.skippedRepeats {
                    choice = (c.problem, c.attempt, c.identity, fa.rejections)
                } else {
                    choice = (nil, fa.attempt, fa.identity, fa.rejections)
                }
            } else if let c = pass.candidate, claims[c.identity] == nil {
                choice = (c.problem, c.attempt, c.identity, pass.rejections)
            } else {
                // Taken inside this block, or nothing unclaimed in the first pass: carry on
                // through the whole budget; none there means the family has run out.
                var r = pass.rejections
                if pass.candidate != nil { r.duplicate += 1 }
                if let (p, attempt) = unclaimed(i, f, from: (pass.candidate?.attempt ?? Self.firstPass - 1) + 1, &r) {
                    choice = (p, attempt, p.identity, r)
                } else {
                    markExhausted(f, at: i, ownSlot: true)
                }
            }
            if choice == nil {
                // The slot of a family that ran out: the first spare family with an unclaimed draw.
                var r = Rejections()
                while choice == nil, let g = spareFamily() {
                    if let (p, attempt) = unclaimed(i, g, from: 0, &r) {
                        choice = (p, attempt, p.identity, r)
                        f = g
                    } else {
                        markExhausted(g, at: i, ownSlot: false)
                    }
                }
                if choice == nil {
                    // Every family has run out: the first acceptable draw of the slot's own family, a repeat.
                    f = schedule.family[i]
                    var scratch = Rejections()
                    for attempt in 0..<Self.attempts {
                        if let p = builder.attempt(.train, i, family: f, attempt: attempt, forbidden: evalIDs,
                                                   rejections: &scratch) {
                            choice = (p, attempt, p.identity, r)
                            break
                        }
                    }
                }
            }
            guard let choice else { throw exhausted(i, f, pass.rejections) }
            if claims[choice.identity] == nil {
                claims[choice.identity] = i
                taken[f] += 1
            }
            guard isOwn(i), i >= keepFrom else { continue }
            let problem: Problem
            if let p = choice.problem {
                problem = p
            } else {
                var scratch = Rejections()
                guard let p = builder.attempt(.train, i, family: f, attempt: choice.attempt, forbidden: evalIDs,
                                              rejections: &scratch) else { throw exhausted(i, f, choice.rejections) }
                problem = p
            }
            kept[i] = PlannedDraw(problem: problem, attempt: choice.attempt, rejections: choice.rejections, family: f)
        }
        next = end
    }

    private func exhausted(_ i: Int, _ f: Int, _ r: Rejections) -> PairBuilderError {
        .exhausted("p\(i) (\(builder.config.families[f].id)): no acceptable problem in \(Self.attempts) draws (\(r))")
    }

    /// The draw of this shard's index `i` (after `advance` passed it), handed out once.
    func take(_ i: Int) throws(PairBuilderError) -> PlannedDraw {
        try advance(to: i + 1)
        guard let d = kept.removeValue(forKey: i) else { throw .exhausted("internal: p\(i) was not planned") }
        return d
    }
}

extension DatasetBuilder {
    /// The identity space of every family, estimated from seeded draws that depend on
    /// the family and the generation options only (so every shard and seed agrees).
    func familySpaces() throws(PairBuilderError) -> [FamilySpace] {
        let n = config.families.count
        // A family in several slots (the composed families) is sampled once, at its first slot's
        // share, and each slot is capped against that estimate as if it were alone (the caps
        // then overstate such a family's space by its number of slots, which matters only
        // for a small space; the composed families' spaces are far larger than any run).
        var first: [String: Int] = [:]
        for f in 0..<n where first[config.families[f].id] == nil { first[config.families[f].id] = f }
        let owners = (0..<n).map { first[config.families[$0].id] ?? $0 }
        // Composed families are not sampled: a program, its givens and its target make more
        // identities than any run asks for (a 20,000-pair run wrote 9,456 distinct question
        // skeletons in 11,074 composed problems), and sampling cost as much as generating.
        // The planner's run-out rule would still catch one that repeats.
        let unbounded = (0..<n).map { FamilyMix.isComposed(config.families[$0].id) }
        let sizes = (0..<n).map {
            owners[$0] == $0 && !unbounded[$0]
                ? FamilySpace.sampleSize(share: FamilySchedule.naturalShare($0, pairs: config.pairs, count: n)) : 0
        }
        var list: [(Int, Int)] = []
        for f in 0..<n { for j in 0..<sizes[f] { list.append((f, j)) } }
        let jobs = list
        // Without the layout check: a problem's identity (family, givens, target) does not
        // depend on the window or text spot it chooses, and the check would make the
        // estimate cost as much as rendering. A space it overstates is caught by the
        // planner's run-out rule.
        var options = config.generation
        options.layout = nil
        let estimating = options
        let ids = try parallelMap(0..<jobs.count) { k throws(PairBuilderError) -> UInt64? in
            let (f, j) = jobs[k]
            let family = self.config.families[f]
            let seed = SplitMix64.derive(fnv1a(family.id), UInt64(j), salt: 0x5BACE)
            guard case let .success(p) = family.make(seed: seed, options: estimating) else { return nil }
            return p.identity
        }
        var spaces: [FamilySpace] = []
        var k = 0
        for f in 0..<n {
            spaces.append(FamilySpace(identities: ids[k..<(k + sizes[f])].compactMap { $0 }))
            k += sizes[f]
        }
        return (0..<n).map { unbounded[$0] ? FamilySpace.unbounded : spaces[owners[$0]] }
    }

    /// Training caps per family and the schedule, with one line per capped family.
    func familySchedule() throws(PairBuilderError) -> (FamilySchedule, [String]) {
        let n = config.families.count
        let spaces = try familySpaces()
        var caps = Array(repeating: Int.max, count: n)
        var notes: [String] = []
        for f in 0..<n {
            let share = FamilySchedule.naturalShare(f, pairs: config.pairs, count: n)
            let evalShare = FamilySchedule.naturalShare(f, pairs: config.evalCount, count: n)
            let cap = spaces[f].trainCap(evalShare: evalShare)
            if cap < share { caps[f] = cap }
        }
        let schedule = FamilySchedule(pairs: config.pairs, caps: caps)
        for f in 0..<n where caps[f] != Int.max {
            let share = FamilySchedule.naturalShare(f, pairs: config.pairs, count: n)
            notes.append("family \(config.families[f].id) has about \(spaces[f].estimate) distinct problems; "
                + "its training share is capped at \(caps[f]) (requested \(share))"
                + (schedule.quota[f] > caps[f] ? ", and \(schedule.quota[f] - caps[f]) of its \(schedule.quota[f]) repeat" : ""))
        }
        let total = caps.reduce(0) { $0 &+ min($1, config.pairs) }
        if total < config.pairs {
            notes.append("the selected families have about \(total) distinct training problems in all, fewer than the \(config.pairs) pairs asked; \(config.pairs - total) will repeat")
        }
        return (schedule, notes)
    }
}
