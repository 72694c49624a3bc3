/// An exact number (num/den)·√root·π^piPower: the one form every subject's exact answers
/// take (slopes "-3/4", distances "2√5", areas "25π/4", volumes "2.5√3", "32π/3"), so that
/// answers and their choices print as a textbook writes them and solvers reason with exact
/// values instead of doubles. Always normalised: the radicand square-free, the fraction in
/// lowest terms with a positive denominator, zero as plain 0; so `==` is equality of numbers.
struct Exact: Hashable, Sendable {
    /// The coefficient's numerator; its sign is the number's sign.
    let num: Int
    /// The coefficient's denominator, always positive.
    let den: Int
    /// The square-free radicand; 1 when there is no root.
    let root: Int
    /// The power of π, 0 when there is none. Never negative: no answer divides by π.
    let piPower: Int

    /// (num/den)·√root·π^pi, normalised: `Exact(6, 4, root: 12)` is 3√3.
    init(_ num: Int, _ den: Int = 1, root: Int = 1, pi: Int = 0) {
        precondition(den != 0, "zero denominator")
        precondition(root >= 0 && pi >= 0, "negative radicand or power of π")
        var k = 1, m = root, f = 2
        while f * f <= m {
            while m % (f * f) == 0 { m /= f * f; k *= f }
            f += 1
        }
        if num == 0 || m == 0 {
            self.num = 0; self.den = 1; self.root = 1; self.piPower = 0
            return
        }
        let n = num * k
        let g = max(gcd(n, den), 1)
        let s = den < 0 ? -1 : 1
        self.num = s * n / g
        self.den = s * den / g
        self.root = m
        self.piPower = pi
    }

    /// √n simplified: √48 = 4√3, √49 = 7.
    static func sqrt(_ n: Int) -> Exact { Exact(1, root: n) }

    /// π itself, to multiply a shape by.
    static let pi = Exact(1, pi: 1)

    /// The value of coefficient one in this shape: √root, times π for each power.
    var unit: Double {
        var u = Double(root).squareRoot()
        for _ in 0..<piPower { u *= Double.pi }
        return u
    }

    var value: Double { Double(num) / Double(den) * unit }
    /// A rational number: no root, no π.
    var isRational: Bool { root == 1 && piPower == 0 }
    var isInteger: Bool { den == 1 && isRational }
    var isZero: Bool { num == 0 }
    /// Whether π is a factor (solid answers may then be asked rounded instead).
    var hasPi: Bool { piPower > 0 }

    /// The same shape (root and π) with the coefficient n/d, e.g. for near-miss choices.
    func withCoefficient(_ n: Int, _ d: Int) -> Exact { Exact(n, d, root: root, pi: piPower) }

    /// The same shape with the coefficient scaled by p/q.
    func times(_ p: Int, _ q: Int = 1) -> Exact { withCoefficient(num * p, den * q) }

    /// Whether a and b are like terms (the same root and power of π), which `+` and `-` need.
    private static func like(_ a: Exact, _ b: Exact) -> Bool {
        a.isZero || b.isZero || (a.root == b.root && a.piPower == b.piPower)
    }

    /// The sum of like terms; the families never add, say, a root to a rational.
    static func + (a: Exact, b: Exact) -> Exact {
        precondition(like(a, b), "adding unlike terms")
        if a.isZero { return b }
        return a.withCoefficient(a.num * b.den + b.num * a.den, a.den * b.den)
    }

    static func - (a: Exact, b: Exact) -> Exact { a + -b }

    static func * (a: Exact, b: Exact) -> Exact {
        Exact(a.num * b.num, a.den * b.den, root: a.root * b.root, pi: a.piPower + b.piPower)
    }

    /// The quotient, the root moved to the numerator (1/√3 = √3/3). Callers never divide by
    /// zero (the draw is rejected before) nor by more powers of π than the dividend has.
    static func / (a: Exact, b: Exact) -> Exact {
        precondition(!b.isZero, "division by zero")
        return Exact(a.num * b.den, a.den * b.num * b.root, root: a.root * b.root, pi: a.piPower - b.piPower)
    }

    static prefix func - (a: Exact) -> Exact { a.withCoefficient(-a.num, a.den) }
}
