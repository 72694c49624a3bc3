import Foundation

/// The suffix an option text carries for an answer unit ("°", " cm", " cm²", " cm³"),
/// the same as the templates' `unit_*` keys write after a value in every language.
public func unitSuffix(_ unit: String?) -> String {
    switch unit {
    case "degree": return "°"
    case "cm": return " cm"
    case "cm2": return " cm²"
    case "cm3": return " cm³"
    default: return ""
    }
}

/// Numbers as problems print them: integers without a fraction, others rounded.
public func formatNumber(_ value: Double, decimals: Int = 2) -> String {
    let r = value.rounded()
    if abs(value - r) < 1e-9 { return String(Int(r)) }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    var s = String((value * scale).rounded() / scale)
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s
}

/// A value rounded to two decimal places with both places written ("24.00", "188.50"), as a
/// question asking for two decimal places wants it (plane and solid answers alike).
func twoPlaces(_ v: Double) -> String { String(format: "%.2f", v) }
