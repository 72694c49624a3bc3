/// The function families, in registry order (append only: order is part of determinism).
public enum FunctionFamilies {
    public static let all: [AnyFamily] = []
}
