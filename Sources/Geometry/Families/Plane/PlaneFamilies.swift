/// The plane-geometry families, in registry order (append only: order is part of determinism).
public enum PlaneFamilies {
    public static let all: [AnyFamily] = [
        AnyFamily(ParallelTriangleAngle()),
        AnyFamily(TransversalAngles()),
        AnyFamily(TriangleExteriorAngle()),
        AnyFamily(IsoscelesBaseAngles()),
        AnyFamily(EquilateralTriangleHeight()),
        AnyFamily(PythagoreanSide()),
        AnyFamily(SimilarTrianglesSide()),
        AnyFamily(InscribedCentralAngle()),
        AnyFamily(ThalesSemicircle()),
        AnyFamily(TangentSegmentLength()),
        AnyFamily(ChordDistanceLength()),
        AnyFamily(TriangleBaseHeightArea()),
        AnyFamily(ParallelogramMeasure()),
        AnyFamily(TrapezoidMeasure()),
        AnyFamily(CircleCircumferenceArea()),
        AnyFamily(SectorArcArea()),
        AnyFamily(PolygonAngleSum()),
    ]
}
