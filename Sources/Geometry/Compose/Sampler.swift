/// Draws construction programs: a free figure first, then dependent steps
/// whose arguments are objects the figure already has, each kind drawn by
/// weight. A step that would be degenerate is drawn again; a program that
/// cannot grow is started over. Everything comes from the one seeded RNG.
public struct ProgramSampler: Sendable {
    /// How many steps a program has (the free figure counts as one).
    public var steps: ClosedRange<Int>
    /// Draws tried for one step before the program is started over.
    public var triesPerStep: Int
    /// Programs started before giving up.
    public var restarts: Int

    public init(steps: ClosedRange<Int> = 3...12, triesPerStep: Int = 40, restarts: Int = 30) {
        self.steps = steps
        self.triesPerStep = triesPerStep
        self.restarts = restarts
    }

    /// One program and its realized figure.
    public func draw(_ rng: inout SplitMix64) throws -> (program: [ConstructionStep], figure: Figure) {
        let target = rng.int(steps)
        var lastError = ConstructionError.badArguments("no draw")
        for _ in 0..<restarts {
            var program: [ConstructionStep] = []
            var figure = Figure()
            var stuck = false
            while program.count < target && !stuck {
                stuck = true
                for _ in 0..<triesPerStep {
                    let step = program.isEmpty ? Self.freeFigure(&rng) : Self.dependent(&rng, figure)
                    guard let step else { continue }
                    do {
                        try Realizer.apply(step, to: &figure, index: program.count)
                        program.append(step)
                        stuck = false
                        break
                    } catch let e as ConstructionError {
                        lastError = e
                    }
                }
            }
            if !stuck { return (program, figure) }
        }
        throw lastError
    }

    /// Letters for new points, in alphabetical order of those unused (I is skipped: it reads as l).
    static let alphabet = "ABCDEFGHJKLMNOPQRSTUVWXYZ".map { String($0) }

    static func fresh(_ f: Figure, _ count: Int, centre: Bool = false) -> [PointName]? {
        // O is kept for centres while other letters remain.
        let unused = alphabet.filter { f.coordinates[$0] == nil }
        let others = unused.filter { $0 != "O" }
        let free = centre ? unused.filter { $0 == "O" } + others : (others.count >= count ? others : unused)
        return free.count >= count ? Array(free.prefix(count)) : nil
    }

    /// The first step: a free figure with integer sizes and angles.
    static func freeFigure(_ rng: inout SplitMix64) -> ConstructionStep {
        let f = Figure()
        let three = fresh(f, 3) ?? [], four = fresh(f, 4) ?? []
        let kinds: [(Double, Int)] = [(3, 0), (2, 1), (2, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (1, 9),
                                      (0.5, 10), (1.5, 11)]
        switch weighted(&rng, kinds) {
        case 0:
            let a = Double(rng.int(35...85))
            let b = Double(rng.int(30...min(85, 150 - Int(a))))
            return .triangle(names: three, base: Double(rng.int(5...8)), angleA: a, angleB: b)
        case 1:
            let a = rng.int(3...8)
            return .rightTriangle(names: three, legA: Double(a), legB: Double(rng.int(max(3, a / 2)...min(8, 2 * a))))
        case 2: return .isoscelesTriangle(names: three, leg: Double(rng.int(5...8)), apex: Double(rng.int(30...120)))
        case 3: return .equilateralTriangle(names: three, side: Double(rng.int(5...8)))
        case 4: return .parallelogram(names: four, side1: Double(rng.int(5...8)), side2: Double(rng.int(3...6)),
                                      angle: Double(rng.int(50...80)))
        case 5: return .rectangle(names: four, width: Double(rng.int(5...8)), height: Double(rng.int(3...6)))
        case 6: return .rhombus(names: four, side: Double(rng.int(4...7)), angle: Double(rng.int(50...80)))
        case 7: return .square(names: four, side: Double(rng.int(4...7)))
        case 8:
            let bottom = rng.int(7...10), top = rng.int(3...6)
            return .trapezoid(names: four, bottom: Double(bottom), top: Double(top), height: Double(rng.int(3...5)),
                              shift: Double(rng.int(1...max(1, bottom - top - 1))))
        case 9: return .kite(names: four, halfWidth: Double(rng.int(3...4)), topAngle: Double(rng.int(50...100)),
                             bottomAngle: Double(rng.int(70...130)))
        case 10:
            let n = rng.int(5...6)
            return .regularPolygon(names: Array(alphabet.filter { $0 != "O" }.prefix(n)), center: "O",
                                   radius: Double(rng.int(4...5)))
        default: return .circle(center: "O", through: "A", radius: Double(rng.int(4...6)))
        }
    }

    /// An index drawn with probability proportional to its weight.
    static func weighted(_ rng: inout SplitMix64, _ items: [(Double, Int)]) -> Int {
        let total = items.reduce(0) { $0 + $1.0 }
        var x = rng.double(0...total)
        for (w, k) in items {
            if x < w { return k }
            x -= w
        }
        return items.last?.1 ?? 0
    }
}
