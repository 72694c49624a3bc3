import DatasetFormat
import Foundation

/// The area of a polygon whose vertices are lattice points with given coordinates.
///
/// Difficulty: 1 a right triangle with legs along grid lines (½·leg·leg), 2 a triangle
/// with one horizontal side and its dashed altitude (½·base·height), 3 a convex
/// quadrilateral split by a dashed diagonal (the shoelace formula).
public struct PolygonArea: ProblemFamily {
    public init() {}
    public let id = "analytic.polygon_area"
    public let subject = Subject.analytic
    public let answerTypes: [AnswerType] = [.integer, .decimal, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Vertex labels in order, then (difficulty 2) the foot of the altitude.
        var names: [String]
        /// Vertices in drawing order (counter-clockwise or clockwise).
        var vertices: [Vec2]
        var difficulty: Int
        var window: GraphKit.Window
        /// Difficulty 2: the foot H of the altitude from the third vertex to the horizontal side.
        var foot: Vec2? {
            difficulty == 2 ? Vec2(vertices[2].x, vertices[0].y) : nil
        }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        var v: [Vec2]
        switch d {
        case 1:
            let sx = GraphKit.nonzero(-7...7, &rng), sy = GraphKit.nonzero(-7...7, &rng)
            let a = GraphKit.lattice(max(-6, -6 - sx)...min(6, 6 - sx), max(-6, -6 - sy)...min(6, 6 - sy), &rng)
            v = [a, a + Vec2(Double(sx), 0), a + Vec2(0, Double(sy))]
        case 2:
            let base = rng.int(3...7)
            let a = GraphKit.lattice(-6...(6 - base), -6...6, &rng)
            let cy = GraphKit.nonzero(max(-7, -6 - Int(a.y))...min(7, 6 - Int(a.y)), &rng)
            let c = Vec2(a.x + Double(rng.int(-1...(base + 1))), a.y + Double(cy))
            v = [a, a + Vec2(Double(base), 0), c]
            guard c.x != a.x, c.x != a.x + Double(base) else { throw GenerationFailure.degenerate("right angle at the base") }
        default:
            // One vertex per quadrant around a centre (convex in most draws); the centre sits
            // off the axes, so the figure crosses few tick numbers.
            let c = Vec2(Double(rng.pick([-1, 1]) * rng.int(1...3)), Double(rng.pick([-1, 1]) * rng.int(1...3)))
            v = [(1, 1), (-1, 1), (-1, -1), (1, -1)].map { (sx: Int, sy: Int) in
                c + Vec2(Double(sx * rng.int(1...3)), Double(sy * rng.int(1...3)))
            }
        }
        guard v.allSatisfy({ abs($0.x) <= 6 && abs($0.y) <= 6 }) else { throw GenerationFailure.degenerate("vertex off the window") }
        guard isConvex(v) else { throw GenerationFailure.degenerate("not a convex polygon") }
        let sides = v.indices.map { v[$0].distance(to: v[($0 + 1) % v.count]) }
        guard let shortest = sides.min(), shortest >= 2 else { throw GenerationFailure.degenerate("side too short") }
        // Every interior angle at least ~25°: no sliver figures.
        for k in v.indices {
            let angle = Angle.measure(v[(k + v.count - 1) % v.count], v[k], v[(k + 1) % v.count])
            guard angle > 25, angle < 160 else { throw GenerationFailure.degenerate("angle \(angle) at a vertex") }
        }
        if rng.chance(0.5) && d != 2 { v.reverse() }
        let base = try GraphKit.window(covering: v, balanced: true)
        let names = Labels.draw(d == 2 ? 4 : v.count, &rng)
        return try GraphKit.settle(base, options: options, candidates: { w in
            [Instance(names: names, vertices: v, difficulty: d, window: w)]
        }, scene: scene)
    }

    private func isConvex(_ v: [Vec2]) -> Bool {
        var sign = 0.0
        for k in v.indices {
            let a = v[k], b = v[(k + 1) % v.count], c = v[(k + 2) % v.count]
            let z = (b - a).cross(c - b)
            if abs(z) < 1e-9 { return false }
            if sign == 0 { sign = z } else if (z > 0) != (sign > 0) { return false }
        }
        return true
    }

    /// The textbook rule for each shape: ½·legs, ½·base·height, or the shoelace formula.
    public func solve(_ i: Instance) -> Double {
        let v = i.vertices
        switch i.difficulty {
        case 1: return 0.5 * abs(v[1].x - v[0].x) * abs(v[2].y - v[0].y)
        case 2: return 0.5 * abs(v[1].x - v[0].x) * abs(v[2].y - v[0].y)
        default:
            var s = 0.0
            for k in v.indices { s += v[k].x * v[(k + 1) % v.count].y - v[(k + 1) % v.count].x * v[k].y }
            return abs(s) / 2
        }
    }

    /// Numeric integration of the drawn polygon's horizontal cross-sections (midpoint rule
    /// on slices of 1/64; exact for lattice vertices, where the width is linear per slice).
    public func measure(_ i: Instance) -> Double {
        let v = i.vertices
        guard let lo = v.map(\.y).min(), let hi = v.map(\.y).max() else { return .nan }
        let n = Int(((hi - lo) * 64).rounded())
        var area = 0.0
        for s in 0..<n {
            let y = lo + (Double(s) + 0.5) / 64
            var xs: [Double] = []
            for k in v.indices {
                let a = v[k], b = v[(k + 1) % v.count]
                if (a.y <= y) != (b.y <= y) { xs.append(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x)) }
            }
            xs.sort()
            var width = 0.0
            var j = 0
            while j + 1 < xs.count { width += xs[j + 1] - xs[j]; j += 2 }
            area += width / 64
        }
        return area
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: true)))
        let v = i.vertices
        for k in v.indices { s.add(.segment(v[k], v[(k + 1) % v.count], style: .solid)) }
        switch i.difficulty {
        case 1: s.add(.rightAngle(vertex: v[0], a: v[1], b: v[2]), .property)
        case 2:
            if let h = i.foot {
                s.add(.segment(v[2], h, style: .dashed))
                if h.x < min(v[0].x, v[1].x) || h.x > max(v[0].x, v[1].x) {
                    // The foot lies outside side AB: extend the base's line to it.
                    s.add(.segment(h.x < v[0].x ? v[0] : v[1], h, style: .dashed))
                }
                s.add(.rightAngle(vertex: h, a: v[2], b: h.x < v[0].x ? v[0] : (h.x > v[1].x ? v[1] : v[0])), .property)
                s.add(.point(at: h, label: i.names[3], dot: false))
            }
        default: s.add(.segment(v[0], v[2], style: .dashed))
        }
        for k in v.indices {
            s.add(.point(at: v[k], label: i.names[k], dot: true))
            s.add(.text(at: v[k], text: GraphKit.point(v[k])), .given)
        }
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let v = i.vertices
        let n = i.names
        var p: [String: String] = ["area": GraphKit.num(answer)]
        let keys = ["A", "B", "C", "D"]
        for k in v.indices {
            p[keys[k]] = n[k]
            p["x" + keys[k]] = GraphKit.num(v[k].x)
            p["y" + keys[k]] = GraphKit.num(v[k].y)
            p["x" + keys[k] + "p"] = GraphKit.paren(v[k].x)
            p["y" + keys[k] + "p"] = GraphKit.paren(v[k].y)
        }
        if i.difficulty == 2 { p["H"] = n[3] }
        let steps: [Phrase]
        let facts: [Fact]
        var mistakes: [Double]
        switch i.difficulty {
        case 1:
            let a = abs(v[1].x - v[0].x), b = abs(v[2].y - v[0].y)
            p["a"] = GraphKit.num(a); p["b"] = GraphKit.num(b)
            facts = [Fact(.descriptive, "di_triangle", p), Fact(.implicit, "ip_right_angle", p, shownBy: [.figure]), Fact(.essential, "ec_triangle", p)]
            steps = [Phrase("step_legs", p), Phrase("step_half_product", p)]
            mistakes = [a * b, a + b, 0.5 * (a + b)]
        case 2:
            let base = abs(v[1].x - v[0].x), h = abs(v[2].y - v[0].y)
            p["base"] = GraphKit.num(base); p["h"] = GraphKit.num(h)
            facts = [Fact(.descriptive, "di_triangle_altitude", p), Fact(.implicit, "ip_altitude", p), Fact(.essential, "ec_triangle", p)]
            steps = [Phrase("step_base", p), Phrase("step_height", p), Phrase("step_half_base_height", p)]
            mistakes = [base * h, 0.5 * base * (h + 1), 0.5 * v[2].distance(to: v[0]) * base]
        default:
            let t1 = abs((v[1] - v[0]).cross(v[2] - v[0])) / 2, t2 = abs((v[2] - v[0]).cross(v[3] - v[0])) / 2
            p["t1"] = GraphKit.num(t1); p["t2"] = GraphKit.num(t2)
            facts = [Fact(.descriptive, "di_quadrilateral", p), Fact(.implicit, "ip_diagonal", p, shownBy: [.figure]), Fact(.essential, "ec_quadrilateral", p)]
            steps = [Phrase("step_triangle_1", p), Phrase("step_triangle_2", p), Phrase("step_sum", p)]
            mistakes = [2 * answer, abs(t1 - t2), answer + 1]
        }
        var answerValue = Answer(type: answer == answer.rounded() ? .integer : .decimal, text: GraphKit.num(answer),
                                 value: answer, tolerance: 0.01)
        GraphKit.maybeChoices(&answerValue, correct: answer, mistakes: mistakes, step: 0.5,
                              rate: options.multipleChoiceRate, rng: &rng, valid: { $0 > 0 })
        let spec: JSONValue = [
            "labels": .object(n.enumerated().map { (i.difficulty == 2 && $0.offset == 3 ? "H" : keys[$0.offset], .string($0.element)) }),
            "givens": .object(v.indices.map { (keys[$0], GraphKit.json(v[$0])) }),
            "target": .string(v.count == 3 ? "area_triangle" : "area_quadrilateral"),
            "difficulty": .int(i.difficulty),
            "relations": .array((i.difficulty == 1 ? ["AB_parallel_x_axis", "AC_parallel_y_axis"]
                                 : i.difficulty == 2 ? ["AB_parallel_x_axis", "CH_perpendicular_AB"] : ["convex", "diagonal_AC"])
                .map { .string($0) }),
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec, facts: facts,
            question: Phrase(v.count == 3 ? "question_triangle" : "question_quadrilateral", p),
            answer: answerValue, steps: steps, scene: scene(i), solved: answer, measured: answer)
    }
}
