import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder
@testable import Render

/// A curve legend that finds no clear plot corner (the sinusoid's formula at twice the
/// text size) goes to a band above the plot: the figure then passes the audit, the
/// legend sits above the plot, and a legend that fits a corner is not moved.
@Suite struct LegendBandTests {
    /// Sinusoid problems generated as a run at `textScale` generates them (asking the real layout).
    static func sinusoids(_ n: Int, textScale: Double = 1) -> [Problem] {
        guard let fam = FamilyRegistry.all.first(where: { $0.id == "function.sinusoid" }) else { return [] }
        var options = GenerationOptions()
        options.layout = RenderLayout.check(imageSize: 512, textScale: textScale, style: .plain, language: "en")
        return (UInt64(0)..<UInt64(n * 3)).compactMap {
            if case let .success(p) = fam.make(seed: $0, options: options) { return p }
            return nil
        }.prefix(n).map { $0 }
    }

    @Test func blockedLegendMovesAboveThePlotAndPasses() throws {
        // Before the band no sinusoid could be generated at text scale 2 (every window degenerate).
        let problems = Self.sinusoids(12, textScale: 2)
        #expect(problems.count == 12)
        var banded = 0
        for p in problems {
            let req = RenderRequest(scene: p.scene, includeGivens: true, size: 512, style: RenderStyle.plain.scalingText(by: 2))
            let (audit, placed) = try SceneRenderer.layout(req)
            #expect(audit.isClean, "seed \(p.seed): \(audit)")
            let legend = try #require(placed.first { $0.text.hasPrefix("y = ") })
            let axisTop = placed.filter { $0.kind == .axis && $0.text == "y" }.map(\.box.y).min() ?? 0
            if legend.box.maxY <= axisTop { banded += 1 }
        }
        #expect(banded > 0, "at text scale 2 some sinusoid legends need the band")
    }

    /// The band is the fallback, not the rule: at the default text size most legends stay in a plot corner.
    @Test func legendThatFitsACornerStaysInThePlot() throws {
        let problems = Self.sinusoids(12)
        #expect(problems.count == 12)
        var inPlot = 0
        for p in problems {
            let (audit, placed) = try SceneRenderer.layout(RenderRequest(scene: p.scene, includeGivens: false, size: 512))
            #expect(audit.isClean)
            let legend = try #require(placed.first { $0.text.hasPrefix("y = ") })
            let axisTop = placed.filter { $0.kind == .axis && $0.text == "y" }.map(\.box.y).min() ?? 0
            if legend.box.y > axisTop { inPlot += 1 }
        }
        #expect(inPlot >= 6, "\(inPlot) of 12 legends in the plot")
    }
}
