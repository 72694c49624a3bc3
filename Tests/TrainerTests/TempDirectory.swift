import Foundation

/// A fresh directory under the system temp dir, removed on deinit.
final class TempDirectory {
    let path: String
    init(_ label: String = #function) {
        let name = "puma-train-tests-\(label.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString.prefix(8))"
        path = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(name).path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { URL(fileURLWithPath: path).appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) throws {
        let p = file(name)
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: p).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
    }
}
