/// Random point labels, so a model cannot learn "the answer is always at C".
public enum Labels {
    /// Letters that read unambiguously in a figure (no I or O, which look like 1 and 0).
    static let pool: [String] = "ABCDEFGHJKLMNPQRSTUVWXYZ".map { String($0) }

    /// `count` distinct labels: with probability `conventional` the first letters in
    /// order (A, B, C, ...), otherwise a random run of the alphabet or a random draw.
    public static func draw(_ count: Int, _ rng: inout SplitMix64, conventional: Double = 0.4) -> [String] {
        precondition(count <= pool.count)
        if rng.chance(conventional) { return Array(pool.prefix(count)) }
        if rng.chance(0.5) {
            let start = rng.int(0...(pool.count - count))
            return Array(pool[start..<(start + count)])
        }
        var p = pool
        p.shuffle(using: &rng)
        return Array(p.prefix(count))
    }
}
