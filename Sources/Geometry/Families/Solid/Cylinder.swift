import DatasetFormat
import Foundation

/// Right circular cylinder with base centres O (bottom) and O' (top), A on the bottom
/// rim and B above it on the top rim (AB a generator), seen from slightly above.
/// Difficulty 1 asks the volume or the lateral area from the radius and the height;
/// 2 the total surface area; 3 gives the diameter instead of the radius and asks the
/// volume or the total surface area. π answers are exact or rounded.
public struct Cylinder: ProblemFamily {
    public init() {}
    public let id = "solid.cylinder"
    public let subject = Subject.solid
    public let answerTypes: [AnswerType] = [.expression, .decimal, .choice]
    public let agreementTolerance = 1e-3

    enum Target: String, Sendable { case volume, lateralArea = "lateral_area", surfaceArea = "surface_area" }

    public struct Instance: Sendable {
        /// Labels of O, O', A, B, C. With the diameter given, C ends the top diameter through B
        /// and the top centre is left unlabelled (its label would crowd the diameter's value).
        var names: [String]
        /// Radius in tenths of a centimetre (25 is 2.5 cm) and height in centimetres.
        var r: Int, h: Int
        var target: Target
        var difficulty: Int
        var form: SolidAnswer.PiForm
        var view: SolidView
        /// Constructed points: bottom centre, top centre, A on the bottom rim, B above A, C opposite B.
        var o: Vec3, o1: Vec3, a: Vec3, b: Vec3, c: Vec3
        var diameterGiven: Bool { difficulty == 3 }
    }

    static let roles = ["O", "O1", "A", "B", "C"]

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let target: Target
        switch difficulty {
        case 1: target = rng.chance(0.5) ? .volume : .lateralArea
        case 2: target = .surfaceArea
        default: target = rng.chance(0.5) ? .volume : .surfaceArea
        }
        let form: SolidAnswer.PiForm = rng.chance(0.4) ? .rounded : .exact
        return try redrawing(&rng) { rng in
            let r = rng.chance(0.6) ? 10 * rng.int(1...15) : rng.int(11...99)
            let h = rng.int(1...25)
            guard 10 * h >= 6 * r, 10 * h <= 25 * r else {
                throw GenerationFailure.degenerate("cylinder too flat or too slender")
            }
            let view = SolidView.randomElevated(&rng)
            // A on the right or the left outline edge.
            let side = rng.chance(0.5) ? 0 : Double.pi
            let o = Vec3.zero, o1 = Vec3(0, 0, Double(h))
            let radius = Double(r) / 10
            let a = SolidSketch.rimPoint(o, radius, side)
            let b = SolidSketch.rimPoint(o1, radius, side)
            let c = SolidSketch.rimPoint(o1, radius, side + .pi)
            let i = Instance(names: Labels.draw(5, &rng), r: r, h: h, target: target, difficulty: difficulty,
                             form: form, view: view, o: o, o1: o1, a: a, b: b, c: c)
            try sketch(i).checkLegible()
            return i
        }
    }

    public func solve(_ i: Instance) -> Double {
        // Difficulty 3 gives the diameter: the radius is half of it.
        let r = i.diameterGiven ? Double(2 * i.r) / 20 : Double(i.r) / 10, h = Double(i.h)
        switch i.target {
        case .volume: return Double.pi * r * r * h
        case .lateralArea: return 2 * Double.pi * r * h
        case .surfaceArea: return 2 * Double.pi * r * r + 2 * Double.pi * r * h
        }
    }

    /// The surface rebuilt as a mesh by turning the constructed profile O-A-B-O' about OO'.
    public func measure(_ i: Instance) -> Double {
        let axis = (i.o, i.o1)
        switch i.target {
        case .volume: return RevolutionMesh.measure(axis: axis, profile: { _ in [i.o, i.a, i.b, i.o1] }).volume
        case .lateralArea: return RevolutionMesh.measure(axis: axis, profile: { _ in [i.a, i.b] }).area
        case .surfaceArea: return RevolutionMesh.measure(axis: axis, profile: { _ in [i.o, i.a, i.b, i.o1] }).area
        }
    }

    func sketch(_ i: Instance) -> SolidSketch {
        var k = SolidSketch(view: i.view)
        let r = Double(i.r) / 10
        _ = k.baseRim(i.o, r, spread: 0)
        k.rim(i.o1, r, from: 0, to: 2 * .pi, hidden: false)
        for t in [0, Double.pi] {
            k.segment(SolidSketch.rimPoint(i.o, r, t), SolidSketch.rimPoint(i.o1, r, t), hidden: false)
        }
        k.segment(i.o, i.o1, hidden: true)
        k.segment(i.o, i.a, hidden: true)
        k.rightAngle(at: i.o, i.o1, i.a)
        k.point(i.o, i.names[0], dot: true)
        k.point(i.o1, i.diameterGiven ? "" : i.names[1], dot: true)
        k.point(i.a, i.names[2])
        k.point(i.b, i.names[3])
        if i.diameterGiven {
            k.segment(i.c, i.b, hidden: false)
            k.point(i.c, i.names[4])
            k.value(i.c, i.b, SolidAnswer.cm(Double(2 * i.r) / 10), away: i.o)
        } else {
            k.segment(i.o1, i.b, hidden: false)
            k.value(i.o1, i.b, SolidAnswer.cm(r), away: i.o)
        }
        k.value(i.a, i.b, SolidAnswer.cm(Double(i.h)), away: i.o)
        return k
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (r, h) = (i.r, i.h)
        let n = i.names
        var p: [String: String] = Dictionary(uniqueKeysWithValues: zip(Self.roles, n))
        // r is in tenths: areas carry /100 (or /10 with one factor r), volumes /100.
        p["r"] = Exact(r, 10).text(.decimal); p["h"] = String(h); p["d"] = Exact(2 * r, 10).text(.decimal)
        let volume = Exact(r * r * h, 100, pi: 1), lateral = Exact(2 * r * h, 10, pi: 1)
        let bases = Exact(2 * r * r, 100, pi: 1), total = Exact(2 * r * r + 20 * r * h, 100, pi: 1)
        let shown = { (e: Exact, final: Bool) -> String in
            final && i.form == .rounded ? e.text(.decimal) + " ≈ " + twoPlaces(e.value) : e.text(.decimal)
        }
        p["V"] = shown(volume, true); p["L"] = shown(lateral, i.target == .lateralArea)
        p["Sb"] = bases.text(.decimal); p["S"] = shown(total, true)

        var facts = [Fact(.descriptive, i.diameterGiven ? "di_cylinder_diameter" : "di_cylinder", p),
                     Fact(.implicit, i.diameterGiven ? "ip_axis_diameter" : "ip_axis", p)]
        var steps: [Phrase] = []
        if i.diameterGiven {
            facts.append(Fact(.essential, "ec_diameter_height", p))
            steps.append(Phrase("step_radius", p))
        } else {
            facts.append(Fact(.essential, "ec_radius_height", p))
        }
        let exact: Exact, unit: String, mistakes: [Exact]
        switch i.target {
        case .volume:
            exact = volume; unit = "cm3"
            mistakes = [Exact(4 * r * r * h, 100, pi: 1), Exact(2 * r * h, 10, pi: 1),
                        Exact(r * r * h, 300, pi: 1), Exact(r * r * h, 100)]
            steps.append(Phrase("step_volume", p))
        case .lateralArea:
            exact = lateral; unit = "cm2"
            mistakes = [Exact(r * h, 10, pi: 1), Exact(r * r * h, 100, pi: 1), total, Exact(2 * r * h, 10)]
            steps.append(Phrase("step_lateral", p))
        case .surfaceArea:
            exact = total; unit = "cm2"
            mistakes = [Exact(r * r + 20 * r * h, 100, pi: 1), lateral, Exact(8 * r * r + 40 * r * h, 100, pi: 1),
                        Exact(2 * r * r + 10 * r * h, 100, pi: 1)]
            steps += [Phrase("step_bases", p), Phrase("step_lateral", p), Phrase("step_total", p)]
        }
        let ans = SolidAnswer.make(exact, form: i.form, unit: unit, mistakes: mistakes, rng: &rng, options: options)
        let givens: JSONValue = i.diameterGiven ? ["diameter": .double(Double(2 * r) / 10), "height": .int(h)]
                                                : ["radius": .double(Double(r) / 10), "height": .int(h)]
        let used = i.diameterGiven ? [0, 2, 3, 4] : [0, 1, 2, 3]
        let points = [i.o, i.o1, i.a, i.b, i.c]
        let spec: JSONValue = [
            "labels": SolidLabels.json(used.map { Self.roles[$0] }, used.map { n[$0] }),
            "givens": givens,
            "target": .string(i.target.rawValue),
            "difficulty": .int(i.difficulty),
            "answer_form": .string(i.form.rawValue),
            "layout": "axis from O to the top centre O1 vertical, A on the bottom rim, B above A on the top rim, C (if any) opposite B",
            "view": i.view.json,
            "coordinates": SolidLabels.coordinates(used.map { Self.roles[$0] } + (i.diameterGiven ? ["top_center"] : []),
                                                   used.map { points[$0] } + (i.diameterGiven ? [i.o1] : [])),
        ]
        let key = "question_" + i.target.rawValue + (i.form == .rounded ? "_round" : "")
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts, question: Phrase(key, p),
                       answer: ans, steps: steps, scene: sketch(i).scene, solved: answer, measured: answer)
    }
}
