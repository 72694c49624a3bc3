import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import Render

/// A fixed problem to draw: the reference family at a fixed seed, plain style.
func referenceScene(seed: UInt64 = 3) throws -> Scene {
    try ParallelTriangleAngle().make(seed: seed, options: GenerationOptions(multipleChoiceRate: 0)).get().scene
}

@Suite struct PNGTests {
    @Test(arguments: [PNGEncoder.Filter.none, .sub, .up])
    func grayAndRGBRoundTrip(_ filter: PNGEncoder.Filter) throws {
        var rng = SplitMix64(seed: 9)
        let w = 37, h = 23
        let gray = (0..<(w * h)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let png = try gray.withUnsafeBufferPointer {
            try PNGEncoder(level: 6, filter: filter).encode(pixels: $0, width: w, height: h, color: .gray)
        }
        let back = try PNGDecoder.decode(png)
        #expect(back.width == w && back.height == h)
        #expect(back.gray == gray)

        let rgb = (0..<(w * h)).flatMap { i in [gray[i], gray[i], gray[i]] }
        let png3 = try rgb.withUnsafeBufferPointer {
            try PNGEncoder(level: 1, filter: filter).encode(pixels: $0, width: w, height: h, color: .rgb)
        }
        #expect(try PNGDecoder.decode(png3).gray == gray)
    }

    /// Runs of every awkward length around the 258-byte match limit, in both compressors;
    /// zlib's inflate checks the stream and its Adler-32.
    /// `--png libdeflate`'s setting: on rendered figures (the reference scene
    /// with values and with the vision-only text block) no larger than zlib's
    /// level 6 on the same scanlines, and the same pixels back.
    @Test func libdeflateSixIsNoLargerThanZlibSix() throws {
        let canvas = try Canvas(width: 512, height: 512)
        for block in [nil, "In the figure, find the measure of the marked angle. Give the answer in degrees."] {
            _ = SceneRenderer.draw(RenderRequest(scene: try referenceScene(), includeGivens: true, textBlock: block), on: canvas)
            let px = canvas.grayPixels()
            let encode = { (e: PNGEncoder) in try px.withUnsafeBufferPointer { try e.encode(pixels: $0, width: 512, height: 512, color: .gray) } }
            let small = try encode(PNGEncoder(level: 6, compressor: .libdeflate))
            let zlib6 = try encode(PNGEncoder(level: 6, strategy: 0, compressor: .zlib))
            let rle = try encode(PNGEncoder())
            #expect(small.count <= zlib6.count && small.count < rle.count, "\(small.count) vs zlib \(zlib6.count), rle \(rle.count)")
            #expect(try PNGDecoder.decode(small).gray == px)
        }
        #expect(throws: RenderError.self) {
            try [UInt8](repeating: 255, count: 64).withUnsafeBufferPointer {
                try PNGEncoder(level: 13, compressor: .libdeflate).encode(pixels: $0, width: 8, height: 8, color: .gray)
            }
        }
    }

    @Test(arguments: PNGEncoder.Compressor.allCases)
    func runsOfEveryLengthRoundTrip(_ compressor: PNGEncoder.Compressor) throws {
        var rng = SplitMix64(seed: 4)
        var px: [UInt8] = []
        for len in [1, 2, 3, 4, 5, 257, 258, 259, 260, 261, 262, 515, 516, 517, 518, 1000, 4097] {
            px += Array(repeating: UInt8.random(in: 0...255, using: &rng), count: len)
            px += (0..<7).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        let w = 97
        let h = px.count / w
        px = Array(px.prefix(w * h))
        let png = try px.withUnsafeBufferPointer {
            try PNGEncoder(compressor: compressor).encode(pixels: $0, width: w, height: h, color: .gray)
        }
        #expect(try PNGDecoder.decode(png).gray == px)
    }

    @Test func truncatedAndCorruptFilesAreErrors() throws {
        let px = [UInt8](repeating: 200, count: 64)
        let png = try px.withUnsafeBufferPointer { try PNGEncoder().encode(pixels: $0, width: 8, height: 8, color: .gray) }
        #expect(throws: RenderError.self) { try PNGDecoder.decode(Array(png.prefix(png.count - 10))) }
        var flipped = png
        flipped[40] ^= 0xFF
        #expect(throws: RenderError.self) { try PNGDecoder.decode(flipped) }
        #expect(throws: RenderError.self) { try PNGDecoder.decode(Array("not a png at all, really".utf8)) }
    }
}

@Suite struct SceneRendererTests {
    @Test func givenValuesAppearOnlyWhenAsked() throws {
        let scene = try referenceScene()
        let canvas = try Canvas(width: 512, height: 512)
        let (_, plain) = SceneRenderer.draw(RenderRequest(scene: scene, includeGivens: false), on: canvas)
        let (_, valued) = SceneRenderer.draw(RenderRequest(scene: scene, includeGivens: true), on: canvas)
        let values = scene.items.compactMap { item -> String? in
            if case let .angle(_, _, _, _, t?) = item.element { return t }
            return nil
        }
        #expect(values.count == 2)
        for v in values {
            #expect(!plain.contains { $0.text == v })
            #expect(valued.contains { $0.text == v })
        }
    }

    @Test func labelsStayClearOverASweepOfSeeds() throws {
        var clean = 0, total = 0
        for s in 0..<120 {
            let p = try ParallelTriangleAngle().make(seed: UInt64(s), options: GenerationOptions()).get()
            let canvas = try Canvas(width: 512, height: 512)
            let (audit, labels) = SceneRenderer.draw(RenderRequest(scene: p.scene, includeGivens: true), on: canvas)
            total += 1
            if audit.isClean { clean += 1 }
            #expect(labels.allSatisfy { Box(x: 0, y: 0, w: 512, h: 512).contains($0.box) }, "seed \(s): label off canvas")
            #expect(audit.labels == 7, "seed \(s): expected 5 point labels and 2 values, got \(audit.labels)")
        }
        // The builder rejects unclean layouts; they must be rare or generation wastes work.
        #expect(Double(clean) / Double(total) >= 0.9, "only \(clean)/\(total) layouts were clean")
    }

    @Test func auditCatchesCollisions() throws {
        var scene = Scene()
        // Two labelled points on top of each other, inside a crossing of lines.
        scene.add(.point(at: Vec2(0, 0), label: "A", dot: true))
        scene.add(.point(at: Vec2(0.001, 0), label: "B", dot: true))
        for k in 0..<16 {
            let t = Double(k) / 16 * .pi
            scene.add(.segment(Vec2.polar(1, t), Vec2.polar(-1, t), style: .solid))
        }
        let canvas = try Canvas(width: 256, height: 256)
        let (audit, _) = SceneRenderer.draw(RenderRequest(scene: scene, includeGivens: true, size: 256), on: canvas)
        #expect(!audit.isClean)
        #expect(audit.overlaps + audit.lineHits > 0)
        // The builder's call encodes nothing for it; `render` still gives the image.
        let req = RenderRequest(scene: scene, includeGivens: true, size: 256)
        #expect(try SceneRenderer.renderIfClean(req, canvas: canvas) == nil)
        #expect(try !SceneRenderer.render(req, canvas: canvas).png.isEmpty)
        let clean = RenderRequest(scene: try referenceScene(), includeGivens: true, size: 256)
        #expect(try SceneRenderer.renderIfClean(clean, canvas: canvas)?.png == SceneRenderer.render(clean, canvas: canvas).png)
    }

    @Test func visionOnlyTextSitsBelowTheDiagramAndWraps() throws {
        let scene = try referenceScene()
        let long = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 5) + "\nChoices: A. 1 B. 2 C. 3 D. 4"
        let canvas = try Canvas(width: 512, height: 512)
        let (audit, labels) = SceneRenderer.draw(
            RenderRequest(scene: scene, includeGivens: true, textBlock: long), on: canvas)
        let lines = labels.filter { $0.text.contains("fox") || $0.text.hasPrefix("Choices") }
        #expect(lines.count >= 3, "long text should wrap onto several lines")
        let lowestFigureLabel = labels.filter { $0.text.count <= 4 }.map(\.box.maxY).max() ?? 0
        #expect(lines.allSatisfy { $0.box.y >= lowestFigureLabel - 1 }, "text block overlaps the diagram")
        #expect(lines.allSatisfy { $0.box.maxX <= 512 && $0.box.maxY <= 512 })
        #expect(audit.offCanvas == 0)
    }

    @Test func cjkTextWrapsBetweenCharacters() {
        let lines = TextWrap.wrap("在三角形中点在边上且平行于边求角的度数", width: 50) { Double($0.count) * 10 }
        #expect(lines.count >= 4)
        #expect(lines.joined() == "在三角形中点在边上且平行于边求角的度数")
    }

    /// Rows top to bottom, each left to right; a label a little lower than its
    /// neighbour on the same row still reads after it only if it is to the right.
    @Test func valuesReadTopToBottomThenLeftToRight() {
        func label(_ t: String, _ x: Double, _ y: Double, _ kind: PlacedLabel.Kind = .value) -> PlacedLabel {
            PlacedLabel(text: t, box: Box(x: x, y: y, w: 30, h: 20), kind: kind)
        }
        let labels = [label("30°", 200, 305), label("A", 0, 0, .point), label("40°", 10, 300),
                      label("50°", 100, 50), label("2", 0, 400, .axis), label("60°", 400, 330)]
        #expect(labels.valuesInReadingOrder == ["50°", "40°", "30°", "60°"])
    }

    /// The rendered figure's values come back in the order their boxes read, and a
    /// text scale enlarges names and values but not the axis furniture.
    /// Cards (RenderRequest.scatterSeed): the given values alone, clear of each
    /// other, rows unambiguous, all ink inside the value boxes, places varying by seed.
    @Test func scatteredValuesMakeCleanCards() throws {
        var firstSpots = Set<Int>()
        let canvas = try Canvas(width: 128, height: 128)
        for s in 0..<60 {
            let scene = try referenceScene(seed: UInt64(s))
            var req = RenderRequest(scene: scene, includeGivens: true, size: 128, style: RenderStyle.plain.scalingText(by: 2))
            req.scatterSeed = UInt64(1000 + s)
            let img = try SceneRenderer.render(req, canvas: canvas)
            #expect(img.audit.isClean, "seed \(s): \(img.audit)")
            #expect(img.labels.count == 2 && img.labels.allSatisfy { $0.kind == .value }, "seed \(s)")
            let boxes = img.labels.map(\.box)
            for (i, a) in boxes.enumerated() {
                #expect(Box(x: 0, y: 0, w: 128, h: 128).inset(2).contains(a), "seed \(s): off canvas")
                for b in boxes[(i + 1)...] {
                    let dy = abs(a.center.y - b.center.y), h = max(a.h, b.h)
                    #expect(!a.intersects(b) && (dy < 0.3 * h || dy > 0.8 * h), "seed \(s): \(a) \(b)")
                }
            }
            let gray = try PNGDecoder.decode(img.png).gray
            for (i, v) in gray.enumerated() where v < 128 {
                let p = Vec(Double(i % 128) + 0.5, Double(i / 128) + 0.5)
                #expect(boxes.contains { $0.inset(-2).contains(p) }, "seed \(s): ink at \(p) outside the values")
            }
            firstSpots.insert(Int(boxes[0].x) / 8 * 16 + Int(boxes[0].y) / 8)
        }
        #expect(firstSpots.count > 30, "the first value sat in only \(firstSpots.count) of 256 cells")

        // scatterOne: one of the values, and across seeds each of them.
        var drawn = Set<String>()
        let scene = try referenceScene()
        for s in 0..<20 {
            var req = RenderRequest(scene: scene, includeGivens: true, size: 128, style: RenderStyle.plain.scalingText(by: 2))
            req.scatterSeed = UInt64(s)
            req.scatterOne = true
            let img = try SceneRenderer.render(req, canvas: canvas)
            #expect(img.audit.isClean && img.labels.count == 1, "seed \(s): \(img.labels.map(\.text))")
            drawn.formUnion(img.labels.map(\.text))
        }
        #expect(drawn.count == 2, "\(drawn)")
    }

    @Test func renderedValuesAndTextScale() throws {
        let scene = try referenceScene()
        let canvas = try Canvas(width: 256, height: 256)
        let (_, base) = SceneRenderer.draw(RenderRequest(scene: scene, includeGivens: true, size: 256), on: canvas)
        let (_, big) = SceneRenderer.draw(RenderRequest(scene: scene, includeGivens: true, size: 256,
                                                        style: RenderStyle.plain.scalingText(by: 2)), on: canvas)
        let order = base.valuesInReadingOrder
        #expect(order.count == 2)
        let tops = order.map { v in base.first { $0.text == v && $0.kind == .value }?.box.center.y ?? -1 }
        #expect(tops[0] <= tops[1] + 0.5 * 20)
        for kind in [PlacedLabel.Kind.point, .value] {
            let a = base.filter { $0.kind == kind }.map(\.box.h), b = big.filter { $0.kind == kind }.map(\.box.h)
            #expect(a.count == b.count && !a.isEmpty)
            for (x, y) in zip(a, b) { #expect(abs(y / x - 2) < 0.15, "\(kind): \(x) -> \(y)") }
        }
    }

    @Test func grayStyleWritesSingleChannelPNG() throws {
        let img = try SceneRenderer.render(RenderRequest(scene: try referenceScene(), includeGivens: true, size: 128))
        #expect(img.gray)
        #expect(img.png[25] == 0)  // IHDR colour type 0 = gray
        var colored = RenderStyle.plain
        colored.markInk = RGB(0.8, 0.1, 0.1)
        let c = try SceneRenderer.render(RenderRequest(scene: try referenceScene(), includeGivens: true, size: 128, style: colored))
        #expect(!c.gray)
        #expect(c.png[25] == 2)
    }
}

/// Golden images: small renders compared pixel by pixel with a stated tolerance
/// (antialiasing may shift by a level or two across Cairo builds). Re-record with
/// MATHGEN_RECORD_SNAPSHOTS=1.
@Suite struct GoldenImageTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    func assertGolden(_ name: String, _ req: RenderRequest) throws {
        let img = try SceneRenderer.render(req)
        let url = Self.folder.appendingPathComponent(name + ".png")
        if ProcessInfo.processInfo.environment["MATHGEN_RECORD_SNAPSHOTS"] == "1" {
            try Data(img.png).write(to: url)
            return
        }
        let golden = try PNGDecoder.decode(Array(try Data(contentsOf: url)))
        let now = try PNGDecoder.decode(img.png)
        #expect(golden.width == now.width && golden.height == now.height)
        var far = 0, sum = 0
        for (a, b) in zip(golden.gray, now.gray) {
            let d = abs(Int(a) - Int(b))
            sum += d
            if d > 64 { far += 1 }
        }
        let n = golden.gray.count
        #expect(Double(far) / Double(n) < 0.004, "\(name): \(far) of \(n) pixels differ by more than 64 levels")
        #expect(Double(sum) / Double(n) < 1.5, "\(name): mean difference \(Double(sum) / Double(n))")
    }

    @Test func triangleFigureAtVisionDominant() throws {
        try assertGolden("parallel_triangle_val_192",
                         RenderRequest(scene: try referenceScene(), includeGivens: true, size: 192))
    }

    @Test func visionOnlyLayout() throws {
        try assertGolden("parallel_triangle_txt_256",
                         RenderRequest(scene: try referenceScene(), includeGivens: true,
                                       textBlock: "DE is parallel to BC. Find the measure of ∠CED.\nChoices: A. 40° B. 140° C. 100° D. 80°",
                                       size: 256))
    }
}

/// One golden image per mark type, on a hand-built scene, so a change to any
/// mark's drawing shows up as a diff.
@Suite struct MarkGoldenTests {
    let golden = GoldenImageTests()

    func square() -> (Vec2, Vec2, Vec2, Vec2) { (Vec2(0, 0), Vec2(4, 0), Vec2(4, 3), Vec2(0, 3)) }

    @Test func rightAngleAndTicks() throws {
        let (a, b, c, d) = square()
        var s = Scene()
        for (p, l) in [(a, "A"), (b, "B"), (c, "C"), (d, "D")] { s.add(.point(at: p, label: l, dot: true)) }
        for (p, q) in [(a, b), (b, c), (c, d), (d, a)] { s.add(.segment(p, q, style: .solid)) }
        s.add(.rightAngle(vertex: a, a: b, b: d), .property)
        s.add(.ticks(a, b, count: 1), .property)
        s.add(.ticks(c, d, count: 1), .property)
        s.add(.ticks(b, c, count: 2), .property)
        s.add(.ticks(d, a, count: 2), .property)
        try golden.assertGolden("mark_right_angle_ticks_192", RenderRequest(scene: s, includeGivens: true, size: 192))
    }

    @Test func parallelArrowsAndEqualAngleArcs() throws {
        let a = Vec2(0, 0), b = Vec2(5, 0), c = Vec2(6, 3), d = Vec2(1, 3)
        var s = Scene()
        for (p, l) in [(a, "P"), (b, "Q"), (c, "R"), (d, "S")] { s.add(.point(at: p, label: l, dot: true)) }
        for (p, q) in [(a, b), (b, c), (c, d), (d, a)] { s.add(.segment(p, q, style: .solid)) }
        s.add(.parallelArrows(a, b, count: 1), .property)
        s.add(.parallelArrows(d, c, count: 1), .property)
        s.add(.parallelArrows(a, d, count: 2), .property)
        s.add(.parallelArrows(b, c, count: 2), .property)
        s.add(.angle(vertex: a, from: b, to: d, arcs: 2, text: nil), .property)
        s.add(.angle(vertex: c, from: d, to: b, arcs: 2, text: nil), .property)
        s.add(.angle(vertex: b, from: c, to: a, arcs: 1, text: "108°"), .given)
        try golden.assertGolden("mark_parallel_arcs_192", RenderRequest(scene: s, includeGivens: true, size: 192))
    }

    @Test func dashedHiddenEdgesCircleAndSegmentValues() throws {
        var s = Scene()
        let o = Vec2(0, 0), p = Vec2(3, 0), q = Vec2(-1.8, 2.4)
        s.add(.circle(center: o, radius: 3, style: .solid))
        s.add(.point(at: o, label: "O", dot: true))
        s.add(.point(at: p, label: "P", dot: true))
        s.add(.point(at: q, label: "Q", dot: true))
        s.add(.segment(o, p, style: .dashed))
        s.add(.segment(o, q, style: .solid))
        s.add(.segmentValue(o, p, text: "3 cm", away: q), .given)
        s.add(.arc(center: o, radius: 1, start: 0, end: 2.214, style: .solid), .property)
        try golden.assertGolden("mark_dashed_circle_value_192", RenderRequest(scene: s, includeGivens: true, size: 192))
    }

    @Test func axesGridCurvesAndLegend() throws {
        var s = Scene(frame: .axes(AxesSpec(xMin: -4, xMax: 4, yMin: -2, yMax: 6, tickStep: 1)))
        let xs = stride(from: -4.0, through: 4.0, by: 0.05).map { $0 }
        s.add(.curve(points: xs.map { Vec2($0, $0 * $0 / 2) }, label: "y = x²/2", style: .solid))
        s.add(.curve(points: xs.map { Vec2($0, $0 + 1) }, label: "y = x + 1", style: .dashed))
        s.add(.point(at: Vec2(2, 2), label: "A", dot: true))
        s.add(.text(at: Vec2(2, 2), text: "(2, 2)"), .given)
        try golden.assertGolden("mark_axes_curves_256", RenderRequest(scene: s, includeGivens: true, size: 256))
    }
}
