/// The printed forms of an exact number. Each subject keeps the form its answers have
/// always had, so the form is an explicit option rather than one house style.
extension Exact {
    /// How a coefficient that is not whole is written.
    enum Style: Sendable {
        /// Always as a fraction: "-3/4", "5√3/2", "5π/2" (plane, analytic and function answers).
        case fraction
        /// A terminating coefficient as a decimal, since lengths given in tenths produce them:
        /// always for plain numbers and multiples of π ("42.875", "12.25π"), for a root only
        /// when the denominator is at most 10 and the coefficient at least 1 ("2.5√3"); other
        /// coefficients as fractions ("256/3", "√73/2", "32π/3"). Solid answers.
        case decimal
    }

    /// The fraction form: "3", "-3/4", "2√5", "√13", "25π/4", "π/2".
    var text: String { text(.fraction) }

    /// The number written in `style`: the coefficient ("" for 1 and "-" for -1 in front of a
    /// root or π), then "√root", then π, then "/den" unless the coefficient was a decimal.
    func text(_ style: Style) -> String {
        let shaped = !isRational
        let decimal = style == .decimal && den != 1 && terminates && (root == 1 || (den <= 10 && abs(num) >= den))
        var head: String
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
        head += piText
        return den == 1 || decimal ? head : head + "/" + String(den)
    }

    /// The answer type the number is written as in `style`: a whole number is an integer, a
    /// rational a fraction (or a decimal where `style` writes it so), anything with a root or
    /// π an expression.
    func answerType(_ style: Style) -> AnswerType {
        if isInteger { return .integer }
        if isRational { return style == .decimal && terminates ? .decimal : .fraction }
        return .expression
    }

    /// Whether the coefficient is a terminating decimal (its denominator has no prime but 2 and 5).
    var terminates: Bool {
        var d = den
        while d % 2 == 0 { d /= 2 }
        while d % 5 == 0 { d /= 5 }
        return d == 1
    }

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

    /// "", "π", "π²", "π³", ...
    private var piText: String {
        guard piPower > 0 else { return "" }
        guard piPower > 1 else { return "π" }
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return "π" + String(String(piPower).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }
}
