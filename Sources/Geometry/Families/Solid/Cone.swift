import DatasetFormat
import Foundation

/// Right circular cone with apex P, base centre O and A on the base rim where the
/// outline touches it (PA a slant edge), seen from slightly above. Difficulty 1 asks
/// the slant height or the volume from the radius and the height; 2 the lateral
/// area (slant height first); 3 the total surface area, or the volume when the slant
/// height is given instead of the height (height first).
public struct Cone: ProblemFamily {
    public init() {}
    public let id = "solid.cone"
    public let subject = Subject.solid
    public let answerTypes: [AnswerType] = [.integer, .decimal, .expression, .choice]
    public let agreementTolerance = 1e-3

    enum Target: String, Sendable {
        case slantHeight = "slant_height", volume, lateralArea = "lateral_area", surfaceArea = "surface_area"
    }

    public struct Instance: Sendable {
        /// Labels of P, O, A.
        var names: [String]
        /// Radius in tenths of a centimetre (whole centimetres except for the plain volume).
        var r: Int
        /// Height and slant height, exactly; one of them is given, the other follows.
        var height: Exact, slant: Exact
        var target: Target
        var difficulty: Int
        var form: SolidAnswer.PiForm
        var view: SolidView
        var p: Vec3, o: Vec3, a: Vec3
        /// The slant height is given instead of the height (difficulty 3, volume).
        var slantGiven: Bool
    }

    static let roles = ["P", "O", "A"]

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let target: Target
        switch difficulty {
        case 1: target = rng.chance(0.5) ? .slantHeight : .volume
        case 2: target = .lateralArea
        default: target = rng.chance(0.5) ? .surfaceArea : .volume
        }
        let slantGiven = difficulty == 3 && target == .volume
        let form: SolidAnswer.PiForm = rng.chance(0.4) ? .rounded : .exact
        return try redrawing(&rng) { rng in
            var r: Int, height: Exact, slant: Exact
            if target == .surfaceArea || (target != .volume && rng.chance(0.5)) {
                // A whole slant height: radius and height are the legs of a Pythagorean triple.
                let t = rng.pick(SolidAnswer.triples)
                let (leg1, leg2) = rng.chance(0.5) ? (t.0, t.1) : (t.1, t.0)
                r = 10 * leg1; height = Exact(leg2); slant = Exact(t.2)
            } else if slantGiven {
                let rr = rng.int(1...15), l = rng.int((rr + 1)...30)
                r = 10 * rr; slant = Exact(l); height = Exact.sqrt(l * l - rr * rr)
            } else {
                r = target == .volume && rng.chance(0.4) ? rng.int(11...99) : 10 * rng.int(1...15)
                let h = rng.int(1...25)
                // l = √(r² + h²) with r in tenths: √(r10² + 100h²) / 10.
                height = Exact(h); slant = Exact.sqrt(r * r + 100 * h * h).times(1, 10)
            }
            let radius = Double(r) / 10
            guard height.value >= 0.6 * radius, height.value <= 3 * radius else {
                throw GenerationFailure.degenerate("cone too flat or too slender to draw")
            }
            let view = SolidView.randomElevated(&rng)
            // The outline touches the base rim where sin t = r tan(elevation) / h.
            let spread = radius * tan(view.angle) / height.value
            guard spread < 0.8 else { throw GenerationFailure.degenerate("apex nearly inside the base on paper") }
            let tangent = asin(spread)
            let side = rng.chance(0.5) ? tangent : .pi - tangent
            let o = Vec3.zero, p = Vec3(0, 0, height.value)
            let a = SolidSketch.rimPoint(o, radius, side)
            let i = Instance(names: Labels.draw(3, &rng), r: r, height: height, slant: slant, target: target,
                             difficulty: difficulty, form: form, view: view, p: p, o: o, a: a, slantGiven: slantGiven)
            try sketch(i).checkLegible()
            return i
        }
    }

    public func solve(_ i: Instance) -> Double {
        let r = Double(i.r) / 10
        // With the slant height given, the height is a leg of right triangle POA.
        let h = i.slantGiven ? (i.slant.value * i.slant.value - r * r).squareRoot() : i.height.value
        let l = (r * r + h * h).squareRoot()
        switch i.target {
        case .slantHeight: return l
        case .volume: return Double.pi * r * r * h / 3
        case .lateralArea: return Double.pi * r * l
        case .surfaceArea: return Double.pi * r * r + Double.pi * r * l
        }
    }

    /// Distances on the constructed points; volume and areas from the mesh of the
    /// triangle O-A-P turned about OP.
    public func measure(_ i: Instance) -> Double {
        let axis = (i.o, i.p)
        switch i.target {
        case .slantHeight: return i.p.distance(to: i.a)
        case .volume: return RevolutionMesh.measure(axis: axis, profile: { _ in [i.o, i.a, i.p] }).volume
        case .lateralArea: return RevolutionMesh.measure(axis: axis, profile: { _ in [i.a, i.p] }).area
        case .surfaceArea: return RevolutionMesh.measure(axis: axis, profile: { _ in [i.o, i.a, i.p] }).area
        }
    }

    func sketch(_ i: Instance) -> SolidSketch {
        var k = SolidSketch(view: i.view)
        let r = Double(i.r) / 10
        let (t1, t2) = k.baseRim(i.o, r, spread: r * tan(i.view.angle) / i.height.value)
        for t in [t1, t2] { k.segment(i.p, SolidSketch.rimPoint(i.o, r, t), hidden: false) }
        k.segment(i.p, i.o, hidden: true)
        k.segment(i.o, i.a, hidden: true)
        k.rightAngle(at: i.o, i.p, i.a)
        k.point(i.p, i.names[0])
        k.point(i.o, i.names[1], dot: true)
        k.point(i.a, i.names[2])
        k.value(i.o, i.a, SolidAnswer.cm(r), away: i.p)
        if i.slantGiven {
            k.value(i.p, i.a, SolidAnswer.cm(i.slant), away: i.o)
        } else {
            k.value(i.p, i.o, SolidAnswer.cm(i.height), away: i.a)
        }
        return k
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let r = i.r, h = i.height, l = i.slant
        let n = i.names
        var p: [String: String] = Dictionary(uniqueKeysWithValues: zip(Self.roles, n))
        p["r"] = Exact(r, 10).text(.decimal); p["h"] = h.text(.decimal); p["l"] = l.text(.decimal)
        // r is in tenths: r² carries /100. The height may be a root (slant given).
        let r2 = Exact(r * r, 100)
        let volume = h.times(r * r, 300) * Exact.pi, lateral = l.times(r, 10) * Exact.pi
        let base = r2 * Exact.pi
        let shown = { (e: Exact) -> String in
            i.form == .rounded ? e.text(.decimal) + " ≈ " + twoPlaces(e.value) : e.text(.decimal)
        }
        p["V"] = shown(volume); p["L"] = i.target == .lateralArea ? shown(lateral) : lateral.text(.decimal)
        p["Sb"] = base.text(.decimal)

        var facts = [Fact(.descriptive, "di_cone", p), Fact(.implicit, "ip_axis", p)]
        facts.append(Fact(.essential, i.slantGiven ? "ec_radius_slant" : "ec_radius_height", p))
        var steps: [Phrase] = []
        let exact: Exact, unit: String, mistakes: [Exact]
        switch i.target {
        case .slantHeight:
            exact = l; unit = "cm"
            // Here the height is whole: r + h, the legs subtracted, h not squared, r counted twice.
            let hn = h.isInteger ? h.num : 0
            mistakes = [Exact(r + 10 * hn, 10), Exact.sqrt(abs(100 * hn * hn - r * r)).times(1, 10),
                        Exact.sqrt(r * r + 100 * hn).times(1, 10), Exact.sqrt(2 * r * r + 100 * hn * hn).times(1, 10)]
            steps.append(Phrase("step_slant", p))
        case .volume:
            exact = volume; unit = "cm3"
            // Forgetting the third, the slant height for the height, the diameter for the radius.
            mistakes = [volume.times(3), l.times(r * r, 300) * Exact.pi, volume.times(4), volume.times(12)]
            if i.slantGiven { steps.append(Phrase("step_height", p)) }
            steps.append(Phrase("step_volume", p))
        case .lateralArea:
            exact = lateral; unit = "cm2"
            mistakes = [h.times(r, 10) * Exact.pi, lateral.times(2), lateral.times(1, 2), l.times(r * r, 100) * Exact.pi]
            steps += [Phrase("step_slant", p), Phrase("step_lateral", p)]
        case .surfaceArea:
            // Whole radius and slant height here: the sum is one multiple of π.
            let rl = (r / 10) * (l.isInteger ? l.num : 0), rr = (r / 10) * (r / 10)
            exact = Exact(rr + rl, pi: 1); unit = "cm2"
            mistakes = [lateral, Exact(rr + (r / 10) * (h.isInteger ? h.num : 0), pi: 1), Exact(2 * rr + rl, pi: 1),
                        Exact(rr + 2 * rl, pi: 1)]
            p["S"] = shown(exact)
            steps += [Phrase("step_slant", p), Phrase("step_lateral", p), Phrase("step_base", p), Phrase("step_total", p)]
        }
        let ans = SolidAnswer.make(exact, form: i.form, unit: unit, mistakes: mistakes, rng: &rng, options: options)
        let givens: JSONValue = i.slantGiven
            ? ["radius": .double(Double(r) / 10), "slant_height": .int(l.num)]
            : ["radius": .double(Double(r) / 10), "height": .int(h.num)]
        let spec: JSONValue = [
            "labels": SolidLabels.json(Self.roles, n),
            "givens": givens,
            "target": .string(i.target.rawValue),
            "difficulty": .int(i.difficulty),
            "answer_form": .string(exact.hasPi ? i.form.rawValue : "exact"),
            "layout": "apex P above the base centre O, A on the base rim",
            "view": i.view.json,
            "coordinates": SolidLabels.coordinates(Self.roles, [i.p, i.o, i.a]),
        ]
        let rounded = i.form == .rounded && exact.hasPi
        let key = "question_" + i.target.rawValue + (rounded ? "_round" : "")
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts, question: Phrase(key, p),
                       answer: ans, steps: steps, scene: sketch(i).scene, solved: answer, measured: answer)
    }
}
