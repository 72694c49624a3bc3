/// How many distinct problems (identities) a family can draw, estimated once at
/// start-up from a fixed number of seeded draws (the same in every shard), and
/// the training shares that follow from it.
struct FamilySpace: Sendable, Equatable {
    /// Draws sampled.
    var sampled: Int
    /// Distinct identities among them.
    var distinct: Int
    /// Chao1 estimate of the whole space (bias-corrected: d + f1(f1 - 1) / (2(f2 + 1)),
    /// f1 and f2 the identities seen once and twice); a lower bound when the
    /// family draws some identities far more often than others.
    var estimate: Int

    /// Share of the space (after its eval problems) that training may claim:
    /// above it, drawing an unclaimed identity takes many redraws.
    static let claimableShare = 0.6

    /// The estimate from the identities of `sampled` draws.
    init(identities: [UInt64]) {
        var counts: [UInt64: Int] = [:]
        for i in identities { counts[i, default: 0] += 1 }
        let f1 = counts.values.filter { $0 == 1 }.count, f2 = counts.values.filter { $0 == 2 }.count
        sampled = identities.count
        distinct = counts.count
        estimate = distinct + f1 * max(0, f1 - 1) / (2 * (f2 + 1))
    }

    init(sampled: Int, distinct: Int, estimate: Int) {
        self.sampled = sampled; self.distinct = distinct; self.estimate = estimate
    }

    /// A space taken as larger than any run (the composed families').
    static let unbounded = FamilySpace(sampled: 0, distinct: 0, estimate: Int.max / 2)

    /// Training problems this family can hold without repeats, given `evalShare` eval problems.
    func trainCap(evalShare: Int) -> Int {
        Int((Self.claimableShare * Double(max(0, estimate - evalShare))).rounded(.down))
    }

    /// Draws sampled for a family whose natural training share is `share`: enough to
    /// see repeats when the space is near the share, bounded so small runs stay quick.
    static func sampleSize(share: Int) -> Int { min(2048, max(64, share / 2)) }
}
