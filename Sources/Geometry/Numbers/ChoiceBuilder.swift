/// The one way every subject builds multiple-choice options: the correct option first, then
/// candidates in the order offered (typical mistakes, then near misses), each kept only when
/// the subject's rule admits it beside those already kept, up to `count`; then shuffled.
/// The RNG is passed explicitly and its draws (near-miss spreads, the shuffle) are part of the
/// output, so the builder draws exactly what the subject's recipe asks for and nothing more.
struct ChoiceBuilder<Option> {
    /// How near misses draw their spread from {1, 2, 3}: one spread for both sides of a round
    /// (plane answers) or a fresh one for each side (numeric answers).
    enum SpreadDraw { case perRound, perSide }

    /// One near-miss candidate: in round k (1, 2, ...) the offset sign·k·spread.
    struct NearMiss {
        let round: Int
        let spread: Int
        /// +1 above the answer, -1 below.
        let sign: Int
        var offset: Int { sign * round * spread }
    }

    private(set) var options: [Option]
    let count: Int
    private let admits: (Option, [Option]) -> Bool

    /// `admits(candidate, kept)` says whether a candidate may join the options kept so far
    /// (distinct from them, not within the grading tolerance of the answer, valid).
    init(correct: Option, count: Int = 4, admits: @escaping (_ candidate: Option, _ kept: [Option]) -> Bool) {
        options = [correct]
        self.count = count
        self.admits = admits
    }

    var isFull: Bool { options.count >= count }

    /// Keeps `candidate` if there is room and the rule admits it; nil is passed over.
    mutating func offer(_ candidate: Option?) {
        guard let candidate, !isFull, admits(candidate, options) else { return }
        options.append(candidate)
    }

    mutating func offer(_ candidates: [Option]) {
        for c in candidates { offer(c) }
    }

    /// Near misses in rounds k = 1, 2, ... below `rounds` until the options are full: each
    /// round offers the candidate above the answer, then the one below.
    mutating func offerNearMisses(rounds: Int, draw: SpreadDraw, rng: inout SplitMix64,
                                  _ candidate: (NearMiss) -> Option?) {
        var k = 1
        while !isFull && k < rounds {
            switch draw {
            case .perRound:
                let spread = rng.pick([1, 2, 3])
                offer(candidate(NearMiss(round: k, spread: spread, sign: 1)))
                offer(candidate(NearMiss(round: k, spread: spread, sign: -1)))
            case .perSide:
                offer(candidate(NearMiss(round: k, spread: rng.pick([1, 2, 3]), sign: 1)))
                offer(candidate(NearMiss(round: k, spread: rng.pick([1, 2, 3]), sign: -1)))
            }
            k += 1
        }
    }

    /// The options shuffled with `rng`, and the index of the first that `isCorrect` (0 if none).
    mutating func shuffled(_ rng: inout SplitMix64, correct isCorrect: (Option) -> Bool) -> ([Option], Int) {
        options.shuffle(using: &rng)
        return (options, options.firstIndex(where: isCorrect) ?? 0)
    }
}
