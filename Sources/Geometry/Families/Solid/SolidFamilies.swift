/// The solid families, in registry order (append only: order is part of determinism).
public enum SolidFamilies {
    public static let all: [AnyFamily] = []
}
