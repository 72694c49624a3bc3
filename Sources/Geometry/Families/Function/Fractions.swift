import Foundation

/// An exact small fraction, so slopes, intercepts and coefficients print the way a
/// textbook writes them ("3/4", "-2") and solvers reason with exact values.
struct Frac: Hashable, Sendable {
    let num: Int
    let den: Int

    init(_ num: Int, _ den: Int = 1) {
        precondition(den != 0, "zero denominator")
        let g = Frac.gcd(abs(num), abs(den))
        let s = den < 0 ? -1 : 1
        self.num = s * num / max(g, 1)
        self.den = s * den / max(g, 1)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? max(a, 1) : gcd(b, a % b) }

    var value: Double { Double(num) / Double(den) }
    var isInteger: Bool { den == 1 }
    var isZero: Bool { num == 0 }
    /// "3", "-3/4".
    var text: String { den == 1 ? String(num) : "\(num)/\(den)" }

    static func + (a: Frac, b: Frac) -> Frac { Frac(a.num * b.den + b.num * a.den, a.den * b.den) }
    static func - (a: Frac, b: Frac) -> Frac { Frac(a.num * b.den - b.num * a.den, a.den * b.den) }
    static func * (a: Frac, b: Frac) -> Frac { Frac(a.num * b.num, a.den * b.den) }
    /// Division; callers never divide by zero (the draw is rejected before).
    static func / (a: Frac, b: Frac) -> Frac { Frac(a.num * b.den, a.den * b.num) }
    static prefix func - (a: Frac) -> Frac { Frac(-a.num, a.den) }
}

/// A square-free radical k√m, the exact form of distances between lattice points.
struct Surd: Sendable {
    let coefficient: Int
    let radicand: Int

    /// √n simplified: √48 = 4√3.
    init(squareRootOf n: Int) {
        var k = 1, m = n, f = 2
        while f * f <= m {
            while m % (f * f) == 0 { m /= f * f; k *= f }
            f += 1
        }
        coefficient = k
        radicand = m
    }

    var value: Double { Double(coefficient) * Double(radicand).squareRoot() }
    var isInteger: Bool { radicand == 1 }
    /// "5", "√13", "2√5".
    var text: String {
        if radicand == 1 { return String(coefficient) }
        return (coefficient == 1 ? "" : String(coefficient)) + "√" + String(radicand)
    }
}
