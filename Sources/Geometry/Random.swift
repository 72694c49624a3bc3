/// SplitMix64: a small, fast, seedable generator. Passed explicitly (`inout`)
/// everywhere; the project never touches a global RNG, so any one problem can be
/// regenerated alone from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of item `index` of a run seeded with `runSeed`: a hash of both,
    /// so neighbouring indices get unrelated streams.
    public static func derive(_ runSeed: UInt64, _ index: UInt64, salt: UInt64 = 0) -> UInt64 {
        var g = SplitMix64(seed: runSeed ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        _ = g.next()
        g.state ^= index &* 0xA076_1D64_78BD_642F
        return g.next()
    }

    /// Uniform integer in `range`, inclusive.
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    /// Uniform double in `range`.
    public mutating func double(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }
    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}
