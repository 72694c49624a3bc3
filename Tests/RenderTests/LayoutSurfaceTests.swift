import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import Render

/// The layout surface runs the renderer's own code without painting: what it lays out
/// must be exactly what the Cairo canvas lays out, for every family, size, text scale,
/// style and image variant, or a layout check built on it would predict wrongly.
@Suite struct LayoutSurfaceTests {
    static let seeds: [UInt64] = (0..<6).map { SplitMix64.derive(17_001, UInt64($0)) }

    /// The requests a dataset makes of one problem: figure, values, values over a question block.
    static func requests(_ p: Problem, size: Int, style: RenderStyle) -> [RenderRequest] {
        [RenderRequest(scene: p.scene, includeGivens: false, size: size, style: style),
         RenderRequest(scene: p.scene, includeGivens: true, size: size, style: style),
         RenderRequest(scene: p.scene, includeGivens: true,
                       textBlock: "Find the value asked for.\nA. 12  B. 13  C. 14  D. 15", size: size, style: style)]
    }

    @Test(arguments: FamilyRegistry.all.map(\.id))
    func layoutMatchesThePaintedCanvas(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        let surface = try LayoutSurface()
        var checked = 0
        for (n, seed) in Self.seeds.enumerated() {
            guard case let .success(p) = family.make(seed: seed, options: GenerationOptions()) else { continue }
            var rng = SplitMix64(seed: seed)
            let size = [512, 384, 128][n % 3]
            let style = n % 2 == 0 ? RenderStyle.plain : RenderStyle.varied(&rng).scalingText(by: n % 4 == 1 ? 2 : 1)
            for req in Self.requests(p, size: size, style: style) {
                let canvas = try Canvas(width: size, height: size)
                let painted = SceneRenderer.draw(req, on: canvas)
                let laid = try SceneRenderer.layout(req, on: surface)
                #expect(laid.0 == painted.0, "\(id) seed \(seed) at \(size) px: audit \(laid.0) vs painted \(painted.0)")
                #expect(laid.1.map(\.text) == painted.1.map(\.text), "\(id) seed \(seed): labels differ")
                // Boxes agree to rounding (the two code paths are compiled apart and may fuse
                // a multiply-add differently); a placement decision would move a box by pixels.
                func near(_ a: Box, _ b: Box) -> Bool {
                    abs(a.x - b.x) < 1e-9 && abs(a.y - b.y) < 1e-9 && abs(a.w - b.w) < 1e-9 && abs(a.h - b.h) < 1e-9
                }
                #expect(zip(laid.1, painted.1).allSatisfy { near($0.box, $1.box) && $0.kind == $1.kind },
                        "\(id) seed \(seed) at \(size) px: a label box differs: \(zip(laid.1, painted.1).filter { !near($0.box, $1.box) }.prefix(2).map { "\($0.text) \($0.box) vs \($1.box)" })")
                checked += 1
            }
        }
        #expect(checked >= 9, "\(id): only \(checked) layouts compared")
    }

    /// The recording double sees every label drawn where the layout placed it, and
    /// strokes for the figure; a scene with nothing in it records only nothing.
    @Test func recordingSurfaceKeepsTheDrawingCalls() throws {
        let family = try #require(FamilyRegistry.named("plane.parallel_triangle_angle"))
        let p = try family.make(seed: 7, options: GenerationOptions()).get()
        let surface = try LayoutSurface(recording: true)
        let (_, labels) = try SceneRenderer.layout(RenderRequest(scene: p.scene, includeGivens: true, size: 256), on: surface)
        let texts = surface.ops.compactMap { op -> (String, Vec)? in
            if case let .text(t, at) = op { return (t, at) }
            return nil
        }
        #expect(!labels.isEmpty)
        for label in labels {
            #expect(texts.contains { $0.0 == label.text && abs($0.1.x - label.box.x) < 1e-9 && abs($0.1.y - label.box.y) < 1e-9 },
                    "label \(label.text) at \(label.box) was not drawn there")
        }
        #expect(surface.ops.contains { if case .stroke = $0 { return true } else { return false } })
        #expect(surface.drawCalls == surface.ops.count)

        let empty = try LayoutSurface(recording: true)
        _ = try SceneRenderer.layout(RenderRequest(scene: Scene(frame: p.scene.frame), includeGivens: true, size: 128), on: empty)
        #expect(empty.ops.allSatisfy { if case .text = $0 { return false } else { return true } })
    }
}
