/// The subjects' recipes for multiple-choice options, all built by the one `ChoiceBuilder`.
/// They differ only in what an option is (a value, a printed value, an exact number, a text),
/// what keeps two options apart, and how near misses are drawn; each recipe keeps its
/// subject's options, order and RNG draws as they have always been.
public enum Choices {
    /// Numeric options (solid, function and some plane answers): the correct value plus
    /// distinct distractors (typical mistakes first, then near misses `step` apart, a fresh
    /// spread for each side), shuffled. Returns the option values and the index of the correct
    /// one. A distractor within `tolerance` of the correct value (which a grader with that
    /// tolerance would accept) is never offered: another is drawn.
    public static func make(correct: Double, mistakes: [Double], count: Int = 4, step: Double = 1,
                            tolerance: Double = 0, rng: inout SplitMix64,
                            valid: @escaping (Double) -> Bool = { $0 > 0 }) -> ([Double], Int) {
        var builder = ChoiceBuilder(correct: correct, count: count) { v, kept in
            v.isFinite && valid(v) && abs(v - correct) > tolerance && !kept.contains { abs($0 - v) < step * 0.5 }
        }
        builder.offer(mistakes)
        builder.offerNearMisses(rounds: 100, draw: .perSide, rng: &rng) { m in
            let d = Double(m.round) * step * Double(m.spread)
            return m.sign > 0 ? correct + d : correct - d
        }
        return builder.shuffled(&rng) { abs($0 - correct) < step * 0.5 }
    }

    /// Printed options (plane answers): four options, typical mistakes first, then near misses
    /// from `near(offset)` for offsets ±k·spread, one spread drawn per round k = 1, 2, ...
    /// Two options are apart when their texts differ and their values differ by more than a
    /// millionth; none lies within `tolerance` of the answer (a grader would accept it).
    static func make(correct: Choice, mistakes: [Choice], tolerance: Double, valid: @escaping (Double) -> Bool,
                     rng: inout SplitMix64, near: (Int) -> Choice?) -> ([Choice], Int) {
        var builder = ChoiceBuilder(correct: correct) { (o: Choice, kept: [Choice]) -> Bool in
            guard o.value.isFinite, valid(o.value), abs(o.value - correct.value) > tolerance else { return false }
            return !kept.contains { $0.text == o.text || abs($0.value - o.value) < 1e-6 * max(1, abs(o.value)) }
        }
        builder.offer(mistakes)
        builder.offerNearMisses(rounds: 60, draw: .perRound, rng: &rng) { near($0.offset) }
        return builder.shuffled(&rng) { $0.text == correct.text }
    }

    /// Exact rational options (function answers): four options, the typical mistakes first, then
    /// the near misses ±1, the negation, ±2, twice the answer and +3, each printed like the
    /// answer; none within `tolerance` of it. The answer must be rational, as the near misses
    /// add whole numbers to it.
    static func make(correct: Exact, mistakes: [Exact], tolerance: Double, rng: inout SplitMix64,
                     valid: @escaping (Exact) -> Bool) -> ([Exact], Int) {
        var builder = ChoiceBuilder(correct: correct) { m, kept in
            valid(m) && !kept.contains(m) && abs((m - correct).value) > tolerance
        }
        builder.offer(mistakes + [correct + Exact(1), correct - Exact(1), -correct, correct + Exact(2),
                                  correct - Exact(2), correct * Exact(2), correct + Exact(3)])
        return builder.shuffled(&rng) { $0 == correct }
    }

    /// Text options for an answer that is no number (a point, an equation): the correct text
    /// plus the distinct typical mistakes, up to `count` options in all, shuffled.
    static func make(correct: String, mistakes: [String], count: Int = 4, rng: inout SplitMix64) -> ([String], Int) {
        var builder = ChoiceBuilder(correct: correct, count: count) { m, kept in !kept.contains(m) }
        builder.offer(mistakes)
        return builder.shuffled(&rng) { $0 == correct }
    }
}
