import Foundation

/// One contiguous, zero-initialized Float allocation. Parameters, gradients and
/// each AdamW moment live in one arena apiece, so optimizer updates, clipping
/// and zeroing are single loops and a checkpoint is a set of views into it.
public final class Arena {
    public let count: Int
    public let base: UnsafeMutablePointer<Float>

    public init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { base.deallocate() }

    public var buffer: UnsafeMutableBufferPointer<Float> { .init(start: base, count: count) }

    public func zero() { base.update(repeating: 0, count: count) }

    public subscript(offset: Int) -> UnsafeMutablePointer<Float> { base + offset }

    public func copy(from other: Arena) {
        precondition(other.count == count, "arena sizes differ")
        base.update(from: other.base, count: count)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator passed
/// explicitly, never global, so initialization and data order are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    /// Standard normal (Box-Muller).
    public mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
