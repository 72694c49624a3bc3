import DatasetFormat
import ArgumentParser
import CLISupport
import Foundation
import Trainer

/// Model shape: defaults (the reference tiny-MLLM shape), optionally a JSON
/// file, then individual flags, each overriding the previous.
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("model-config"), help: "JSON file with ModelConfig keys (unknown keys are errors).")
    var modelConfig: String?

    @Option(name: .customLong("image-size"), help: "Side R of the grayscale input.") var imageSize: Int?
    @Option(name: .customLong("patch-size"), help: "Side P of a ViT patch.") var patchSize: Int?
    @Option(name: .customLong("vision-width")) var visionWidth: Int?
    @Option(name: .customLong("vision-layers")) var visionLayers: Int?
    @Option(name: .customLong("vision-heads")) var visionHeads: Int?
    @Option(name: .customLong("pixel-shuffle"), help: "Merge 2x2 vision tokens (true/false).") var pixelShuffle: Bool?
    @Option(help: "LM width.") var width: Int?
    @Option(help: "LM blocks.") var layers: Int?
    @Option(help: "LM attention heads.") var heads: Int?
    @Option(name: .customLong("max-positions"), help: "Longest sequence the LM accepts.") var maxPositions: Int?

    func resolve() throws -> ModelConfig {
        var c = ModelConfig()
        if let path = modelConfig {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw fail("--model-config: cannot read \(path)")
            }
            do { c = try JSONValueDecoder().decode(ModelConfig.self, from: Array(data)) } catch {
                throw fail("--model-config: \(path): \(describe(error))")
            }
        }
        if let v = imageSize { c.imageSize = v }
        if let v = patchSize { c.patchSize = v }
        if let v = visionWidth { c.visionWidth = v }
        if let v = visionLayers { c.visionLayers = v }
        if let v = visionHeads { c.visionHeads = v }
        if let v = pixelShuffle { c.pixelShuffle = v }
        if let v = width { c.width = v }
        if let v = layers { c.layers = v }
        if let v = heads { c.heads = v }
        if let v = maxPositions { c.maxPositions = v }
        try reportingErrors { try c.validate() }
        return c
    }
}
