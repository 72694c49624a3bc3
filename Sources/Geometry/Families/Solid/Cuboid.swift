import DatasetFormat
import Foundation

/// Rectangular cuboid ABCD-A'B'C'D' in cabinet projection, its three edges at one
/// corner given. Difficulty 1 asks the volume or the surface area; 2 the space
/// diagonal (base diagonal, then Pythagoras); 3 gives two edges and the space
/// diagonal and asks the volume or the surface area (height first).
public struct Cuboid: ProblemFamily {
    public init() {}
    public let id = "solid.cuboid"
    public let subject = Subject.solid
    public let answerTypes: [AnswerType] = [.integer, .expression, .choice]
    public let agreementTolerance = 1e-6

    enum Target: String, Sendable { case volume, surfaceArea = "surface_area", spaceDiagonal = "space_diagonal" }

    public struct Instance: Sendable {
        /// Labels of A, B, C, D, A', B', C', D'.
        var names: [String]
        /// Length (x), width (depth) and height.
        var l: Int, w: Int, h: Int
        var target: Target
        var difficulty: Int
        var view: SolidView
        var solid: Polyhedron
        var start: Int
        /// The given space diagonal (difficulty 3).
        var diagonal: Double
        var diagonalGiven: Bool { difficulty == 3 }
        /// Indices of the corner whose three edges carry the given lengths (the front-bottom
        /// corner on the side the depth recedes to, so all three are drawn solid) and its
        /// neighbours along length, width and height.
        var corner: (o: Int, l: Int, w: Int, h: Int) {
            let right = view.toViewer.x > 0
            let c = right ? 1 : 0, cl = right ? 0 : 1, cw = right ? 2 : 3
            return (Polyhedron.boxIndex(c, top: false, start: start), Polyhedron.boxIndex(cl, top: false, start: start),
                    Polyhedron.boxIndex(cw, top: false, start: start), Polyhedron.boxIndex(c, top: true, start: start))
        }
        /// The space diagonal from the other front-bottom corner P to the opposite top corner Q',
        /// with Q the foot below Q' (base diagonal PQ, right angle at Q).
        var diagonalEnds: (p: Int, q: Int, qTop: Int) {
            let right = view.toViewer.x > 0
            let p = right ? 0 : 1, q = right ? 2 : 3
            return (Polyhedron.boxIndex(p, top: false, start: start), Polyhedron.boxIndex(q, top: false, start: start),
                    Polyhedron.boxIndex(q, top: true, start: start))
        }
    }

    static let roles = ["A", "B", "C", "D", "A1", "B1", "C1", "D1"]

    /// Boxes whose space diagonal is a whole number (a² + b² + c² = d²), not too slender to draw.
    static let quadruples: [(Int, Int, Int, Int)] = [
        (1, 2, 2, 3), (2, 3, 6, 7), (2, 4, 4, 6), (4, 4, 7, 9), (2, 6, 9, 11), (6, 6, 7, 11), (3, 6, 6, 9),
        (3, 4, 12, 13), (4, 8, 8, 12), (2, 10, 11, 15), (4, 6, 12, 14), (8, 9, 12, 17), (6, 10, 15, 19),
    ]

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let target: Target = difficulty == 2 ? .spaceDiagonal : (rng.chance(0.5) ? .volume : .surfaceArea)
        return try redrawing(&rng) { rng in
            var dims: [Int]
            if difficulty == 3 || (difficulty == 2 && rng.chance(0.6)) {
                let q = rng.pick(Self.quadruples), k = rng.int(1...3)
                guard q.3 * k <= 30 else { throw GenerationFailure.degenerate("box too large") }
                dims = [q.0 * k, q.1 * k, q.2 * k]
                dims.shuffle(using: &rng)
            } else {
                dims = [rng.int(2...15), rng.int(2...15), rng.int(2...15)]
            }
            guard Set(dims).count >= 2 else { throw GenerationFailure.degenerate("all edges equal: a cube") }
            guard let lo = dims.min(), let hi = dims.max(), hi <= 5 * lo else {
                throw GenerationFailure.degenerate("box too slender to draw")
            }
            let (l, w, h) = (dims[0], dims[1], dims[2])
            let view = SolidView.randomCabinet(&rng)
            let start = rng.chance(0.6) ? 0 : rng.int(0...3)
            let solid = Polyhedron.box(Double(l), Double(w), Double(h), start: start)
            let diagonal = Double(l * l + w * w + h * h).squareRoot()
            let i = Instance(names: SolidLabels.prism(4, &rng), l: l, w: w, h: h, target: target,
                             difficulty: difficulty, view: view, solid: solid, start: start, diagonal: diagonal)
            try sketch(i).checkLegible()
            return i
        }
    }

    public func solve(_ i: Instance) -> Double {
        let l = Double(i.l), w = Double(i.w)
        // Difficulty 3: the height from the space diagonal, h² = d² - l² - w².
        let h = i.diagonalGiven ? (i.diagonal * i.diagonal - l * l - w * w).squareRoot() : Double(i.h)
        switch i.target {
        case .volume: return l * w * h
        case .surfaceArea: return 2 * (l * w + l * h + w * h)
        case .spaceDiagonal: return (l * l + w * w + h * h).squareRoot()
        }
    }

    public func measure(_ i: Instance) -> Double {
        switch i.target {
        case .volume: return i.solid.volume
        case .surfaceArea: return i.solid.surfaceArea
        case .spaceDiagonal:
            let d = i.diagonalEnds
            return i.solid.vertices[d.p].distance(to: i.solid.vertices[d.qTop])
        }
    }

    func sketch(_ i: Instance) -> SolidSketch {
        let v = i.solid.vertices
        var k = SolidSketch(view: i.view)
        k.draw(i.solid, labels: i.names)
        let c = i.corner, d = i.diagonalEnds
        let center = v[0].mid(v[6])
        k.value(v[c.o], v[c.l], SolidAnswer.cm(Double(i.l)), away: center)
        k.value(v[c.o], v[c.w], SolidAnswer.cm(Double(i.w)), away: center)
        if i.target == .spaceDiagonal || i.diagonalGiven {
            k.segment(v[d.p], v[d.q], hidden: true)
            k.segment(v[d.p], v[d.qTop], hidden: true)
            k.rightAngle(at: v[d.q], v[d.p], v[d.qTop])
        } else {
            k.rightAngle(at: v[c.o], v[c.l], v[c.h])
        }
        if i.diagonalGiven {
            k.value(v[d.p], v[d.qTop], SolidAnswer.cm(Double(Int(i.diagonal.rounded()))), away: v[c.o])
        } else {
            k.value(v[c.o], v[c.h], SolidAnswer.cm(Double(i.h)), away: center)
        }
        return k
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (l, w, h) = (i.l, i.w, i.h)
        let n = i.names, c = i.corner, dg = i.diagonalEnds
        let d2 = l * l + w * w + h * h
        var p: [String: String] = Dictionary(uniqueKeysWithValues: zip(Self.roles, n))
        p["eL"] = n[c.o] + n[c.l]; p["eW"] = n[c.o] + n[c.w]; p["eH"] = n[c.o] + n[c.h]
        p["P"] = n[dg.p]; p["Q"] = n[dg.q]; p["Q1"] = n[dg.qTop]
        p["l"] = String(l); p["w"] = String(w); p["h"] = String(h)
        p["bd2"] = String(l * l + w * w)
        p["d"] = Exact.sqrt(d2).text(.decimal)
        p["dd"] = String(d2)
        p["V"] = String(l * w * h)
        p["S"] = String(2 * (l * w + l * h + w * h))

        var facts = [Fact(.descriptive, "di_cuboid", p), Fact(.implicit, "ip_cuboid", p)]
        var steps: [Phrase] = []
        if i.target == .spaceDiagonal || i.diagonalGiven {
            facts.append(Fact(.descriptive, "di_diagonals", p))
            facts.append(Fact(.implicit, "ip_right_triangle", p))
        }
        if i.diagonalGiven {
            facts.append(Fact(.essential, "ec_edges_diagonal", p))
            steps += [Phrase("step_base_diagonal", p), Phrase("step_height_from_diagonal", p)]
        } else {
            facts.append(Fact(.essential, "ec_edges", p))
        }
        let exact: Exact, unit: String, mistakes: [Exact]
        switch i.target {
        case .volume:
            exact = Exact(l * w * h); unit = "cm3"
            mistakes = [Exact(2 * (l * w + l * h + w * h)), Exact(l * w + l * h + w * h), Exact(l * w * h * 2),
                        Exact(l + w + h)]
            steps.append(Phrase("step_volume", p))
        case .surfaceArea:
            exact = Exact(2 * (l * w + l * h + w * h)); unit = "cm2"
            mistakes = [Exact(l * w + l * h + w * h), Exact(2 * (l + w) * h), Exact(l * w * h),
                        Exact(2 * (l * w + l * h + w * h) - l * w)]
            steps.append(Phrase("step_surface_area", p))
        case .spaceDiagonal:
            exact = Exact.sqrt(d2); unit = "cm"
            mistakes = [Exact.sqrt(l * l + w * w), Exact(l + w + h), Exact.sqrt(l * l + h * h),
                        Exact.sqrt(w * w + h * h)]
            steps += [Phrase("step_base_diagonal", p), Phrase("step_space_diagonal", p)]
        }
        let ans = SolidAnswer.make(exact, form: .exact, unit: unit, mistakes: mistakes, rng: &rng, options: options)
        let givens: JSONValue = i.diagonalGiven
            ? ["length": .int(l), "width": .int(w), "space_diagonal": .int(Int(i.diagonal.rounded()))]
            : ["length": .int(l), "width": .int(w), "height": .int(h)]
        let spec: JSONValue = [
            "labels": SolidLabels.json(Self.roles, n),
            "givens": givens,
            "target": .string(i.target.rawValue),
            "difficulty": .int(i.difficulty),
            "given_edges": ["length": .string(n[c.o] + n[c.l]), "width": .string(n[c.o] + n[c.w]),
                            "height": .string(n[c.o] + n[c.h])],
            "space_diagonal": .string(n[dg.p] + n[dg.qTop]),
            "layout": "base ABCD counter-clockwise seen from above, A1B1C1D1 above it (AA1 vertical)",
            "view": i.view.json,
            "coordinates": SolidLabels.coordinates(Self.roles, i.solid.vertices),
        ]
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts,
                       question: Phrase("question_" + i.target.rawValue, p), answer: ans, steps: steps,
                       scene: sketch(i).scene, solved: answer, measured: answer)
    }
}
