/// Answers and choices for the solid families.
enum SolidAnswer {
    /// How a π answer is asked for: in terms of π, or rounded to two decimals.
    enum PiForm: String, Sendable { case exact, rounded }

    /// The answer for an exact value: integers, fractions and expressions in their exact
    /// form, or, for a π answer asked rounded, the decimal to two places. With probability
    /// `options.multipleChoiceRate` it gets four choices through `Choices.make`: the
    /// correct one, the typical `mistakes`, then near misses of the same shape, each
    /// written with the unit ("1260 cm³") like the plane families' options.
    static func make(_ exact: Exact, form: PiForm, unit: String, mistakes: [Exact],
                     rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let isRounded = form == .rounded && exact.hasPi
        var answer: Answer
        if isRounded {
            answer = Answer(type: .decimal, text: twoPlaces(exact.value), value: exact.value,
                            tolerance: 0.05, unit: unit)
        } else {
            answer = Answer(type: exact.answerType(.decimal), text: exact.text(.decimal), value: exact.value,
                            tolerance: 0.01, unit: unit)
        }
        guard rng.chance(options.multipleChoiceRate) else { return answer }
        // Typical mistakes first, then near misses of the same shape in random order:
        // the coefficient moved by whole units, and for a root the radicand moved by a little.
        var nearMisses = [1, -1, 2, -2, 3, -3].map { exact.withCoefficient(exact.num + $0 * exact.den, exact.den) }
        if exact.root != 1, exact.den == 1, !exact.hasPi {
            let square = exact.num * exact.num * exact.root
            nearMisses += [1, -1, 2, -2, 3].filter { square + $0 > 1 }.map { Exact.sqrt(square + $0) }
        }
        nearMisses.shuffle(using: &rng)
        let pool = mistakes + nearMisses
        // Options must differ by a visible amount: a whole unit of the shape, or 4% for roots;
        // and by more than the tolerance, also once printed to two decimals (0.005 more).
        let step = min(exact.unit, 0.04 * abs(exact.value))
        let (values, index) = Choices.make(correct: exact.value, mistakes: pool.map(\.value), step: step,
                                           tolerance: answer.tolerance + 0.005, rng: &rng)
        let suffix = unitSuffix(unit)
        answer.choices = values.map { v in
            if isRounded { return twoPlaces(v) + suffix }
            if let m = ([exact] + pool).first(where: { abs($0.value - v) < 1e-9 * max(1, abs(v)) }) {
                return m.text(.decimal) + suffix
            }
            return formatNumber(v, decimals: 2) + suffix
        }
        answer.correctIndex = index
        return answer
    }

    /// A length as drawn on a figure: "5 cm".
    static func cm(_ v: Double) -> String { formatNumber(v, decimals: 6) + " cm" }
    static func cm(_ e: Exact) -> String { e.text(.decimal) + " cm" }

    /// Every Pythagorean triple (a < b < c) with hypotenuse at most 30: legs for right
    /// triangles whose third side is whole.
    static let triples: [(Int, Int, Int)] = {
        var out: [(Int, Int, Int)] = []
        for c in 5...30 {
            for a in 1..<c {
                for b in (a + 1)..<c where a * a + b * b == c * c { out.append((a, b, c)) }
            }
        }
        return out
    }()
}
