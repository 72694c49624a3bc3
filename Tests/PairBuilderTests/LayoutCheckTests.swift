import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder
@testable import Render

/// Generation asks the real renderer's layout (issue 17): the coordinate-plane families
/// choose their window and text spots by the check the builder injects, at the run's
/// image size and text scale, instead of a pixel model guessed at 512 px.
@Suite struct LayoutCheckTests {
    static let axesFamilies = FamilyRegistry.all.filter { $0.id.hasPrefix("analytic.") || $0.id.hasPrefix("function.") }
    static let seeds: [UInt64] = (0..<8).map { SplitMix64.derive(17_002, UInt64($0)) }

    /// What the check accepted renders clean: the figure with values and above a short
    /// question block, in the problem's own style, at sizes and text scales the old model
    /// never saw.
    @Test(arguments: [(384, 1.0), (256, 1.5), (512, 1.0)])
    func acceptedScenesRenderClean(_ size: Int, _ scale: Double) throws {
        var c = TestSupport.config(pairs: 1, families: Self.axesFamilies, size: size)
        c.textScale = scale
        let builder = try DatasetBuilder(config: c)
        let options = builder.config.generation
        #expect(options.layout != nil, "the builder injects no layout check")
        var failures: [String] = [], made = 0
        for family in Self.axesFamilies {
            for seed in Self.seeds {
                guard case let .success(p) = family.make(seed: seed, options: options) else { continue }
                made += 1
                let style = RenderLayout.style(c.style, textScale: scale, problemSeed: p.seed)
                for block in [nil, "Find the value.\nA. 1  B. 2  C. 3  D. 4"] {
                    let img = try SceneRenderer.render(RenderRequest(scene: p.scene, includeGivens: true, textBlock: block,
                                                                     size: size, style: style))
                    if !img.audit.isClean { failures.append("\(family.id) seed \(seed): \(img.audit)") }
                }
            }
        }
        #expect(made >= Self.axesFamilies.count * 4, "only \(made) problems made")
        #expect(failures.isEmpty, "\(failures.count) accepted scenes render unclean at \(size) px, scale \(scale): \(failures.prefix(3))")
    }

    /// The families ask the check: one that refuses every scene leaves no problem, and the
    /// scenes it is shown are the family's own candidates.
    @Test func familiesAskTheCheck() throws {
        let asked = CallCount()
        var refuseAll = GenerationOptions()
        refuseAll.layout = LayoutCheck { scene, _ in
            asked.add()
            if case .axes = scene.frame { return false }
            return true
        }
        for family in Self.axesFamilies {
            let r = family.make(seed: 5, options: refuseAll)
            if case .success = r { Issue.record("\(family.id) made a problem every layout of which was refused") }
        }
        #expect(asked.value >= Self.axesFamilies.count)
        // Plane figures choose no window: the check is never asked, the problem unchanged.
        let plane = try #require(FamilyRegistry.named("plane.parallel_triangle_angle"))
        let before = asked.value
        let a = try plane.make(seed: 5, options: refuseAll).get(), b = try plane.make(seed: 5, options: GenerationOptions()).get()
        #expect(asked.value == before)
        #expect(a.identity == b.identity && a.spec == b.spec)
    }
}

/// A thread-safe count.
final class CallCount: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
