/// Building multiple-choice options and formatting numbers.
public enum Choices {
    /// Four options: the correct value plus distinct distractors (typical mistakes
    /// first, then near misses), shuffled. Returns the option values and the
    /// index of the correct one. A distractor within `tolerance` of the correct
    /// value (which a grader with that tolerance would accept) is never offered:
    /// another is drawn.
    public static func make(correct: Double, mistakes: [Double], count: Int = 4, step: Double = 1,
                            tolerance: Double = 0,
                            rng: inout SplitMix64, valid: (Double) -> Bool = { $0 > 0 }) -> ([Double], Int) {
        var options = [correct]
        func admit(_ v: Double) {
            guard options.count < count, v.isFinite, valid(v), abs(v - correct) > tolerance,
                  !options.contains(where: { abs($0 - v) < step * 0.5 }) else { return }
            options.append(v)
        }
        for m in mistakes { admit(m) }
        var k = 1.0
        while options.count < count && k < 100 {
            admit(correct + k * step * Double(rng.pick([1, 2, 3])))
            admit(correct - k * step * Double(rng.pick([1, 2, 3])))
            k += 1
        }
        options.shuffle(using: &rng)
        let index = options.firstIndex { abs($0 - correct) < step * 0.5 } ?? 0
        return (options, index)
    }
}

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
