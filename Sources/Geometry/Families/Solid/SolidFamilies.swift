/// The solid families, in registry order (append only: order is part of determinism).
public enum SolidFamilies {
    public static let all: [AnyFamily] = [
        AnyFamily(Cube()),
        AnyFamily(Cuboid()),
        AnyFamily(RightTriangularPrism()),
        AnyFamily(SquarePyramid()),
        AnyFamily(Cylinder()),
        AnyFamily(Cone()),
        AnyFamily(Sphere()),
        AnyFamily(Frustum()),
    ]
}
