import DatasetFormat
import Foundation

/// A function known only from its graph: a polyline through four marked lattice points
/// whose coordinates are the givens (the formula is never stated).
///
/// Difficulty: 1 the value at an x between two marked points (read the segment), 2
/// f(f(a)) at a marked a, 3 the area between the graph and the x-axis (trapezoids).
public struct GraphReading: ProblemFamily {
    public init() {}
    public let id = "function.graph_reading"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.integer, .decimal, .choice]
    /// Simpson's rule across the polyline's corners is accurate to ~1e-7 here.
    public let agreementTolerance = 1e-5

    public struct Instance: Sendable {
        /// Labels of the four marked points, left to right.
        var names: [String]
        var points: [Vec2]
        /// Difficulty 1: the x read; 2: the a of f(f(a)).
        var x0: Double
        var difficulty: Int
        var window: GraphKit.Window
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        var xs = [rng.int(-5...(-2))]
        for _ in 0..<3 { xs.append(xs[xs.count - 1] + rng.int(2...4)) }
        guard let lastX = xs.last, lastX <= 6 else { throw GenerationFailure.degenerate("graph too wide") }
        let ys = xs.map { _ in d == 3 ? rng.int(1...5) : rng.int(-4...5) }
        let pts = zip(xs, ys).map { Vec2(Double($0), Double($1)) }
        for k in 1..<pts.count where k + 1 < pts.count {
            let turn = (pts[k] - pts[k - 1]).normalized.cross((pts[k + 1] - pts[k]).normalized)
            guard abs(turn) > 0.2 else { throw GenerationFailure.degenerate("no visible corner at point \(k)") }
        }
        var x0 = 0.0
        switch d {
        case 1:
            // A point strictly between two marked ones where the value is a half-integer or integer.
            let k = rng.int(0...2)
            let span = xs[k + 1] - xs[k]
            x0 = Double(xs[k]) + Double(rng.int(1...(span - 1)))
            let y = Self.value(pts, x0)
            guard abs(y * 2 - (y * 2).rounded()) < 1e-9 else { throw GenerationFailure.degenerate("value \(y) not a half") }
        case 2:
            let k = rng.int(0...3)
            x0 = pts[k].x
            let inner = pts[k].y
            guard let first = pts.first, let last = pts.last, inner >= first.x, inner <= last.x,
                  inner != x0 else { throw GenerationFailure.degenerate("f(a) outside the domain") }
            let outer = Self.value(pts, inner)
            guard abs(outer - outer.rounded()) < 1e-9 else { throw GenerationFailure.degenerate("f(f(a)) not an integer") }
        default: break
        }
        let base = try GraphKit.window(covering: pts)
        let names = Labels.draw(4, &rng)
        return try GraphKit.settle(base, options: options, candidates: { w in
            [Instance(names: names, points: pts, x0: x0, difficulty: d, window: w)]
        }, scene: scene)
    }

    /// The graph's value at x: the segment through the marked points around x.
    static func value(_ pts: [Vec2], _ x: Double) -> Double {
        for k in 0..<(pts.count - 1) where x >= pts[k].x && x <= pts[k + 1].x {
            let a = pts[k], b = pts[k + 1]
            return a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
        }
        return .nan
    }

    /// Two-point form on the right segment; the trapezoid rule for the area.
    public func solve(_ i: Instance) -> Double {
        switch i.difficulty {
        case 1: return Self.value(i.points, i.x0)
        case 2: return Self.value(i.points, Self.value(i.points, i.x0))
        default:
            var area = 0.0
            for k in 0..<(i.points.count - 1) {
                area += (i.points[k].y + i.points[k + 1].y) / 2 * (i.points[k + 1].x - i.points[k].x)
            }
            return area
        }
    }

    /// Reads the drawn polyline; Simpson's rule under it for the area.
    public func measure(_ i: Instance) -> Double {
        let read = { (x: Double) in GraphKit.read(i.points, at: x) ?? .nan }
        switch i.difficulty {
        case 1: return read(i.x0)
        case 2: return read(read(i.x0))
        default:
            guard let a = i.points.first?.x, let b = i.points.last?.x else { return .nan }
            return GraphKit.integrate(read, a, b, intervals: 6000)
        }
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: false)))
        s.add(.curve(points: i.points, label: nil, style: .solid))
        for (k, pt) in i.points.enumerated() {
            s.add(.point(at: pt, label: i.names[k], dot: true))
            s.add(.text(at: pt, text: GraphKit.point(pt)), .given)
        }
        if i.difficulty == 3, let first = i.points.first, let last = i.points.last {
            s.add(.segment(first, Vec2(first.x, 0), style: .dashed))
            s.add(.segment(last, Vec2(last.x, 0), style: .dashed))
        }
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let n = i.names, pts = i.points
        var p: [String: String] = ["answer": GraphKit.num(answer), "x0": GraphKit.num(i.x0)]
        for (k, key) in ["A", "B", "C", "D"].enumerated() {
            p[key] = n[k]; p["x" + key] = GraphKit.num(pts[k].x); p["y" + key] = GraphKit.num(pts[k].y)
        }
        var steps: [Phrase] = []
        var mistakes: [Double] = []
        switch i.difficulty {
        case 1:
            guard let k = (0..<3).first(where: { i.x0 > pts[$0].x && i.x0 < pts[$0 + 1].x }) else { break }
            let a = pts[k], b = pts[k + 1]
            p["P"] = n[k]; p["Q"] = n[k + 1]
            let slope = Exact(Int(b.y - a.y), Int(b.x - a.x))
            p["slope"] = slope.text
            p["slopep"] = slope.num < 0 || !slope.isInteger ? "(" + slope.text + ")" : slope.text
            p["pxp"] = GraphKit.paren(a.x); p["py"] = GraphKit.num(a.y)
            steps = [Phrase("step_segment", p), Phrase("step_read", p)]
            mistakes = [a.y, b.y, (a.y + b.y) / 2 == answer ? answer + 1 : (a.y + b.y) / 2]
        case 2:
            let inner = Self.value(pts, i.x0)
            p["inner"] = GraphKit.num(inner)
            steps = [Phrase("step_inner", p), Phrase("step_outer", p)]
            mistakes = [inner, Self.value(pts, -inner), i.x0]
        default:
            var parts: [String] = []
            for k in 0..<3 {
                let t = (pts[k].y + pts[k + 1].y) / 2 * (pts[k + 1].x - pts[k].x)
                parts.append(GraphKit.num(t))
            }
            p["parts"] = parts.joined(separator: " + ")
            steps = [Phrase("step_trapezoids", p), Phrase("step_total", p)]
            let rect = (pts[3].x - pts[0].x) * (pts.map(\.y).max() ?? 0)
            mistakes = [2 * answer, rect, answer - 1]
        }
        let type: AnswerType = answer == answer.rounded() ? .integer : .decimal
        var answerValue = Answer(type: type, text: GraphKit.num(answer), value: answer, tolerance: 0.01)
        GraphKit.maybeChoices(&answerValue, correct: answer, mistakes: mistakes.filter(\.isFinite), step: 0.5,
                              rate: options.multipleChoiceRate, rng: &rng, valid: { i.difficulty != 3 || $0 > 0 })
        let spec: JSONValue = [
            "labels": ["A": .string(n[0]), "B": .string(n[1]), "C": .string(n[2]), "D": .string(n[3])],
            "givens": .object(["A", "B", "C", "D"].enumerated().map { ($0.element, GraphKit.json(pts[$0.offset])) }
                              + [("x0", i.difficulty == 3 ? .null : .double(i.x0))]),
            "target": .string(["f(x0)", "f(f(x0))", "area_under_graph"][i.difficulty - 1]),
            "difficulty": .int(i.difficulty),
            "relations": ["graph_is_polyline_ABCD", "domain_[xA,xD]"],
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, i.difficulty == 3 ? "di_graph_area" : "di_graph", p),
                    Fact(.implicit, "ip_segments", p, shownBy: [.figure]), Fact(.essential, "ec_points", p)],
            question: Phrase(["question_value", "question_compose", "question_area"][i.difficulty - 1], p),
            answer: answerValue, steps: steps, scene: scene(i), solved: answer, measured: answer)
    }
}
