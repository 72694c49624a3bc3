/// A problem's answer as the files write it (`answer` in problems.jsonl and eval.jsonl):
/// enough for a grader to score a reply without knowing the family.
public struct AnswerRecord: Codable, Equatable, Sendable {
    /// "choice" when posed as multiple choice, else the value's type.
    public var type: String
    /// The value's own type (number, expression, ...), also for multiple choice.
    public var valueType: String
    public var text: String
    public var value: Double?
    public var tolerance: Double
    public var unit: String?
    public var choices: [String]?
    /// The correct option's letter.
    public var correct: String?

    public init(type: String, valueType: String, text: String, value: Double?, tolerance: Double, unit: String?,
                choices: [String]?, correct: String?) {
        self.type = type
        self.valueType = valueType
        self.text = text
        self.value = value
        self.tolerance = tolerance
        self.unit = unit
        self.choices = choices
        self.correct = correct
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case type, valueType = "value_type", text, value, tolerance, unit, choices, correct
    }

    public static let schema: [(CodingKeys, Schema.Kind)] = [
        (.type, .string), (.valueType, .string), (.text, .string), (.value, .optionalNumber),
        (.tolerance, .number), (.unit, .optionalString), (.choices, .optionalArray), (.correct, .optionalString),
    ]

    /// Lenient where other tools' files differ: only `type` is required.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(String.self, forKey: .type)
        valueType = try c.decodeIfPresent(String.self, forKey: .valueType) ?? type
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        value = try c.decodeIfPresent(Double.self, forKey: .value)
        tolerance = try c.decodeIfPresent(Double.self, forKey: .tolerance) ?? Self.defaultTolerance
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        choices = try c.decodeIfPresent([String].self, forKey: .choices)
        correct = try c.decodeIfPresent(String.self, forKey: .correct)
    }

    /// The tolerance of a record that gives none.
    public static let defaultTolerance = 1e-6

    /// Every key, null included: a grader finds the same keys on every line.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(valueType, forKey: .valueType)
        try c.encode(text, forKey: .text)
        try c.encode(value, forKey: .value)
        try c.encode(tolerance, forKey: .tolerance)
        try c.encode(unit, forKey: .unit)
        try c.encode(choices, forKey: .choices)
        try c.encode(correct, forKey: .correct)
    }

    public var isChoice: Bool { type == "choice" }
}
