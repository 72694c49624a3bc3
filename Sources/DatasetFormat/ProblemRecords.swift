/// The records of problems.jsonl (one per problem, everything about it) and eval.jsonl
/// (one per held-out problem and level), keys spelled once beside their schema.

/// problems.jsonl: the problem, its answer and worked solution, and its text and image
/// at every level.
public struct ProblemRecord: Codable, Sendable {
    public var id: String
    public var split: String
    public var family: String
    public var subject: String
    public var seed: String
    /// Family, givens and target hashed: what two problems share when they are the same problem.
    public var identity: String
    public var spec: JSONValue
    public var facts: [Fact]
    public var answer: AnswerRecord
    public var solution: [String]
    public var output: String
    public var levels: Levels
    public var visionOnlyImageText: String
    public var caption: String
    public var values: String
    public var decoy: Decoy?

    public struct Fact: Codable, Equatable, Sendable {
        public var kind: String
        public var key: String
        public init(kind: String, key: String) { self.kind = kind; self.key = key }
    }

    /// One level's instruction, image (null at text-only) and share of the information in the text.
    public struct LevelEntry: Codable, Equatable, Sendable {
        public var instruction: String
        public var image: String?
        public var textRatio: Double
        public init(instruction: String, image: String?, textRatio: Double) {
            self.instruction = instruction
            self.image = image
            self.textRatio = textRatio
        }
        enum CodingKeys: String, CodingKey { case instruction, image, textRatio = "text_ratio" }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(instruction, forKey: .instruction)
            try c.encode(image, forKey: .image)
            try c.encode(textRatio, forKey: .textRatio)
        }
    }

    /// The levels in ladder order, keyed by their names.
    public struct Levels: Codable, Equatable, Sendable {
        public var entries: [Level: LevelEntry]
        public init(_ entries: [Level: LevelEntry]) { self.entries = entries }
        public subscript(level: Level) -> LevelEntry? { entries[level] }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: JSONCodingKey.self)
            var e: [Level: LevelEntry] = [:]
            for level in Level.allCases {
                e[level] = try c.decodeIfPresent(LevelEntry.self, forKey: JSONCodingKey(stringValue: level.rawValue))
            }
            entries = e
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: JSONCodingKey.self)
            for level in Level.allCases {
                if let entry = entries[level] { try c.encode(entry, forKey: JSONCodingKey(stringValue: level.rawValue)) }
            }
        }
    }

    /// The decoy image and the values it shows (`--decoy-rate`).
    public struct Decoy: Codable, Equatable, Sendable {
        public var image: String
        public var values: String
        public init(image: String, values: String) { self.image = image; self.values = values }
    }

    public init(id: String, split: String, family: String, subject: String, seed: String, identity: String,
                spec: JSONValue, facts: [Fact], answer: AnswerRecord, solution: [String], output: String,
                levels: Levels, visionOnlyImageText: String, caption: String, values: String, decoy: Decoy?) {
        self.id = id
        self.split = split
        self.family = family
        self.subject = subject
        self.seed = seed
        self.identity = identity
        self.spec = spec
        self.facts = facts
        self.answer = answer
        self.solution = solution
        self.output = output
        self.levels = levels
        self.visionOnlyImageText = visionOnlyImageText
        self.caption = caption
        self.values = values
        self.decoy = decoy
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, split, family, subject, seed, identity, spec, facts, answer, solution, output, levels
        case visionOnlyImageText = "vision_only_image_text", caption, values, decoy
    }

    public static let schema: [(CodingKeys, Schema.Kind)] = [
        (.id, .string), (.split, .string), (.family, .string), (.subject, .string), (.seed, .string),
        (.identity, .string), (.spec, .object), (.facts, .array), (.answer, .object),
        (.solution, .array), (.output, .string), (.levels, .object), (.visionOnlyImageText, .string),
        (.caption, .string), (.values, .string),
    ]
    /// Written only for a problem with a decoy.
    public static let optionalSchema: [(CodingKeys, Schema.Kind)] = [(.decoy, .object)]
}

/// The parts of a problems.jsonl record the trainer reads (its split, caption, values and
/// the images that show them), decoded leniently so a trimmed file still loads.
public struct ProblemSummary: Decodable, Sendable {
    public var id: String
    public var split: String
    public var caption: String?
    /// The written values in reading order (the value-reading task's answer).
    public var values: String?
    /// The image with the values drawn (vision-dominant).
    public var valuesImage: String?
    public var decoy: ProblemRecord.Decoy?

    public init(from decoder: Decoder) throws {
        typealias K = ProblemRecord.CodingKeys
        let c = try decoder.container(keyedBy: K.self)
        guard let id = try c.decodeLenientID(.id) else {
            throw DecodingError.keyNotFound(K.id, .init(codingPath: c.codingPath, debugDescription: "missing id"))
        }
        self.id = id
        split = try c.decode(String.self, forKey: .split)
        caption = try c.decodeIfPresent(String.self, forKey: .caption)
        values = try c.decodeIfPresent(String.self, forKey: .values)
        valuesImage = try c.decodeIfPresent(ProblemRecord.Levels.self, forKey: .levels)?[.visionDominant]?.image
        decoy = try c.decodeIfPresent(ProblemRecord.Decoy.self, forKey: .decoy)
    }
}

/// eval.jsonl: held-out problems at every level, with the answer a grader needs.
public struct EvalRecord: Codable, Equatable, Sendable {
    public var id: String
    public var problemID: String
    public var family: String?
    public var level: Level
    public var ratio: Double?
    public var imageURL: String?
    public var instruction: String
    public var output: String
    public var answer: AnswerRecord

    public init(id: String, problemID: String, family: String?, level: Level, ratio: Double?, imageURL: String?,
                instruction: String, output: String, answer: AnswerRecord) {
        self.id = id
        self.problemID = problemID
        self.family = family
        self.level = level
        self.ratio = ratio
        self.imageURL = imageURL
        self.instruction = instruction
        self.output = output
        self.answer = answer
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, problemID = "problem_id", family, level, ratio, imageURL = "image_url", instruction, output, answer
    }

    public static let schema: [(CodingKeys, Schema.Kind)] = [
        (.id, .string), (.problemID, .string), (.family, .string), (.level, .string), (.ratio, .number),
        (.imageURL, .optionalString), (.instruction, .string), (.output, .string), (.answer, .object),
    ]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = try c.decodeLenientID(.id) else {
            throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: c.codingPath, debugDescription: "missing id"))
        }
        guard let pid = try c.decodeLenientID(.problemID) else {
            throw DecodingError.keyNotFound(CodingKeys.problemID, .init(codingPath: c.codingPath, debugDescription: "missing problem_id"))
        }
        self.id = id
        problemID = pid
        family = try c.decodeIfPresent(String.self, forKey: .family)
        level = try c.decode(Level.self, forKey: .level)
        ratio = try c.decodeIfPresent(Double.self, forKey: .ratio)
        imageURL = try c.decodeIfPresent(String.self, forKey: .imageURL)
        instruction = try c.decode(String.self, forKey: .instruction)
        output = try c.decode(String.self, forKey: .output)
        answer = try c.decode(AnswerRecord.self, forKey: .answer)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(problemID, forKey: .problemID)
        try c.encode(family, forKey: .family)
        try c.encode(level, forKey: .level)
        try c.encode(ratio, forKey: .ratio)
        try c.encode(imageURL, forKey: .imageURL)
        try c.encode(instruction, forKey: .instruction)
        try c.encode(output, forKey: .output)
        try c.encode(answer, forKey: .answer)
    }
}
