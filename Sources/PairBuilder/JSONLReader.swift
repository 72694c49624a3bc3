import DatasetFormat
import Foundation

/// Reads a JSONL file; a malformed line is an error naming the file and line.
public enum JSONLReader {
    public static func read(_ url: URL) throws(PairBuilderError) -> [JSONValue] {
        var out: [JSONValue] = []
        try forEach(url) { _, v in out.append(v) }
        return out
    }

    public static func forEach(_ url: URL, _ body: (Int, JSONValue) throws(PairBuilderError) -> Void) throws(PairBuilderError) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .io(path: url.path, reason: "missing or unreadable")
        }
        var line = 0
        var start = data.startIndex
        let bytes = [UInt8](data)
        var i = 0
        start = 0
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == 10 {
                if i > start {
                    line += 1
                    let v: JSONValue
                    do { v = try JSONParser.parse(Array(bytes[start..<i])) } catch {
                        throw .io(path: "\(url.path):\(line)", reason: "malformed JSON (\(error))")
                    }
                    try body(line, v)
                } else if i < bytes.count {
                    line += 1
                    throw .io(path: "\(url.path):\(line)", reason: "empty line")
                }
                start = i + 1
            }
            i += 1
        }
        if let last = bytes.last, last != 10 {
            throw .io(path: "\(url.path):\(line)", reason: "last line has no newline (truncated file?)")
        }
    }
}
