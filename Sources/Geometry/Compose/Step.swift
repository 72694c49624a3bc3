/// One step of a construction program, as data: the step names the points it
/// makes and refers to earlier ones by name, and carries every number it needs
/// (drawn by the sampler), so a program realizes to the same figure anywhere
/// and can be recorded in problems.jsonl. Circles are named by their centre
/// and a point they pass through. Realization is in `Realizer`; what each step
/// guarantees is in docs/families/compose.md.
public enum ConstructionStep: Hashable, Sendable, Codable {
    // MARK: Free figures (numbers are lengths in figure units and degrees)

    /// A point at given coordinates.
    case freePoint(name: PointName, x: Double, y: Double)
    /// Triangle ABC with AB = base, ∠A and ∠B given.
    case triangle(names: [PointName], base: Double, angleA: Double, angleB: Double)
    /// Triangle ABC with the right angle at C and legs CA, CB.
    case rightTriangle(names: [PointName], legA: Double, legB: Double)
    /// Triangle ABC with AB = AC = leg and apex angle ∠A.
    case isoscelesTriangle(names: [PointName], leg: Double, apex: Double)
    case equilateralTriangle(names: [PointName], side: Double)
    /// ABCD with AB = side1, AD = side2, ∠DAB = angle.
    case parallelogram(names: [PointName], side1: Double, side2: Double, angle: Double)
    case rectangle(names: [PointName], width: Double, height: Double)
    case rhombus(names: [PointName], side: Double, angle: Double)
    case square(names: [PointName], side: Double)
    /// ABCD with AB ∥ DC: AB = bottom, DC = top, height, D shifted right of A by `shift`.
    case trapezoid(names: [PointName], bottom: Double, top: Double, height: Double, shift: Double)
    /// ABCD with AB = AD and CB = CD, BD = 2·halfWidth, ∠BAD = topAngle, ∠BCD = bottomAngle.
    case kite(names: [PointName], halfWidth: Double, topAngle: Double, bottomAngle: Double)
    /// A regular polygon (5 to 8 vertices) about a named centre.
    case regularPolygon(names: [PointName], center: PointName, radius: Double)
    /// A new circle: a new centre and a new point on it at `radius`.
    case circle(center: PointName, through: PointName, radius: Double)

    // MARK: Dependent steps (refer to existing points)

    /// A circle about an existing point through another existing point.
    case circleAbout(center: PointName, through: PointName)
    /// The circle through three existing points, with its new centre.
    case circleThrough(center: PointName, points: [PointName])
    case midpoint(name: PointName, a: PointName, b: PointName)
    /// The point P on segment AB with AP = ratio · AB (0 < ratio < 1).
    case onSegment(name: PointName, a: PointName, b: PointName, ratio: Double)
    /// The point P on ray AB beyond B with BP = ratio · AB.
    case extend(name: PointName, a: PointName, b: PointName, ratio: Double)
    /// The foot of the perpendicular from `from` to line AB.
    case foot(name: PointName, from: PointName, a: PointName, b: PointName)
    /// Where lines AB and CD cross.
    case intersection(name: PointName, a: PointName, b: PointName, c: PointName, d: PointName)
    /// Where line AB meets the circle; `which` 0 is the crossing nearer A along AB, 1 the farther.
    case lineCircle(name: PointName, a: PointName, b: PointName, center: PointName, through: PointName, which: Int)
    /// Where two circles meet; `which` 0 is left of the line of centres, 1 right.
    case circleCircle(name: PointName, center1: PointName, through1: PointName,
                      center2: PointName, through2: PointName, which: Int)
    /// The line through P parallel to AB, where it meets line CD.
    case parallelLine(name: PointName, through: PointName, a: PointName, b: PointName, c: PointName, d: PointName)
    /// The line through P perpendicular to AB, where it meets line CD.
    case perpendicularLine(name: PointName, through: PointName, a: PointName, b: PointName, c: PointName, d: PointName)
    /// The bisector of ∠ABC (vertex B) where it meets side AC.
    case angleBisector(name: PointName, a: PointName, vertex: PointName, c: PointName)
    /// The perpendicular bisector of AB: its foot M on AB and where it meets line CD.
    case perpendicularBisector(mid: PointName, name: PointName, a: PointName, b: PointName, c: PointName, d: PointName)
    /// The mirror image of P in line AB.
    case reflectInLine(name: PointName, point: PointName, a: PointName, b: PointName)
    /// The mirror image of P through the point O.
    case reflectInPoint(name: PointName, point: PointName, center: PointName)
    /// P turned about O counter-clockwise by `degrees`.
    case rotate(name: PointName, point: PointName, center: PointName, degrees: Double)
    /// The touching point of a tangent from P to the circle; `which` 0 is left of PO, 1 right.
    case tangentPoint(name: PointName, from: PointName, center: PointName, through: PointName, which: Int)
    /// The chord from A on the circle through P: its second endpoint.
    case chord(name: PointName, from: PointName, through: PointName, center: PointName, circleThrough: PointName)
    /// The far end of the diameter from A on the circle about O.
    case diameter(name: PointName, from: PointName, center: PointName)
    case circumcentre(name: PointName, a: PointName, b: PointName, c: PointName)
    case incentre(name: PointName, a: PointName, b: PointName, c: PointName)
    /// The centroid G of ABC with the midpoint M of BC (G lies on the median AM).
    case centroid(name: PointName, mid: PointName, a: PointName, b: PointName, c: PointName)
    case orthocentre(name: PointName, a: PointName, b: PointName, c: PointName)
    /// A new point on the circle, `degrees` counter-clockwise from `through` about the centre.
    case onCircle(name: PointName, center: PointName, through: PointName, degrees: Double)
    /// The regular polygon inscribed in the circle with a vertex at `through`; `names` are the other vertices.
    case inscribedPolygon(names: [PointName], center: PointName, through: PointName)
    /// The regular polygon about the circle touching it at `through` and at `touches`;
    /// `names` are its vertices (as many as touching points).
    case circumscribedPolygon(names: [PointName], touches: [PointName], center: PointName, through: PointName)

    /// The step's kind, as written in docs and statistics.
    public var kind: String {
        switch self {
        case .freePoint: return "free_point"
        case .triangle: return "triangle"
        case .rightTriangle: return "right_triangle"
        case .isoscelesTriangle: return "isosceles_triangle"
        case .equilateralTriangle: return "equilateral_triangle"
        case .parallelogram: return "parallelogram"
        case .rectangle: return "rectangle"
        case .rhombus: return "rhombus"
        case .square: return "square"
        case .trapezoid: return "trapezoid"
        case .kite: return "kite"
        case .regularPolygon: return "regular_polygon"
        case .circle: return "circle"
        case .circleAbout: return "circle_about"
        case .circleThrough: return "circle_through"
        case .midpoint: return "midpoint"
        case .onSegment: return "on_segment"
        case .extend: return "extend"
        case .foot: return "foot"
        case .intersection: return "intersection"
        case .lineCircle: return "line_circle"
        case .circleCircle: return "circle_circle"
        case .parallelLine: return "parallel_line"
        case .perpendicularLine: return "perpendicular_line"
        case .angleBisector: return "angle_bisector"
        case .perpendicularBisector: return "perpendicular_bisector"
        case .reflectInLine: return "reflect_in_line"
        case .reflectInPoint: return "reflect_in_point"
        case .rotate: return "rotate"
        case .tangentPoint: return "tangent_point"
        case .chord: return "chord"
        case .diameter: return "diameter"
        case .circumcentre: return "circumcentre"
        case .incentre: return "incentre"
        case .centroid: return "centroid"
        case .orthocentre: return "orthocentre"
        case .onCircle: return "on_circle"
        case .inscribedPolygon: return "inscribed_polygon"
        case .circumscribedPolygon: return "circumscribed_polygon"
        }
    }

    /// Every kind, in the order of the docs table.
    public static let kinds: [String] = [
        "free_point", "triangle", "right_triangle", "isosceles_triangle", "equilateral_triangle", "parallelogram",
        "rectangle", "rhombus", "square", "trapezoid", "kite", "regular_polygon", "circle", "circle_about",
        "circle_through", "midpoint", "on_segment", "extend", "foot", "intersection", "line_circle", "circle_circle",
        "parallel_line", "perpendicular_line", "angle_bisector", "perpendicular_bisector", "reflect_in_line",
        "reflect_in_point", "rotate", "tangent_point", "chord", "diameter", "circumcentre", "incentre", "centroid",
        "orthocentre", "on_circle", "inscribed_polygon", "circumscribed_polygon",
    ]
}
