import Foundation
import Testing
@testable import Geometry

/// Facts of the solid families, checked on the constructed 3D instances over 300
/// seeds each; every failure names its seed.
@Suite struct SolidFamilyTests {
    static let seeds: [UInt64] = (0..<300).map { SplitMix64.derive(77, UInt64($0)) }

    /// A valid instance for `seed` (the families resample degenerate draws themselves,
    /// `make` retries a few times more), optionally at a fixed difficulty.
    static func instance<F: ProblemFamily>(_ family: F, _ seed: UInt64, difficulty: Int? = nil) throws -> F.Instance {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<16 {
            if let i = try? family.generate(&rng, options: GenerationOptions(difficulty: difficulty)) { return i }
        }
        throw GenerationFailure.degenerate("seed \(seed): no draw")
    }

    static func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(a), abs(b)) }

    // MARK: cube and cuboid

    @Test func cubeEdgesAreEqualAndMeetAtRightAngles() throws {
        let family = Cube()
        for seed in Self.seeds {
            let i = try Self.instance(family, seed)
            let v = i.solid.vertices, a = Double(i.edge) / 10
            for e in i.solid.edges {
                #expect(Self.close(v[e.a].distance(to: v[e.b]), a), "seed \(seed): edge \(e.a)-\(e.b) is not \(a)")
            }
            let (ab, ad, ae) = (v[1] - v[0], v[3] - v[0], v[4] - v[0])
            #expect(abs(ab.dot(ad)) + abs(ab.dot(ae)) + abs(ad.dot(ae)) < 1e-9, "seed \(seed): corner A not square")
            // Volume by tetrahedra equals the product of three edges at a corner.
            #expect(Self.close(i.solid.volume, ab.length * ad.length * ae.length), "seed \(seed): volume")
            // The space diagonal is √3 times the edge.
            #expect(Self.close(v[0].distance(to: v[6]), a * 3.0.squareRoot()), "seed \(seed): diagonal")
        }
    }

    @Test func cuboidDiagonalAndGivenEdges() throws {
        let family = Cuboid()
        for seed in Self.seeds {
            let i = try Self.instance(family, seed)
            let v = i.solid.vertices, c = i.corner, d = i.diagonalEnds
            #expect(Self.close(v[c.o].distance(to: v[c.l]), Double(i.l)), "seed \(seed): length edge")
            #expect(Self.close(v[c.o].distance(to: v[c.w]), Double(i.w)), "seed \(seed): width edge")
            #expect(Self.close(v[c.o].distance(to: v[c.h]), Double(i.h)), "seed \(seed): height edge")
            let pq = v[d.q] - v[d.p], qq = v[d.qTop] - v[d.q]
            #expect(abs(pq.dot(qq)) < 1e-9, "seed \(seed): QQ' not perpendicular to PQ")
            let diag2 = v[d.p].distance(to: v[d.qTop]) * v[d.p].distance(to: v[d.qTop])
            #expect(Self.close(diag2, Double(i.l * i.l + i.w * i.w + i.h * i.h)), "seed \(seed): diagonal² \(diag2)")
            if i.diagonalGiven {
                #expect(i.diagonal == i.diagonal.rounded(), "seed \(seed): given diagonal \(i.diagonal) not whole")
            }
        }
    }

    // MARK: prism and pyramid

    @Test func prismHasARightAngleAtCAndVerticalLateralEdges() throws {
        let family = RightTriangularPrism()
        for seed in Self.seeds {
            let i = try Self.instance(family, seed)
            let v = i.solid.vertices
            let (A, B, C) = (v[0], v[1], v[2])
            #expect(abs((A - C).dot(B - C)) < 1e-9, "seed \(seed): angle ACB is \(angle3(A, C, B))°")
            for k in 0..<3 {
                let e = v[k + 3] - v[k]
                #expect(Self.close(e.length, Double(i.h)), "seed \(seed): lateral edge \(k) length")
                #expect(abs(e.dot(A - C)) + abs(e.dot(B - C)) < 1e-9, "seed \(seed): lateral edge \(k) not ⊥ base")
            }
            // Volume = base area (shoelace on the base) × height.
            let base = abs(Construct.signedArea([A, B, C].map { Vec2($0.x, $0.y) }))
            #expect(Self.close(i.solid.volume, base * Double(i.h)), "seed \(seed): volume")
            if i.difficulty >= 2 { #expect(Self.close(A.distance(to: B), Double(i.c)), "seed \(seed): hypotenuse") }
        }
    }

    @Test func pyramidApexIsAboveTheCentreAndPMIsTheSlantHeight() throws {
        let family = SquarePyramid()
        for seed in Self.seeds {
            let i = try Self.instance(family, seed)
            let v = i.solid.vertices, p = v[4], (e0, e1) = i.edgeM
            // PO ⊥ two base edges, so ⊥ the base.
            #expect(abs((p - i.o).dot(v[1] - v[0])) + abs((p - i.o).dot(v[3] - v[0])) < 1e-9, "seed \(seed): PO not ⊥ base")
            // O is the centre: equidistant from the corners; M the midpoint of its edge.
            for k in 0..<4 { #expect(Self.close(i.o.distance(to: v[k]), i.o.distance(to: v[0])), "seed \(seed): O") }
            #expect(i.m.distance(to: v[e0].mid(v[e1])) < 1e-12, "seed \(seed): M not the midpoint")
            #expect(abs((p - i.m).dot(v[e1] - v[e0])) < 1e-9, "seed \(seed): PM not ⊥ the edge")
            // Lateral edges equal (regular pyramid), PM² = PO² + OM².
            for k in 0..<4 { #expect(Self.close(p.distance(to: v[k]), p.distance(to: v[0])), "seed \(seed): lateral edges") }
            let pm2 = p.distance(to: i.m) * p.distance(to: i.m)
            let sum = p.distance(to: i.o) * p.distance(to: i.o) + i.o.distance(to: i.m) * i.o.distance(to: i.m)
            #expect(Self.close(pm2, sum), "seed \(seed): Pythagoras in POM")
            #expect(Self.close(p.distance(to: i.m), i.slant.value), "seed \(seed): exact slant height")
            #expect(Self.close(p.distance(to: i.o), i.height.value), "seed \(seed): exact height")
        }
    }

    /// Visibility checked by ray casting: an edge is drawn dashed exactly when rays from
    /// its points toward the viewer pass through a face not containing the edge.
    @Test(arguments: ["solid.cube", "solid.cuboid", "solid.right_triangular_prism", "solid.square_pyramid"])
    func hiddenEdgesAreTheOccludedOnes(_ id: String) throws {
        for seed in Self.seeds {
            let (solid, view): (Polyhedron, SolidView)
            switch id {
            case "solid.cube": let i = try Self.instance(Cube(), seed); (solid, view) = (i.solid, i.view)
            case "solid.cuboid": let i = try Self.instance(Cuboid(), seed); (solid, view) = (i.solid, i.view)
            case "solid.right_triangular_prism":
                let i = try Self.instance(RightTriangularPrism(), seed); (solid, view) = (i.solid, i.view)
            default: let i = try Self.instance(SquarePyramid(), seed); (solid, view) = (i.solid, i.view)
            }
            for e in solid.edges {
                // Three points along the edge, so a ray that grazes an edge of a face at one of
                // them (a measure-zero coincidence) cannot decide alone.
                let occluded = [0.3, 0.5, 0.7].contains { t in
                    let m = solid.vertices[e.a] + (solid.vertices[e.b] - solid.vertices[e.a]) * t
                    return solid.faces.indices.contains { f in
                        !e.faces.contains(f) && Self.ray(from: m, along: view.toViewer, hits: f, of: solid)
                    }
                }
                #expect(occluded == !solid.edgeIsVisible(e.faces, in: view),
                        "\(id) seed \(seed): edge \(e.a)-\(e.b) occluded \(occluded) but drawn \(occluded ? "solid" : "dashed")")
            }
        }
    }

    /// Whether the ray p + t·d (t > 0) passes through the inside of face f (a convex polygon).
    static func ray(from p: Vec3, along d: Vec3, hits f: Int, of solid: Polyhedron) -> Bool {
        let face = solid.faces[f].map { solid.vertices[$0] }
        let n = solid.areaVector(f)
        let den = n.dot(d)
        guard abs(den) > 1e-12 else { return false }
        let t = n.dot(face[0] - p) / den
        guard t > 1e-9 else { return false }
        let x = p + d * t
        for k in face.indices {
            let a = face[k], b = face[(k + 1) % face.count]
            if (b - a).cross(x - a).dot(n) <= 1e-9 { return false }
        }
        return true
    }

    // MARK: round solids

    @Test func cylinderGeneratorIsParallelToTheAxisAndTheOutlineTouchesTheRims() throws {
        let family = Cylinder()
        for seed in Self.seeds {
            let i = try Self.instance(family, seed)
            let r = Double(i.r) / 10, h = Double(i.h)
            #expect(Self.close(i.o.distance(to: i.a), r) && Self.close(i.o1.distance(to: i.b), r), "seed \(seed): rim points")
            #expect((i.b - i.a).cross(i.o1 - i.o).length < 1e-9 && Self.close(i.a.distance(to: i.b), h),
                    "seed \(seed): AB is not a generator of length h")
            #expect(abs((i.a - i.o).dot(i.o1 - i.o)) < 1e-9, "seed \(seed): OA not ⊥ axis")
            // On paper every rim point lies between the two vertical outline lines x = ±r.
            for t in stride(from: 0.0, to: 2 * .pi, by: 0.01) {
                let x = i.view(SolidSketch.rimPoint(i.o, r, t)).x
                #expect(abs(x) <= r + 1e-9, "seed \(seed): rim outside the outline")
            }
        }
    }

    @Test func coneOutlineIsTangentToTheBaseEllipseAtA() throws {
        let family = Cone()
        for seed in Self.seeds {
            let i = try Self.instance(family, seed)
            let r = Double(i.r) / 10
            #expect(Self.close(i.o.distance(to: i.a), r), "seed \(seed): A off the base circle")
            #expect(abs((i.p - i.o).dot(i.a - i.o)) < 1e-9, "seed \(seed): PO not ⊥ OA")
            #expect(Self.close(i.p.distance(to: i.a), i.slant.value), "seed \(seed): slant height")
            // On paper the whole base ellipse lies on one side of line PA, touching it at A.
            let p = i.view(i.p), a = i.view(i.a), u = (a - p).normalized
            let sides = stride(from: 0.0, to: 2 * .pi, by: 0.005).map { t in
                u.cross(i.view(SolidSketch.rimPoint(i.o, r, t)) - p)
            }
            let tol = 1e-6 * r
            #expect(sides.allSatisfy { $0 <= tol } || sides.allSatisfy { $0 >= -tol }, "seed \(seed): PA crosses the base ellipse")
        }
    }

    @Test func frustumSlantEdgeMeetsTheAxisAndTouchesBothRims() throws {
        let family = Frustum()
        for seed in Self.seeds {
            let i = try Self.instance(family, seed)
            let r1 = Double(i.r1), r2 = Double(i.r2)
            #expect(Self.close(i.o.distance(to: i.a), r2) && Self.close(i.o1.distance(to: i.a1), r1), "seed \(seed): rims")
            #expect((i.a1 - i.o1).cross(i.a - i.o).length < 1e-9, "seed \(seed): radii not parallel")
            // Extended, the slant edge meets the axis: the apex of the cone that was cut.
            let axis = i.o1 - i.o, edge = i.a1 - i.a
            #expect(abs((i.a - i.o).dot(axis.cross(edge))) < 1e-9, "seed \(seed): AA' and OO' skew")
            #expect(Self.close(i.a.distance(to: i.a1), i.slant.value), "seed \(seed): slant height")
            // On paper both ellipses lie on one side of line AA'.
            let p = i.view(i.a), u = (i.view(i.a1) - p).normalized
            var sides: [Double] = []
            for t in stride(from: 0.0, to: 2 * .pi, by: 0.005) {
                sides.append(u.cross(i.view(SolidSketch.rimPoint(i.o, r2, t)) - p))
                sides.append(u.cross(i.view(SolidSketch.rimPoint(i.o1, r1, t)) - p))
            }
            let tol = 1e-6 * r2
            #expect(sides.allSatisfy { $0 <= tol } || sides.allSatisfy { $0 >= -tol }, "seed \(seed): AA' crosses a rim")
        }
    }

    @Test func sphereOutlineIsTheProjectedSphere() throws {
        let family = Sphere()
        for seed in Self.seeds {
            let i = try Self.instance(family, seed)
            let r = Double(i.r) / 10
            #expect(Self.close(i.o.distance(to: i.a), r) && Self.close(i.o.distance(to: i.b), r), "seed \(seed): A, B on the sphere")
            #expect((i.a - i.o).cross(i.b - i.o).length < 1e-9, "seed \(seed): AB not through O")
            // The farthest projected point of the sphere from the projected centre is exactly r away.
            var far = 0.0
            for u in stride(from: 0.0, to: .pi, by: 0.05) {
                for w in stride(from: 0.0, to: 2 * .pi, by: 0.05) {
                    let q = i.o + Vec3(sin(u) * cos(w), sin(u) * sin(w), cos(u)) * r
                    far = max(far, i.view(q).distance(to: i.view(i.o)))
                }
            }
            #expect(far <= r * (1 + 1e-12) && far >= r * 0.999, "seed \(seed): outline radius \(far) vs \(r)")
        }
    }

    /// The numeric route itself, on solids whose measures are known.
    @Test func revolutionMeshMatchesKnownSolids() {
        let o = Vec3(1, -2, 0.5), top = Vec3(1, -2, 4.5), rim = Vec3(4, -2, 0.5), rimTop = Vec3(4, -2, 4.5)
        let cylinder = RevolutionMesh.measure(axis: (o, top), profile: { _ in [o, rim, rimTop, top] })
        #expect(Self.close(cylinder.volume, .pi * 9 * 4, 1e-10) && Self.close(cylinder.area, 2 * .pi * 9 + 2 * .pi * 12, 1e-10))
        let cone = RevolutionMesh.measure(axis: (o, top), profile: { _ in [o, rim, top] })
        #expect(Self.close(cone.volume, .pi * 9 * 4 / 3, 1e-10) && Self.close(cone.area, .pi * 9 + .pi * 15, 1e-10))
        let south = o - Vec3(0, 0, 3), north = o + Vec3(0, 0, 3)
        let sphere = RevolutionMesh.measure(axis: (south, north), profile: { m in
            (0...m).map { j in o + (south - o) * cos(.pi * Double(j) / Double(m)) + (rim - o) * sin(.pi * Double(j) / Double(m)) }
        })
        #expect(Self.close(sphere.volume, 4 * .pi * 27 / 3, 1e-9) && Self.close(sphere.area, 4 * .pi * 9, 1e-9),
                "sphere \(sphere)")
    }

    // MARK: problems

    /// Every number in the givens is drawn on the figure at vision-dominant (as a `.given`
    /// item), so the levels that drop the values from the text stay answerable.
    @Test(arguments: SolidFamilies.all.map(\.id))
    func givensAreDrawn(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        for seed in Self.seeds.prefix(150) {
            let p = try family.make(seed: seed, options: GenerationOptions()).get()
            let drawn = p.scene.items.filter { $0.role == .given }.compactMap { item -> String? in
                switch item.element {
                case let .segmentValue(_, _, text, _), let .text(_, text): return text
                default: return nil
                }
            }
            for (key, value) in p.spec["givens"]?.objectValue ?? [] where !key.hasSuffix("_value") {
                let text = value.stringValue ?? value.doubleValue.map { formatNumber($0, decimals: 6) } ?? "?"
                #expect(drawn.contains { $0.contains(text) }, "\(id) seed \(seed): given \(key) = \(text) not drawn in \(drawn)")
            }
            #expect((1...4).contains(p.steps.count), "\(id) seed \(seed): \(p.steps.count) steps")
        }
    }

    /// Every phrase's key has wording in templates/en/<family>.json, every placeholder of
    /// that wording is filled (Mustache would print a missing one as nothing), and no
    /// parameter named like a point role holds anything but that point's label.
    @Test(arguments: SolidFamilies.all.map(\.id))
    func wordingIsCompleteAndFilled(_ id: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("templates/en/\(id).json"))
        let table = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        let placeholder = try NSRegularExpression(pattern: "\\{\\{\\s*([A-Za-z0-9_]+)\\s*\\}\\}")
        let family = try #require(FamilyRegistry.named(id))
        for seed in Self.seeds.prefix(150) {
            let p = try family.make(seed: seed, options: GenerationOptions()).get()
            let labels = Dictionary(uniqueKeysWithValues: (p.spec["labels"]?.objectValue ?? []).compactMap { pair in
                pair.1.stringValue.map { (pair.0, $0) }
            })
            let phrases = p.facts.map { Phrase($0.key, $0.params) } + [p.question] + p.steps
            for phrase in phrases {
                let text = try #require(table[phrase.key], "\(id) seed \(seed): no wording for \(phrase.key)")
                let range = NSRange(text.startIndex..., in: text)
                for m in placeholder.matches(in: text, range: range) {
                    guard let r = Range(m.range(at: 1), in: text) else { continue }
                    let name = String(text[r])
                    #expect(phrase.params[name] != nil, "\(id) seed \(seed): \(phrase.key) lacks {{\(name)}}")
                }
                for (role, label) in labels {
                    if let v = phrase.params[role] { #expect(v == label, "\(id) seed \(seed): {{\(role)}} is \(v), not \(label)") }
                }
            }
        }
    }

    @Test(arguments: SolidFamilies.all.map(\.id))
    func difficultyIsHonoured(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        for d in 1...3 {
            for seed in Self.seeds.prefix(30) {
                let p = try family.make(seed: seed, options: GenerationOptions(difficulty: d)).get()
                #expect(p.spec["difficulty"]?.intValue == d, "\(id) seed \(seed)")
            }
        }
    }

    @Test func exactFormsPrintAsTextbooksWrite() {
        #expect(Exact(343, 8).text(.decimal) == "42.875")
        #expect(Exact(256, 3).text(.decimal) == "256/3")
        #expect(Exact(5, root: 3).text(.decimal) == "5√3")
        #expect(Exact.sqrt(73).times(1, 2).text(.decimal) == "√73/2")
        #expect(Exact(25, 10, root: 3).text(.decimal) == "2.5√3")
        #expect(Exact(49, 4, pi: 1).text(.decimal) == "12.25π")
        #expect(Exact(32, 3, pi: 1).text(.decimal) == "32π/3")
        #expect(Exact(1, pi: 1).text(.decimal) == "π")
        #expect(Exact.sqrt(72).text(.decimal) == "6√2")
        #expect(Exact.sqrt(49).text(.decimal) == "7" && Exact.sqrt(49).isInteger)
        #expect(Exact(6, 4).answerType(.decimal) == .decimal && Exact(1, 3).answerType(.decimal) == .fraction)
    }

    @Test func choicesAreDistinctAndHoldTheAnswer() throws {
        for id in SolidFamilies.all.map(\.id) {
            let family = try #require(FamilyRegistry.named(id))
            for seed in Self.seeds.prefix(100) {
                let p = try family.make(seed: seed, options: GenerationOptions(multipleChoiceRate: 1)).get()
                let choices = try #require(p.answer.choices, "\(id) seed \(seed)")
                let k = try #require(p.answer.correctIndex)
                #expect(choices.count == 4 && Set(choices).count == 4, "\(id) seed \(seed): \(choices)")
                // Options carry the unit ("1260 cm³"); the answer text is the bare value.
                let unit = unitSuffix(p.answer.unit)
                #expect(!unit.isEmpty, "\(id) seed \(seed): no unit")
                #expect(choices.allSatisfy { $0.hasSuffix(unit) }, "\(id) seed \(seed): \(choices)")
                #expect(choices[k] == p.answer.text + unit, "\(id) seed \(seed): \(choices[k]) vs \(p.answer.text)")
            }
        }
    }

    @Test func aBrokenSolverIsCaughtAsAMismatch() {
        /// The cylinder with the radius doubled in the closed form (diameter for radius).
        struct Broken: ProblemFamily {
            let inner = Cylinder()
            let id = "solid.broken"
            let subject = Subject.solid
            let answerTypes: [AnswerType] = [.expression]
            let agreementTolerance = 1e-3
            func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Cylinder.Instance {
                try inner.generate(&rng, options: GenerationOptions(difficulty: 1))
            }
            func solve(_ i: Cylinder.Instance) -> Double { inner.solve(i) * 2 }
            func measure(_ i: Cylinder.Instance) -> Double { inner.measure(i) }
            func compose(_ i: Cylinder.Instance, answer: Double, rng: inout SplitMix64,
                         options: GenerationOptions) -> Problem {
                inner.compose(i, answer: answer, rng: &rng, options: options)
            }
        }
        guard case .failure(.mismatch) = Broken().make(seed: 3, options: GenerationOptions()) else {
            Issue.record("expected a mismatch")
            return
        }
    }
}
