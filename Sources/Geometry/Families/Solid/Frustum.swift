import DatasetFormat
import Foundation

/// Frustum of a right circular cone: bottom centre O, top centre O', A on the bottom
/// rim and A' above it on the top rim where the outline touches both rims (AA' a
/// slant edge), seen from slightly above. Difficulty 1 asks the volume or the slant
/// height from both radii and the height; 2 the lateral area (slant height first);
/// 3 the total surface area, or the volume when the slant height replaces the height.
public struct Frustum: ProblemFamily {
    public init() {}
    public let id = "solid.frustum"
    public let subject = Subject.solid
    public let answerTypes: [AnswerType] = [.integer, .expression, .decimal, .choice]
    public let agreementTolerance = 1e-3

    enum Target: String, Sendable {
        case volume, slantHeight = "slant_height", lateralArea = "lateral_area", surfaceArea = "surface_area"
    }

    public struct Instance: Sendable {
        /// Labels of O, A, O', A'.
        var names: [String]
        /// Top radius, bottom radius and height; the slant height is whole ((r2 - r1, h, l) a
        /// Pythagorean triple) wherever it is given or added to another area.
        var r1: Int, r2: Int, h: Int
        var slant: Exact { Exact.sqrt((r2 - r1) * (r2 - r1) + h * h) }
        var target: Target
        var difficulty: Int
        var form: SolidAnswer.PiForm
        var view: SolidView
        var o: Vec3, a: Vec3, o1: Vec3, a1: Vec3
        var slantGiven: Bool
    }

    static let roles = ["O", "A", "O1", "A1"]

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let target: Target
        switch difficulty {
        case 1: target = rng.chance(0.5) ? .volume : .slantHeight
        case 2: target = .lateralArea
        default: target = rng.chance(0.5) ? .surfaceArea : .volume
        }
        let slantGiven = difficulty == 3 && target == .volume
        let form: SolidAnswer.PiForm = rng.chance(0.4) ? .rounded : .exact
        return try redrawing(&rng) { rng in
            var d: Int, h: Int
            if difficulty == 3 || (target == .slantHeight && rng.chance(0.6)) || (difficulty == 2 && rng.chance(0.7)) {
                let t = rng.pick(SolidAnswer.triples.filter { $0.2 <= 26 })
                (d, h) = rng.chance(0.5) ? (t.0, t.1) : (t.1, t.0)
            } else {
                d = rng.int(1...12); h = rng.int(1...20)
            }
            let r1 = rng.int(1...12), r2 = r1 + d
            guard 2 * h >= r2, h <= 2 * r2, 3 * r1 >= r2 else {
                throw GenerationFailure.degenerate("frustum too flat, too tall or too pointed to draw")
            }
            let view = SolidView.randomElevated(&rng)
            let spread = Double(d) * tan(view.angle) / Double(h)
            guard spread < 0.8 else { throw GenerationFailure.degenerate("outline nearly misses the base") }
            let tangent = asin(spread)
            let side = rng.chance(0.5) ? tangent : .pi - tangent
            let o = Vec3.zero, o1 = Vec3(0, 0, Double(h))
            let a = SolidSketch.rimPoint(o, Double(r2), side), a1 = SolidSketch.rimPoint(o1, Double(r1), side)
            let i = Instance(names: SolidLabels.prism(2, &rng), r1: r1, r2: r2, h: h, target: target,
                             difficulty: difficulty, form: form, view: view, o: o, a: a, o1: o1, a1: a1,
                             slantGiven: slantGiven)
            try sketch(i).checkLegible()
            return i
        }
    }

    public func solve(_ i: Instance) -> Double {
        let r1 = Double(i.r1), r2 = Double(i.r2), d = r2 - r1
        // The slant edge, the height and the drop r2 - r1 form a right triangle.
        let h = i.slantGiven ? (i.slant.value * i.slant.value - d * d).squareRoot() : Double(i.h)
        let l = (h * h + d * d).squareRoot()
        switch i.target {
        case .volume: return Double.pi * h * (r1 * r1 + r1 * r2 + r2 * r2) / 3
        case .slantHeight: return l
        case .lateralArea: return Double.pi * (r1 + r2) * l
        case .surfaceArea: return Double.pi * (r1 * r1 + r2 * r2) + Double.pi * (r1 + r2) * l
        }
    }

    /// Distances on the constructed points; volume and areas from the mesh of the
    /// trapezoid O-A-A'-O' turned about OO'.
    public func measure(_ i: Instance) -> Double {
        let axis = (i.o, i.o1)
        switch i.target {
        case .slantHeight: return i.a.distance(to: i.a1)
        case .volume: return RevolutionMesh.measure(axis: axis, profile: { _ in [i.o, i.a, i.a1, i.o1] }).volume
        case .lateralArea: return RevolutionMesh.measure(axis: axis, profile: { _ in [i.a, i.a1] }).area
        case .surfaceArea: return RevolutionMesh.measure(axis: axis, profile: { _ in [i.o, i.a, i.a1, i.o1] }).area
        }
    }

    func sketch(_ i: Instance) -> SolidSketch {
        var k = SolidSketch(view: i.view)
        let r1 = Double(i.r1), r2 = Double(i.r2)
        let (t1, t2) = k.baseRim(i.o, r2, spread: (r2 - r1) * tan(i.view.angle) / Double(i.h))
        k.rim(i.o1, r1, from: 0, to: 2 * .pi, hidden: false)
        for t in [t1, t2] {
            k.segment(SolidSketch.rimPoint(i.o, r2, t), SolidSketch.rimPoint(i.o1, r1, t), hidden: false)
        }
        k.segment(i.o, i.o1, hidden: true)
        k.segment(i.o, i.a, hidden: true)
        k.segment(i.o1, i.a1, hidden: false)
        k.rightAngle(at: i.o, i.o1, i.a)
        k.point(i.o, i.names[0], dot: true)
        k.point(i.a, i.names[1])
        k.point(i.o1, i.names[2], dot: true)
        k.point(i.a1, i.names[3])
        k.value(i.o1, i.a1, SolidAnswer.cm(r1), away: i.o)
        k.value(i.o, i.a, SolidAnswer.cm(r2), away: i.o1)
        if i.slantGiven {
            k.value(i.a, i.a1, SolidAnswer.cm(i.slant), away: i.o)
        } else {
            k.value(i.o, i.o1, SolidAnswer.cm(Double(i.h)), away: i.a)
        }
        return k
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let (r1, r2, h) = (i.r1, i.r2, i.h)
        let n = i.names
        let slant = i.slant
        // A whole slant height (difficulty 3 always has one) lets the areas add up.
        let l = slant.isInteger ? slant.num : 0
        var p: [String: String] = Dictionary(uniqueKeysWithValues: zip(Self.roles, n))
        p["r1"] = String(r1); p["r2"] = String(r2); p["h"] = String(h); p["l"] = slant.text(.decimal); p["d"] = String(r2 - r1)
        let sumSquares = r1 * r1 + r1 * r2 + r2 * r2
        p["q"] = String(sumSquares)
        let volume = Exact(h * sumSquares, 3, pi: 1), lateral = slant.times(r1 + r2) * Exact.pi
        let bases = Exact(r1 * r1 + r2 * r2, pi: 1), total = Exact(r1 * r1 + r2 * r2 + (r1 + r2) * l, pi: 1)
        let shown = { (e: Exact) -> String in
            i.form == .rounded ? e.text(.decimal) + " ≈ " + twoPlaces(e.value) : e.text(.decimal)
        }
        p["V"] = shown(volume); p["L"] = i.target == .lateralArea ? shown(lateral) : lateral.text(.decimal)
        p["Sb"] = bases.text(.decimal); p["S"] = shown(total)

        var facts = [Fact(.descriptive, "di_frustum", p), Fact(.implicit, "ip_axis", p)]
        facts.append(Fact(.essential, i.slantGiven ? "ec_radii_slant" : "ec_radii_height", p))
        var steps: [Phrase] = []
        let exact: Exact, unit: String, mistakes: [Exact]
        switch i.target {
        case .slantHeight:
            exact = slant; unit = "cm"
            mistakes = [Exact.sqrt(h * h + r2 * r2), Exact.sqrt(h * h + r1 * r1), Exact(h + r2 - r1),
                        Exact.sqrt(h * h + (r1 + r2) * (r1 + r2))]
            steps.append(Phrase("step_slant", p))
        case .volume:
            exact = volume; unit = "cm3"
            mistakes = [Exact(h * sumSquares, pi: 1), Exact(h * (r1 * r1 + r2 * r2), 3, pi: 1),
                        Exact(h * (r1 * r1 + r2 * r2), 2, pi: 1), Exact(h * sumSquares, 3)]
            if i.slantGiven { steps.append(Phrase("step_height", p)) }
            steps.append(Phrase("step_volume", p))
        case .lateralArea:
            exact = lateral; unit = "cm2"
            mistakes = [Exact((r1 + r2) * h, pi: 1), lateral.times(2), slant.times(r2) * Exact.pi,
                        lateral.times(1, 2)]
            steps += [Phrase("step_slant", p), Phrase("step_lateral", p)]
        case .surfaceArea:
            exact = total; unit = "cm2"
            mistakes = [lateral, Exact(r2 * r2 + (r1 + r2) * l, pi: 1), Exact(r1 * r1 + r2 * r2 + (r1 + r2) * h, pi: 1),
                        Exact(r1 * r1 + r2 * r2 + 2 * (r1 + r2) * l, pi: 1)]
            steps += [Phrase("step_slant", p), Phrase("step_lateral", p), Phrase("step_bases", p), Phrase("step_total", p)]
        }
        let ans = SolidAnswer.make(exact, form: i.form, unit: unit, mistakes: mistakes, rng: &rng, options: options)
        let givens: JSONValue = i.slantGiven
            ? ["top_radius": .int(r1), "bottom_radius": .int(r2), "slant_height": .int(l)]
            : ["top_radius": .int(r1), "bottom_radius": .int(r2), "height": .int(h)]
        let spec: JSONValue = [
            "labels": SolidLabels.json(Self.roles, n),
            "givens": givens,
            "target": .string(i.target.rawValue),
            "difficulty": .int(i.difficulty),
            "answer_form": .string(i.target == .slantHeight ? "exact" : i.form.rawValue),
            "layout": "axis OO1 vertical (O bottom), A on the bottom rim, A1 on the top rim above the same bearing",
            "view": i.view.json,
            "coordinates": SolidLabels.coordinates(Self.roles, [i.o, i.a, i.o1, i.a1]),
        ]
        let rounded = i.form == .rounded && i.target != .slantHeight
        let key = "question_" + i.target.rawValue + (rounded ? "_round" : "")
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts, question: Phrase(key, p),
                       answer: ans, steps: steps, scene: sketch(i).scene, solved: answer, measured: answer)
    }
}
