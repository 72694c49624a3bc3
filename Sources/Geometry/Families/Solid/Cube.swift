import DatasetFormat
import Foundation

/// Cube ABCD-A'B'C'D' drawn in cabinet projection. Difficulty 1 asks the volume
/// or the surface area from the edge; 2 asks the space diagonal AC' (base
/// diagonal, then Pythagoras in the right triangle ACC'); 3 gives the space
/// diagonal and asks the volume or the surface area (edge first).
public struct Cube: ProblemFamily {
    public init() {}
    public let id = "solid.cube"
    public let subject = Subject.solid
    public let answerTypes: [AnswerType] = [.integer, .decimal, .expression, .choice]
    public let agreementTolerance = 1e-6

    enum Target: String, Sendable { case volume, surfaceArea = "surface_area", spaceDiagonal = "space_diagonal" }

    public struct Instance: Sendable {
        /// Labels of A, B, C, D, A', B', C', D' in that role order.
        var names: [String]
        /// Edge length in tenths of a centimetre (37 is 3.7 cm).
        var edge: Int
        var target: Target
        var difficulty: Int
        var view: SolidView
        /// Vertices in role order (A, B, C, D, then the top), faces outward.
        var solid: Polyhedron
        /// Which base corner (counter-clockwise from the front left) is A.
        var start: Int
        /// The given space diagonal a√3 (difficulty 3).
        var diagonal: Double
        var diagonalGiven: Bool { difficulty == 3 }
    }

    static let roles = ["A", "B", "C", "D", "A1", "B1", "C1", "D1"]

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let target: Target = difficulty == 2 ? .spaceDiagonal : (rng.chance(0.5) ? .volume : .surfaceArea)
        return try redrawing(&rng) { rng in
            // Whole edges or edges with one decimal, so the problem space is large.
            let a = rng.chance(0.5) ? 10 * rng.int(1...20) : rng.int(11...159)
            let view = SolidView.randomCabinet(&rng)
            let start = rng.chance(0.6) ? 0 : rng.int(0...3)
            let s = Double(a) / 10
            let solid = Polyhedron.box(s, s, s, start: start)
            let names = SolidLabels.prism(4, &rng)
            let i = Instance(names: names, edge: a, target: target, difficulty: difficulty, view: view, solid: solid,
                             start: start, diagonal: s * 3.0.squareRoot())
            try sketch(i).checkLegible()
            return i
        }
    }

    public func solve(_ i: Instance) -> Double {
        // Difficulty 3 knows only the space diagonal d = a√3: the edge is d/√3.
        let a = i.diagonalGiven ? i.diagonal / 3.0.squareRoot() : Double(i.edge) / 10
        switch i.target {
        case .volume: return a * a * a
        case .surfaceArea: return 6 * a * a
        case .spaceDiagonal: return (a * a + a * a + a * a).squareRoot()
        }
    }

    public func measure(_ i: Instance) -> Double {
        switch i.target {
        case .volume: return i.solid.volume
        case .surfaceArea: return i.solid.surfaceArea
        case .spaceDiagonal: return i.solid.vertices[0].distance(to: i.solid.vertices[6])
        }
    }

    /// The figure: edges (hidden ones dashed), labels, equal-edge ticks, the right
    /// angle of a lateral edge, and for the diagonal problems the diagonals AC and AC'.
    func sketch(_ i: Instance) -> SolidSketch {
        let v = i.solid.vertices
        var k = SolidSketch(view: i.view)
        k.draw(i.solid, labels: i.names)
        // Corners by position (front-left-bottom = 0), whatever their labels.
        let pos = { (c: Int, top: Bool) in v[Polyhedron.boxIndex(c, top: top, start: i.start)] }
        let center = v[0].mid(v[6])
        k.ticks(pos(1, true), pos(0, true))
        k.ticks(pos(1, true), pos(2, true))
        k.ticks(pos(1, true), pos(1, false))
        if i.target == .spaceDiagonal || i.diagonalGiven {
            k.segment(v[0], v[2], hidden: k.isHidden(v[0], v[2], on: i.solid))
            k.segment(v[0], v[6], hidden: true)
            k.rightAngle(at: v[2], v[0], v[6])
        } else {
            k.rightAngle(at: pos(0, false), pos(1, false), pos(0, true))
        }
        if i.diagonalGiven {
            k.value(v[0], v[6], SolidAnswer.cm(Exact(i.edge, 10, root: 3)), away: v[1])
        } else {
            k.value(pos(0, false), pos(1, false), SolidAnswer.cm(Double(i.edge) / 10), away: center)
        }
        return k
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let a = i.edge
        var p: [String: String] = Dictionary(uniqueKeysWithValues: zip(Self.roles, i.names))
        p["a"] = Exact(a, 10).text(.decimal)
        p["d"] = Exact(a, 10, root: 3).text(.decimal)
        p["d2"] = Exact(3 * a * a, 100).text(.decimal)
        p["a2"] = Exact(a * a, 100).text(.decimal)
        p["ac"] = Exact(a, 10, root: 2).text(.decimal)
        p["V"] = Exact(a * a * a, 1000).text(.decimal)
        p["S"] = Exact(6 * a * a, 100).text(.decimal)

        var facts = [Fact(.descriptive, "di_cube", p), Fact(.implicit, "ip_cube", p)]
        var steps: [Phrase] = []
        let exact: Exact
        let mistakes: [Exact]
        let unit: String
        if i.target == .spaceDiagonal || i.diagonalGiven {
            facts.append(Fact(.descriptive, "di_diagonals", p))
            facts.append(Fact(.implicit, "ip_right_triangle", p))
        }
        if i.diagonalGiven {
            facts.append(Fact(.essential, "ec_diagonal", p))
            steps.append(Phrase("step_edge_from_diagonal", p))
        } else {
            facts.append(Fact(.essential, "ec_edge", p))
        }
        switch i.target {
        case .volume:
            exact = Exact(a * a * a, 1000)
            unit = "cm3"
            mistakes = [Exact(6 * a * a, 100), Exact(3 * a * a * a, 1000), Exact(a * a, 100), Exact(3 * a * a * a, 1000, root: 3)]
            steps.append(Phrase("step_volume", p))
        case .surfaceArea:
            exact = Exact(6 * a * a, 100)
            unit = "cm2"
            mistakes = [Exact(4 * a * a, 100), Exact(a * a * a, 1000), Exact(18 * a * a, 100), Exact(12 * a, 10)]
            steps.append(Phrase("step_surface_area", p))
        case .spaceDiagonal:
            exact = Exact(a, 10, root: 3)
            unit = "cm"
            mistakes = [Exact(a, 10, root: 2), Exact(3 * a, 10), Exact(2 * a, 10), Exact(a * a, 100, root: 3)]
            steps.append(Phrase("step_face_diagonal", p))
            steps.append(Phrase("step_space_diagonal", p))
        }
        let ans = SolidAnswer.make(exact, form: .exact, unit: unit, mistakes: mistakes, rng: &rng, options: options)
        let spec: JSONValue = [
            "labels": SolidLabels.json(Self.roles, i.names),
            "givens": i.diagonalGiven
                ? ["space_diagonal_AC1": .string(Exact(a, 10, root: 3).text(.decimal)),
                   "space_diagonal_AC1_value": .double(r6(Exact(a, 10, root: 3).value))]
                : ["edge": .double(Double(a) / 10)],
            "target": .string(i.target.rawValue),
            "difficulty": .int(i.difficulty),
            "layout": "base ABCD counter-clockwise seen from above, A1B1C1D1 above it (AA1 vertical)",
            "view": i.view.json,
            "coordinates": SolidLabels.coordinates(Self.roles, i.solid.vertices),
        ]
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts,
                       question: Phrase("question_" + i.target.rawValue, p), answer: ans, steps: steps,
                       scene: sketch(i).scene, solved: answer, measured: answer)
    }
}
