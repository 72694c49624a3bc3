import DatasetFormat
import Foundation

/// One tensor entry of a safetensors header.
public struct SafetensorsEntry: Equatable, Sendable {
    public var dtype: String
    public var shape: [Int]
    /// Byte range [begin, end) relative to the start of the data section.
    public var begin: Int
    public var end: Int
}

/// A parsed safetensors file: header entries, metadata, and the raw data section.
public struct SafetensorsFile {
    public var path: String
    public var entries: [String: SafetensorsEntry]
    /// Tensor names in data order.
    public var names: [String]
    public var metadata: [String: String]
    public var data: Data

    /// Copies tensor `name` (F32, `count` elements) into `dst`.
    func copy(_ name: String, to dst: UnsafeMutablePointer<Float>, count: Int) {
        guard let e = entries[name] else { return }
        data.withUnsafeBytes { raw in
            if let base = raw.baseAddress {
                UnsafeMutableRawPointer(dst).copyMemory(from: base + e.begin, byteCount: count * 4)
            }
        }
    }
}

/// The safetensors format (huggingface/safetensors): an 8-byte little-endian
/// header length N, N bytes of JSON {name: {dtype, shape, data_offsets}, and
/// "__metadata__": {string: string}}, padded with spaces so the data starts
/// 8-byte aligned, then the tensors back to back, little-endian, row-major.
/// Only F32 is written; Python's `safetensors.numpy.load_file` reads the files.
public enum Safetensors {
    /// A tensor to write: name, shape, and a pointer to its Float32 data.
    public struct Tensor {
        public var name: String
        public var shape: [Int]
        public var data: UnsafePointer<Float>
        public init(name: String, shape: [Int], data: UnsafePointer<Float>) {
            self.name = name
            self.shape = shape
            self.data = data
        }
    }

    /// Serializes tensors (in the given order) and metadata.
    public static func encode(_ tensors: [Tensor], metadata: [String: String]) -> Data {
        var header: [(String, JSONValue)] = [
            ("__metadata__", .object(metadata.keys.sorted().map { ($0, .string(metadata[$0] ?? "")) })),
        ]
        var offset = 0
        for t in tensors {
            let bytes = t.shape.reduce(1, *) * 4
            header.append((t.name, ["dtype": "F32", "shape": .array(t.shape.map { .int($0) }),
                                    "data_offsets": [.int(offset), .int(offset + bytes)]]))
            offset += bytes
        }
        var headerBytes = Array(JSONValue.object(header).serialized().utf8)
        while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(0x20) }
        var out = Data(capacity: 8 + headerBytes.count + offset)
        var n = UInt64(headerBytes.count).littleEndian
        withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
        out.append(contentsOf: headerBytes)
        for t in tensors {
            out.append(UnsafeBufferPointer(start: t.data, count: t.shape.reduce(1, *)))
        }
        return out
    }

    /// Parses and validates a file: header length within the file, JSON well
    /// formed, every data range inside the data section and matching its
    /// dtype and shape.
    public static func read(path: String) throws -> SafetensorsFile {
        let file: Data
        do { file = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw TrainerError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        guard file.count >= 8 else {
            throw TrainerError.truncatedCheckpoint(path: path, reason: "file is \(file.count) bytes, shorter than the 8-byte header length")
        }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(file[file.startIndex + i]) << (8 * UInt64(i)) }
        guard n <= UInt64(file.count - 8) else {
            throw TrainerError.truncatedCheckpoint(path: path, reason: "header length \(n) runs past end of file (\(file.count) bytes)")
        }
        let headerEnd = 8 + Int(n)
        let header = file.subdata(in: (file.startIndex + 8)..<(file.startIndex + headerEnd))
        guard let dict = (try? JSONParser.parse(Array(header)))?.objectValue else {
            throw TrainerError.corruptCheckpoint(path: path, reason: "header is not a JSON object")
        }
        let data = file.subdata(in: (file.startIndex + headerEnd)..<file.endIndex)
        var entries: [String: SafetensorsEntry] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in dict {
            if name == "__metadata__" {
                guard let m = value.objectValue else {
                    throw TrainerError.corruptCheckpoint(path: path, reason: "__metadata__ is not an object")
                }
                for (k, v) in m {
                    guard let s = v.stringValue else {
                        throw TrainerError.corruptCheckpoint(path: path, reason: "__metadata__ value for \"\(k)\" is not a string")
                    }
                    metadata[k] = s
                }
                continue
            }
            guard let dtype = value["dtype"]?.stringValue,
                  let shape = value["shape"]?.arrayValue?.compactMap(\.intValue),
                  let offs = value["data_offsets"]?.arrayValue?.compactMap(\.intValue),
                  offs.count == 2, shape.count == value["shape"]?.arrayValue?.count
            else {
                throw TrainerError.corruptCheckpoint(path: path, reason: "tensor \"\(name)\" lacks dtype, shape or data_offsets")
            }
            guard offs[0] >= 0, offs[0] <= offs[1] else {
                throw TrainerError.corruptCheckpoint(path: path, reason: "tensor \"\(name)\" has data_offsets \(offs)")
            }
            guard offs[1] <= data.count else {
                throw TrainerError.truncatedCheckpoint(path: path,
                    reason: "tensor \"\(name)\" data_offsets \(offs) run past the end of the data section (\(data.count) bytes)")
            }
            let elem = dtype == "F32" || dtype == "I32" || dtype == "U32" ? 4 : dtype == "F64" || dtype == "I64" ? 8 : dtype == "F16" || dtype == "BF16" ? 2 : 0
            if elem > 0 && offs[1] - offs[0] != shape.reduce(1, *) * elem {
                throw TrainerError.corruptCheckpoint(path: path,
                    reason: "tensor \"\(name)\" spans \(offs[1] - offs[0]) bytes but \(dtype) \(shape) needs \(shape.reduce(1, *) * elem)")
            }
            entries[name] = SafetensorsEntry(dtype: dtype, shape: shape, begin: offs[0], end: offs[1])
        }
        let names = entries.keys.sorted { (entries[$0]?.begin ?? 0, $0) < (entries[$1]?.begin ?? 0, $1) }
        return SafetensorsFile(path: path, entries: entries, names: names, metadata: metadata, data: data)
    }
}

/// Writes `data` to `path` atomically: a temporary file in the same directory,
/// then rename(2), so a crash never leaves a half-written checkpoint behind.
func writeAtomically(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    } catch {
        throw TrainerError.writeFailed(path: path, reason: "cannot create directory: \(error.localizedDescription)")
    }
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    do { try data.write(to: tmp) } catch {
        try? FileManager.default.removeItem(at: tmp)
        throw TrainerError.writeFailed(path: path, reason: error.localizedDescription)
    }
    guard rename(tmp.path, url.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: tmp)
        throw TrainerError.writeFailed(path: path, reason: "rename failed: \(reason)")
    }
}
