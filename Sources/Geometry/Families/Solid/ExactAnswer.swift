import DatasetFormat
import Foundation

/// An exact answer of the form (num/den)·√root·(π if `pi`): the shapes solid
/// geometry answers take ("64", "42.875", "256/3", "5√3", "2.5√3", "32π/3").
/// Keeping the form lets the answer and the choices be written as a textbook
/// writes them; a coefficient whose denominator divides a power of ten is written
/// as a decimal (lengths with one decimal give such answers).
struct ExactAnswer: Sendable, Equatable {
    private(set) var num: Int
    private(set) var den: Int
    /// Square-free radicand; 1 when there is no root.
    private(set) var root: Int
    private(set) var pi: Bool

    init(_ num: Int, _ den: Int = 1, root: Int = 1, pi: Bool = false) {
        let g = ExactAnswer.gcd(abs(num), abs(den))
        let s = den < 0 ? -1 : 1
        self.num = s * num / max(g, 1)
        self.den = s * den / max(g, 1)
        self.root = root
        self.pi = pi
    }

    /// A length given in tenths: `tenths(37)` is 3.7.
    static func tenths(_ t: Int) -> ExactAnswer { ExactAnswer(t, 10) }

    /// √n simplified to k√m with m square-free.
    static func sqrt(_ n: Int) -> ExactAnswer {
        var k = 1, m = n, f = 2
        while f * f <= m {
            while m % (f * f) == 0 { m /= f * f; k *= f }
            f += 1
        }
        return ExactAnswer(k, 1, root: m)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// The value of coefficient one in this shape: √root, times π when `pi`.
    var unit: Double { Double(root).squareRoot() * (pi ? Double.pi : 1) }
    var value: Double { Double(num) / Double(den) * unit }
    var isInteger: Bool { den == 1 && root == 1 && !pi }
    /// Whether the coefficient is a terminating decimal (its denominator has no prime but 2 and 5).
    var terminates: Bool {
        var d = den
        while d % 2 == 0 { d /= 2 }
        while d % 5 == 0 { d /= 5 }
        return d == 1
    }
    /// The same shape with a rational coefficient scaled by p/q.
    func times(_ p: Int, _ q: Int = 1) -> ExactAnswer { ExactAnswer(num * p, den * q, root: root, pi: pi) }
    /// The same number times π.
    var timesPi: ExactAnswer { ExactAnswer(num, den, root: root, pi: true) }
    /// The given coefficient in this shape (root and π), e.g. for near-miss choices.
    func withCoefficient(_ n: Int, _ d: Int) -> ExactAnswer { ExactAnswer(n, d, root: root, pi: pi) }

    /// The coefficient as a decimal, exactly (it must terminate): 343/8 -> "42.875".
    private var decimalCoefficient: String {
        var scale = 1, digits = 0
        while scale % den != 0 && digits < 12 { scale *= 10; digits += 1 }
        let scaled = abs(num) * (scale / den)
        var frac = String(scaled % scale)
        frac = String(repeating: "0", count: max(0, digits - frac.count)) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        let whole = (num < 0 ? "-" : "") + String(scaled / scale)
        return frac.isEmpty ? whole : whole + "." + frac
    }

    /// "64", "42.875", "256/3", "5√3", "√41", "2.5√3", "32π/3", "π".
    var text: String {
        let shaped = root != 1 || pi
        var head: String
        // Decimals for plain numbers (42.875), multiples of π (790.272π) and tidy multiples
        // of roots (2.5√3); fractions otherwise (√73/2, 32π/3).
        let decimal = den != 1 && terminates && (root == 1 || (den <= 10 && abs(num) >= den))
        if decimal {
            head = decimalCoefficient
        } else if num == 1 && shaped {
            head = ""
        } else if num == -1 && shaped {
            head = "-"
        } else {
            head = String(num)
        }
        if root != 1 { head += "√" + String(root) }
        if pi { head += "π" }
        return den == 1 || decimal ? head : head + "/" + String(den)
    }

    /// The answer type this shape is written as.
    var answerType: AnswerType {
        if isInteger { return .integer }
        if root == 1 && !pi { return terminates ? .decimal : .fraction }
        return .expression
    }
}

/// Answers and choices for the solid families.
enum SolidAnswer {
    /// How a π answer is asked for: in terms of π, or rounded to two decimals.
    enum PiForm: String, Sendable { case exact, rounded }

    /// The answer for an exact value: integers, fractions and expressions in their exact
    /// form, or, for a π answer asked rounded, the decimal to two places. With probability
    /// `options.multipleChoiceRate` it gets four choices through `Choices.make`: the
    /// correct one, the typical `mistakes`, then near misses of the same shape, each
    /// written with the unit ("1260 cm³") like the plane families' options.
    static func make(_ exact: ExactAnswer, form: PiForm, unit: String, mistakes: [ExactAnswer],
                     rng: inout SplitMix64, options: GenerationOptions) -> Answer {
        let isRounded = form == .rounded && exact.pi
        var answer: Answer
        if isRounded {
            answer = Answer(type: .decimal, text: rounded(exact.value), value: exact.value,
                            tolerance: 0.05, unit: unit)
        } else {
            answer = Answer(type: exact.answerType, text: exact.text, value: exact.value, tolerance: 0.01, unit: unit)
        }
        guard rng.chance(options.multipleChoiceRate) else { return answer }
        // Typical mistakes first, then near misses of the same shape in random order:
        // the coefficient moved by whole units, and for a root the radicand moved by a little.
        var nearMisses = [1, -1, 2, -2, 3, -3].map { exact.withCoefficient(exact.num + $0 * exact.den, exact.den) }
        if exact.root != 1, exact.den == 1, !exact.pi {
            let square = exact.num * exact.num * exact.root
            nearMisses += [1, -1, 2, -2, 3].filter { square + $0 > 1 }.map { ExactAnswer.sqrt(square + $0) }
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
            if isRounded { return rounded(v) + suffix }
            if let m = ([exact] + pool).first(where: { abs($0.value - v) < 1e-9 * max(1, abs(v)) }) { return m.text + suffix }
            return formatNumber(v, decimals: 2) + suffix
        }
        answer.correctIndex = index
        return answer
    }

    /// A value rounded to two decimal places, both always written ("188.50"), as the question asks.
    static func rounded(_ v: Double) -> String { String(format: "%.2f", v) }

    /// A length as drawn on a figure: "5 cm".
    static func cm(_ v: Double) -> String { formatNumber(v, decimals: 6) + " cm" }
    static func cm(_ e: ExactAnswer) -> String { e.text + " cm" }

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

/// Vertex labels for the solids.
enum SolidLabels {
    /// Labels for a prism's 2n vertices: either A, B, C, ... with the top as A', B', C'
    /// (the textbook ABCD-A'B'C'D'), or 2n distinct letters.
    static func prism(_ n: Int, _ rng: inout SplitMix64) -> [String] {
        if rng.chance(0.5) {
            let l = Labels.draw(n, &rng)
            return l + l.map { $0 + "'" }
        }
        return Labels.draw(2 * n, &rng)
    }

    /// The labels as a record object: role name -> label.
    static func json(_ roles: [String], _ labels: [String]) -> JSONValue {
        .object(zip(roles, labels).map { ($0, .string($1)) })
    }

    /// Coordinates as a record object: role name -> [x, y, z].
    static func coordinates(_ roles: [String], _ points: [Vec3]) -> JSONValue {
        .object(zip(roles, points).map { ($0, $1.json) })
    }
}
