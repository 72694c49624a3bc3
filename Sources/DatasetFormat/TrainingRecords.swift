/// The records of pairs.jsonl, stage1.jsonl, instruct.jsonl and captions.jsonl: one
/// type per file, its keys spelled once (`CodingKeys`) and its schema beside them.
/// The writer encodes them in this key order; the trainer and `mathgen export` decode
/// them. Decoding is lenient where files from other tools differ (ids written as
/// integers, keys a trainer does not need left out); `Schema.check` is the strict side.

/// pairs.jsonl: one Math-PUMA pair with the official trainer's keys. The first member is
/// the text-richer reference; either image is null for a text-only member.
public struct PairRecord: Codable, Equatable, Sendable {
    public var imageURL: String?
    public var instruction: String
    public var output: String
    public var imageURL2: String?
    public var instruction2: String
    public var output2: String
    public var id: String?
    public var problemID: String?
    public var level: Level?
    public var level2: Level?
    public var ratio: Double?
    public var ratio2: Double?

    public init(imageURL: String?, instruction: String, output: String, imageURL2: String?, instruction2: String,
                output2: String, id: String?, problemID: String?, level: Level?, level2: Level?,
                ratio: Double?, ratio2: Double?) {
        self.imageURL = imageURL
        self.instruction = instruction
        self.output = output
        self.imageURL2 = imageURL2
        self.instruction2 = instruction2
        self.output2 = output2
        self.id = id
        self.problemID = problemID
        self.level = level
        self.level2 = level2
        self.ratio = ratio
        self.ratio2 = ratio2
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case imageURL = "image_url", instruction, output
        case imageURL2 = "image_url_2", instruction2 = "instruction_2", output2 = "output_2"
        case id, problemID = "problem_id", level, level2 = "level_2", ratio, ratio2 = "ratio_2"
    }

    public static let schema: [(CodingKeys, Schema.Kind)] = [
        (.imageURL, .optionalString), (.instruction, .string), (.output, .string),
        (.imageURL2, .optionalString), (.instruction2, .string), (.output2, .string),
        (.id, .string), (.problemID, .string), (.level, .string), (.level2, .string),
        (.ratio, .number), (.ratio2, .number),
    ]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        imageURL = try c.decodeIfPresent(String.self, forKey: .imageURL)
        instruction = try c.decode(String.self, forKey: .instruction)
        output = try c.decode(String.self, forKey: .output)
        imageURL2 = try c.decodeIfPresent(String.self, forKey: .imageURL2)
        instruction2 = try c.decode(String.self, forKey: .instruction2)
        output2 = try c.decode(String.self, forKey: .output2)
        id = try c.decodeLenientID(.id)
        problemID = try c.decodeLenientID(.problemID)
        level = try c.decodeIfPresent(Level.self, forKey: .level)
        level2 = try c.decodeIfPresent(Level.self, forKey: .level2)
        ratio = try c.decodeIfPresent(Double.self, forKey: .ratio)
        ratio2 = try c.decodeIfPresent(Double.self, forKey: .ratio2)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(imageURL, forKey: .imageURL)
        try c.encode(instruction, forKey: .instruction)
        try c.encode(output, forKey: .output)
        try c.encode(imageURL2, forKey: .imageURL2)
        try c.encode(instruction2, forKey: .instruction2)
        try c.encode(output2, forKey: .output2)
        try c.encode(id, forKey: .id)
        try c.encode(problemID, forKey: .problemID)
        try c.encode(level, forKey: .level)
        try c.encode(level2, forKey: .level2)
        try c.encode(ratio, forKey: .ratio)
        try c.encode(ratio2, forKey: .ratio2)
    }
}

/// stage1.jsonl: text-only math SFT.
public struct Stage1Record: Codable, Equatable, Sendable {
    public var id: String?
    public var problemID: String?
    public var instruction: String
    public var output: String

    public init(id: String?, problemID: String?, instruction: String, output: String) {
        self.id = id
        self.problemID = problemID
        self.instruction = instruction
        self.output = output
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case id, problemID = "problem_id", instruction, output }

    public static let schema: [(CodingKeys, Schema.Kind)] = [
        (.id, .string), (.problemID, .string), (.instruction, .string), (.output, .string),
    ]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeLenientID(.id)
        problemID = try c.decodeLenientID(.problemID)
        instruction = try c.decode(String.self, forKey: .instruction)
        output = try c.decode(String.self, forKey: .output)
    }
}

/// instruct.jsonl: stage 3 multimodal instruction tuning, one level per problem.
public struct InstructRecord: Codable, Equatable, Sendable {
    public var id: String?
    public var problemID: String?
    public var imageURL: String?
    public var instruction: String
    public var output: String
    public var level: Level?
    public var ratio: Double?

    public init(id: String?, problemID: String?, imageURL: String?, instruction: String, output: String,
                level: Level?, ratio: Double?) {
        self.id = id
        self.problemID = problemID
        self.imageURL = imageURL
        self.instruction = instruction
        self.output = output
        self.level = level
        self.ratio = ratio
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, problemID = "problem_id", imageURL = "image_url", instruction, output, level, ratio
    }

    public static let schema: [(CodingKeys, Schema.Kind)] = [
        (.id, .string), (.problemID, .string), (.imageURL, .optionalString), (.instruction, .string),
        (.output, .string), (.level, .string), (.ratio, .number),
    ]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeLenientID(.id)
        problemID = try c.decodeLenientID(.problemID)
        imageURL = try c.decodeIfPresent(String.self, forKey: .imageURL)
        instruction = try c.decode(String.self, forKey: .instruction)
        output = try c.decode(String.self, forKey: .output)
        level = try c.decodeIfPresent(Level.self, forKey: .level)
        ratio = try c.decodeIfPresent(Double.self, forKey: .ratio)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(problemID, forKey: .problemID)
        try c.encode(imageURL, forKey: .imageURL)
        try c.encode(instruction, forKey: .instruction)
        try c.encode(output, forKey: .output)
        try c.encode(level, forKey: .level)
        try c.encode(ratio, forKey: .ratio)
    }
}

/// captions.jsonl: perception pre-alignment (the figure with its values -> an exact
/// description), the value-reading task, and a decoy where the run draws one.
public struct CaptionRecord: Codable, Equatable, Sendable {
    public var id: String?
    public var problemID: String?
    public var imageURL: String
    public var instruction: String
    public var output: String
    public var valuesInstruction: String?
    /// The written values in reading order.
    public var values: String?
    /// A decoy (mathgen --decoy-rate): the figure with its digits redrawn, and the values it shows.
    public var decoyImageURL: String?
    public var decoyValues: String?

    public init(id: String?, problemID: String?, imageURL: String, instruction: String, output: String,
                valuesInstruction: String?, values: String?, decoyImageURL: String? = nil, decoyValues: String? = nil) {
        self.id = id
        self.problemID = problemID
        self.imageURL = imageURL
        self.instruction = instruction
        self.output = output
        self.valuesInstruction = valuesInstruction
        self.values = values
        self.decoyImageURL = decoyImageURL
        self.decoyValues = decoyValues
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, problemID = "problem_id", imageURL = "image_url", instruction, output
        case valuesInstruction = "values_instruction", values
        case decoyImageURL = "decoy_image_url", decoyValues = "decoy_values"
    }

    public static let schema: [(CodingKeys, Schema.Kind)] = [
        (.id, .string), (.problemID, .string), (.imageURL, .string), (.instruction, .string),
        (.output, .string), (.valuesInstruction, .string), (.values, .string),
    ]
    /// Written only for a problem with a decoy.
    public static let optionalSchema: [(CodingKeys, Schema.Kind)] = [(.decoyImageURL, .string), (.decoyValues, .string)]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeLenientID(.id)
        problemID = try c.decodeLenientID(.problemID)
        imageURL = try c.decode(String.self, forKey: .imageURL)
        instruction = try c.decode(String.self, forKey: .instruction)
        output = try c.decode(String.self, forKey: .output)
        valuesInstruction = try c.decodeIfPresent(String.self, forKey: .valuesInstruction)
        values = try c.decodeIfPresent(String.self, forKey: .values)
        decoyImageURL = try c.decodeIfPresent(String.self, forKey: .decoyImageURL)
        decoyValues = try c.decodeIfPresent(String.self, forKey: .decoyValues)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(problemID, forKey: .problemID)
        try c.encode(imageURL, forKey: .imageURL)
        try c.encode(instruction, forKey: .instruction)
        try c.encode(output, forKey: .output)
        try c.encode(valuesInstruction, forKey: .valuesInstruction)
        try c.encode(values, forKey: .values)
        try c.encodeIfPresent(decoyImageURL, forKey: .decoyImageURL)
        try c.encodeIfPresent(decoyValues, forKey: .decoyValues)
    }
}

extension KeyedDecodingContainer {
    /// Ids may be written as strings or integers; both are read as strings.
    func decodeLenientID(_ key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let s = try? decode(String.self, forKey: key) { return s }
        if let i = try? decode(Int.self, forKey: key) { return String(i) }
        throw DecodingError.typeMismatch(String.self, .init(codingPath: codingPath + [key],
                                                            debugDescription: "expected a string or integer id"))
    }
}
