/// Opposite sides of a parallelogram are equal: AB ∥ DC and AD ∥ BC (ABCD convex) give AB = DC, AD = BC.
public struct ParallelogramSides: DeductionRule {
    public init() {}
    public let id = "parallelogram_sides"
    public func apply(to base: FactBase) -> [Conclusion] {
        Parallelograms.each(base).flatMap { q, premises in
            [Conclusion(.equalLengths(Seg(q[0], q[1]), Seg(q[2], q[3])), premises),
             Conclusion(.equalLengths(Seg(q[1], q[2]), Seg(q[3], q[0])), premises)]
        }
    }
}
