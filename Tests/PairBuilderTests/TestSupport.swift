import DatasetFormat
import Foundation
@testable import Geometry
@testable import PairBuilder

enum TestSupport {
    static var templatesRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates")
    }

    static func templates(_ lang: String = "en") throws -> TemplateSet {
        try TemplateSet(root: templatesRoot, language: lang)
    }

    static func tempDir(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mathgen-tests-\(name)-\(UUID().uuidString)")
        return url
    }

    static func config(pairs: Int, eval: Int = 4, seed: UInt64 = 11, threads: Int = 2,
                       families: [AnyFamily] = [AnyFamily(ParallelTriangleAngle())],
                       style: BuildConfig.StyleMode = .varied, size: Int = 160) -> BuildConfig {
        BuildConfig(pairs: pairs, evalProblems: eval, seed: seed, families: families, imageSize: size, style: style,
                    threads: threads, templatesRoot: templatesRoot)
    }

    /// Builds a dataset into a fresh folder and returns it.
    static func build(_ config: BuildConfig, name: String) throws -> URL {
        let out = tempDir(name)
        try DatasetBuilder.prepare(out, existing: .refuse)
        _ = try DatasetBuilder(config: config).write(to: out)
        return out
    }

    static func lines(_ url: URL) throws -> [JSONValue] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }
}
