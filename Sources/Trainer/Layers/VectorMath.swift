/// Vectorized elementwise math for the trainer's kernels. Swift compiles for
/// the baseline x86-64 (SSE2) without extra flags, so this uses SIMD8<Float>
/// (two SSE registers) and avoids operations SSE2 lacks: rounding is done
/// with the 1.5*2^23 trick and exponent bits are built with integer shifts,
/// so nothing falls back to a libm call per element.
typealias V8 = SIMD8<Float>

@inline(__always) func load8(_ p: UnsafePointer<Float>) -> V8 {
    UnsafeRawPointer(p).loadUnaligned(as: V8.self)
}

@inline(__always) func store8(_ v: V8, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: V8.self)
}

enum VectorMath {
    static let log2e: Float = 1.442_695_04
    static let ln2hi: Float = 0.693_359_375
    static let ln2lo: Float = -2.121_944_4e-4
    static let magic: Float = 12_582_912           // 1.5 * 2^23
    static let magicBits = Int32(bitPattern: 0x4B40_0000)

    /// e^x, Cephes' single-precision polynomial (relative error ~1e-7); x is
    /// clamped to [-87, 88] so the result is a normal float. Written on
    /// scalars with only compares, multiply-adds and integer bit operations,
    /// so that LLVM vectorizes the loops that call it (the generic SIMD
    /// min/max of the standard library are lane-by-lane calls).
    @inline(__always) static func exp(_ x: Float) -> Float {
        let xc = Swift.max(Swift.min(x, 88), -87)
        let kf = xc * log2e + magic
        let k = kf - magic
        let r = xc - k * ln2hi - k * ln2lo
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let y = p * (r * r) + r + 1
        let bits = (Int32(bitPattern: kf.bitPattern) &- magicBits &+ 127) &<< 23
        return y * Float(bitPattern: UInt32(bitPattern: bits))
    }

    /// tanh(u) = 1 - 2 / (e^(2u) + 1): saturates to +-1, absolute error ~1e-7.
    @inline(__always) static func tanh(_ u: Float) -> Float { 1 - 2 / (exp(2 * u) + 1) }

    /// max of p[0..<n] (n >= 1), four independent running maxima.
    static func max(_ p: UnsafePointer<Float>, count n: Int) -> Float {
        var m0 = -Float.infinity, m1 = m0, m2 = m0, m3 = m0
        var i = 0
        while i + 4 <= n {
            m0 = Swift.max(m0, p[i]); m1 = Swift.max(m1, p[i + 1])
            m2 = Swift.max(m2, p[i + 2]); m3 = Swift.max(m3, p[i + 3])
            i += 4
        }
        while i < n { m0 = Swift.max(m0, p[i]); i += 1 }
        return Swift.max(Swift.max(m0, m1), Swift.max(m2, m3))
    }

    /// sum of p[0..<n] (SIMD partials, then lanes, then the tail).
    static func sum(_ p: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = V8()
        var i = 0
        while i + 8 <= n { acc += load8(p + i); i += 8 }
        var s = acc.sum()
        while i < n { s += p[i]; i += 1 }
        return s
    }

    /// p[i] = e^(p[i] - shift) for i < n (a vectorizable loop); returns the sum.
    static func expShiftSum(_ p: UnsafeMutablePointer<Float>, count n: Int, shift: Float) -> Float {
        for i in 0..<n { p[i] = exp(p[i] - shift) }
        return sum(p, count: n)
    }

    /// p[i] *= a for i < n.
    static func scale(_ p: UnsafeMutablePointer<Float>, count n: Int, by a: Float) {
        var i = 0
        while i + 8 <= n { store8(load8(p + i) * a, p + i); i += 8 }
        while i < n { p[i] *= a; i += 1 }
    }

    /// sum of a[i] * b[i].
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = V8()
        var i = 0
        while i + 8 <= n { acc += load8(a + i) * load8(b + i); i += 8 }
        var s = acc.sum()
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// y[i] = a[i] + b[i] (y may alias a or b).
    static func add(_ y: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count n: Int) {
        var i = 0
        while i + 8 <= n { store8(load8(a + i) + load8(b + i), y + i); i += 8 }
        while i < n { y[i] = a[i] + b[i]; i += 1 }
    }

    /// y[i] += a[i].
    static func accumulate(_ y: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, count n: Int) {
        add(y, UnsafePointer(y), a, count: n)
    }
}
