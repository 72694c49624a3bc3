import DatasetFormat
import Foundation

/// Exact-answer formatting, record helpers and multiple choice for the plane families.
extension PlaneKit {
    // MARK: Numbers and wording

    /// A number as problems print it (no trailing ".0", at most two decimals).
    static func num(_ v: Double) -> String { formatNumber(v, decimals: 2) }

    /// How close a prediction must be: a whole angle 0.5°, an angle with a half degree
    /// 0.05°, every length and area 0.01 (options are kept farther than that from the answer).
    static func tolerance(unit: String?, whole: Bool) -> Double {
        guard unit == "degree" else { return 0.01 }
        return whole ? 0.5 : 0.05
    }

    /// Rounds to 6 decimals for records.
    static func r6(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }

    /// Record form of named points: {"A": [x, y], ...} in the given order.
    static func coordinates(_ named: [(String, Vec2)]) -> JSONValue {
        .object(named.map { ($0.0, .array([.double(r6($0.1.x)), .double(r6($0.1.y))])) })
    }

    /// Record form of the role -> label map.
    static func labels(_ named: [(String, String)]) -> JSONValue {
        .object(named.map { ($0.0, .string($0.1)) })
    }

    // MARK: Answers

    /// Builds the answer and, with probability `options.multipleChoiceRate`, four choices: the
    /// correct option, typical mistakes first, then near misses from `near(k)` for k = ±1, ±2, ...
    /// An option within `tolerance` of the answer (a grader would accept it) is passed over.
    static func answer(type: AnswerType, text: String, value: Double, tolerance: Double, unit: String?,
                       mistakes: [Choice], near: (Int) -> Choice?, valid: @escaping (Double) -> Bool = { $0 > 0 },
                       rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        var a = Answer(type: type, text: text, value: value, tolerance: tolerance, unit: unit)
        guard rng.chance(options.multipleChoiceRate) else { return a }
        let (picked, index) = Choices.make(correct: Choice(value: value, text: text), mistakes: mistakes,
                                           tolerance: tolerance, valid: valid, rng: &rng, near: near)
        let suffix = unitSuffix(unit)
        a.choices = picked.map { $0.text + suffix }
        a.correctIndex = index
        return a
    }

    /// An integer-valued answer (degrees, whole lengths): mistakes and near misses are integers.
    static func integerAnswer(_ v: Double, unit: String?, mistakes: [Double],
                              valid: @escaping (Double) -> Bool = { $0 > 0 }, rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let n = Int(v.rounded())
        return answer(type: .integer, text: String(n), value: v, tolerance: tolerance(unit: unit, whole: true), unit: unit,
                      mistakes: mistakes.map { $0.rounded() }.map { Choice(value: $0, text: num($0)) },
                      near: { Choice(value: Double(n + $0), text: String(n + $0)) }, valid: valid,
                      rng: &rng, options: options)
    }

    /// A number printed with up to `decimals` decimals (exact halves, or a rounded π result).
    static func decimalAnswer(_ v: Double, decimals: Int, step: Double, unit: String?, mistakes: [Double],
                              valid: @escaping (Double) -> Bool = { $0 > 0 },
                              rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let text = formatNumber(v, decimals: decimals)
        let type: AnswerType = abs(v - v.rounded()) < 1e-9 ? .integer : .decimal
        return answer(type: type, text: text, value: v, tolerance: tolerance(unit: unit, whole: type == .integer), unit: unit,
                      mistakes: mistakes.map { Choice(value: $0, text: formatNumber($0, decimals: decimals)) },
                      near: { k in
                          let w = v + Double(k) * step
                          return Choice(value: w, text: formatNumber(w, decimals: decimals))
                      }, valid: valid, rng: &rng, options: options)
    }

    /// A value asked "rounded to two decimal places": both places always written, in the
    /// answer and the options ("24.00" for 23.998); near misses `step` apart.
    static func roundedAnswer(_ v: Double, step: Double, unit: String?, mistakes: [Double],
                              rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        answer(type: .decimal, text: twoPlaces(v), value: v, tolerance: tolerance(unit: unit, whole: false), unit: unit,
               mistakes: mistakes.map { Choice(value: $0, text: twoPlaces($0)) },
               near: { k in
                   let w = v + Double(k) * step
                   return Choice(value: w, text: twoPlaces(w))
               }, rng: &rng, options: options)
    }

    /// A rational answer num/den: printed as a fraction when it is not whole. Near misses step
    /// by whole units of the lowest-terms fraction, in units of num/den's own denominator.
    static func fractionAnswer(num: Int, den: Int, unit: String?, mistakes: [(Int, Int)],
                               rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let exact = Exact(num, den)
        return answer(type: exact.answerType(.fraction), text: exact.text, value: exact.value,
                      tolerance: tolerance(unit: unit, whole: exact.isInteger), unit: unit,
                      mistakes: mistakes.filter { $0.1 != 0 }.map {
                          let m = Exact($0.0, $0.1)
                          return Choice(value: m.value, text: m.text)
                      },
                      near: { k in
                          let n = Exact(num + k * exact.den, den)
                          return Choice(value: n.value, text: n.text)
                      }, rng: &rng, options: options)
    }

    /// A multiple of π, (num/den)π, as an expression; near misses move the lowest-terms
    /// coefficient by whole units.
    static func piAnswer(num: Int, den: Int, unit: String?, mistakes: [(Int, Int)],
                         rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let exact = Exact(num, den, pi: 1)
        return answer(type: .expression, text: exact.text, value: exact.value, tolerance: tolerance(unit: unit, whole: false),
                      unit: unit,
                      mistakes: mistakes.filter { $0.1 != 0 && $0.0 > 0 }.map {
                          let m = Exact($0.0, $0.1, pi: 1)
                          return Choice(value: m.value, text: m.text)
                      },
                      near: { k in
                          guard exact.num + k > 0 else { return nil }
                          let n = exact.withCoefficient(exact.num + k, exact.den)
                          return Choice(value: n.value, text: n.text)
                      }, rng: &rng, options: options)
    }

    /// (num/den)·√rad as an expression; an integer or a fraction when the root is whole.
    /// Values are computed from the unsimplified givens, num·√rad/den, as they always were
    /// (Exact's value, from the simplified form, can differ in the last bit).
    static func radicalAnswer(num: Int, rad: Int, den: Int, unit: String?, mistakes: [(Int, Int, Int)],
                              rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let v = Double(num) * Double(rad).squareRoot() / Double(den)
        let exact = Exact(num, den, root: rad)
        let type = exact.answerType(.fraction)
        func option(_ t: (Int, Int, Int)) -> Choice? {
            guard t.0 > 0, t.1 > 0, t.2 > 0 else { return nil }
            return Choice(value: Double(t.0) * Double(t.1).squareRoot() / Double(t.2),
                               text: Exact(t.0, t.2, root: t.1).text)
        }
        return answer(type: type, text: exact.text, value: v, tolerance: tolerance(unit: unit, whole: type == .integer),
                      unit: unit, mistakes: mistakes.compactMap(option),
                      near: { step in option((num + step * exact.den, rad, den)) },
                      rng: &rng, options: options)
    }
}
