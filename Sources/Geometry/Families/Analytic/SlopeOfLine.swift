import DatasetFormat
import Foundation

/// The slope of the line through two lattice points P and Q, or (hardest) the slope
/// of the line l through Q perpendicular to PQ, marked with a right angle.
///
/// Difficulty: 1 an integer slope, 2 a fractional slope, 3 the perpendicular's slope
/// (slope of PQ, then the negative reciprocal).
public struct SlopeOfLine: ProblemFamily {
    public init() {}
    public let id = "analytic.slope"
    public let subject = Subject.analytic
    public let answerTypes: [AnswerType] = [.integer, .fraction, .choice]
    public let agreementTolerance = 1e-6

    public struct Instance: Sendable {
        /// Labels of P and Q.
        var names: [String]
        var p: Vec2, q: Vec2
        var difficulty: Int
        var window: GraphKit.Window
        /// The drawn line PQ and (difficulty 3) the drawn perpendicular l, clipped to the window.
        var line: (Vec2, Vec2)
        var perpendicular: (Vec2, Vec2)?
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        var dx = rng.int(1...5), dy = GraphKit.nonzero(-6...6, &rng)
        if d == 1 { dx = rng.pick([1, 1, 2]); dy = dx * GraphKit.nonzero(-3...3, &rng) }
        let slope = Exact(dy, dx)
        guard (d == 1) == slope.isInteger || d == 3 else {
            throw GenerationFailure.degenerate("slope \(slope.text) does not fit difficulty \(d)")
        }
        guard abs(slope.value) <= 4, abs(slope.value) >= 0.25 else { throw GenerationFailure.degenerate("slope \(slope.text)") }
        if rng.chance(0.5) { dx = -dx; dy = -dy }
        let p = GraphKit.lattice(max(-5, -5 - dx)...min(5, 5 - dx), max(-5, -5 - dy)...min(5, 5 - dy), &rng)
        let q = p + Vec2(Double(dx), Double(dy))
        let base = try GraphKit.window(covering: [p, q], balanced: true)
        let names = Labels.draw(2, &rng)
        return try GraphKit.settle(base, options: options, candidates: { w in
            guard let line = GraphKit.clip(line: p, direction: q - p, to: w) else { return [] }
            var perp: (Vec2, Vec2)?
            if d == 3 {
                guard let l = GraphKit.clip(line: q, direction: (q - p).perpendicular, to: w) else { return [] }
                // Q must sit well inside the drawn perpendicular for the right-angle mark to read.
                guard min(l.0.distance(to: q), l.1.distance(to: q)) > 1 else { return [] }
                perp = l
            }
            return [Instance(names: names, p: p, q: q, difficulty: d, window: w, line: line, perpendicular: perp)]
        }, scene: scene)
    }

    /// Rise over run, k = (y₂ - y₁)/(x₂ - x₁); perpendicular slopes multiply to -1.
    public func solve(_ i: Instance) -> Double {
        let k = Exact(Int(i.q.y - i.p.y), Int(i.q.x - i.p.x))
        return i.difficulty == 3 ? (Exact(-1) / k).value : k.value
    }

    /// A least-squares fit through points sampled along the drawn line.
    public func measure(_ i: Instance) -> Double {
        let (a, b) = i.perpendicular ?? i.line
        let pts = (0...100).map { Construct.along(a, b, Double($0) / 100) }
        let mx = pts.map(\.x).reduce(0, +) / 101, my = pts.map(\.y).reduce(0, +) / 101
        let sxy = pts.map { ($0.x - mx) * ($0.y - my) }.reduce(0, +)
        let sxx = pts.map { ($0.x - mx) * ($0.x - mx) }.reduce(0, +)
        return sxx > 1e-12 ? sxy / sxx : .nan
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: true)))
        s.add(.segment(i.line.0, i.line.1, style: .solid))
        if let l = i.perpendicular {
            s.add(.segment(l.0, l.1, style: .solid))
            let far = l.0.distance(to: i.q) > l.1.distance(to: i.q) ? l.0 : l.1
            s.add(.rightAngle(vertex: i.q, a: i.p, b: l.0.distance(to: i.q) > 1 ? l.0 : l.1), .property)
            s.add(.text(at: Construct.along(i.q, far, 0.8), text: "l"))
        }
        s.add(.point(at: i.p, label: i.names[0], dot: true))
        s.add(.point(at: i.q, label: i.names[1], dot: true))
        s.add(.text(at: i.p, text: GraphKit.point(i.p)), .given)
        s.add(.text(at: i.q, text: GraphKit.point(i.q)), .given)
        return s
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (P, Q) = (i.names[0], i.names[1])
        let k = Exact(Int(i.q.y - i.p.y), Int(i.q.x - i.p.x))
        let perp = Exact(-1) / k
        let result = i.difficulty == 3 ? perp : k
        let p: [String: String] = [
            "P": P, "Q": Q,
            "px": GraphKit.num(i.p.x), "py": GraphKit.num(i.p.y), "qx": GraphKit.num(i.q.x), "qy": GraphKit.num(i.q.y),
            "pxp": GraphKit.paren(i.p.x), "pyp": GraphKit.paren(i.p.y),
            "dy": GraphKit.num(i.q.y - i.p.y), "dx": GraphKit.paren(i.q.x - i.p.x),
            "k": k.text, "ratio": GraphKit.ratio(i.q.y - i.p.y, i.q.x - i.p.x, equals: k), "kp": k.isInteger && k.num >= 0 ? k.text : "(" + k.text + ")", "perp": perp.text,
        ]
        var steps = [Phrase("step_slope", p)]
        if i.difficulty == 3 { steps.append(Phrase("step_perpendicular", p)) }
        var answerValue = Answer(type: result.isInteger ? .integer : .fraction, text: result.text, value: answer,
                                 tolerance: 0.005)
        // Run over rise, a dropped sign, and for l the slope of PQ itself or its plain reciprocal.
        var mistakes = [Exact(1) / k, -k]
        if i.difficulty == 3 { mistakes = [k, Exact(1) / k, -k] }
        GraphKit.maybeChoices(&answerValue, correct: result, mistakes: mistakes, rate: options.multipleChoiceRate,
                              rng: &rng, valid: { !$0.isZero })
        let spec: JSONValue = [
            "labels": ["P": .string(P), "Q": .string(Q)],
            "givens": ["P": GraphKit.json(i.p), "Q": GraphKit.json(i.q)],
            "target": .string(i.difficulty == 3 ? "slope_of_l_perpendicular_to_PQ_at_Q" : "slope_PQ"),
            "difficulty": .int(i.difficulty),
            "relations": i.difficulty == 3 ? ["l_through_Q", "l_perpendicular_PQ"] : ["P_Q_on_line"],
            "exact_answer": .string(result.text),
            "window": i.window.json,
        ]
        let facts = i.difficulty == 3
            ? [Fact(.descriptive, "di_two_lines", p), Fact(.implicit, "ip_perpendicular", p), Fact(.essential, "ec_points", p)]
            : [Fact(.descriptive, "di_line", p), Fact(.implicit, "ip_on_line", p, shownBy: [.figure]), Fact(.essential, "ec_points", p)]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec, facts: facts,
            question: Phrase(i.difficulty == 3 ? "question_perpendicular" : "question_slope", p),
            answer: answerValue, steps: steps, scene: scene(i), solved: answer, measured: answer)
    }
}
