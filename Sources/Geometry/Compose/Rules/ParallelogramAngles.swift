/// Opposite angles of a parallelogram are equal: ∠DAB = ∠BCD and ∠ABC = ∠CDA.
public struct ParallelogramAngles: DeductionRule {
    public init() {}
    public let id = "parallelogram_angles"
    public func apply(to base: FactBase) -> [Conclusion] {
        Parallelograms.each(base).flatMap { q, premises in
            [Conclusion(.equalAngles(Ang(q[3], q[0], q[1]), Ang(q[1], q[2], q[3])), premises),
             Conclusion(.equalAngles(Ang(q[0], q[1], q[2]), Ang(q[2], q[3], q[0])), premises)]
        }
    }
}
