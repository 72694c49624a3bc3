import Foundation
import Testing
@testable import Geometry

/// Facts of the function families, asserted on the constructed functions and plotted
/// polylines over 300 seeds each (every difficulty). A failure names the seed and the fact.
@Suite struct FunctionFamilyTests {
    func instances<F: ProblemFamily>(_ family: F) throws -> [(UInt64, F.Instance)] {
        try AnalyticFamilyTests.instances(family)
    }

    func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(a), abs(b)) }

    /// Every vertex of a plotted polyline lies inside the window and, but for ends cut at
    /// the window's top or bottom (interpolated there), on the function.
    func plotted(_ pts: [Vec2], _ f: (Double) -> Double, _ w: GraphKit.Window) -> Bool {
        pts.enumerated().allSatisfy { k, p in
            guard w.contains(p, margin: -1e-9) else { return false }
            let cut = (k == 0 || k == pts.count - 1) && (abs(p.y - w.yMin) < 1e-9 || abs(p.y - w.yMax) < 1e-9)
            return cut || abs(p.y - f(p.x)) < 1e-9 * max(1, abs(p.y))
        }
    }

    /// The extreme of `f` over a dense sample of [a, b].
    func sampled(_ f: (Double) -> Double, _ a: Double, _ b: Double, max: Bool) -> Double {
        let ys = (0...4000).map { f(a + (b - a) * Double($0) / 4000) }
        return (max ? ys.max() : ys.min()) ?? .nan
    }

    @Test func quadraticZerosAreRootsOfTheStatedFormula() throws {
        for (s, i) in try instances(QuadraticZeros()) {
            let c = i.coefficients.map(\.value)
            for r in [i.r1.value, i.r2.value] {
                #expect(abs(c[0] * r * r + c[1] * r + c[2]) < 1e-9, "seed \(s): \(r) is not a zero of the formula")
            }
            #expect(c.allSatisfy { $0 == $0.rounded() }, "seed \(s): fractional coefficient")
            #expect(plotted(i.curve, i.f, i.window), "seed \(s): the plotted curve is not f")
            #expect(i.window.contains(Vec2(i.r1.value, 0)) && i.window.contains(Vec2(i.r2.value, 0)), "seed \(s): zero off the window")
        }
    }

    @Test func linearGraphPassesThroughTheMarkedPoints() throws {
        let family = LinearFunction()
        for (s, i) in try instances(family) {
            #expect(close(i.f(i.a.x), i.a.y) && close(i.f(i.b.x), i.b.y), "seed \(s): A or B off the graph")
            let e = family.exact(i)
            #expect(close(e.k.value, i.slope) && close(e.b.value, i.intercept), "seed \(s): two-point form disagrees")
            #expect(plotted(i.curve, i.f, i.window), "seed \(s): the plotted line is not f")
        }
    }

    @Test func quadraticVertexIsTheExtremeOfSampledValues() throws {
        for (s, i) in try instances(QuadraticVertex()) {
            let extreme = sampled(i.f, i.window.xMin, i.window.xMax, max: i.a < 0)
            #expect(i.a > 0 ? extreme >= i.k.value - 1e-12 : extreme <= i.k.value + 1e-12, "seed \(s): a sample beats the vertex")
            #expect(abs(extreme - i.k.value) < 1e-3, "seed \(s): the vertex is not approached by samples")
            let c = i.coefficients.map(\.value)
            #expect(close(c[0] * i.h.value * i.h.value + c[1] * i.h.value + c[2], i.k.value), "seed \(s): f(h) ≠ k")
            #expect(i.window.contains(Vec2(i.h.value, i.k.value), margin: 0.5), "seed \(s): vertex at the window's edge")
        }
    }

    @Test func parabolaIsSymmetricAboutTheAnsweredAxis() throws {
        let family = AxisOfSymmetry()
        for (s, i) in try instances(family) {
            let h = family.solve(i)
            for t in stride(from: 0.25, through: 4, by: 0.25) {
                #expect(close(i.f(h - t), i.f(h + t)), "seed \(s): f(h - \(t)) ≠ f(h + \(t))")
            }
            #expect(close(i.f(Double(i.p)), Double(i.level)) && close(i.f(Double(i.q)), Double(i.level)),
                    "seed \(s): P or Q off the graph")
            if i.difficulty == 3 {
                let integral = i.coefficients.allSatisfy { $0.isInteger }
                #expect(integral, "seed \(s): fractional formula")
            }
        }
    }

    @Test func exponentialGraphHasTheStatedBaseAndPoint() throws {
        let family = ExponentialValue()
        for (s, i) in try instances(family) {
            let k = Double(i.shift)
            #expect(close(i.f(Double(i.x1)), ExponentialValue.power(i.base, i.x1).value + k), "seed \(s): P off the graph")
            // Consecutive values above the asymptote grow by the base.
            #expect(close((i.f(1.5) - k) / (i.f(0.5) - k), i.base.value), "seed \(s): ratio is not the base")
            #expect(close(family.exactValue(i).base.value, i.base.value), "seed \(s): base not recovered from P")
            #expect(plotted(i.curve, i.f, i.window), "seed \(s): plotted curve is not f")
        }
    }

    @Test func logarithmGraphPassesThroughPAndHasValueOneAtTheBase() throws {
        let family = LogarithmValue()
        for (s, i) in try instances(family) {
            #expect(close(i.f(i.point.x), i.point.y), "seed \(s): P off the graph")
            #expect(close(i.f(i.base.value), 1), "seed \(s): f(a) ≠ 1")
            #expect(abs(i.f(1)) < 1e-12, "seed \(s): f(1) ≠ 0")
            #expect(plotted(i.curve, i.f, i.window), "seed \(s): plotted curve is not f")
        }
    }

    @Test func sinusoidMarksAHighestPointAndTheNextLowest() throws {
        let family = SinusoidFeatures()
        for (s, i) in try instances(family) {
            let lo = i.window.xMin, hi = i.window.xMax
            #expect(close(sampled(i.f, lo - 10, hi + 10, max: true), i.m.y, 1e-6), "seed \(s): M is not a highest point")
            #expect(close(sampled(i.f, lo - 10, hi + 10, max: false), i.n.y, 1e-6), "seed \(s): N is not a lowest point")
            #expect(close(i.f(i.m.x), i.m.y) && close(i.f(i.n.x), i.n.y), "seed \(s): M or N off the graph")
            // Strictly decreasing from M to N: N is the next lowest point.
            let xs = (0...200).map { i.m.x + (i.n.x - i.m.x) * Double($0) / 200 }
            #expect(zip(xs, xs.dropFirst()).allSatisfy { i.f($0.1) < i.f($0.0) + 1e-12 }, "seed \(s): not monotone from M to N")
            #expect(close(i.f(i.m.x + Double(i.period)), i.m.y), "seed \(s): period")
        }
    }

    @Test func absoluteValueChordEndsLieOnTheGraphAndTheLine() throws {
        let family = AbsoluteValue()
        for (s, i) in try instances(family) {
            #expect(close(i.f(i.p.x), Double(i.m)) && close(i.f(i.q.x), Double(i.m)), "seed \(s): P or Q off the graph")
            let extreme = sampled(i.f, i.window.xMin, i.window.xMax, max: i.a < 0)
            let beaten = i.a > 0 ? extreme < Double(i.k) - 1e-12 : extreme > Double(i.k) + 1e-12
            #expect(!beaten && abs(extreme - Double(i.k)) < 0.01, "seed \(s): V is not the extreme")
            #expect(plotted(i.curve, i.f, i.window), "seed \(s): plotted curve is not f")
            #expect(i.curve.contains { $0.distance(to: i.v) < 1e-12 }, "seed \(s): the corner is not a plotted vertex")
        }
    }

    @Test func piecewiseEndsMarkTheJump() throws {
        let family = PiecewiseValue()
        for (s, i) in try instances(family) {
            let c = Double(i.c)
            #expect(abs(i.left(c) - i.rightPiece(c)) >= 2, "seed \(s): no visible jump")
            #expect(i.leftCurve.allSatisfy { $0.x <= c + 1e-12 } && i.rightCurve.allSatisfy { $0.x >= c - 1e-12 },
                    "seed \(s): a piece crosses x = c")
            #expect(plotted(i.leftCurve, i.left, i.window) && plotted(i.rightCurve, i.rightPiece, i.window),
                    "seed \(s): plotted pieces are not the formulas")
            let scene = family.scene(i)
            let hollow = scene.items.contains {
                if case let .circle(center, _, _) = $0.element { return center.distance(to: Vec2(c, i.left(c))) < 1e-12 }
                return false
            }
            #expect(hollow, "seed \(s): no open circle at the left piece's end")
        }
    }

    @Test func graphReadingPolylineThroughItsPoints() throws {
        let family = GraphReading()
        for (s, i) in try instances(family) {
            #expect(zip(i.points, i.points.dropFirst()).allSatisfy { $0.0.x < $0.1.x }, "seed \(s): not a function graph")
            if i.difficulty == 1 {
                let v = family.solve(i)
                #expect(close(v * 2, (v * 2).rounded()), "seed \(s): value \(v) not a half")
            }
            if i.difficulty == 3 {
                #expect(i.points.allSatisfy { $0.y > 0 }, "seed \(s): graph dips under the x-axis")
                let shoelace = abs(Construct.signedArea([Vec2(i.points[0].x, 0)] + i.points + [Vec2(i.points[3].x, 0)]))
                #expect(close(family.solve(i), shoelace), "seed \(s): trapezoids vs shoelace")
            }
        }
    }

    @Test func intersectionPointsLieOnBothGraphs() throws {
        let family = GraphIntersection()
        for (s, i) in try instances(family) {
            for pt in [i.a, i.bPoint] {
                #expect(close(i.f(pt.x), pt.y) && close(i.g(pt.x), pt.y), "seed \(s): \(pt) off a graph")
            }
            let roots = GraphKit.roots({ i.f($0) - i.g($0) }, -50, 50, grid: 20000)
            #expect(roots.count == 2, "seed \(s): \(roots.count) intersections")
            #expect(plotted(i.parabola, i.f, i.window) && plotted(i.line, i.g, i.window), "seed \(s): plotted graphs")
        }
    }

    @Test func extremeOnIntervalMatchesDenseSampling() throws {
        let family = ExtremeOnInterval()
        for (s, i) in try instances(family) {
            let expected = sampled(i.f, Double(i.p), Double(i.q), max: i.askMax)
            #expect(abs(family.solve(i) - expected) < 1e-3, "seed \(s): \(family.solve(i)) vs sampled \(expected)")
            let inside = i.h >= i.p && i.h <= i.q
            #expect(inside == (i.difficulty != 3), "seed \(s): vertex placement does not fit the difficulty")
            #expect(plotted(i.curve, i.f, i.window), "seed \(s): plotted curve is not f")
        }
    }

    @Test func tangentTouchesTheCurveAtP() throws {
        let family = TangentSlope()
        for (s, i) in try instances(family) {
            let m = Double(TangentSlope.derivative(i.coefficients, i.x0))
            let line = { (x: Double) in i.p.y + m * (x - i.p.x) }
            let gap = { (x: Double) in i.f(x) - line(x) }
            // A double root at x₀: the gap and its slope vanish there; it is O(h²) nearby.
            #expect(abs(gap(i.p.x)) < 1e-12, "seed \(s): the tangent misses P")
            #expect(abs(GraphKit.slope(gap, at: i.p.x)) < 1e-7, "seed \(s): the tangent crosses at an angle")
            #expect(abs(gap(i.p.x + 1e-3)) < 1e-5, "seed \(s): the gap is not second order")
            let t = i.tangent
            #expect(abs((t.1 - t.0).cross(i.p - t.0)) < 1e-9 * (t.1 - t.0).length, "seed \(s): drawn tangent misses P")
        }
    }

    /// Every registered analytic and function family: each scene stays inside its window,
    /// the layout model predicts a clean render, and every template key exists.
    @Test(arguments: FamilyRegistry.all.filter { $0.subject == .analytic || $0.subject == .function }.map(\.id))
    func scenesFitTheirWindowAndWordingExists(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates/en/\(id).json")
        let data = try Data(contentsOf: url)
        let table = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        for seed in AnalyticFamilyTests.seeds.prefix(100) {
            let p = try family.make(seed: seed, options: GenerationOptions(difficulty: Int(seed % 3) + 1)).get()
            guard case let .axes(ax) = p.scene.frame else {
                Issue.record("\(id) seed \(seed): not an axes scene")
                continue
            }
            for item in p.scene.items {
                if case let .point(at, _, _) = item.element {
                    #expect(at.x >= ax.xMin && at.x <= ax.xMax && at.y >= ax.yMin && at.y <= ax.yMax,
                            "\(id) seed \(seed): point \(at) outside the window")
                }
            }
            let keys = p.facts.map(\.key) + [p.question.key] + p.steps.map(\.key)
            for key in keys { #expect(table[key] != nil, "\(id): template key \(key) missing") }
            for phrase in p.facts.map({ Phrase($0.key, $0.params) }) + [p.question] + p.steps {
                for name in Self.placeholders(table[phrase.key] ?? "") {
                    #expect(phrase.params[name] != nil, "\(id) seed \(seed): \(phrase.key) needs {{\(name)}}")
                }
            }
            #expect(1...4 ~= p.steps.count, "\(id) seed \(seed): \(p.steps.count) steps")
        }
    }

    static func placeholders(_ template: String) -> [String] {
        var out: [String] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{"), let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) {
            out.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return out
    }
}
