import Foundation
import Testing
@testable import Geometry

/// Facts of the analytic-geometry families, asserted on the constructed coordinates over
/// 300 seeds each (every difficulty). A failure names the seed and the fact.
@Suite struct AnalyticFamilyTests {
    static let seeds: [UInt64] = (0..<300).map { UInt64($0) }

    /// One valid instance per seed (resampling degenerate draws as `make` does), cycling the difficulties.
    static func instances<F: ProblemFamily>(_ family: F) throws -> [(UInt64, F.Instance)] {
        try seeds.map { seed in
            var rng = SplitMix64(seed: seed)
            let options = GenerationOptions(difficulty: Int(seed % 3) + 1)
            for _ in 0..<64 {
                if let i = try? family.generate(&rng, options: options) { return (seed, i) }
            }
            throw GenerationFailure.degenerate("\(family.id) seed \(seed): no valid draw")
        }
    }

    func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(a), abs(b)) }
    func isLattice(_ p: Vec2) -> Bool { p.x == p.x.rounded() && p.y == p.y.rounded() }
    /// Distance from p to the infinite line through a and b.
    func lineDistance(_ p: Vec2, _ a: Vec2, _ b: Vec2) -> Double { abs((b - a).cross(p - a)) / (b - a).length }

    @Test func distanceLegsMeetAtARightAngleAndTheSurdIsExact() throws {
        let family = DistanceTwoPoints()
        for (s, i) in try Self.instances(family) {
            #expect(isLattice(i.p) && isLattice(i.q), "seed \(s): P or Q off the lattice")
            #expect(abs((i.p - i.r).dot(i.q - i.r)) < 1e-12, "seed \(s): the legs at R are not perpendicular")
            let n = Int((i.p.x - i.q.x) * (i.p.x - i.q.x) + (i.p.y - i.q.y) * (i.p.y - i.q.y))
            let surd = Exact.sqrt(n)
            #expect(surd.num * surd.num * surd.root == n, "seed \(s): \(surd.text)² ≠ \(n)")
            #expect(close(surd.value, i.p.distance(to: i.q)), "seed \(s): the exact answer is not |PQ|")
            #expect(close(family.measure(i), i.p.distance(to: i.q)), "seed \(s): law of cosines")
        }
    }

    /// Equal legs make "the difference of the squares" 0: no length, so no option (it was "√0").
    @Test func distanceOptionsAreNeverZero() {
        var equalLegs = 0
        for seed in UInt64(0)..<600 {
            guard case let .success(p) = DistanceTwoPoints().make(seed: seed, options: GenerationOptions(multipleChoiceRate: 1))
            else { continue }
            if p.answer.text == "√2" || p.answer.text.hasSuffix("√2") { equalLegs += 1 }
            for c in p.answer.choices ?? [] {
                #expect(!c.contains("√0") && c.trimmingCharacters(in: .whitespaces) != "0", "seed \(seed): option \(c)")
            }
        }
        #expect(equalLegs > 0, "the sweep reaches equal legs")
    }

    @Test func midpointIsEquidistantAndOnTheSegment() throws {
        for (s, i) in try Self.instances(Midpoint()) {
            #expect(close(i.m.distance(to: i.p), i.m.distance(to: i.q)), "seed \(s): PM ≠ MQ")
            #expect(lineDistance(i.m, i.p, i.q) < 1e-12, "seed \(s): M off line PQ")
            #expect(isLattice(i.p) && isLattice(i.q), "seed \(s): endpoints off the lattice")
            if i.difficulty == 3 {
                // The reverse problem's givens are P and M; Q must come back as a lattice point.
                #expect(isLattice(i.m * 2 - i.p), "seed \(s): 2M - P off the lattice")
            }
        }
    }

    @Test func slopeLinesPassThroughTheirPointsAndTheRightAngleIsRight() throws {
        let family = SlopeOfLine()
        for (s, i) in try Self.instances(family) {
            #expect(lineDistance(i.p, i.line.0, i.line.1) < 1e-9 && lineDistance(i.q, i.line.0, i.line.1) < 1e-9,
                    "seed \(s): the drawn line misses P or Q")
            let k = (i.q.y - i.p.y) / (i.q.x - i.p.x)
            if let l = i.perpendicular {
                #expect(abs((l.1 - l.0).dot(i.q - i.p)) < 1e-9, "seed \(s): l is not perpendicular to PQ")
                #expect(lineDistance(i.q, l.0, l.1) < 1e-9, "seed \(s): l misses Q")
                #expect(close(family.solve(i) * k, -1), "seed \(s): slopes do not multiply to -1")
            } else {
                #expect(close(family.solve(i), k), "seed \(s): slope is not rise over run")
            }
            for e in [i.line.0, i.line.1] {
                #expect(i.window.contains(e, margin: -1e-9), "seed \(s): line end \(e) outside the window")
            }
        }
    }

    @Test func lineEquationHoldsAtBothPoints() throws {
        let family = LineEquation()
        for (s, i) in try Self.instances(family) {
            let (k, b) = family.coefficients(i)
            for pt in [i.p, i.q] {
                #expect(close(k.value * pt.x + b.value, pt.y), "seed \(s): \(pt) not on y = \(k.text)x + \(b.text)")
            }
            if i.difficulty == 1 { #expect(i.p.x == 0 && close(b.value, i.p.y), "seed \(s): P is not the y-intercept") }
            #expect(lineDistance(i.p, i.line.0, i.line.1) < 1e-9, "seed \(s): drawn line misses P")
        }
    }

    @Test func circlePointsLieOnTheCircle() throws {
        let family = CircleEquation()
        for (s, i) in try Self.instances(family) {
            let r2 = family.solve(i)
            #expect(close(i.center.distance(to: i.p) * i.center.distance(to: i.p), r2), "seed \(s): P not at distance r")
            #expect(isLattice(i.center) && isLattice(i.p), "seed \(s): centre or P off the lattice")
            if i.difficulty == 3 {
                #expect(close(i.center.distance(to: i.b), i.radius), "seed \(s): B not on the circle")
                #expect(close((i.p.x + i.b.x) / 2, i.center.x) && close((i.p.y + i.b.y) / 2, i.center.y),
                        "seed \(s): centre is not the midpoint of the diameter")
            }
            // The equation's right-hand side is the squared radius.
            let text = CircleEquation.equation(center: i.center, rSquared: Int(r2.rounded()))
            #expect(text.hasSuffix("= " + String(Int(r2.rounded()))), "seed \(s): \(text)")
            // The whole circle fits in the window.
            #expect(i.window.contains(i.center, margin: i.radius - 1e-9), "seed \(s): circle leaves the window")
        }
    }

    @Test func intersectionPointSatisfiesBothEquations() throws {
        let family = LineIntersection()
        for (s, i) in try Self.instances(family) {
            for l in [i.l1, i.l2] {
                #expect(Double(l.a) * i.point.x + Double(l.b) * i.point.y == Double(l.c), "seed \(s): P off a line")
            }
            #expect(i.l1.a * i.l2.b != i.l2.a * i.l1.b, "seed \(s): parallel lines")
            for (seg, l) in [(i.seg1, i.l1), (i.seg2, i.l2)] {
                for e in [seg.0, seg.1] {
                    #expect(abs(Double(l.a) * e.x + Double(l.b) * e.y - Double(l.c)) < 1e-9, "seed \(s): drawn end off its line")
                }
            }
            if i.difficulty == 1 { #expect(i.l1.a == 0, "seed \(s): l₁ should be horizontal") }
        }
    }

    /// Pick's theorem, A = I + B/2 - 1, counts lattice points: a third route to the area.
    @Test func polygonAreaAgreesWithPicksTheorem() throws {
        let family = PolygonArea()
        for (s, i) in try Self.instances(family) {
            let v = i.vertices
            var boundary = 0
            for k in v.indices {
                let d = v[(k + 1) % v.count] - v[k]
                boundary += gcd(Int(abs(d.x)), Int(abs(d.y)))
            }
            var interior = 0
            let xs = v.map(\.x), ys = v.map(\.y)
            for x in Int(xs.min() ?? 0)...Int(xs.max() ?? 0) {
                for y in Int(ys.min() ?? 0)...Int(ys.max() ?? 0) {
                    let p = Vec2(Double(x), Double(y))
                    let sides = v.indices.map { (v[($0 + 1) % v.count] - v[$0]).cross(p - v[$0]) }
                    if sides.allSatisfy({ $0 > 0 }) || sides.allSatisfy({ $0 < 0 }) { interior += 1 }
                }
            }
            let pick = Double(interior) + Double(boundary) / 2 - 1
            #expect(close(family.solve(i), pick), "seed \(s): area \(family.solve(i)) vs Pick \(pick)")
            #expect(close(family.measure(i), pick, 1e-9), "seed \(s): scanline area \(family.measure(i))")
            if let h = i.foot {
                #expect(abs((v[2] - h).dot(v[1] - v[0])) < 1e-12, "seed \(s): CH not perpendicular to AB")
            }
        }
    }
}
