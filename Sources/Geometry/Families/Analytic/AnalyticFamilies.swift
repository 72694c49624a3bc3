/// The analytic families, in registry order (append only: order is part of determinism).
public enum AnalyticFamilies {
    public static let all: [AnyFamily] = [
        AnyFamily(DistanceTwoPoints()),
        AnyFamily(Midpoint()),
        AnyFamily(SlopeOfLine()),
        AnyFamily(LineEquation()),
        AnyFamily(CircleEquation()),
        AnyFamily(LineIntersection()),
        AnyFamily(PolygonArea()),
    ]
}
