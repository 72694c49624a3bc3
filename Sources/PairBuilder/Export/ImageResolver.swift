import DatasetFormat
import Foundation

/// Turns a record's image path (relative to the dataset) into the path an export writes:
/// relative to the export's folder, absolute, or relative to a root the user names. An
/// image the record names but the dataset lacks is an error naming it, so an export never
/// hands a trainer a path that fails at step 10,000.
struct ImageResolver {
    let dataset: URL
    let outDir: URL
    let mode: Exporter.ImagePaths

    init(dataset: URL, out: URL, mode: Exporter.ImagePaths) {
        self.dataset = dataset.standardizedFileURL
        outDir = out.deletingLastPathComponent().standardizedFileURL
        self.mode = mode
    }

    /// nil for no image (a text-only member): every format writes it as its own "none".
    func path(_ recordPath: String?) throws(PairBuilderError) -> String? {
        guard let p = recordPath, !p.isEmpty else { return nil }
        let full = dataset.appendingPathComponent(p).standardizedFileURL
        guard FileManager.default.fileExists(atPath: full.path) else {
            throw .io(path: full.path, reason: "image named by the dataset is missing")
        }
        switch mode {
        case .absolute: return full.path
        case .relativeToOutput: return Exporter.relativePath(full, from: outDir)
        case let .root(root): return Exporter.relativePath(full, from: root.standardizedFileURL)
        }
    }
}
