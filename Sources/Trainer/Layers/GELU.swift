import Foundation

/// GELU, tanh approximation (GPT-2's, PyTorch `approximate="tanh"`).
enum GELU {
    private static let k: Float = (2 / Float.pi).squareRoot()

    /// inp[n] -> out[n]
    static func forward(out: FloatPtr, inp: UnsafePointer<Float>, count n: Int) {
        for i in 0..<n {
            let x = inp[i]
            out[i] = 0.5 * x * (1 + tanhf(k * (x + 0.044715 * x * x * x)))
        }
    }

    /// dout[n] -> dinp[n] (set; may alias dout).
    static func backward(dinp: FloatPtr, inp: UnsafePointer<Float>, dout: UnsafePointer<Float>, count n: Int) {
        for i in 0..<n {
            let x = inp[i]
            let u = k * (x + 0.044715 * x * x * x)
            let t = tanhf(u)
            let sech2 = 1 - t * t
            let du = k * (1 + 3 * 0.044715 * x * x)
            dinp[i] = dout[i] * (0.5 * (1 + t) + 0.5 * x * sech2 * du)
        }
    }
}
