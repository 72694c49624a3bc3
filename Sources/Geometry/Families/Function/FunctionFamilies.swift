/// The function families, in registry order (append only: order is part of determinism).
public enum FunctionFamilies {
    public static let all: [AnyFamily] = [
        AnyFamily(QuadraticZeros()),
        AnyFamily(LinearFunction()),
        AnyFamily(QuadraticVertex()),
        AnyFamily(AxisOfSymmetry()),
        AnyFamily(ExponentialValue()),
        AnyFamily(LogarithmValue()),
        AnyFamily(SinusoidFeatures()),
        AnyFamily(AbsoluteValue()),
        AnyFamily(PiecewiseValue()),
        AnyFamily(GraphReading()),
        AnyFamily(GraphIntersection()),
        AnyFamily(ExtremeOnInterval()),
        AnyFamily(TangentSlope()),
    ]
}
