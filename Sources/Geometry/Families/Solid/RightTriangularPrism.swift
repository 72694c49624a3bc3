import DatasetFormat
import Foundation

/// Right prism ABC-A'B'C' whose base is a right triangle (right angle at C), turned
/// to a random bearing and drawn in cabinet projection. Difficulty 1 asks the volume
/// from the legs and the height; 2 the lateral or total surface area (hypotenuse
/// first); 3 gives the hypotenuse and one leg and asks the volume or the total
/// surface area (the other leg first).
public struct RightTriangularPrism: ProblemFamily {
    public init() {}
    public let id = "solid.right_triangular_prism"
    public let subject = Subject.solid
    public let answerTypes: [AnswerType] = [.integer, .fraction, .choice]
    public let agreementTolerance = 1e-6

    enum Target: String, Sendable { case volume, lateralArea = "lateral_area", surfaceArea = "surface_area" }

    public struct Instance: Sendable {
        /// Labels of A, B, C, A', B', C'.
        var names: [String]
        /// Legs CB = a and CA = b, hypotenuse AB = c (0 when not a whole number), height h.
        var a: Int, b: Int, c: Int, h: Int
        var target: Target
        var difficulty: Int
        var view: SolidView
        /// Vertices A, B, C, A', B', C'.
        var solid: Polyhedron
        /// Which lateral edge (0 A, 1 B, 2 C) carries the height.
        var heightEdge: Int
        var hypotenuseGiven: Bool { difficulty == 3 }
    }

    static let roles = ["A", "B", "C", "A1", "B1", "C1"]

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let target: Target
        switch difficulty {
        case 1: target = .volume
        case 2: target = rng.chance(0.5) ? .lateralArea : .surfaceArea
        default: target = rng.chance(0.5) ? .volume : .surfaceArea
        }
        return try redrawing(&rng) { rng in
            var a: Int, b: Int, c = 0
            if difficulty == 1 {
                a = rng.int(2...15); b = rng.int(2...15)
            } else {
                let t = rng.pick(SolidAnswer.triples.filter { $0.2 <= 26 })
                (a, b, c) = rng.chance(0.5) ? (t.0, t.1, t.2) : (t.1, t.0, t.2)
            }
            guard max(a, b) <= 3 * min(a, b) else { throw GenerationFailure.degenerate("base triangle too thin") }
            let size = max(a, b)
            let h = rng.int(max(2, size / 2)...max(4, size * 3 / 2))
            // C at the origin, CA along a random bearing, CB a quarter turn counter-clockwise:
            // A, B, C then run counter-clockwise seen from above.
            let phi = rng.double(0...(2 * .pi))
            let ca = Vec3(cos(phi), sin(phi), 0), cb = Vec3(-sin(phi), cos(phi), 0)
            let C = Vec3.zero, A = C + ca * Double(b), B = C + cb * Double(a)
            let solid = Polyhedron.prism(base: [A, B, C], shift: Vec3(0, 0, Double(h)))
            let view = SolidView.randomCabinet(&rng)
            guard solid.leastObliquity(in: view) > 0.12 else {
                throw GenerationFailure.degenerate("a face is seen nearly edge-on")
            }
            // The height is written on the visible lateral edge farthest out on paper.
            let mid = view(solid.vertices.reduce(Vec3.zero, +) / 6).x
            let edges = solid.edges
            var heightEdge = 0, best = -1.0
            for k in 0..<3 {
                guard let e = edges.first(where: { $0.a == k && $0.b == k + 3 }),
                      solid.edgeIsVisible(e.faces, in: view) else { continue }
                let out = abs(view(solid.vertices[k]).x - mid)
                if out > best { best = out; heightEdge = k }
            }
            let i = Instance(names: SolidLabels.prism(3, &rng), a: a, b: b, c: c, h: h, target: target,
                             difficulty: difficulty, view: view, solid: solid, heightEdge: heightEdge)
            try sketch(i).checkLegible()
            return i
        }
    }

    public func solve(_ i: Instance) -> Double {
        let a = Double(i.a), h = Double(i.h)
        // Difficulty 3 knows the hypotenuse and leg a: the other leg by Pythagoras.
        let b = i.hypotenuseGiven ? (Double(i.c * i.c) - a * a).squareRoot() : Double(i.b)
        let c = (a * a + b * b).squareRoot()
        let base = a * b / 2
        switch i.target {
        case .volume: return base * h
        case .lateralArea: return (a + b + c) * h
        case .surfaceArea: return 2 * base + (a + b + c) * h
        }
    }

    public func measure(_ i: Instance) -> Double {
        switch i.target {
        case .volume: return i.solid.volume
        case .lateralArea: return (2..<5).reduce(0) { $0 + i.solid.area($1) }
        case .surfaceArea: return i.solid.surfaceArea
        }
    }

    func sketch(_ i: Instance) -> SolidSketch {
        let v = i.solid.vertices
        var k = SolidSketch(view: i.view)
        k.draw(i.solid, labels: i.names)
        let center = v.reduce(Vec3.zero, +) / 6
        let (A, B, C) = (v[0], v[1], v[2])
        k.rightAngle(at: C, A, B)
        let e = i.heightEdge
        k.rightAngle(at: v[e], v[e + 3], v[(e + 1) % 3])
        k.value(C, B, SolidAnswer.cm(Double(i.a)), away: center)
        if i.hypotenuseGiven {
            k.value(A, B, SolidAnswer.cm(Double(i.c)), away: center)
        } else {
            k.value(C, A, SolidAnswer.cm(Double(i.b)), away: center)
        }
        k.value(v[e], v[e + 3], SolidAnswer.cm(Double(i.h)), away: center)
        return k
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (a, b, h) = (i.a, i.b, i.h)
        let n = i.names
        var p: [String: String] = Dictionary(uniqueKeysWithValues: zip(Self.roles, n))
        p["a"] = String(a); p["b"] = String(b); p["c"] = String(i.c); p["h"] = String(h)
        p["X"] = n[i.heightEdge]; p["X1"] = n[i.heightEdge + 3]
        let base = Exact(a * b, 2)
        let lateral = (a + b + i.c) * h
        let volume = base.times(h)
        let total = base.times(2).value + Double(lateral)
        p["base"] = base.text(.decimal)
        p["twobase"] = String(a * b)
        p["L"] = String(lateral)
        p["V"] = volume.text(.decimal)
        p["S"] = formatNumber(total)
        p["perimeter"] = String(a + b + i.c)

        var facts = [Fact(.descriptive, "di_prism", p), Fact(.implicit, "ip_right_angles", p)]
        var steps: [Phrase] = []
        if i.hypotenuseGiven {
            facts.append(Fact(.essential, "ec_hypotenuse_leg_height", p))
            steps.append(Phrase("step_leg", p))
        } else {
            facts.append(Fact(.essential, "ec_legs_height", p))
        }
        let exact: Exact, unit: String, mistakes: [Exact]
        switch i.target {
        case .volume:
            exact = volume; unit = "cm3"
            mistakes = [Exact(a * b * h), base.times(h, 3), Exact((a + b) * h), Exact(a * b * h, 4)]
            steps += [Phrase("step_base_area", p), Phrase("step_volume", p)]
        case .lateralArea:
            exact = Exact(lateral); unit = "cm2"
            mistakes = [Exact((a + b) * h), Exact(lateral + a * b), Exact(a * b * h, 2), Exact(lateral * 2)]
            steps += [Phrase("step_hypotenuse", p), Phrase("step_lateral", p)]
        case .surfaceArea:
            exact = Exact(lateral + a * b); unit = "cm2"
            mistakes = [Exact(lateral), Exact(lateral * 2 + a * b), Exact(2 * lateral + a * b), Exact(lateral + a * b, 2)]
            if !i.hypotenuseGiven { steps.append(Phrase("step_hypotenuse", p)) }
            steps += [Phrase("step_base_area", p), Phrase("step_lateral", p), Phrase("step_total", p)]
        }
        let ans = SolidAnswer.make(exact, form: .exact, unit: unit, mistakes: mistakes, rng: &rng, options: options)
        let givens: JSONValue = i.hypotenuseGiven
            ? ["leg_CB": .int(a), "hypotenuse_AB": .int(i.c), "height": .int(h)]
            : ["leg_CB": .int(a), "leg_CA": .int(b), "height": .int(h)]
        let spec: JSONValue = [
            "labels": SolidLabels.json(Self.roles, n),
            "givens": givens,
            "target": .string(i.target.rawValue),
            "difficulty": .int(i.difficulty),
            "right_angle": "ACB",
            "height_edge": .string(n[i.heightEdge] + n[i.heightEdge + 3]),
            "layout": "base ABC counter-clockwise seen from above, A1B1C1 above it (lateral edges vertical)",
            "view": i.view.json,
            "coordinates": SolidLabels.coordinates(Self.roles, i.solid.vertices),
        ]
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts,
                       question: Phrase("question_" + i.target.rawValue, p), answer: ans, steps: steps,
                       scene: sketch(i).scene, solved: answer, measured: answer)
    }
}
