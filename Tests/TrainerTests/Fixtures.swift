import Foundation
@testable import Trainer

/// Tiny shapes so the whole suite runs in seconds in a debug build.
enum Fixtures {
    static let config = ModelConfig(imageSize: 8, patchSize: 2, visionWidth: 8, visionLayers: 1, visionHeads: 2,
                                    pixelShuffle: true, width: 8, layers: 2, heads: 2, maxPositions: 40)

    /// A model whose parameters are far from init (gains != 1, biases != 0,
    /// weights ~N(0, 0.3)), so every path carries a gradient well above Float32 noise.
    static func model(_ config: ModelConfig = config, seed: UInt64 = 11) throws -> Model {
        let m = try Model(config: config, seed: seed)
        var rng = SplitMix64(seed: seed &+ 1)
        for s in m.layout.specs {
            let p = m.params[s.offset]
            let isGain = s.name.hasSuffix("ln_1.weight") || s.name.hasSuffix("ln_2.weight") || s.name.hasSuffix("ln_f.weight")
            for i in 0..<s.count {
                if isGain { p[i] = Float(1 + 0.2 * rng.normal()) }
                else if s.shape.count == 1 { p[i] = Float(0.1 * rng.normal()) }
                else { p[i] = Float(0.3 * rng.normal()) }
            }
        }
        return m
    }

    static func image(_ seed: UInt64, size: Int = config.imageSize) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return (0..<(size * size)).map { _ in Float(rng.uniform()) }
    }

    /// Mixed batch: an image sample, a text-only one, another image sample; different lengths.
    static func examples() -> [Example] {
        [
            Example(image: image(1), instruction: "x=2;", answer: "4"),
            Example(image: nil, instruction: "1+1?", answer: "2."),
            Example(image: image(2), instruction: "a", answer: "90"),
        ]
    }

    /// A pair batch: text-rich references (text-only or long text) and vision-rich members with identical answers.
    static func pairs() -> (reference: [Example], vision: [Example]) {
        ([Example(image: nil, instruction: "AB=3,BC=4. AC?", answer: "5"),
          Example(image: image(3), instruction: "angle A=30. B?", answer: "60")],
         [Example(image: image(4), instruction: "AC?", answer: "5"),
          Example(image: image(5), instruction: "B?", answer: "60")])
    }
}
