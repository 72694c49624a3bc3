/// GELU, tanh approximation (GPT-2's, PyTorch `approximate="tanh"`):
/// 0.5 x (1 + tanh(u)) with u = sqrt(2/pi) (x + 0.044715 x^3), computed as the
/// equal x * sigmoid(2u) = x / (1 + e^(-2u)) with the vectorizable
/// `VectorMath.exp` (one exp and one division per element). The backward reads
/// the sigmoid back from the forward's output, s = out / x, instead of a second
/// exp (the GELU of the conv stem's activations was a fifth of a caption step).
enum GELU {
    static let k: Float = (2 / Float.pi).squareRoot()
    static let a: Float = 0.044715

    /// inp[n] -> out[n]
    static func forward(out: FloatPtr, inp: UnsafePointer<Float>, count n: Int) {
        Parallel.ranges(n, workers: Parallel.workers(forWork: n), granule: 8) { _, r in
            forward(out: out + r.lowerBound, inp: inp + r.lowerBound, serialCount: r.count)
        }
    }

    /// dout[n] -> dinp[n] (set; may alias dout); `out` is the forward's output for `inp`.
    static func backward(dinp: FloatPtr, inp: UnsafePointer<Float>, out: UnsafePointer<Float>, dout: UnsafePointer<Float>,
                         count n: Int) {
        Parallel.ranges(n, workers: Parallel.workers(forWork: n), granule: 8) { _, r in
            backward(dinp: dinp + r.lowerBound, inp: inp + r.lowerBound, out: out + r.lowerBound, dout: dout + r.lowerBound,
                     serialCount: r.count)
        }
    }

    /// The forward on the calling thread (a loop LLVM vectorizes; kept out of
    /// line so the vectorizer sees it whole).
    @inline(never)
    static func forward(out: FloatPtr, inp: UnsafePointer<Float>, serialCount n: Int) {
        for i in 0..<n {
            let x = inp[i]
            out[i] = x / (1 + VectorMath.exp(-2 * k * (x + a * x * x * x)))
        }
    }

    /// The backward on the calling thread. The derivative goes through a
    /// stack tile first: the model calls this in place (dinp == dout), and an
    /// in-place loop would fail LLVM's overlap check and run scalar.
    @inline(never)
    static func backward(dinp: FloatPtr, inp: UnsafePointer<Float>, out: UnsafePointer<Float>, dout: UnsafePointer<Float>,
                         serialCount n: Int) {
        let tile = 512
        withUnsafeTemporaryAllocation(of: Float.self, capacity: tile) { buf in
            guard let deriv = buf.baseAddress else { return }
            var start = 0
            while start < n {
                let len = min(tile, n - start)
                derivative(deriv, inp + start, out + start, count: len)
                let d = dinp + start, g = dout + start
                var i = 0
                while i + 8 <= len { store8(load8(g + i) * load8(deriv + i), d + i); i += 8 }
                while i < len { d[i] = g[i] * deriv[i]; i += 1 }
                start += len
            }
        }
    }

    /// d GELU(x) / dx for x in inp[0..<n], given y = GELU(x) in fwd -> deriv (not overlapping either).
    @inline(__always)
    static func derivative(_ deriv: FloatPtr, _ inp: UnsafePointer<Float>, _ fwd: UnsafePointer<Float>, count n: Int) {
        // s = sigmoid(2u) = y / x (1/2 at x = 0): d/dx [x s] = s + x s (1 - s) 2 du/dx.
        // Eight at a time by hand: the select at x = 0 keeps LLVM from vectorizing the plain loop.
        var i = 0
        while i + 8 <= n {
            let x = load8(inp + i), zero = x .== 0
            var sg = load8(fwd + i) / x.replacing(with: 1, where: zero)
            sg.replace(with: 0.5, where: zero)
            let du = k * (1 + 3 * a * x * x)
            store8(sg + 2 * x * sg * (1 - sg) * du, deriv + i)
            i += 8
        }
        while i < n {
            let x = inp[i]
            let sg = x != 0 ? fwd[i] / x : 0.5
            let du = k * (1 + 3 * a * x * x)
            deriv[i] = sg + 2 * x * sg * (1 - sg) * du
            i += 1
        }
    }
}
