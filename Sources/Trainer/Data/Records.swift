import Foundation

/// stage1.jsonl: text-only math SFT.
public struct TextRecord: Decodable, Equatable, Sendable {
    public var instruction: String
    public var output: String
}

/// pairs.jsonl: one Math-PUMA pair with the official trainer's keys. The
/// first member is the text-richer reference; either image may be null for a
/// text-only member.
public struct PairRecord: Decodable, Equatable, Sendable {
    public var imageURL: String?
    public var instruction: String
    public var output: String
    public var imageURL2: String?
    public var instruction2: String
    public var output2: String
    public var id: String?
    public var problemID: String?
    public var level: String?
    public var level2: String?
    public var ratio: Double?
    public var ratio2: Double?

    enum CodingKeys: String, CodingKey {
        case imageURL = "image_url", instruction, output
        case imageURL2 = "image_url_2", instruction2 = "instruction_2", output2 = "output_2"
        case id, problemID = "problem_id", level, level2 = "level_2", ratio, ratio2 = "ratio_2"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        imageURL = try c.decodeIfPresent(String.self, forKey: .imageURL)
        instruction = try c.decode(String.self, forKey: .instruction)
        output = try c.decode(String.self, forKey: .output)
        imageURL2 = try c.decodeIfPresent(String.self, forKey: .imageURL2)
        instruction2 = try c.decode(String.self, forKey: .instruction2)
        output2 = try c.decode(String.self, forKey: .output2)
        id = try decodeLenientString(c, .id)
        problemID = try decodeLenientString(c, .problemID)
        level = try c.decodeIfPresent(String.self, forKey: .level)
        level2 = try c.decodeIfPresent(String.self, forKey: .level2)
        ratio = try c.decodeIfPresent(Double.self, forKey: .ratio)
        ratio2 = try c.decodeIfPresent(Double.self, forKey: .ratio2)
    }
}

/// instruct.jsonl: stage 3 multimodal instruction tuning.
public struct InstructRecord: Decodable, Equatable, Sendable {
    public var imageURL: String?
    public var instruction: String
    public var output: String
    public var level: String?
    enum CodingKeys: String, CodingKey { case imageURL = "image_url", instruction, output, level }
}

/// captions.jsonl: perception pre-alignment (image -> exact description).
public struct CaptionRecord: Decodable, Equatable, Sendable {
    public var problemID: String?
    public var imageURL: String
    public var instruction: String
    public var output: String
    /// The value-reading task: the written values in reading order, and its request.
    public var values: String?
    public var valuesInstruction: String?
    /// A decoy (mathgen --decoy-rate): the figure with its digits redrawn, and the values it shows.
    public var decoyImageURL: String?
    public var decoyValues: String?
    enum CodingKeys: String, CodingKey {
        case problemID = "problem_id", imageURL = "image_url", instruction, output, values
        case valuesInstruction = "values_instruction", decoyImageURL = "decoy_image_url", decoyValues = "decoy_values"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        problemID = try decodeLenientString(c, .problemID)
        imageURL = try c.decode(String.self, forKey: .imageURL)
        instruction = try c.decode(String.self, forKey: .instruction)
        output = try c.decode(String.self, forKey: .output)
        values = try c.decodeIfPresent(String.self, forKey: .values)
        valuesInstruction = try c.decodeIfPresent(String.self, forKey: .valuesInstruction)
        decoyImageURL = try c.decodeIfPresent(String.self, forKey: .decoyImageURL)
        decoyValues = try c.decodeIfPresent(String.self, forKey: .decoyValues)
    }
}

/// The parts of a problems.jsonl record the trainer reads: which split it is
/// in, its caption, and the image with its values drawn (vision-dominant).
public struct ProblemRecord: Decodable, Sendable {
    public var id: String
    public var split: String
    public var caption: String?
    /// The written values in reading order (the value-reading task's answer).
    public var values: String?
    public var valuesImage: String?
    /// The decoy image and its values (mathgen --decoy-rate), when the problem has one.
    public var decoyImage: String?
    public var decoyValues: String?

    enum CodingKeys: String, CodingKey { case id, split, caption, values, levels, decoy }
    struct Level: Decodable { var image: String? }
    struct Decoy: Decodable { var image: String; var values: String }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = try decodeLenientString(c, .id) else {
            throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: c.codingPath, debugDescription: "missing id"))
        }
        self.id = id
        split = try c.decode(String.self, forKey: .split)
        caption = try c.decodeIfPresent(String.self, forKey: .caption)
        values = try c.decodeIfPresent(String.self, forKey: .values)
        let levels = try c.decodeIfPresent([String: Level].self, forKey: .levels)
        valuesImage = levels?["vision_dominant"]?.image
        let decoy = try c.decodeIfPresent(Decoy.self, forKey: .decoy)
        decoyImage = decoy?.image
        decoyValues = decoy?.values
    }
}

/// eval.jsonl: held-out problems at every level; `answer` is kept as raw JSON
/// (value, type, tolerance, choices...) for the evaluator to interpret.
public struct EvalRecord: Decodable, Equatable, Sendable {
    public var id: String
    public var problemID: String
    public var level: String
    public var imageURL: String?
    public var instruction: String
    public var output: String
    public var answer: JSON

    enum CodingKeys: String, CodingKey {
        case id, problemID = "problem_id", level, imageURL = "image_url", instruction, output, answer
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = try decodeLenientString(c, .id) else {
            throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: c.codingPath, debugDescription: "missing id"))
        }
        guard let pid = try decodeLenientString(c, .problemID) else {
            throw DecodingError.keyNotFound(CodingKeys.problemID, .init(codingPath: c.codingPath, debugDescription: "missing problem_id"))
        }
        self.id = id
        problemID = pid
        level = try c.decode(String.self, forKey: .level)
        imageURL = try c.decodeIfPresent(String.self, forKey: .imageURL)
        instruction = try c.decode(String.self, forKey: .instruction)
        output = try c.decode(String.self, forKey: .output)
        answer = try c.decode(JSON.self, forKey: .answer)
    }
}

/// Any JSON value.
public enum JSON: Decodable, Equatable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    public subscript(key: String) -> JSON? {
        if case let .object(o) = self { return o[key] }
        return nil
    }
}

/// Ids may be written as strings or integers; both are accepted.
func decodeLenientString<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> String? {
    if let s = try? c.decodeIfPresent(String.self, forKey: key) { return s }
    if let i = try? c.decodeIfPresent(Int.self, forKey: key) { return String(i) }
    if try c.decodeNil(forKey: key) { return nil }
    throw DecodingError.typeMismatch(String.self, .init(codingPath: c.codingPath + [key], debugDescription: "expected a string or integer id"))
}

/// Line-by-line JSON reader that names the file and line of any bad record.
public enum JSONL {
    /// Decodes the non-blank lines of `path`, the first `limit` of them; returns (1-based line, record).
    public static func read<T: Decodable>(_ type: T.Type, path: String, limit: Int = .max) throws -> [(line: Int, record: T)] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw TrainerError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        let decoder = JSONDecoder()
        var out: [(line: Int, record: T)] = []
        var lineNo = 0
        for lineBytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if out.count >= limit { break }
            lineNo += 1
            if lineBytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                out.append((lineNo, try decoder.decode(T.self, from: Data(lineBytes))))
            } catch let e as DecodingError {
                if case .dataCorrupted(let ctx) = e, ctx.codingPath.isEmpty {
                    throw TrainerError.malformedRecord(path: path, line: lineNo, reason: "not valid JSON")
                }
                throw TrainerError.malformedRecord(path: path, line: lineNo, reason: describe(e))
            } catch {
                throw TrainerError.malformedRecord(path: path, line: lineNo, reason: "\(error)")
            }
        }
        return out
    }
}
