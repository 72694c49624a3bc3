import Foundation
import Testing
@testable import Trainer

/// A heap buffer of Floats for layer tests (freed on deinit).
final class Buf {
    let count: Int
    let p: UnsafeMutablePointer<Float>
    init(_ count: Int) {
        self.count = count
        p = .allocate(capacity: max(count, 1))
        p.initialize(repeating: 0, count: max(count, 1))
    }
    convenience init(random count: Int, _ rng: inout SplitMix64, scale: Double = 1, offset: Double = 0) {
        self.init(count)
        for i in 0..<count { p[i] = Float(offset + scale * rng.normal()) }
    }
    deinit { p.deallocate() }
    var array: [Float] { Array(UnsafeBufferPointer(start: p, count: count)) }
    func zero() { p.update(repeating: 0, count: count) }
}

/// sum_i out[i] * r[i] in Double: a scalar loss whose gradient wrt `out` is `r`.
func dot(_ out: UnsafePointer<Float>, _ r: Buf) -> Double {
    var s = 0.0
    for i in 0..<r.count { s += Double(out[i]) * Double(r.p[i]) }
    return s
}

/// Outcome of comparing an analytic gradient with central differences.
struct GradientComparison: CustomStringConvertible {
    var name: String
    var checked: Int
    var relativeL2: Double
    var maxAbsError: Double
    var maxAbsNumeric: Double
    var description: String {
        "\(name): \(checked) entries, relative L2 error \(relativeL2), max abs error \(maxAbsError) (max |grad| \(maxAbsNumeric))"
    }
}

/// Central finite differences of `loss` with respect to `values[i]` for each i
/// in `indices`, compared with `analytic[i]`.
///
/// Tolerance reasoning: forward passes run in Float32 and the loss is summed
/// in Double. With step eps = 1e-2 the truncation error is O(eps^2) ~ 1e-5 of
/// the third derivative, and Float32 rounding in the loss (relative ~1e-6)
/// contributes ~1e-6 * |loss| / (2 eps) ~ 5e-5 * |loss|. The measure is the
/// relative L2 error over the checked entries, ||a - n|| / max(||a||, ||n||),
/// which is insensitive to individual near-zero entries.
func compareGradient(_ name: String, values: UnsafeMutablePointer<Float>, analytic: [Float], indices: [Int],
                     eps: Float = 1e-2, loss: () -> Double) -> GradientComparison {
    var diff2 = 0.0, a2 = 0.0, n2 = 0.0, maxErr = 0.0, maxN = 0.0
    for i in indices {
        let saved = values[i]
        values[i] = saved + eps
        let lp = loss()
        values[i] = saved - eps
        let lm = loss()
        values[i] = saved
        let numeric = (lp - lm) / (2 * Double(eps))
        let a = Double(analytic[i])
        diff2 += (a - numeric) * (a - numeric)
        a2 += a * a
        n2 += numeric * numeric
        maxErr = max(maxErr, abs(a - numeric))
        maxN = max(maxN, abs(numeric))
    }
    let denom = max(a2.squareRoot(), n2.squareRoot(), 1e-12)
    return GradientComparison(name: name, checked: indices.count, relativeL2: diff2.squareRoot() / denom,
                              maxAbsError: maxErr, maxAbsNumeric: maxN)
}

/// Checks every entry (small tensors) and expects relative L2 error <= tol.
func expectGradient(_ name: String, _ values: Buf, analytic: Buf, tol: Double = 1e-3,
                    sourceLocation: SourceLocation = #_sourceLocation, loss: () -> Double) {
    let c = compareGradient(name, values: values.p, analytic: analytic.array, indices: Array(0..<values.count), loss: loss)
    #expect(c.maxAbsNumeric > 0, "\(c) — gradient is identically zero, the check would be vacuous", sourceLocation: sourceLocation)
    #expect(c.relativeL2 <= tol, "\(c)", sourceLocation: sourceLocation)
}
