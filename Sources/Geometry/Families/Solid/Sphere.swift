import DatasetFormat
import Foundation

/// Sphere with centre O, drawn as its outline and its equator (the back half dashed),
/// seen from slightly above. Difficulty 1 asks the volume or the surface area from
/// the radius OA; 2 from the diameter AB; 3 gives the surface area (as a note) and
/// asks the volume, or gives the volume and asks the surface area (radius first).
public struct Sphere: ProblemFamily {
    public init() {}
    public let id = "solid.sphere"
    public let subject = Subject.solid
    public let answerTypes: [AnswerType] = [.expression, .decimal, .choice]
    public let agreementTolerance = 1e-3

    enum Target: String, Sendable { case volume, surfaceArea = "surface_area" }

    public struct Instance: Sendable {
        /// Labels of O, A, B.
        var names: [String]
        /// Radius in tenths of a centimetre.
        var r: Int
        var target: Target
        var difficulty: Int
        var form: SolidAnswer.PiForm
        var view: SolidView
        /// Centre, A and B the ends of a diameter on the equator, where it meets the outline.
        var o: Vec3, a: Vec3, b: Vec3
        /// Difficulty 3: the other of volume and surface area, given as a multiple of π.
        var givenMeasure: Exact?
    }

    static let roles = ["O", "A", "B"]

    public func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance {
        let difficulty = max(1, min(3, options.difficulty ?? rng.int(1...3)))
        let target: Target = rng.chance(0.5) ? .volume : .surfaceArea
        let form: SolidAnswer.PiForm = rng.chance(0.4) ? .rounded : .exact
        return try redrawing(&rng) { rng in
            let r = rng.chance(0.5) ? 10 * rng.int(1...30) : rng.int(11...99)
            let view = SolidView.randomElevated(&rng)
            let flip = rng.chance(0.5) ? 1.0 : -1.0
            let o = Vec3.zero
            let a = Vec3(flip * Double(r) / 10, 0, 0), b = Vec3(-flip * Double(r) / 10, 0, 0)
            var given: Exact?
            if difficulty == 3 {
                // The volume 4πr³/3 is given when the area is asked and the reverse.
                given = target == .volume ? Exact(4 * r * r, 100, pi: 1) : Exact(4 * r * r * r, 3000, pi: 1)
            }
            let i = Instance(names: Labels.draw(3, &rng), r: r, target: target, difficulty: difficulty, form: form,
                             view: view, o: o, a: a, b: b, givenMeasure: given)
            try sketch(i).checkLegible()
            return i
        }
    }

    public func solve(_ i: Instance) -> Double {
        var r = Double(i.r) / 10
        if i.difficulty == 2 { r = Double(2 * i.r) / 20 }  // the diameter is given
        if let g = i.givenMeasure {
            // S = 4πr² gives r = √(S / 4π); V = 4πr³/3 gives r = ∛(3V / 4π).
            r = i.target == .volume ? (g.value / (4 * Double.pi)).squareRoot() : cbrt(3 * g.value / (4 * Double.pi))
        }
        switch i.target {
        case .volume: return 4 * Double.pi * r * r * r / 3
        case .surfaceArea: return 4 * Double.pi * r * r
        }
    }

    /// The sphere rebuilt as a mesh: a meridian from the south pole through A to the
    /// north pole (poles at distance OA below and above O), turned about the vertical.
    public func measure(_ i: Instance) -> Double {
        let r = i.o.distance(to: i.a)
        let south = i.o - Vec3(0, 0, r), north = i.o + Vec3(0, 0, r)
        let meridian = { (m: Int) -> [Vec3] in
            (0...m).map { j in
                let phi = Double.pi * Double(j) / Double(m)
                return i.o + (south - i.o) * cos(phi) + (i.a - i.o) * sin(phi)
            }
        }
        let mesh = RevolutionMesh.measure(axis: (south, north), profile: meridian)
        return i.target == .volume ? mesh.volume : mesh.area
    }

    func sketch(_ i: Instance) -> SolidSketch {
        var k = SolidSketch(view: i.view)
        let r = Double(i.r) / 10
        // In a parallel view the outline of a sphere is a circle of the same radius.
        k.outline(i.o, r)
        _ = k.baseRim(i.o, r, spread: 0)
        k.point(i.o, i.names[0], dot: true)
        k.point(i.a, i.names[1])
        if i.difficulty == 2 {
            k.point(i.b, i.names[2])
            k.segment(i.b, i.a, hidden: false)
            k.value(i.b, i.a, SolidAnswer.cm(2 * r), away: i.o + Vec3(0, 0, r))
        } else {
            k.segment(i.o, i.a, hidden: false)
            if let g = i.givenMeasure {
                k.note((i.target == .volume ? "S = " + g.text(.decimal) + " cm²" : "V = " + g.text(.decimal) + " cm³"))
            } else {
                k.value(i.o, i.a, SolidAnswer.cm(r), away: i.o + Vec3(0, 0, r))
            }
        }
        return k
    }

    public func compose(_ i: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem {
        let r = i.r
        let n = i.names
        var p: [String: String] = Dictionary(uniqueKeysWithValues: zip(Self.roles, n))
        // r is in tenths: areas carry /100, volumes /1000.
        p["r"] = Exact(r, 10).text(.decimal); p["d"] = Exact(2 * r, 10).text(.decimal)
        p["r2"] = Exact(r * r, 100).text(.decimal); p["r3"] = Exact(r * r * r, 1000).text(.decimal)
        let volume = Exact(4 * r * r * r, 3000, pi: 1), area = Exact(4 * r * r, 100, pi: 1)
        let shown = { (e: Exact) -> String in
            i.form == .rounded ? e.text(.decimal) + " ≈ " + twoPlaces(e.value) : e.text(.decimal)
        }
        p["V"] = i.target == .volume ? shown(volume) : volume.text(.decimal)
        p["S"] = i.target == .surfaceArea ? shown(area) : area.text(.decimal)

        var facts: [Fact] = []
        var steps: [Phrase] = []
        switch i.difficulty {
        case 1:
            facts += [Fact(.descriptive, "di_sphere_radius", p), Fact(.implicit, "ip_radius", p, shownBy: [.figure]),
                      Fact(.essential, "ec_radius", p)]
        case 2:
            facts += [Fact(.descriptive, "di_sphere_diameter", p), Fact(.implicit, "ip_diameter", p, shownBy: [.figure]),
                      Fact(.essential, "ec_diameter", p)]
            steps.append(Phrase("step_radius_from_diameter", p))
        default:
            facts += [Fact(.descriptive, "di_sphere_radius", p), Fact(.implicit, "ip_radius", p, shownBy: [.figure]),
                      Fact(.essential, i.target == .volume ? "ec_area" : "ec_volume", p)]
            steps.append(Phrase(i.target == .volume ? "step_radius_from_area" : "step_radius_from_volume", p))
        }
        let exact: Exact, unit: String, mistakes: [Exact]
        switch i.target {
        case .volume:
            exact = volume; unit = "cm3"
            mistakes = [Exact(4 * r * r * r, 1000, pi: 1), area, Exact(32 * r * r * r, 3000, pi: 1),
                        Exact(r * r * r, 3000, pi: 1)]
            steps.append(Phrase("step_volume", p))
        case .surfaceArea:
            exact = area; unit = "cm2"
            mistakes = [Exact(r * r, 100, pi: 1), Exact(2 * r * r, 100, pi: 1), Exact(16 * r * r, 100, pi: 1),
                        volume]
            steps.append(Phrase("step_area", p))
        }
        let ans = SolidAnswer.make(exact, form: i.form, unit: unit, mistakes: mistakes, rng: &rng, options: options)
        let givens: JSONValue
        switch i.difficulty {
        case 1: givens = ["radius": .double(Double(r) / 10)]
        case 2: givens = ["diameter": .double(Double(2 * r) / 10)]
        default:
            let g = i.givenMeasure ?? area
            givens = i.target == .volume ? ["surface_area": .string(g.text(.decimal)), "surface_area_value": .double(r6(g.value))]
                                         : ["volume": .string(g.text(.decimal)), "volume_value": .double(r6(g.value))]
        }
        let used = i.difficulty == 2 ? 3 : 2
        let spec: JSONValue = [
            "labels": SolidLabels.json(Array(Self.roles.prefix(used)), n),
            "givens": givens,
            "target": .string(i.target.rawValue),
            "difficulty": .int(i.difficulty),
            "answer_form": .string(i.form.rawValue),
            "layout": "centre O, A (and B) on the equator where it meets the outline",
            "view": i.view.json,
            "coordinates": SolidLabels.coordinates(Array(Self.roles.prefix(used)), [i.o, i.a, i.b]),
        ]
        let key = "question_" + i.target.rawValue + (i.form == .rounded ? "_round" : "")
        return Problem(family: id, subject: subject, seed: 0, spec: spec, facts: facts, question: Phrase(key, p),
                       answer: ans, steps: steps, scene: sketch(i).scene, solved: answer, measured: answer)
    }
}
