import DatasetFormat
import Foundation

/// A piecewise function: a line for x < c and a parabola (or line) for x ≥ c, with an
/// open circle and a filled dot marking which piece owns x = c.
///
/// Difficulty: 1 one value f(x₀), 2 a sum f(x₁) + f(x₂) across both pieces, 3 f(f(x₀)).
public struct PiecewiseValue: ProblemFamily {
    public init() {}
    public let id = "function.piecewise_value"
    public let subject = Subject.function
    public let answerTypes: [AnswerType] = [.integer, .choice]
    public let agreementTolerance = 1e-9

    public struct Instance: Sendable {
        /// Left piece k·x + b (x < c); right piece q₂x² + q₁x + q₀ (x ≥ c).
        var k: Int, b: Int
        var right: [Int]
        var c: Int
        var x1: Int, x2: Int
        var difficulty: Int
        var window: GraphKit.Window
        var leftCurve: [Vec2], rightCurve: [Vec2]
        var leftAnchor: Vec2, rightAnchor: Vec2
        func left(_ x: Double) -> Double { Double(k) * x + Double(b) }
        func rightPiece(_ x: Double) -> Double { Double(right[0]) * x * x + Double(right[1]) * x + Double(right[2]) }
    }

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        try GraphKit.resample { try draw(&rng, options: options) }
    }

    /// One draw of the givens, the window and the text spots (degenerate when none renders clean).
    func draw(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let d = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let c = rng.int(-1...2)
        // The right piece: a parabola with its vertex at x = c, or a line.
        let right: [Int]
        if rng.chance(0.6) {
            let a = rng.pick([1, -1]), q = rng.int(-3...3)
            right = [a, -2 * a * c, a * c * c + q]
        } else {
            right = [0, GraphKit.nonzero(-2...2, &rng), rng.int(-3...3)]
        }
        let k = GraphKit.nonzero(-2...2, &rng)
        // The left piece ends 2-4 units above or below the right piece's start: a visible jump.
        let rightAtC = right[0] * c * c + right[1] * c + right[2]
        let b = rightAtC + (rng.chance(0.5) ? 1 : -1) * rng.int(2...4) - k * c
        var draft = Instance(k: k, b: b, right: right, c: c, x1: 0, x2: 0, difficulty: d,
                             window: GraphKit.Window(xMin: 0, xMax: 0, yMin: 0, yMax: 0, step: 1),
                             leftCurve: [], rightCurve: [], leftAnchor: .zero, rightAnchor: .zero)
        let lc = Double(c)
        guard abs(draft.left(lc) - draft.rightPiece(lc)) >= 1.5 else { throw GenerationFailure.degenerate("no visible jump at c") }
        let f = { (x: Int) -> Int in x < c ? k * x + b : right[0] * x * x + right[1] * x + right[2] }
        switch d {
        case 1:
            draft.x1 = c + rng.int(-3...3)
        case 2:
            draft.x1 = c - rng.int(1...3)
            draft.x2 = c + rng.int(0...2)
        default:
            draft.x1 = c + GraphKit.nonzero(-3...2, &rng)
            let inner = f(draft.x1)
            guard abs(inner) <= 4, inner != draft.x1 else { throw GenerationFailure.degenerate("f(x₀) = \(inner) is awkward") }
            draft.x2 = inner
        }
        // Both pieces show at least two units beyond x = c.
        var needed = [Vec2(lc - 3, 0), Vec2(lc + 3, 0), Vec2(lc, draft.left(lc)), Vec2(lc, draft.rightPiece(lc)),
                      Vec2(lc - 2, draft.left(lc - 2)), Vec2(lc + 2, draft.rightPiece(lc + 2))]
        for x in [draft.x1, draft.x2] { needed.append(Vec2(Double(x), Double(f(x)))) }
        guard needed.allSatisfy({ abs($0.y) <= 7 }) else { throw GenerationFailure.degenerate("values off the window") }
        let base = try GraphKit.window(covering: needed, balanced: true)
        return try GraphKit.settle(base, options: options, candidates: { w in
            var i = draft
            i.window = w
            let nl = Int((lc - w.xMin) * 20), nr = Int((w.xMax - lc) * 20)
            guard nl > 4, nr > 4 else { return [] }
            let lr = GraphKit.runs(i.left, from: w.xMin, to: lc, window: w, count: nl)
            let rr = GraphKit.runs(i.rightPiece, from: lc, to: w.xMax, window: w, count: nr)
            guard lr.count == 1, rr.count == 1, let l = lr.first, let r = rr.first else { return [] }
            // Both pieces must reach x = c inside the window (their end marks are drawn there).
            guard let lEnd = l.last, abs(lEnd.x - lc) < 1e-9, let rStart = r.first, abs(rStart.x - lc) < 1e-9,
                  let lStart = l.first, let rEnd = r.last, lEnd.x - lStart.x >= 2, rEnd.x - rStart.x >= 2 else { return [] }
            i.leftCurve = l
            i.rightCurve = r
            // Each formula sits on its own piece, away from the break, so it reads as that piece's label.
            let free = GraphKit.freeAnchors(w, avoid: [l, r], points: [lEnd, rStart], count: 6)
            let la = GraphKit.anchors(on: l.filter { $0.x <= lc - 1 }, window: w, avoid: [lEnd, rStart], count: 3)
                + free.filter { $0.x < lc }.prefix(2)
            let ra = GraphKit.anchors(on: r.filter { $0.x >= lc + 1 }, window: w, avoid: [lEnd, rStart], count: 3)
                + free.filter { $0.x > lc }.prefix(2)
            var out: [Instance] = []
            for a1 in la { for a2 in ra { var c = i; c.leftAnchor = a1; c.rightAnchor = a2; out.append(c) } }
            return out
        }, scene: scene)
    }

    /// The stated pieces, chosen by the inequality each one carries.
    private func value(_ i: Instance, _ x: Int) -> Int {
        x < i.c ? i.k * x + i.b : i.right[0] * x * x + i.right[1] * x + i.right[2]
    }

    public func solve(_ i: Instance) -> Double {
        switch i.difficulty {
        case 1: return Double(value(i, i.x1))
        case 2: return Double(value(i, i.x1) + value(i, i.x2))
        default: return Double(value(i, value(i, i.x1)))
        }
    }

    /// Reads the drawn pieces: the polyline whose span holds x (the filled end belongs to
    /// the right piece), at nodes every 0.05 so integer x are read exactly.
    public func measure(_ i: Instance) -> Double {
        func read(_ x: Double) -> Double {
            let piece = x < Double(i.c) ? i.leftCurve : i.rightCurve
            return GraphKit.read(piece, at: x) ?? .nan
        }
        switch i.difficulty {
        case 1: return read(Double(i.x1))
        case 2: return read(Double(i.x1)) + read(Double(i.x2))
        default: return read(read(Double(i.x1)))
        }
    }

    func scene(_ i: Instance) -> Scene {
        var s = Scene(frame: .axes(i.window.axes(equalAspect: true)))
        let lc = Double(i.c)
        s.add(.curve(points: i.leftCurve, label: nil, style: .solid))
        s.add(.curve(points: i.rightCurve, label: nil, style: .solid))
        s.add(.circle(center: Vec2(lc, i.left(lc)), radius: 0.14 * i.window.step, style: .solid), .property)
        s.add(.point(at: Vec2(lc, i.rightPiece(lc)), label: "", dot: true), .property)
        s.add(.text(at: i.leftAnchor, text: leftText(i) + " (x < " + String(i.c) + ")"), .given)
        s.add(.text(at: i.rightAnchor, text: rightText(i) + " (x ≥ " + String(i.c) + ")"), .given)
        return s
    }

    func leftText(_ i: Instance) -> String { GraphKit.poly([Exact(i.k), Exact(i.b)]) }
    func rightText(_ i: Instance) -> String { GraphKit.poly(i.right.map { Exact($0) }) }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let f1 = value(i, i.x1)
        var p: [String: String] = [
            "c": String(i.c), "left": leftText(i), "right": rightText(i), "answer": GraphKit.num(answer),
            "x1": String(i.x1), "x1p": GraphKit.paren(Double(i.x1)), "f1": String(f1),
            "piece1": i.x1 < i.c ? leftText(i) : rightText(i), "rel1": i.x1 < i.c ? "<" : "≥",
        ]
        var steps = [Phrase("step_first", p)]
        var mistakes: [Double]
        // The other piece's value (ignoring the inequality) is the classic slip.
        let other = { (x: Int) -> Int in x < i.c ? i.right[0] * x * x + i.right[1] * x + i.right[2] : i.k * x + i.b }
        switch i.difficulty {
        case 1: mistakes = [Double(other(i.x1)), Double(-f1), Double(f1 + 1)]
        case 2:
            let f2 = value(i, i.x2)
            p["x2"] = String(i.x2); p["f2"] = String(f2); p["f2p"] = GraphKit.paren(Double(f2))
            p["piece2"] = i.x2 < i.c ? leftText(i) : rightText(i); p["rel2"] = i.x2 < i.c ? "<" : "≥"
            steps.append(Phrase("step_second", p)); steps.append(Phrase("step_sum", p))
            mistakes = [Double(f1 + other(i.x2)), Double(other(i.x1) + f2), Double(f1 - f2)]
        default:
            let ff = value(i, f1)
            p["x2"] = String(f1); p["f2"] = String(ff)
            p["piece2"] = f1 < i.c ? leftText(i) : rightText(i); p["rel2"] = f1 < i.c ? "<" : "≥"
            steps.append(Phrase("step_second", p)); steps.append(Phrase("step_compose", p))
            mistakes = [Double(f1), Double(other(f1)), Double(value(i, other(i.x1)))]
        }
        var answerValue = Answer(type: .integer, text: GraphKit.num(answer), value: answer, tolerance: 0.01)
        GraphKit.maybeChoices(&answerValue, correct: answer, mistakes: mistakes, step: 1, rate: options.multipleChoiceRate,
                              rng: &rng)
        let question = ["question_value", "question_sum", "question_compose"][i.difficulty - 1]
        if i.difficulty == 2 { p["x2"] = String(i.x2) }
        let spec: JSONValue = [
            "givens": ["left": .string(leftText(i)), "right": .string(rightText(i)), "c": .int(i.c),
                       "left_kb": [.int(i.k), .int(i.b)], "right_coefficients": .array(i.right.map { .int($0) }),
                       "x1": .int(i.x1), "x2": i.difficulty == 2 ? .int(i.x2) : .null],
            "target": .string(["f(x1)", "f(x1)+f(x2)", "f(f(x1))"][i.difficulty - 1]),
            "difficulty": .int(i.difficulty),
            "relations": ["left_piece_for_x<c", "right_piece_for_x>=c", "open_circle_left_end", "filled_dot_right_end"],
            "labels": [:],
            "window": i.window.json,
        ]
        return Problem(
            family: id, subject: subject, seed: 0, spec: spec,
            facts: [Fact(.descriptive, "di_graph", p), Fact(.implicit, "ip_endpoints", p), Fact(.essential, "ec_pieces", p)],
            question: Phrase(question, p), answer: answerValue, steps: steps, scene: scene(i),
            solved: answer, measured: answer)
    }
}
