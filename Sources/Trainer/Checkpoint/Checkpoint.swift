import DatasetFormat
import Foundation

/// config.json of a checkpoint: the model shape (needed to rebuild the
/// parameter layout) plus how it was being trained. Unknown keys are errors.
public struct CheckpointConfig: Codable, Equatable, Sendable {
    public var format: String = TrainerInfo.checkpointFormat
    public var model: ModelConfig
    public var optimizer: OptimizerConfig?
    /// Parts being trained when the checkpoint was written.
    public var trainable: [Part]?
    /// Optimizer steps taken.
    public var step: Int?
    /// Free-form run description (stage name, data file, seed).
    public var run: [String: String]?

    public init(model: ModelConfig, optimizer: OptimizerConfig? = nil, trainable: [Part]? = nil,
                step: Int? = nil, run: [String: String]? = nil) {
        self.model = model
        self.optimizer = optimizer
        self.trainable = trainable
        self.step = step
        self.run = run
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case format, model, optimizer, trainable, step, run }

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decodeIfPresent(String.self, forKey: .format) ?? TrainerInfo.checkpointFormat
        model = try c.decode(ModelConfig.self, forKey: .model)
        optimizer = try c.decodeIfPresent(OptimizerConfig.self, forKey: .optimizer)
        trainable = try c.decodeIfPresent([Part].self, forKey: .trainable)
        step = try c.decodeIfPresent(Int.self, forKey: .step)
        run = try c.decodeIfPresent([String: String].self, forKey: .run)
    }
}

/// A checkpoint directory:
///
///     config.json              CheckpointConfig (model shape, optimizer, step)
///     model.safetensors        every parameter, by name (docs/TRAINER.md)
///     optimizer.safetensors    AdamW moments "<name>.exp_avg", "<name>.exp_avg_sq";
///                              metadata "step"
///
/// Each file is written atomically; config.json last, so a directory whose
/// config.json exists holds a complete checkpoint.
public enum Checkpoint {
    public static let configFile = "config.json"
    public static let modelFile = "model.safetensors"
    public static let optimizerFile = "optimizer.safetensors"

    /// Saves parameters, optimizer state and config to `directory`.
    public static func save(_ session: TrainingSession, to directory: String, run: [String: String]? = nil) throws {
        let model = session.model
        let meta = ["format": TrainerInfo.checkpointFormat, "step": String(session.optimizer.step)]
        let weights = model.layout.specs.map {
            Safetensors.Tensor(name: $0.name, shape: $0.shape, data: model.params[$0.offset])
        }
        try writeAtomically(Safetensors.encode(weights, metadata: meta), to: path(directory, modelFile))
        var moments: [Safetensors.Tensor] = []
        for s in model.layout.specs {
            moments.append(.init(name: s.name + ".exp_avg", shape: s.shape, data: session.optimizer.m[s.offset]))
            moments.append(.init(name: s.name + ".exp_avg_sq", shape: s.shape, data: session.optimizer.v[s.offset]))
        }
        try writeAtomically(Safetensors.encode(moments, metadata: meta), to: path(directory, optimizerFile))
        let config = CheckpointConfig(model: model.config, optimizer: session.optimizer.config,
                                      trainable: Part.allCases.filter { session.trainable.contains($0) },
                                      step: session.optimizer.step, run: run)
        try writeJSON(config, to: path(directory, configFile))
    }

    /// Reads and validates config.json.
    public static func readConfig(_ directory: String) throws -> CheckpointConfig {
        let p = path(directory, configFile)
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: p)) } catch {
            throw TrainerError.unreadableFile(path: p, reason: error.localizedDescription)
        }
        let config: CheckpointConfig
        do { config = try RecordFile.object(CheckpointConfig.self, data: data, path: p) } catch {
            throw TrainerError.invalidConfig(path: p, reason: error.reason)
        }
        try config.model.validate(path: p)
        return config
    }

    /// Rebuilds the model from config.json and fills it from model.safetensors.
    public static func loadModel(_ directory: String) throws -> Model {
        let config = try readConfig(directory)
        let model = try Model(config: config.model)
        let file = try Safetensors.read(path: path(directory, modelFile))
        try fill(model.params, layout: model.layout, from: file, suffix: "")
        return model
    }

    /// Restores a session exactly: parameters, both AdamW moments, the step
    /// count, the optimizer config and the trainable parts (unless overridden).
    public static func loadSession(_ directory: String, trainable: Set<Part>? = nil) throws -> TrainingSession {
        let config = try readConfig(directory)
        let model = try loadModel(directory)
        let parts = trainable ?? Set(config.trainable ?? Part.allCases)
        let session = TrainingSession(model: model, optimizer: config.optimizer ?? OptimizerConfig(), trainable: parts)
        let opath = path(directory, optimizerFile)
        let file = try Safetensors.read(path: opath)
        try fill(session.optimizer.m, layout: model.layout, from: file, suffix: ".exp_avg", allowOthers: true)
        try fill(session.optimizer.v, layout: model.layout, from: file, suffix: ".exp_avg_sq", allowOthers: true)
        guard let stepText = file.metadata["step"], let step = Int(stepText) else {
            throw TrainerError.corruptCheckpoint(path: opath, reason: "__metadata__ lacks an integer \"step\"")
        }
        session.optimizer.step = step
        return session
    }

    /// The model alone, for decoding: no optimizer moments are read (eval and
    /// infer need only the weights); the step is the checkpoint's.
    public static func loadForInference(_ directory: String) throws -> TrainingSession {
        let config = try readConfig(directory)
        let session = TrainingSession(model: try loadModel(directory), optimizer: config.optimizer ?? OptimizerConfig(),
                                      trainable: [])
        session.optimizer.step = config.step ?? 0
        return session
    }

    /// Copies every layout tensor `name + suffix` from `file` into `arena`,
    /// checking presence, dtype and shape against the layout.
    static func fill(_ arena: Arena, layout: ParameterLayout, from file: SafetensorsFile, suffix: String,
                     allowOthers: Bool = false) throws {
        for s in layout.specs {
            let name = s.name + suffix
            guard let e = file.entries[name] else {
                throw TrainerError.configMismatch(path: file.path, reason: "tensor \"\(name)\" \(s.shape) is missing")
            }
            guard e.dtype == "F32" else {
                throw TrainerError.configMismatch(path: file.path, reason: "tensor \"\(name)\" has dtype \(e.dtype), expected F32")
            }
            guard e.shape == s.shape else {
                throw TrainerError.configMismatch(path: file.path,
                    reason: "tensor \"\(name)\" has shape \(e.shape) in the checkpoint but config.json implies \(s.shape)")
            }
            file.copy(name, to: arena[s.offset], count: s.count)
        }
        if !allowOthers {
            let known = Set(layout.specs.map { $0.name + suffix })
            if let extra = file.names.first(where: { !known.contains($0) }) {
                throw TrainerError.configMismatch(path: file.path, reason: "tensor \"\(extra)\" is not part of the model config.json describes")
            }
        }
    }

    static func path(_ dir: String, _ file: String) -> String {
        URL(fileURLWithPath: dir).appendingPathComponent(file).path
    }
}
