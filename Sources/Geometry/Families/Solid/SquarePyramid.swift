import DatasetFormat
import Foundation

/// Regular square pyramid P-ABCD with base centre O and M the midpoint of a base
/// edge, in cabinet projection. Difficulty 1 asks the volume from the base edge and
/// the height; 2 the slant height PM (OM = a/2, then Pythagoras in POM); 3 the
/// lateral or total surface area (slant height first), or the volume when the
/// slant height is given instead of the height.
public struct SquarePyramid: ProblemFamily {
    public init() {}
    public let id = "solid.square_pyramid"
    public let subject = Subject.solid
    public let answerTypes: [AnswerType] = [.integer, .fraction, .expression, .choice]
    public let agreementTolerance = 1e-6

    enum Target: String, Sendable {
        case volume, slantHeight = "slant_height", lateralArea = "lateral_area", surfaceArea = "surface_area"
    }

    public struct Instance: Sendable {
        /// Labels of A, B, C, D, P, O, M.
        var names: [String]
        /// Base edge (even whenever the slant height is used, so OM is whole).
        var a: Int
        /// Height PO and slant height PM, exactly; one of them is given, the other follows.
        var height: Exact, slant: Exact
        var target: Target
        var difficulty: Int
        var view: SolidView
        /// Vertices A, B, C, D, P.
        var solid: Polyhedron
        var start: Int
        var o: Vec3, m: Vec3
        /// The slant height PM is given instead of the height (difficulty 3, volume).
        var slantGiven: Bool
        /// Base corners (indices into the solid) at the ends of the edge through M, front left first.
        var edgeM: (Int, Int) { (Polyhedron.boxIndex(0, top: false, start: start), Polyhedron.boxIndex(1, top: false, start: start)) }
        /// The receding base edge on the side the depth recedes to, which carries the base edge's value.
        var sideEdge: (Int, Int) {
            let right = view.toViewer.x > 0
            return right ? (Polyhedron.boxIndex(1, top: false, start: start), Polyhedron.boxIndex(2, top: false, start: start))
                         : (Polyhedron.boxIndex(0, top: false, start: start), Polyhedron.boxIndex(3, top: false, start: start))
        }
    }

    static let roles = ["A", "B", "C", "D", "P", "O", "M"]

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let target: Target
        switch difficulty {
        case 1: target = .volume
        case 2: target = .slantHeight
        default: target = rng.pick([.lateralArea, .surfaceArea, .volume])
        }
        let slantGiven = difficulty == 3 && target == .volume
        return try redrawing(&rng) { rng in
            var a: Int, height: Exact, slant: Exact
            if difficulty == 1 {
                // Only the volume is asked: the edge may be odd (PM = √(4h² + a²) / 2 is not used).
                a = rng.int(2...20); height = Exact(rng.int(2...20))
                slant = Exact.sqrt(4 * height.num * height.num + a * a).times(1, 2)
            } else if target == .surfaceArea || rng.chance(0.5) {
                // OM, PO and PM whole: half the edge and the height are the legs of a triple.
                let t = rng.pick(SolidAnswer.triples)
                let (half, h) = rng.chance(0.5) ? (t.0, t.1) : (t.1, t.0)
                a = 2 * half; height = Exact(h); slant = Exact(t.2)
            } else if slantGiven {
                let half = rng.int(1...10), l = rng.int((half + 1)...30)
                a = 2 * half; slant = Exact(l); height = Exact.sqrt(l * l - half * half)
            } else {
                let half = rng.int(1...10), h = rng.int(2...20)
                a = 2 * half; height = Exact(h); slant = Exact.sqrt(h * h + half * half)
            }
            guard 3 * height.value >= Double(a), height.value <= 3 * Double(a) else {
                throw GenerationFailure.degenerate("pyramid too flat or too steep")
            }
            let view = SolidView.randomCabinet(&rng)
            let start = rng.chance(0.6) ? 0 : rng.int(0...3)
            let s = Double(a) / 2
            let corners = [Vec3(-s, -s, 0), Vec3(s, -s, 0), Vec3(s, s, 0), Vec3(-s, s, 0)]
            let base = (0..<4).map { corners[(start + $0) % 4] }
            let solid = Polyhedron.pyramid(base: base, apex: Vec3(0, 0, height.value))
            guard solid.leastObliquity(in: view) > 0.1 else {
                throw GenerationFailure.degenerate("a face is seen nearly edge-on")
            }
            let i = Instance(names: Labels.draw(7, &rng), a: a, height: height, slant: slant, target: target,
                             difficulty: difficulty, view: view, solid: solid, start: start, o: .zero,
                             m: corners[0].mid(corners[1]), slantGiven: slantGiven)
            try sketch(i).checkLegible()
            return i
        }
    }

    public func solve(_ i: Instance) -> Double {
        let a = Double(i.a), om = a / 2
        // With the slant height given, the height is a leg of right triangle POM.
        let h = i.slantGiven ? (i.slant.value * i.slant.value - om * om).squareRoot() : i.height.value
        let pm = (h * h + om * om).squareRoot()
        switch i.target {
        case .volume: return a * a * h / 3
        case .slantHeight: return pm
        case .lateralArea: return 4 * a * pm / 2
        case .surfaceArea: return a * a + 4 * a * pm / 2
        }
    }

    public func measure(_ i: Instance) -> Double {
        let v = i.solid.vertices
        switch i.target {
        case .volume: return i.solid.volume
        case .slantHeight: return v[4].distance(to: i.m)
        case .lateralArea: return (1..<5).reduce(0) { $0 + i.solid.area($1) }
        case .surfaceArea: return i.solid.surfaceArea
        }
    }

    func sketch(_ i: Instance) -> SolidSketch {
        let v = i.solid.vertices
        var k = SolidSketch(view: i.view)
        k.draw(i.solid, labels: Array(i.names.prefix(5)))
        let p = v[4], e = i.edgeM, side = i.sideEdge
        k.segment(p, i.o, hidden: true)
        k.segment(i.o, i.m, hidden: true)
        k.segment(p, i.m, hidden: k.isHidden(p, i.m, on: i.solid))
        k.point(i.o, i.names[5], dot: true)
        k.point(i.m, i.names[6], dot: true)
        k.rightAngle(at: i.o, p, i.m)
        k.rightAngle(at: i.m, p, v[e.1])
        k.value(v[side.0], v[side.1], SolidAnswer.cm(Double(i.a)), away: i.o)
        // The height and the slant height run inside the fan of lateral edges, where a
        // value beside them would touch an edge: they are written as a note instead.
        if i.slantGiven {
            k.note(i.names[4] + i.names[6] + " = " + SolidAnswer.cm(i.slant))
        } else {
            k.note(i.names[4] + i.names[5] + " = " + SolidAnswer.cm(i.height))
        }
        return k
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let a = i.a, h = i.height, pm = i.slant
        let n = i.names
        var p: [String: String] = Dictionary(uniqueKeysWithValues: zip(Self.roles, n))
        p["E1"] = n[i.edgeM.0]; p["E2"] = n[i.edgeM.1]
        p["S1"] = n[i.sideEdge.0]; p["S2"] = n[i.sideEdge.1]
        p["a"] = String(a); p["h"] = h.text(.decimal); p["om"] = Exact(a, 2).text(.decimal); p["pm"] = pm.text(.decimal)
        let volume = h.times(a * a, 3), lateral = pm.times(2 * a)
        p["V"] = volume.text(.decimal)
        p["L"] = lateral.text(.decimal)
        var facts = [Fact(.descriptive, "di_pyramid", p), Fact(.implicit, "ip_perpendicular", p)]
        facts.append(Fact(.essential, i.slantGiven ? "ec_edge_slant" : "ec_edge_height", p))
        var steps: [Phrase] = []
        let exact: Exact, mistakes: [Exact]
        switch i.target {
        case .volume:
            exact = volume
            // Forgetting the third, the slant height for the height, the edge for its square.
            mistakes = [volume.times(3), pm.times(a * a, 3), h.times(a, 3), volume.times(1, 2)]
            if i.slantGiven { steps += [Phrase("step_om", p), Phrase("step_height", p)] }
            steps.append(Phrase("step_volume", p))
        case .slantHeight:
            exact = pm
            // The height is whole here: OM mistaken for the edge, the legs added, and so on.
            let hn = h.isInteger ? h.num : 0, om = a / 2
            mistakes = [Exact.sqrt(hn * hn + a * a), Exact(hn + om), Exact.sqrt(hn * hn + 2 * om * om),
                        Exact.sqrt(abs(hn * hn - om * om))]
            steps += [Phrase("step_om", p), Phrase("step_slant", p)]
        case .lateralArea:
            exact = lateral
            mistakes = [lateral.times(2), pm.times(a), h.times(2 * a), lateral.times(1, 2)]
            steps += [Phrase("step_om", p), Phrase("step_slant", p), Phrase("step_lateral", p)]
        case .surfaceArea:
            // Drawn from triples: the slant height and the height are whole.
            let l = pm.isInteger ? pm.num : 0, hn = h.isInteger ? h.num : 0
            exact = Exact(a * a + 2 * a * l)
            p["S"] = exact.text(.decimal)
            mistakes = [Exact(2 * a * l), Exact(a * a + 4 * a * l), Exact(a * a + 2 * a * hn), Exact(2 * a * a + 2 * a * l)]
            steps += [Phrase("step_om", p), Phrase("step_slant", p), Phrase("step_lateral", p), Phrase("step_total", p)]
        }
        let unit = i.target == .volume ? "cm3" : (i.target == .slantHeight ? "cm" : "cm2")
        let ans = SolidAnswer.make(exact, form: .exact, unit: unit, mistakes: mistakes, rng: &rng, options: options)
        let givens: JSONValue = i.slantGiven
            ? ["base_edge": .int(a), "slant_height_PM": .int(pm.num)]
            : ["base_edge": .int(a), "height_PO": .int(h.num)]
        let spec: JSONValue = [
            "labels": SolidLabels.json(Self.roles, n),
            "givens": givens,
            "target": .string(i.target.rawValue),
            "difficulty": .int(i.difficulty),
            "M_is_midpoint_of": .string(n[i.edgeM.0] + n[i.edgeM.1]),
            "layout": "square base ABCD counter-clockwise seen from above, centre O, apex P above O",
            "view": i.view.json,
            "coordinates": SolidLabels.coordinates(Self.roles, i.solid.vertices + [i.o, i.m]),
        ]
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts,
                       question: Phrase("question_" + i.target.rawValue, p), answer: ans, steps: steps,
                       scene: sketch(i).scene, solved: answer, measured: answer)
    }
}
