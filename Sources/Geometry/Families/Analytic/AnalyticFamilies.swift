/// The analytic families, in registry order (append only: order is part of determinism).
public enum AnalyticFamilies {
    public static let all: [AnyFamily] = []
}
