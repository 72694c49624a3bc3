import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import Render

/// The caption's value list (the values written on the figure, in reading order)
/// holds values only: a line's or curve's name such as "l" is drawn but is not a value.
@Suite struct ValueListTests {
    /// A name as figures write it: one letter, then subscript digits or primes ("l", "l₁", "A'").
    static func isName(_ s: String) -> Bool {
        guard let first = s.first, first.isLetter else { return false }
        return s.dropFirst().allSatisfy { "₀₁₂₃₄₅₆₇₈₉'′".contains($0) }
    }

    @Test func namesAreRecognised() {
        #expect(Self.isName("l") && Self.isName("l₁") && Self.isName("A'"))
        #expect(!Self.isName("5 cm") && !Self.isName("l = 5π/3 cm") && !Self.isName("(2, -1)") && !Self.isName("43°"))
    }

    @Test(arguments: FamilyRegistry.all.map(\.id))
    func valueListsHoldNoNames(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        let canvas = try Canvas(width: 256, height: 256)
        var failures: [String] = []
        for s in 0..<30 {
            let seed = SplitMix64.derive(18_006, UInt64(s))
            guard case let .success(p) = family.make(seed: seed, options: GenerationOptions()) else { continue }
            let (_, labels) = SceneRenderer.draw(RenderRequest(scene: p.scene, includeGivens: true, size: 256), on: canvas)
            let values = labels.valuesInReadingOrder
            for v in values where Self.isName(v) { failures.append("seed \(seed): \(values)") }
            // Every text item of the scene is still drawn, names included.
            for item in p.scene.items {
                if case let .text(_, text) = item.element, !labels.contains(where: { $0.text == text }) {
                    failures.append("seed \(seed): \"\(text)\" not drawn")
                }
            }
        }
        #expect(failures.isEmpty, "\(id): \(failures.prefix(3).joined(separator: "; "))")
    }
}
