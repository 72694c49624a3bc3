/// Every rule the engine runs, in a fixed order (the order decides which of two
/// equally deep derivations a fact keeps, so it is part of determinism).
public enum RuleCatalog {
    public static let all: [any DeductionRule] = [
        CollinearTransitive(), EqualLengthTransitive(), EqualAngleTransitive(), ParallelTransitive(),
        EqualLengthValue(), EqualAngleValue(), RatioValue(), SegmentAddition(), RatioSplit(), MidpointLength(),
        VerticalAngles(), LinearPair(), SameRay(), AngleAddition(), RightAngle(),
        AlternateAngles(), CorrespondingAngles(), CoInteriorAngles(),
        TriangleAngleSum(), ExteriorAngle(), IsoscelesBase(), IsoscelesConverse(), Equilateral(),
        CongruentSSS(), CongruentSAS(), CongruentASA(), SimilarAA(),
        Pythagoras(), PythagorasConverse(), Midsegment(), MedianToHypotenuse(),
        ParallelogramSides(), ParallelogramAngles(), AngleBisectorTheorem(), TriangleArea(),
        Thales(), InscribedAngle(), ConcyclicFromCentre(), InscribedSameArc(), CyclicQuadrilateral(),
        TangentRadius(), EqualTangents(), TangentChord(), ChordBisector(),
    ]

    public static func named(_ id: String) -> (any DeductionRule)? { all.first { $0.id == id } }
}
