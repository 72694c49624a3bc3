import DatasetFormat
import Foundation
import Geometry
import Render

/// The renderer's layout, asked by generation: a family that chooses among windows and
/// text spots (the coordinate-plane families) takes the first the real renderer lays
/// out cleanly at the run's image size, text scale, language and the problem's own
/// style, instead of guessing the layout at a fixed size (docs/ARCHITECTURE.md).
enum RenderLayout {
    /// The style a problem's images are drawn in: the house style, or the varied style
    /// its seed draws, with the text scaled.
    static func style(_ mode: BuildConfig.StyleMode, textScale: Double, problemSeed: UInt64) -> RenderStyle {
        var styleRng = SplitMix64(seed: problemSeed ^ 0x5354_594C_4500_0000)
        let base = mode == .plain ? RenderStyle.plain : RenderStyle.varied(&styleRng)
        return textScale == 1 ? base : base.scalingText(by: textScale)
    }

    /// Question blocks (lines) the vision-only image is checked with: its real text is
    /// worded later, so a longer one can still fail the render audit and be redrawn
    /// (`rejected.layout`).
    static let blockLines = [0, 2, 4, 6]

    /// This thread's layout surface, made once: creating and destroying Cairo contexts
    /// at the rate checks run trips a race in Cairo's shared font cache
    /// (`cairo_scaled_font_destroy: Assertion ! scaled_font->cache_frozen`).
    static func threadSurface() -> LayoutSurface? {
        let key = "mathgen.RenderLayout.surface"
        if let s = Thread.current.threadDictionary[key] as? LayoutSurface { return s }
        guard let s = try? LayoutSurface() else { return nil }
        Thread.current.threadDictionary[key] = s
        return s
    }

    /// The check generation asks: the figure with its values, alone and above question
    /// blocks of `blockLines` lines, must pass the render audit.
    static func check(imageSize: Int, textScale: Double, style mode: BuildConfig.StyleMode,
                      language: String) -> LayoutCheck {
        @Sendable func clean(_ scene: Scene, _ seed: UInt64, fallbacks: Bool) -> Bool {
            guard let surface = threadSurface() else { return false }
            let style = Self.style(mode, textScale: textScale, problemSeed: seed)
            for lines in blockLines {
                let block = lines == 0 ? nil : Array(repeating: "Ag", count: lines).joined(separator: "\n")
                var req = RenderRequest(scene: scene, includeGivens: true, textBlock: block, language: language,
                                        size: imageSize, style: style)
                req.stopAtFirstFault = true
                req.allowLegendBand = fallbacks
                guard let (audit, _) = try? SceneRenderer.layout(req, on: surface), audit.isClean else { return false }
            }
            return true
        }
        return LayoutCheck({ clean($0, $1, fallbacks: false) }, fallback: { clean($0, $1, fallbacks: true) })
    }
}

extension BuildConfig {
    /// This run's layout check (`GenerationOptions.layout`).
    var layoutCheck: LayoutCheck {
        RenderLayout.check(imageSize: imageSize, textScale: textScale, style: style, language: language)
    }
}
