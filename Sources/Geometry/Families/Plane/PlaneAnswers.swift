import DatasetFormat
import Foundation

/// One multiple-choice option: its value (to keep options distinct) and its printed text.
struct PlaneOption {
    var value: Double
    var text: String
}

/// Exact-answer formatting, record helpers and multiple choice for the plane families.
extension PlaneKit {
    // MARK: Numbers and wording

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var x = abs(a), y = abs(b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// "15/4" in lowest terms, or "5" when the denominator divides.
    static func fractionText(_ num: Int, _ den: Int) -> String {
        let g = max(1, gcd(num, den))
        let n = num / g, d = den / g
        return d == 1 ? String(n) : "\(n)/\(d)"
    }

    /// √n as k√m with m square-free: (k, m).
    static func simplifiedRoot(_ n: Int) -> (Int, Int) {
        var k = 1, m = n, f = 2
        while f * f <= m {
            while m % (f * f) == 0 { m /= f * f; k *= f }
            f += 1
        }
        return (k, m)
    }

    /// (num/den)·√rad as textbooks print it: "3√3", "5√3/2", "√41", "4".
    static func radicalText(num: Int, rad: Int, den: Int = 1) -> String {
        let (k, m) = simplifiedRoot(rad)
        let g = max(1, gcd(num * k, den))
        let n = num * k / g, d = den / g
        let root = m == 1 ? "" : "√\(m)"
        var s = m == 1 ? String(n) : (n == 1 ? root : "\(n)\(root)")
        if d != 1 { s += "/\(d)" }
        return s
    }

    /// (num/den)·π as textbooks print it: "25π", "5π/3", "π/2".
    static func piText(_ num: Int, _ den: Int) -> String {
        let g = max(1, gcd(num, den))
        let n = num / g, d = den / g
        let head = n == 1 ? "π" : "\(n)π"
        return d == 1 ? head : "\(head)/\(d)"
    }

    /// A number as problems print it (no trailing ".0", at most two decimals).
    static func num(_ v: Double) -> String { formatNumber(v, decimals: 2) }

    /// A value rounded to two decimal places with both places written ("24.00", "1963.50"),
    /// as a question asking for two decimal places wants it.
    static func twoPlaces(_ v: Double) -> String { String(format: "%.2f", v) }

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
                       mistakes: [PlaneOption], near: (Int) -> PlaneOption?, valid: (Double) -> Bool = { $0 > 0 },
                       rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        var a = Answer(type: type, text: text, value: value, tolerance: tolerance, unit: unit)
        guard rng.chance(options.multipleChoiceRate) else { return a }
        let suffix = unitSuffix(unit)
        var picked = [PlaneOption(value: value, text: text)]
        func admit(_ o: PlaneOption?) {
            guard let o, picked.count < 4, o.value.isFinite, valid(o.value), abs(o.value - value) > tolerance,
                  !picked.contains(where: { $0.text == o.text || abs($0.value - o.value) < 1e-6 * max(1, abs(o.value)) })
            else { return }
            picked.append(o)
        }
        for m in mistakes { admit(m) }
        var k = 1
        while picked.count < 4 && k < 60 {
            let spread = rng.pick([1, 2, 3])
            admit(near(k * spread))
            admit(near(-k * spread))
            k += 1
        }
        picked.shuffle(using: &rng)
        a.choices = picked.map { $0.text + suffix }
        a.correctIndex = picked.firstIndex { $0.text == text } ?? 0
        return a
    }

    /// An integer-valued answer (degrees, whole lengths): mistakes and near misses are integers.
    static func integerAnswer(_ v: Double, unit: String?, mistakes: [Double], valid: (Double) -> Bool = { $0 > 0 },
                              rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let n = Int(v.rounded())
        return answer(type: .integer, text: String(n), value: v, tolerance: tolerance(unit: unit, whole: true), unit: unit,
                      mistakes: mistakes.map { $0.rounded() }.map { PlaneOption(value: $0, text: num($0)) },
                      near: { PlaneOption(value: Double(n + $0), text: String(n + $0)) }, valid: valid,
                      rng: &rng, options: options)
    }

    /// A number printed with up to `decimals` decimals (exact halves, or a rounded π result).
    static func decimalAnswer(_ v: Double, decimals: Int, step: Double, unit: String?, mistakes: [Double],
                              valid: (Double) -> Bool = { $0 > 0 },
                              rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let text = formatNumber(v, decimals: decimals)
        let type: AnswerType = abs(v - v.rounded()) < 1e-9 ? .integer : .decimal
        return answer(type: type, text: text, value: v, tolerance: tolerance(unit: unit, whole: type == .integer), unit: unit,
                      mistakes: mistakes.map { PlaneOption(value: $0, text: formatNumber($0, decimals: decimals)) },
                      near: { k in
                          let w = v + Double(k) * step
                          return PlaneOption(value: w, text: formatNumber(w, decimals: decimals))
                      }, valid: valid, rng: &rng, options: options)
    }

    /// A value asked "rounded to two decimal places": both places always written, in the
    /// answer and the options ("24.00" for 23.998); near misses `step` apart.
    static func roundedAnswer(_ v: Double, step: Double, unit: String?, mistakes: [Double],
                              rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        answer(type: .decimal, text: twoPlaces(v), value: v, tolerance: tolerance(unit: unit, whole: false), unit: unit,
               mistakes: mistakes.map { PlaneOption(value: $0, text: twoPlaces($0)) },
               near: { k in
                   let w = v + Double(k) * step
                   return PlaneOption(value: w, text: twoPlaces(w))
               }, rng: &rng, options: options)
    }

    /// A rational answer num/den: printed as a fraction when it is not whole.
    static func fractionAnswer(num: Int, den: Int, unit: String?, mistakes: [(Int, Int)],
                               rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let v = Double(num) / Double(den)
        let text = fractionText(num, den)
        let whole = num % den == 0
        return answer(type: whole ? .integer : .fraction, text: text, value: v, tolerance: tolerance(unit: unit, whole: whole),
                      unit: unit,
                      mistakes: mistakes.filter { $0.1 != 0 }.map {
                          PlaneOption(value: Double($0.0) / Double($0.1), text: fractionText($0.0, $0.1))
                      },
                      near: { k in
                          let n = num + k * max(1, den / max(1, gcd(num, den)))
                          return PlaneOption(value: Double(n) / Double(den), text: fractionText(n, den))
                      }, rng: &rng, options: options)
    }

    /// A multiple of π, (num/den)π, as an expression.
    static func piAnswer(num: Int, den: Int, unit: String?, mistakes: [(Int, Int)],
                         rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let v = Double(num) / Double(den) * .pi
        let g = max(1, gcd(num, den))
        let step = den / g
        return answer(type: .expression, text: piText(num, den), value: v, tolerance: tolerance(unit: unit, whole: false),
                      unit: unit,
                      mistakes: mistakes.filter { $0.1 != 0 && $0.0 > 0 }.map {
                          PlaneOption(value: Double($0.0) / Double($0.1) * .pi, text: piText($0.0, $0.1))
                      },
                      near: { k in
                          let n = num / g + k
                          guard n > 0 else { return nil }
                          return PlaneOption(value: Double(n) / Double(step) * .pi, text: piText(n, step))
                      }, rng: &rng, options: options)
    }

    /// (num/den)·√rad as an expression; an integer or a fraction when the root is whole.
    static func radicalAnswer(num: Int, rad: Int, den: Int, unit: String?, mistakes: [(Int, Int, Int)],
                              rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let v = Double(num) * Double(rad).squareRoot() / Double(den)
        let text = radicalText(num: num, rad: rad, den: den)
        let (k, m) = simplifiedRoot(rad)
        let type: AnswerType = m != 1 ? .expression : ((num * k) % den == 0 ? .integer : .fraction)
        func option(_ t: (Int, Int, Int)) -> PlaneOption? {
            guard t.0 > 0, t.1 > 0, t.2 > 0 else { return nil }
            return PlaneOption(value: Double(t.0) * Double(t.1).squareRoot() / Double(t.2),
                               text: radicalText(num: t.0, rad: t.1, den: t.2))
        }
        return answer(type: type, text: text, value: v, tolerance: tolerance(unit: unit, whole: type == .integer),
                      unit: unit, mistakes: mistakes.compactMap(option),
                      near: { step in option((num + step * max(1, den / max(1, gcd(num * k, den))), rad, den)) },
                      rng: &rng, options: options)
    }
}
