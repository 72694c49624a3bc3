import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder

/// Every key holds one JSON type in every row of a file (null aside, for the keys that
/// may be null): Arrow, Hugging Face `datasets` and WebDataset readers type a column
/// from its rows and reject one that is an integer in one row and a float in the next
/// (a text ratio of 1 beside 0.5 was). `spec` is each family's own and is not a column.
@Suite struct JSONTypeTests {
    static func kind(_ v: JSONValue) -> String? {
        switch v {
        case .null: return nil
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "double"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Kinds seen under each key path ("answer.value", "levels.text_only.text_ratio").
    static func collect(_ v: JSONValue, _ path: String, into kinds: inout [String: Set<String>]) {
        if let k = kind(v), !path.isEmpty { kinds[path, default: []].insert(k) }
        if case let .object(pairs) = v {
            for (key, child) in pairs where !(path.isEmpty && key == "spec") {
                collect(child, path.isEmpty ? key : path + "." + key, into: &kinds)
            }
        }
        if case let .array(items) = v { for item in items { collect(item, path + "[]", into: &kinds) } }
    }

    @Test func everyKeyHasOneTypeInEveryFile() throws {
        var c = TestSupport.config(pairs: 90, eval: 12, families: FamilyRegistry.all, size: 128)
        c.decoyRate = 0.3
        let dir = try TestSupport.build(c, name: "json-types")
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in OutputFile.jsonl {
            var kinds: [String: Set<String>] = [:]
            for r in try TestSupport.lines(dir.appendingPathComponent(file)) { Self.collect(r, "", into: &kinds) }
            for (path, seen) in kinds.sorted(by: { $0.key < $1.key }) {
                #expect(seen.count == 1, "\(file): \(path) is \(seen.sorted().joined(separator: " and "))")
            }
            if file == OutputFile.pairs { #expect(kinds["ratio"] == ["double"]) }
        }
    }
}
