@testable import Geometry

/// One rule's two hand-made figures: on `fires` the rule must conclude
/// `expect`; on `silent` (a near miss) it must not conclude `absent`, or
/// nothing at all when `absent` is nil.
struct RuleCase: Sendable, CustomStringConvertible {
    let rule: String
    let fires: [ConstructionStep]
    let expect: Relation
    let silent: [ConstructionStep]
    let absent: Relation?
    var description: String { rule }
}

/// Hand-made figures: triangle ABC (AB = 6, ∠A = 60°, ∠B = 50°), a 3-4-5 right
/// triangle (right angle at C), a parallelogram, a kite, a circle about O through A.
enum Figures {
    static let abc = ["A", "B", "C"], abcd = ["A", "B", "C", "D"]
    static let t = ConstructionStep.triangle(names: abc, base: 6, angleA: 60, angleB: 50)
    static let right = ConstructionStep.rightTriangle(names: abc, legA: 3, legB: 4)
    static let iso = ConstructionStep.isoscelesTriangle(names: abc, leg: 6, apex: 40)
    static let pgram = ConstructionStep.parallelogram(names: abcd, side1: 6, side2: 4, angle: 60)
    static let trap = ConstructionStep.trapezoid(names: abcd, bottom: 8, top: 4, height: 4, shift: 1)
    static let kite = ConstructionStep.kite(names: abcd, halfWidth: 3, topAngle: 70, bottomAngle: 100)
    static let circle = ConstructionStep.circle(center: "O", through: "A", radius: 5)
    static func on(_ n: PointName, _ deg: Double) -> ConstructionStep { .onCircle(name: n, center: "O", through: "A", degrees: deg) }
    static func mid(_ m: PointName, _ a: PointName, _ b: PointName) -> ConstructionStep { .midpoint(name: m, a: a, b: b) }

    static let cases: [RuleCase] = [
        RuleCase(rule: "collinear_transitive", fires: [t, mid("D", "A", "B"), .onSegment(name: "E", a: "A", b: "B", ratio: 0.25)],
                 expect: .collinear(["A", "D", "E"]),
                 silent: [t, mid("D", "A", "B"), .onSegment(name: "E", a: "A", b: "C", ratio: 0.25)], absent: nil),
        RuleCase(rule: "vertical_angles", fires: [pgram, .intersection(name: "E", a: "A", b: "C", c: "B", d: "D")],
                 expect: .equalAngles(Ang("A", "E", "B"), Ang("C", "E", "D")),
                 silent: [t, .extend(name: "D", a: "A", b: "B", ratio: 0.5)], absent: nil),
        RuleCase(rule: "linear_pair", fires: [t, .extend(name: "D", a: "A", b: "B", ratio: 0.5)],
                 expect: .angleValue(Ang("C", "B", "D"), 130),
                 silent: [t, .extend(name: "D", a: "B", b: "A", ratio: 0.5)], absent: .angleValue(Ang("C", "B", "D"), 130)),
        RuleCase(rule: "same_ray", fires: [t, .onSegment(name: "D", a: "B", b: "C", ratio: 0.5)],
                 expect: .angleValue(Ang("A", "B", "D"), 50),
                 silent: [t, .extend(name: "D", a: "C", b: "B", ratio: 0.5)], absent: .angleValue(Ang("A", "B", "D"), 50)),
        RuleCase(rule: "angle_addition", fires: [t, .rotate(name: "D", point: "B", center: "A", degrees: 25)],
                 expect: .angleValue(Ang("D", "A", "C"), 35),
                 silent: [t, .rotate(name: "D", point: "B", center: "A", degrees: 90)], absent: .angleValue(Ang("D", "A", "C"), 150)),
        RuleCase(rule: "right_angle", fires: [t, .foot(name: "D", from: "C", a: "A", b: "B")],
                 expect: .angleValue(Ang("A", "D", "C"), 90), silent: [t, mid("D", "A", "B")], absent: nil),
        RuleCase(rule: "alternate_angles", fires: [pgram, mid("E", "A", "C")],
                 expect: .equalAngles(Ang("B", "A", "C"), Ang("D", "C", "A")), silent: [kite, mid("E", "A", "C")], absent: nil),
        RuleCase(rule: "corresponding_angles", fires: [pgram, .extend(name: "E", a: "B", b: "C", ratio: 0.5)],
                 expect: .equalAngles(Ang("A", "B", "C"), Ang("D", "C", "E")),
                 silent: [kite, .extend(name: "E", a: "B", b: "C", ratio: 0.5)], absent: nil),
        RuleCase(rule: "co_interior_angles", fires: [pgram], expect: .angleValue(Ang("C", "D", "A"), 120),
                 silent: [kite], absent: nil),
        RuleCase(rule: "parallel_transitive",
                 fires: [pgram, mid("E", "A", "D"), .parallelLine(name: "F", through: "E", a: "A", b: "B", c: "B", d: "C")],
                 expect: .parallel(Seg("E", "F"), Seg("C", "D")),
                 silent: [t, mid("D", "A", "C"), .parallelLine(name: "E", through: "D", a: "A", b: "B", c: "B", d: "C")], absent: nil),
        RuleCase(rule: "triangle_angle_sum", fires: [t], expect: .angleValue(Ang("A", "C", "B"), 70), silent: [right], absent: nil),
        RuleCase(rule: "exterior_angle", fires: [t, .extend(name: "D", a: "B", b: "C", ratio: 0.5)],
                 expect: .angleValue(Ang("A", "C", "D"), 110),
                 silent: [t, .onSegment(name: "D", a: "B", b: "C", ratio: 0.5)], absent: .angleValue(Ang("A", "C", "D"), 110)),
        RuleCase(rule: "isosceles_base_angles", fires: [iso], expect: .equalAngles(Ang("A", "B", "C"), Ang("A", "C", "B")),
                 silent: [t], absent: nil),
        RuleCase(rule: "isosceles_converse", fires: [.triangle(names: abc, base: 6, angleA: 65, angleB: 65)],
                 expect: .equalLengths(Seg("C", "A"), Seg("C", "B")), silent: [t], absent: nil),
        RuleCase(rule: "equilateral", fires: [.equilateralTriangle(names: abc, side: 6)], expect: .angleValue(Ang("B", "A", "C"), 60),
                 silent: [iso], absent: nil),
        RuleCase(rule: "equal_length_value", fires: [iso], expect: .lengthValue(Seg("A", "C"), 6), silent: [t], absent: nil),
        RuleCase(rule: "equal_angle_value", fires: [.rectangle(names: abcd, width: 6, height: 4)],
                 expect: .angleValue(Ang("B", "C", "D"), 90), silent: [trap], absent: nil),
        RuleCase(rule: "equal_length_transitive", fires: [.equilateralTriangle(names: abc, side: 6)],
                 expect: .equalLengths(Seg("A", "B"), Seg("A", "C")), silent: [iso], absent: nil),
        RuleCase(rule: "equal_angle_transitive", fires: [.rhombus(names: abcd, side: 5, angle: 60), mid("E", "A", "C")],
                 expect: .equalAngles(Ang("B", "A", "C"), Ang("D", "A", "C")), silent: [t], absent: nil),
        RuleCase(rule: "ratio_value", fires: [t, .extend(name: "D", a: "A", b: "B", ratio: 0.5)], expect: .lengthValue(Seg("B", "D"), 3),
                 silent: [t, .extend(name: "D", a: "A", b: "C", ratio: 0.5)], absent: nil),
        RuleCase(rule: "segment_addition", fires: [t, .extend(name: "D", a: "A", b: "B", ratio: 0.5)],
                 expect: .lengthValue(Seg("A", "D"), 9), silent: [t, .extend(name: "D", a: "A", b: "C", ratio: 0.5)], absent: nil),
        RuleCase(rule: "ratio_split", fires: [t, .onSegment(name: "D", a: "A", b: "B", ratio: 1.0 / 3)],
                 expect: .lengthValue(Seg("A", "D"), 2), silent: [t, .onSegment(name: "D", a: "A", b: "C", ratio: 1.0 / 3)], absent: nil),
        RuleCase(rule: "midpoint_length", fires: [t, mid("D", "A", "B")], expect: .lengthValue(Seg("A", "D"), 3),
                 silent: [t, mid("D", "A", "C")], absent: nil),
        RuleCase(rule: "congruent_sss", fires: [kite, mid("E", "A", "C")], expect: .equalAngles(Ang("B", "A", "C"), Ang("C", "A", "D")),
                 silent: [trap, mid("E", "A", "C")], absent: nil),
        RuleCase(rule: "congruent_sas", fires: [iso, .angleBisector(name: "D", a: "B", vertex: "A", c: "C")],
                 expect: .equalLengths(Seg("B", "D"), Seg("C", "D")),
                 silent: [t, .angleBisector(name: "D", a: "B", vertex: "A", c: "C")], absent: nil),
        RuleCase(rule: "congruent_asa", fires: [pgram, mid("E", "A", "C")], expect: .equalAngles(Ang("A", "B", "C"), Ang("A", "D", "C")),
                 silent: [trap, mid("E", "A", "C")], absent: nil),
        RuleCase(rule: "similar_aa",
                 fires: [t, mid("D", "A", "B"), .parallelLine(name: "E", through: "D", a: "B", b: "C", c: "A", d: "C")],
                 expect: .lengthRatio(Seg("D", "E"), Seg("B", "C"), 0.5),
                 silent: [t, mid("D", "A", "B"), .perpendicularLine(name: "E", through: "D", a: "A", b: "B", c: "A", d: "C")],
                 absent: .lengthRatio(Seg("D", "E"), Seg("B", "C"), 0.5)),
        RuleCase(rule: "pythagoras", fires: [right], expect: .lengthValue(Seg("A", "B"), 5), silent: [t], absent: nil),
        RuleCase(rule: "pythagoras_converse", fires: [.rectangle(names: abcd, width: 4, height: 3), mid("E", "B", "D")],
                 expect: .angleValue(Ang("B", "C", "D"), 90),
                 silent: [.parallelogram(names: abcd, side1: 4, side2: 3, angle: 60), mid("E", "B", "D")], absent: nil),
        RuleCase(rule: "midsegment", fires: [t, mid("D", "A", "B"), mid("E", "A", "C")], expect: .parallel(Seg("D", "E"), Seg("B", "C")),
                 silent: [t, mid("D", "A", "B"), .onSegment(name: "E", a: "A", b: "C", ratio: 0.25)], absent: nil),
        RuleCase(rule: "median_to_hypotenuse", fires: [right, mid("D", "A", "B")], expect: .equalLengths(Seg("C", "D"), Seg("A", "D")),
                 silent: [t, mid("D", "A", "B")], absent: nil),
        RuleCase(rule: "parallelogram_sides", fires: [pgram], expect: .equalLengths(Seg("A", "B"), Seg("C", "D")), silent: [trap], absent: nil),
        RuleCase(rule: "parallelogram_angles", fires: [pgram], expect: .equalAngles(Ang("D", "A", "B"), Ang("B", "C", "D")),
                 silent: [trap], absent: nil),
        RuleCase(rule: "angle_bisector_theorem", fires: [right, .angleBisector(name: "D", a: "A", vertex: "C", c: "B")],
                 expect: .lengthRatio(Seg("A", "D"), Seg("B", "D"), 0.75), silent: [right, mid("D", "A", "B")], absent: nil),
        RuleCase(rule: "triangle_area", fires: [right], expect: .areaValue(abc, 6), silent: [t], absent: nil),
        RuleCase(rule: "thales", fires: [circle, .diameter(name: "B", from: "A", center: "O"), on("C", 60)],
                 expect: .angleValue(Ang("A", "C", "B"), 90), silent: [circle, on("B", 150), on("C", 60)], absent: nil),
        RuleCase(rule: "inscribed_angle", fires: [circle, on("B", 100), on("C", 230)], expect: .angleValue(Ang("A", "C", "B"), 50),
                 silent: [circle, on("B", 100), .freePoint(name: "C", x: -4, y: -1)], absent: nil),
        RuleCase(rule: "concyclic_from_centre", fires: [circle, on("B", 100), on("C", 230), on("D", 300)],
                 expect: .concyclic(abcd), silent: [circle, on("B", 100), on("C", 230)], absent: nil),
        RuleCase(rule: "inscribed_same_arc", fires: [circle, on("B", 100), on("C", 230), on("D", 300)],
                 expect: .equalAngles(Ang("A", "C", "B"), Ang("A", "D", "B")), silent: [circle, on("B", 100), on("C", 230)], absent: nil),
        RuleCase(rule: "cyclic_quadrilateral", fires: [circle, on("B", 100), on("C", 230), on("D", 300)],
                 expect: .angleValue(Ang("C", "D", "A"), 115), silent: [circle, on("B", 100), on("C", 230)], absent: nil),
        RuleCase(rule: "tangent_radius", fires: [circle, .freePoint(name: "P", x: 13, y: 0), tangent("T", 0)],
                 expect: .perpendicular(Seg("O", "T"), Seg("P", "T")),
                 silent: [circle, .freePoint(name: "P", x: 13, y: 0), .onCircle(name: "T", center: "O", through: "A", degrees: 70)],
                 absent: nil),
        RuleCase(rule: "equal_tangents", fires: [circle, .freePoint(name: "P", x: 13, y: 0), tangent("T", 0), tangent("U", 1)],
                 expect: .equalLengths(Seg("P", "T"), Seg("P", "U")),
                 silent: [circle, .freePoint(name: "P", x: 13, y: 0), tangent("T", 0)], absent: nil),
        RuleCase(rule: "tangent_chord", fires: [circle, .freePoint(name: "P", x: 13, y: 0), tangent("T", 0), on("C", 200)],
                 expect: .equalAngles(Ang("P", "T", "A"), Ang("T", "C", "A")),
                 silent: [circle, .freePoint(name: "P", x: 13, y: 0), tangent("T", 0), on("C", 30)],
                 absent: .equalAngles(Ang("P", "T", "A"), Ang("T", "C", "A"))),
        RuleCase(rule: "chord_bisector", fires: [circle, on("B", 100), .foot(name: "M", from: "O", a: "A", b: "B")],
                 expect: .equalLengths(Seg("A", "M"), Seg("B", "M")),
                 silent: [circle, on("B", 100), .freePoint(name: "P", x: -2, y: -4), .foot(name: "M", from: "P", a: "A", b: "B")],
                 absent: nil),
    ]

    static func tangent(_ n: PointName, _ which: Int) -> ConstructionStep {
        .tangentPoint(name: n, from: "P", center: "O", through: "A", which: which)
    }
}
