import DatasetFormat
import Foundation

/// Checks a composed problem needs beyond the engine's coordinate check.
enum ComposedCheck {
    /// Whether the words alone fix the answer: the text-only reader has the step
    /// sentences, the orders of points along lines and the stated values, not the
    /// figure. So the program is realized again with every number the text does
    /// not state changed at random (sizes, angles, ratios, coordinates of free
    /// points, a rotation's sense) and with each unnamed choice flipped (which
    /// crossing of two circles, which tangent); every realization that keeps the
    /// stated values and orders must measure the same answer. Rounds: `rounds`.
    static func textDetermines(program: [ConstructionStep], fixed: [Relation], orders: [[PointName]],
                               target: ComposedTarget?, value: Double?, rounds: Int = 4,
                               rng: inout SplitMix64) -> Bool {
        guard let target, let value else { return false }
        for _ in 0..<rounds {
            var current = program
            var figure: Figure?
            for i in program.indices {
                let count = ProgramData.fields(current[i]).fields.count
                for k in 0..<count {
                    let (kind, fields) = ProgramData.fields(current[i])
                    var changed = fields
                    let (name, v) = fields[k]
                    switch v {
                    case let .int(w) where name == "which" && ["circle_circle", "tangent_point"].contains(kind):
                        guard rng.chance(0.5) else { continue }
                        changed[k].1 = .int(1 - w)
                    case let .double(x):
                        let y = name == "degrees" && rng.chance(0.3) ? 360 - x : x * rng.double(0.75...1.33)
                        changed[k].1 = .double(y)
                    case let .int(x) where name != "which":
                        changed[k].1 = .double(Double(x) * rng.double(0.75...1.33))
                    default: continue
                    }
                    guard let step = ProgramData.step(kind: kind, fields: changed) else { continue }
                    var trial = current
                    trial[i] = step
                    guard let f = try? Realizer.realize(trial),
                          fixed.allSatisfy({ Measure.agrees($0, on: f) }) else { continue }
                    current = trial
                    figure = f
                }
            }
            guard let f = figure, orders.allSatisfy({ keepsOrder($0, f) }) else { continue }
            guard target.agrees(target.measure(f), value) else { return false }
        }
        return true
    }

    /// The points lie on one drawn line of `f` in this order (or its reverse).
    static func keepsOrder(_ order: [PointName], _ f: Figure) -> Bool {
        guard let line = f.lines.first(where: { l in order.allSatisfy(l.contains) }) else { return false }
        let seen = line.filter(order.contains)
        return seen == order || seen == order.reversed()
    }
}
