import Foundation
import Testing
@testable import Geometry

/// The shared numbers of Geometry/Numbers (issue 17): `Exact` normalises, computes and
/// prints as every subject's answers need, and the choice recipes built on `ChoiceBuilder`
/// keep options distinct, hold the answer and keep wrong options out of its tolerance.
@Suite struct ExactNumberTests {
    static let seeds: [UInt64] = (0..<400).map { SplitMix64.derive(17_004, UInt64($0)) }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    func squareFree(_ n: Int) -> Bool {
        var f = 2
        while f * f <= n {
            if n % (f * f) == 0 { return false }
            f += 1
        }
        return true
    }

    /// A random exact number (num/den)·√root·π^k from small parts, and its value from those parts.
    func draw(_ rng: inout SplitMix64, maxPi: Int = 1) -> (Exact, Double) {
        let n = rng.int(-24...24), d = rng.int(1...12) * (rng.chance(0.3) ? -1 : 1)
        let r = rng.pick([1, 1, 2, 3, 4, 5, 8, 12, 18, 27, 50, 72])
        let k = rng.int(0...maxPi)
        return (Exact(n, d, root: r, pi: k), Double(n) / Double(d) * Double(r).squareRoot() * pow(.pi, Double(k)))
    }

    @Test func normalisationSimplifiesRootsAndFractions() {
        #expect(Exact.sqrt(12) == Exact(2, root: 3) && Exact.sqrt(12).text == "2√3")
        #expect(Exact.sqrt(48) == Exact(4, root: 3))
        #expect(Exact.sqrt(49) == Exact(7) && Exact.sqrt(49).isInteger)
        #expect(Exact(6, 4, root: 12) == Exact(3, root: 3))
        #expect(Exact(6, -4).num == -3 && Exact(6, -4).den == 2)
        #expect(Exact(-6, -4) == Exact(3, 2))
        #expect(Exact(0, 5, root: 3, pi: 1) == Exact(0) && Exact(0, 5, root: 3, pi: 1).isRational)
        #expect(Exact.sqrt(0) == Exact(0) && Exact.sqrt(0).text == "0")
        #expect(Exact.sqrt(1) == Exact(1))
        #expect(gcd(12, -18) == 6 && gcd(0, 7) == 7 && gcd(0, 0) == 0)
    }

    @Test func everyNumberIsNormalisedAndWorthItsParts() {
        for seed in Self.seeds {
            var rng = SplitMix64(seed: seed)
            let (e, v) = draw(&rng)
            #expect(close(e.value, v), "seed \(seed): \(e.text) is \(e.value), its parts \(v)")
            #expect(e.den > 0 && gcd(e.num, e.den) == (e.num == 0 ? e.den : 1), "seed \(seed): \(e.num)/\(e.den)")
            #expect(e.root >= 1 && squareFree(e.root), "seed \(seed): radicand \(e.root)")
            if e.isZero { #expect(e.den == 1 && e.root == 1 && e.piPower == 0, "seed \(seed): zero not plain") }
        }
    }

    @Test func arithmeticAgreesWithDoubles() {
        for seed in Self.seeds {
            var rng = SplitMix64(seed: seed)
            let (a, _) = draw(&rng), (b, _) = draw(&rng)
            let like = a.withCoefficient(rng.int(-30...30), rng.int(1...9))
            #expect(close((a + like).value, a.value + like.value), "seed \(seed): \(a.text) + \(like.text)")
            #expect(close((a - like).value, a.value - like.value), "seed \(seed): \(a.text) - \(like.text)")
            #expect(close((-a).value, -a.value), "seed \(seed): -\(a.text)")
            #expect(close((a * b).value, a.value * b.value), "seed \(seed): \(a.text) · \(b.text)")
            if !b.isZero && b.piPower <= a.piPower {
                #expect(close((a / b).value, a.value / b.value), "seed \(seed): \(a.text) / \(b.text)")
                #expect((a / b) * b == a, "seed \(seed): (\(a.text) / \(b.text)) · \(b.text)")
            }
            #expect(a.times(3, 2) == a * Exact(3, 2), "seed \(seed): times")
        }
        #expect(Exact(1) / Exact.sqrt(3) == Exact(1, 3, root: 3))
        #expect(Exact.sqrt(6) * Exact.sqrt(3) == Exact(3, root: 2))
        #expect(Exact.pi * Exact.pi == Exact(1, pi: 2) && (Exact.pi * Exact.pi).text == "π²")
        #expect(Exact(3, 4) + Exact(1, 4) == Exact(1) && Exact(1, 2) - Exact(1, 2) == Exact(0))
    }

    @Test func textFormsAreEachSubjectsForm() {
        // The fraction style: plane, analytic and function answers.
        let fraction: [(Exact, String)] = [
            (Exact(3), "3"), (Exact(-3, 4), "-3/4"), (Exact(5, 2, root: 3), "5√3/2"), (Exact.sqrt(13), "√13"),
            (Exact(-1, root: 3), "-√3"), (Exact(25, 4, pi: 1), "25π/4"), (Exact(1, 2, pi: 1), "π/2"),
            (Exact(12, pi: 1), "12π"), (Exact(5, 2, pi: 1), "5π/2"), (Exact(1, 3, root: 3), "√3/3"),
        ]
        for (e, s) in fraction { #expect(e.text == s && e.text(.fraction) == s, "\(s): \(e.text)") }
        // The decimal style: solid answers, whose lengths come in tenths.
        let decimal: [(Exact, String)] = [
            (Exact(343, 8), "42.875"), (Exact(256, 3), "256/3"), (Exact(-3, 4), "-0.75"), (Exact(25, 10, root: 3), "2.5√3"),
            (Exact(1, 2, root: 3), "√3/2"), (Exact(5, 2, pi: 1), "2.5π"), (Exact(32, 3, pi: 1), "32π/3"),
            (Exact(1, pi: 1), "π"), (Exact(98784, 125, pi: 1), "790.272π"), (Exact(17, 16, root: 2), "17√2/16"),
            (Exact(3, 4, root: 2), "3√2/4"),
        ]
        for (e, s) in decimal { #expect(e.text(.decimal) == s, "\(s): \(e.text(.decimal))") }
        #expect(Exact(3, 4).answerType(.fraction) == .fraction && Exact(3, 4).answerType(.decimal) == .decimal)
        #expect(Exact(1, 3).answerType(.decimal) == .fraction && Exact(2).answerType(.decimal) == .integer)
        #expect(Exact.sqrt(2).answerType(.fraction) == .expression && Exact(2, pi: 1).answerType(.decimal) == .expression)
    }

    /// Every printed form reads back, as a grader reads an option, to the number's value.
    @Test func printedFormsReadBackToTheValue() {
        for seed in Self.seeds {
            var rng = SplitMix64(seed: seed)
            let (e, _) = draw(&rng)
            for style in [Exact.Style.fraction, .decimal] {
                let read = AnswerToleranceTests.value(of: e.text(style))
                #expect(read.map { close($0, e.value) } == true, "seed \(seed): \(e.text(style)) reads \(String(describing: read))")
            }
        }
    }

    // MARK: Choices

    @Test func numericChoicesAreDistinctHoldTheAnswerAndKeepOutOfItsTolerance() {
        for seed in Self.seeds {
            var rng = SplitMix64(seed: seed)
            let correct = Double(rng.int(1...300)) / 4, step = rng.pick([0.5, 1.0, 2.0]), tol = rng.pick([0.0, 0.01, 0.5])
            let mistakes = (0..<4).map { _ in correct + Double(rng.int(-3...3)) * step / 2 }
            let (values, index) = Choices.make(correct: correct, mistakes: mistakes, step: step, tolerance: tol, rng: &rng)
            #expect(values.count == 4 && values[index] == correct, "seed \(seed): \(values) at \(index)")
            for (i, v) in values.enumerated() where i != index {
                #expect(v > 0 && abs(v - correct) > tol, "seed \(seed): \(v) beside \(correct)")
                for w in values[(i + 1)...] { #expect(abs(v - w) >= step * 0.5, "seed \(seed): \(v) and \(w)") }
            }
        }
    }

    @Test func printedChoicesAreDistinctHoldTheAnswerAndKeepOutOfItsTolerance() {
        for seed in Self.seeds {
            var rng = SplitMix64(seed: seed)
            let answer = Exact(rng.int(1...60), rng.int(1...6), root: rng.pick([1, 2, 3]))
            let option = { (e: Exact) in Choice(value: e.value, text: e.text) }
            let mistakes = [answer.times(2), answer.times(1, 2), answer, Exact.sqrt(rng.int(1...99))].map(option)
            let (picked, index) = Choices.make(correct: option(answer), mistakes: mistakes, tolerance: 0.01,
                                               valid: { $0 > 0 }, rng: &rng) { k in
                answer.num + k > 0 ? option(answer.withCoefficient(answer.num + k, answer.den)) : nil
            }
            #expect(picked.count == 4 && picked[index].text == answer.text, "seed \(seed): \(picked.map(\.text))")
            #expect(Set(picked.map(\.text)).count == 4, "seed \(seed): \(picked.map(\.text))")
            for (i, c) in picked.enumerated() where i != index {
                #expect(c.value > 0 && abs(c.value - answer.value) > 0.01, "seed \(seed): \(c.text) beside \(answer.text)")
            }
        }
    }

    @Test func exactChoicesAreDistinctHoldTheAnswerAndKeepOutOfItsTolerance() {
        for seed in Self.seeds {
            var rng = SplitMix64(seed: seed)
            let answer = Exact(rng.int(-20...20), rng.int(1...6))
            let mistakes = [-answer, Exact(1) / (answer.isZero ? Exact(1) : answer), answer, Exact(rng.int(-5...5), 2)]
            let (options, index) = Choices.make(correct: answer, mistakes: mistakes, tolerance: 0.005, rng: &rng,
                                                valid: { _ in true })
            #expect(options.count == 4 && options[index] == answer, "seed \(seed): \(options.map(\.text))")
            #expect(Set(options).count == 4 && Set(options.map(\.text)).count == 4, "seed \(seed): \(options.map(\.text))")
            for (i, o) in options.enumerated() where i != index {
                #expect(abs(o.value - answer.value) > 0.005, "seed \(seed): \(o.text) beside \(answer.text)")
            }
        }
    }

    @Test func textChoicesAreDistinctAndHoldTheAnswer() {
        for seed in Self.seeds {
            var rng = SplitMix64(seed: seed)
            let pool = ["(1, 2)", "(2, 1)", "(-1, 2)", "(1, -2)", "(0, 0)"]
            let correct = rng.pick(pool), mistakes = (0..<5).map { _ in rng.pick(pool) }
            let (options, index) = Choices.make(correct: correct, mistakes: mistakes, rng: &rng)
            #expect(options[index] == correct && Set(options).count == options.count, "seed \(seed): \(options)")
            #expect(options.count == min(4, Set(mistakes + [correct]).count), "seed \(seed): \(options)")
        }
    }

    /// Near misses draw one spread per round for plane answers and one per side for numeric
    /// ones: the number of draws is part of every later draw, so it is pinned.
    @Test func nearMissesDrawTheirSpreadsAsEachSubjectDoes() {
        for (draw, picks) in [(ChoiceBuilder<Int>.SpreadDraw.perRound, 4), (.perSide, 8)] {
            var rng = SplitMix64(seed: 5), reference = SplitMix64(seed: 5)
            var builder = ChoiceBuilder(correct: 0) { _, _ in true }
            builder.offerNearMisses(rounds: 5, draw: draw, rng: &rng) { _ in nil }
            for _ in 0..<picks { _ = reference.pick([1, 2, 3]) }
            #expect(rng.next() == reference.next() && builder.options == [0], "\(draw)")
        }
        var rng = SplitMix64(seed: 5)
        var builder = ChoiceBuilder(correct: 0) { _, _ in true }
        var offsets: [Int] = []
        builder.offerNearMisses(rounds: 60, draw: .perRound, rng: &rng) { offsets.append($0.offset); return $0.offset }
        #expect(builder.options.count == 4 && offsets.count == 4, "stops once full: \(offsets)")
        // Round k offers +k·spread, then -k·spread with the same spread.
        #expect(offsets[0] == -offsets[1] && offsets[2] == -offsets[3], "\(offsets)")
        #expect((1...3).contains(offsets[0]) && [2, 4, 6].contains(offsets[2]), "\(offsets)")
    }

    /// The recipes' options and draws for seed 17, recorded from the per-subject code they
    /// replaced (commit cfee2c6: Choices.make, PlaneKit.answer, GraphKit.maybeChoices with Frac,
    /// GraphKit.choices), with the generator's next output pinning how many draws each made.
    @Test func recipesGiveWhatThePerSubjectCodeGave() {
        var rng = SplitMix64(seed: 17)
        let numeric = Choices.make(correct: 50, mistakes: [130, 40], step: 1, tolerance: 0.5, rng: &rng,
                                   valid: { $0 > 0 && $0 < 180 })
        #expect(numeric.0 == [130, 50, 40, 52] && numeric.1 == 1 && rng.next() == 1_502_954_475_416_400_618)

        rng = SplitMix64(seed: 17)
        let half = { (n: Int) in Choice(value: Exact(n, 2).value, text: Exact(n, 2).text) }
        let plane = Choices.make(correct: half(15), mistakes: [half(30), Choice(value: 3.75, text: "15/4")],
                                 tolerance: 0.01, valid: { $0 > 0 }, rng: &rng) { half(15 + 2 * $0) }
        #expect(plane.0.map(\.text) == ["15", "15/2", "15/4", "19/2"] && plane.1 == 1)
        #expect(rng.next() == 318_372_821_541_199_966)

        rng = SplitMix64(seed: 17)
        let exact = Choices.make(correct: Exact(-3, 4), mistakes: [Exact(3, 4), Exact(-4, 3)], tolerance: 0.005, rng: &rng,
                                 valid: { _ in true })
        #expect(exact.0.map(\.text) == ["-4/3", "-3/4", "3/4", "1/4"] && exact.1 == 1)
        #expect(rng.next() == 4_130_155_771_025_092_611)

        rng = SplitMix64(seed: 17)
        let text = Choices.make(correct: "(1, 2)", mistakes: ["(2, 1)", "(1, 2)", "(-1, 2)", "(1, -2)", "(0, 0)"], rng: &rng)
        #expect(text.0 == ["(-1, 2)", "(1, 2)", "(2, 1)", "(1, -2)"] && text.1 == 1)
        #expect(rng.next() == 4_130_155_771_025_092_611)
    }
}
