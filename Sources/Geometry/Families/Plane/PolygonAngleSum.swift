import DatasetFormat
import Foundation

/// A convex polygon with all interior angles but one written on the figure: the
/// interior angles of an n-gon add up to (n − 2) × 180°.
///
/// Difficulty: 1 is a quadrilateral or pentagon, 2 a pentagon or hexagon (angle sum,
/// add the known angles, subtract); 3 extends the side into the unknown vertex and asks
/// the exterior angle there (one more step: a straight angle).
public struct PolygonAngleSum: ProblemFamily {
    public init() {}
    public let id = "plane.polygon_angle_sum"
    public let subject = Subject.plane
    public let answerTypes: [AnswerType] = [.integer, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Vertices in order (roles A, B, C, ...), then G on the extension of the side into the
        /// asked vertex at difficulty 3.
        var fig: PlaneFigure
        var difficulty: Int
        var interior: [Int]
        /// Index of the vertex whose angle is asked.
        var target: Int
    }

    static let roles: [Character] = Array("ABCDEF")

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let n = difficulty == 1 ? rng.pick([4, 5]) : rng.pick([5, 6])
        let (lo, hi) = n == 4 ? (45, 125) : (n == 5 ? (35, 105) : (28, 92))
        // Exterior angles: positive integers adding up to 360°, the last one what is left.
        var exterior = (0..<(n - 1)).map { _ in rng.int(lo...hi) }
        let last = 360 - exterior.reduce(0, +)
        guard (lo...hi).contains(last) else { throw GenerationFailure.degenerate("exterior angles do not close") }
        exterior.append(last)
        // Side i leaves vertex i heading by the turns so far; the last two lengths close the polygon.
        var heading = 0.0
        var dirs: [Vec2] = []
        for i in 0..<n {
            dirs.append(Vec2.polar(1, heading))
            heading += Angle.radians(Double(exterior[(i + 1) % n]))
        }
        var lengths = (0..<(n - 2)).map { _ in rng.double(3...6) }
        var open = Vec2(0, 0)
        for i in 0..<(n - 2) { open = open + dirs[i] * lengths[i] }
        // Solve x·dirs[n-2] + y·dirs[n-1] = −open.
        let u = dirs[n - 2], v = dirs[n - 1], det = u.cross(v)
        guard abs(det) > 1e-9 else { throw GenerationFailure.degenerate("last sides parallel") }
        let x = (-open).cross(v) / det, y = u.cross(-open) / det
        guard x >= 2.2, x <= 8, y >= 2.2, y <= 8 else { throw GenerationFailure.degenerate("closing sides out of range") }
        lengths += [x, y]
        var pts = [Vec2(0, 0)]
        for i in 0..<(n - 1) { pts.append(pts[i] + dirs[i] * lengths[i]) }
        let interior = exterior.map { 180 - $0 }
        let target = rng.int(0...(n - 1))
        var roles = String(Self.roles.prefix(n))
        if difficulty == 3 {
            let prev = pts[(target + n - 1) % n], vertex = pts[target]
            pts.append(vertex + (vertex - prev).normalized * 2.6)
            roles += "G"
        }
        try PlaneKit.requireCompact(pts, maxAspect: 2.0, "polygon")
        let pose = PlanePose.draw(&rng, tilt: .pi, freeTurn: 0)
        let fig = PlaneFigure(roles: roles, points: pts.map { pose($0) }, rng: &rng)
        return Instance(fig: fig, difficulty: difficulty, interior: interior, target: target)
    }

    public func solve(_ i: Instance) -> Double {
        let n = i.interior.count
        let known = i.interior.enumerated().filter { $0.offset != i.target }.map(\.element).reduce(0, +)
        let missing = (n - 2) * 180 - known
        return Double(i.difficulty == 3 ? 180 - missing : missing)
    }

    public func measure(_ i: Instance) -> Double {
        let n = i.interior.count, f = i.fig
        let v = f.points[i.target], next = f.points[(i.target + 1) % n]
        if i.difficulty == 3 { return Angle.measure(f["G"], v, next) }
        return Angle.measure(f.points[(i.target + n - 1) % n], v, next)
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f = i.fig
        let n = i.interior.count
        var p = f.params
        let sum = (n - 2) * 180
        let knownIdx = (0..<n).filter { $0 != i.target }
        let known = knownIdx.map { i.interior[$0] }.reduce(0, +)
        let missing = sum - known
        p["n"] = String(n); p["sum"] = String(sum); p["known"] = String(known); p["m"] = String(missing)
        p["x"] = formatNumber(answer)
        p["addends"] = knownIdx.map { "\(i.interior[$0])°" }.joined(separator: " + ")
        for (k, idx) in knownIdx.enumerated() {
            p["a\(k + 1)"] = f.labels[idx]
            p["v\(k + 1)"] = String(i.interior[idx])
        }
        let tv = f.labels[i.target], next = f.labels[(i.target + 1) % n], prev = f.labels[(i.target + n - 1) % n]
        p["t"] = tv; p["prev"] = prev; p["next"] = next
        p["target"] = i.difficulty == 3 ? (p["G"] ?? "") + tv + next : tv

        var scene = Scene()
        f.addPoints(to: &scene)
        for k in 0..<n { scene.add(.segment(f.points[k], f.points[(k + 1) % n], style: .solid)) }
        let vt = f.points[i.target], vn = f.points[(i.target + 1) % n], vp = f.points[(i.target + n - 1) % n]
        if i.difficulty == 3 {
            scene.add(.segment(vt, f["G"], style: .solid))
            scene.add(.angle(vertex: vt, from: f["G"], to: vn, arcs: 2, text: nil))
        } else {
            scene.add(.angle(vertex: vt, from: vp, to: vn, arcs: 2, text: nil))
        }
        for idx in knownIdx {
            scene.add(.angle(vertex: f.points[idx], from: f.points[(idx + n - 1) % n], to: f.points[(idx + 1) % n],
                             arcs: 1, text: "\(i.interior[idx])°"), .given)
        }
        var steps = ["step_sum", "step_known", "step_missing"]
        if i.difficulty == 3 { steps.append("step_exterior") }
        let mistakes: [Double] = i.difficulty == 3
            ? [Double(missing), Double(360 - known % 360), Double(180 - abs(360 - missing))]
            : [Double(missing + 180), Double(missing - 180), Double(180 - missing), Double(360 - missing)]
        let answerValue = PlaneKit.integerAnswer(answer, unit: "degree", mistakes: mistakes,
                                                 valid: { $0 > 0 && $0 < 180 }, rng: &rng, options: options)
        var givens: [(String, JSONValue)] = []
        for idx in knownIdx { givens.append(("angle_" + String(Self.roles[idx]), .int(i.interior[idx]))) }
        let targetRole = String(Self.roles[i.target])
        let spec: JSONValue = [
            "labels": f.labelsJSON,
            "givens": .object(givens),
            "sides": .int(n),
            "relations": i.difficulty == 3
                ? ["convex_polygon", .string("G_on_extension_of_\(Self.roles[(i.target + n - 1) % n])\(targetRole)")]
                : ["convex_polygon"],
            "target": .string(i.difficulty == 3 ? "exterior_angle_\(targetRole)" : "angle_" + targetRole),
            "difficulty": .int(i.difficulty),
            "coordinates": f.coordinatesJSON,
        ]
        var facts = [Fact(.descriptive, i.difficulty == 3 ? "di_polygon_\(n)_ext" : "di_polygon_\(n)", p),
                     Fact(.implicit, "ip_convex_\(n)", p, shownBy: [.figure])]
        if i.difficulty == 3 { facts.append(Fact(.implicit, "ip_collinear", p, shownBy: [.figure])) }
        facts.append(Fact(.essential, "ec_angles_\(n - 1)", p))
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts, question: Phrase("question", p),
                       answer: answerValue, steps: steps.map { Phrase($0, p) }, scene: scene,
                       solved: answer, measured: answer)
    }
}
