import DatasetFormat
import Foundation
import Geometry
import Mustache

/// The wording of one language: `_common.json` plus one JSON file per family,
/// each mapping keys to Mustache templates. Code fills them; it never writes prose.
public struct TemplateSet: Sendable {
    public let language: String
    public let directory: URL
    private var families: [String: [String: MustacheTemplate]] = [:]
    private var common: [String: MustacheTemplate] = [:]

    /// Loads `<root>/<language>/`. Every file must parse; keys are checked when used.
    public init(root: URL, language: String) throws(PairBuilderError) {
        self.language = language
        directory = root.appendingPathComponent(language, isDirectory: true)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        } catch {
            throw .template(file: directory.path, message: "no templates for language \"\(language)\" (directory missing)")
        }
        for name in names.sorted() {
            let table = try Self.load(directory.appendingPathComponent(name))
            let key = String(name.dropLast(5))
            if key == "_common" { common = table } else { families[key] = table }
        }
        guard !common.isEmpty else {
            throw .template(file: directory.appendingPathComponent("_common.json").path, message: "missing or empty")
        }
    }

    private static func load(_ url: URL) throws(PairBuilderError) -> [String: MustacheTemplate] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .template(file: url.path, message: "unreadable") }
        guard let obj = (try? JSONParser.parse(Array(data)))?.objectValue else {
            throw .template(file: url.path, message: "not a JSON object of strings")
        }
        var table: [String: MustacheTemplate] = [:]
        for (k, v) in obj {
            guard let s = v.stringValue else { throw .template(file: url.path, message: "key \"\(k)\" is not a string") }
            do {
                table[k] = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + s)
            } catch {
                throw .template(file: url.path, message: "key \"\(k)\" does not parse: \(error)")
            }
        }
        return table
    }

    /// Whether the language has wording for `family`.
    public func has(family: String) -> Bool { families[family] != nil }

    public func render(family: String, _ phrase: Phrase) throws(PairBuilderError) -> String {
        guard let table = families[family] else {
            throw .template(file: directory.appendingPathComponent(family + ".json").path, message: "missing file")
        }
        guard let t = table[phrase.key] else {
            throw .missingTemplate(file: directory.appendingPathComponent(family + ".json").path, key: phrase.key)
        }
        var params = phrase.params
        // A list parameter (composed problems' point lists) takes the language's separator.
        if params.values.contains(where: { $0.contains(Phrase.listSeparator) }) {
            let sep = (try? common("caption_list_separator")) ?? ", "
            params = params.mapValues { $0.replacingOccurrences(of: Phrase.listSeparator, with: sep) }
        }
        return t.render(params)
    }

    public func common(_ key: String, _ params: [String: String] = [:]) throws(PairBuilderError) -> String {
        guard let t = common[key] else {
            throw .missingTemplate(file: directory.appendingPathComponent("_common.json").path, key: key)
        }
        return t.render(params)
    }

    /// Finds the templates folder: an explicit path, $MATHGEN_TEMPLATES, next to the
    /// executable's package checkout, or the source tree this binary was built from.
    public static func locateRoot(explicit: String?) -> URL? {
        var candidates: [URL] = []
        if let explicit { candidates.append(URL(fileURLWithPath: explicit)) }
        if let env = ProcessInfo.processInfo.environment["MATHGEN_TEMPLATES"] {
            candidates.append(URL(fileURLWithPath: env))
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("templates"))
            dir = dir.deletingLastPathComponent()
        }
        // Sources/PairBuilder/Templates.swift -> package root.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(source.appendingPathComponent("templates"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("en/_common.json").path) }
    }
}
