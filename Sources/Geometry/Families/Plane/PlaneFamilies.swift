/// The plane-geometry families, in registry order (append only: order is part of determinism).
public enum PlaneFamilies {
    public static let all: [AnyFamily] = [
        AnyFamily(ParallelTriangleAngle()),
    ]
}
