import Testing
@testable import Geometry

/// Every registered family over a sweep of seeds: each seed yields a problem,
/// the two answer routes agree, and the record is self-consistent. A failure
/// names the family and the seed so it can be replayed alone.
@Suite struct FamilySweepTests {
    static let seeds: [UInt64] = (0..<300).map { SplitMix64.derive(20_241_128, UInt64($0)) }

    @Test(arguments: FamilyRegistry.all.map(\.id))
    func everySeedAgrees(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        var failures: [String] = []
        for seed in Self.seeds {
            switch family.make(seed: seed, options: GenerationOptions()) {
            case let .success(p):
                if abs(p.solved - p.measured) > 1e-6 * max(1, abs(p.solved)) + 1e-9 && p.answer.tolerance == 0 {
                    failures.append("seed \(seed): solved \(p.solved) vs measured \(p.measured)")
                }
                if let value = p.answer.value, abs(value - p.solved) > max(p.answer.tolerance, 1e-9) {
                    failures.append("seed \(seed): answer value \(value) is not the solved \(p.solved)")
                }
                if let choices = p.answer.choices {
                    if Set(choices).count != choices.count { failures.append("seed \(seed): repeated choices \(choices)") }
                    if p.answer.correctIndex == nil { failures.append("seed \(seed): choices without a correct index") }
                }
                for kind in FactKind.allCases where p.facts(kind).isEmpty {
                    failures.append("seed \(seed): no \(kind.rawValue) fact")
                }
                if p.steps.isEmpty { failures.append("seed \(seed): no solution steps") }
                if p.spec["givens"] == nil || p.spec["target"] == nil {
                    failures.append("seed \(seed): spec lacks givens or target")
                }
                if !p.scene.items.contains(where: { $0.role == .given }) {
                    failures.append("seed \(seed): nothing to draw at vision-dominant (no .given item)")
                }
            case let .failure(f):
                failures.append("seed \(seed): \(f)")
            }
        }
        #expect(failures.isEmpty, "\(id): \(failures.prefix(5).joined(separator: "; "))")
    }

    @Test(arguments: FamilyRegistry.all.map(\.id))
    func sameSeedSameProblem(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        for seed in Self.seeds.prefix(20) {
            let a = try family.make(seed: seed, options: GenerationOptions()).get()
            let b = try family.make(seed: seed, options: GenerationOptions()).get()
            #expect(a.spec == b.spec, "\(id) seed \(seed)")
            #expect(a.answer.text == b.answer.text, "\(id) seed \(seed)")
        }
    }

    @Test func registryIdsAreUniqueAndNamespaced() {
        let ids = FamilyRegistry.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for f in FamilyRegistry.all {
            let prefix: String
            switch f.subject {
            case .plane: prefix = "plane."
            case .solid: prefix = "solid."
            case .analytic: prefix = "analytic."
            case .function: prefix = "function."
            }
            // Composed families are named for how they are made, whatever their subject.
            #expect(f.id.hasPrefix(prefix) || f.id.hasPrefix("compose."), "\(f.id) should start with \(prefix)")
        }
    }
}
