import DatasetFormat
import Foundation
import Geometry
import Render

/// `mathgen gallery DIR`: a static, serverless view of a dataset for people.
/// HTML pages show each problem at all six levels side by side with its answer
/// and worked solution; `--contact-sheet` writes PNG grids of thumbnails instead.
/// Images are referenced by relative paths into DIR/images, never copied.
public enum GalleryWriter {
    public struct Options: Sendable {
        /// Problems per HTML page (and rows per contact sheet, capped by the canvas limit).
        public var perPage: Int
        /// Thumbnail side of the contact sheet, in pixels.
        public var thumb: Int
        public init(perPage: Int = 50, thumb: Int = 128) {
            self.perPage = perPage
            self.thumb = thumb
        }
    }

    public struct Summary: Sendable {
        public var problems = 0
        /// Files written, relative to the gallery folder (index.html first).
        public var files: [String] = []
        /// Image references on the pages (or thumbnails on the sheets).
        public var images = 0
        /// Referenced images that are absent or unreadable (paths relative to the dataset).
        public var missingImages: [String] = []
    }

    /// Writes the HTML gallery of the dataset in `dataset` into `out`.
    public static func writeHTML(dataset: URL, to out: URL, options: Options = Options()) throws(PairBuilderError) -> Summary {
        let data = try GalleryData.load(dataset)
        try prepare(out)
        let pages = GalleryHTML.pages(data, perPage: options.perPage)
        var summary = Summary(problems: data.problems.count)
        let outDir = out.standardizedFileURL
        let root = dataset.standardizedFileURL
        var checked: [String: Bool] = [:]
        for problem in data.problems {
            for level in problem.levels {
                guard let path = level.image else { continue }
                summary.images += 1
                if checked[path] == nil {
                    let exists = FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
                    checked[path] = exists
                    if !exists { summary.missingImages.append(path) }
                }
            }
        }
        let link: (String) -> String = { path in
            GalleryHTML.urlPath(Exporter.relativePath(root.appendingPathComponent(path).standardizedFileURL, from: outDir))
        }
        try AtomicFile.write(Data(GalleryHTML.css.utf8), to: out.appendingPathComponent(GalleryHTML.cssFile))
        try AtomicFile.write(Data(GalleryHTML.script.utf8), to: out.appendingPathComponent(GalleryHTML.scriptFile))
        var written = [GalleryHTML.cssFile, GalleryHTML.scriptFile]
        for page in pages {
            let html = GalleryHTML.render(page, data: data, imageLink: link)
            try AtomicFile.write(Data(html.utf8), to: out.appendingPathComponent(page.file))
            written.append(page.file)
        }
        summary.files = written.sorted { ($0 == GalleryHTML.indexFile ? 0 : 1, $0) < ($1 == GalleryHTML.indexFile ? 0 : 1, $1) }
        removeStale(out, keeping: Set(written))
        return summary
    }

    /// Writes contact sheets (`contact-sheet-0001.png`, ...) of the dataset into `out`:
    /// one row per problem, one column per distinct image in ladder order.
    public static func writeContactSheets(dataset: URL, to out: URL, options: Options = Options()) throws(PairBuilderError) -> Summary {
        let data = try GalleryData.load(dataset)
        try prepare(out)
        let rowsPerSheet = max(1, min(options.perPage, ContactSheet.maxRows(thumb: options.thumb)))
        var summary = Summary(problems: data.problems.count)
        var written: [String] = []
        let root = dataset.standardizedFileURL
        // Fixed columns, one per image variant: the plain figure (shared by TD, TL, VI),
        // values drawn (VD), values and question drawn (VO).
        let columns = GalleryData.sheetColumns.map { $0.map(GalleryHTML.abbreviation).joined(separator: "/") }
        var sheet = 0
        var start = 0
        while start < data.problems.count {
            let slice = data.problems[start..<min(data.problems.count, start + rowsPerSheet)]
            var rows: [ContactSheet.Row] = []
            for p in slice {
                var cells: [PNGDecoder.Image?] = []
                var notes: [String] = []
                for path in p.sheetImages() {
                    guard let path else {
                        cells.append(nil)
                        notes.append("not rendered")
                        continue
                    }
                    summary.images += 1
                    if let bytes = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
                       let image = try? PNGDecoder.decode([UInt8](bytes)) {
                        cells.append(image)
                        notes.append("")
                    } else {
                        summary.missingImages.append(path)
                        cells.append(nil)
                        notes.append("missing")
                    }
                }
                rows.append(ContactSheet.Row(label: "\(p.id)\n\(p.family)\nanswer: \(p.answer.text)", cells: cells, notes: notes))
            }
            sheet += 1
            let name = String(format: "contact-sheet-%04d.png", sheet)
            let png: [UInt8]
            do { png = try ContactSheet.render(columns: columns, rows: rows, thumb: options.thumb) } catch {
                throw .render(problem: "\(name)", message: error.description)
            }
            try AtomicFile.write(png, to: out.appendingPathComponent(name))
            written.append(name)
            start += rowsPerSheet
        }
        summary.files = written
        removeStale(out, keeping: Set(written))
        return summary
    }

    /// Whether `name` is a file this writer makes (so a rerun may replace or remove it).
    static func isGalleryFile(_ name: String) -> Bool {
        if [GalleryHTML.indexFile, GalleryHTML.cssFile, GalleryHTML.scriptFile].contains(name) { return true }
        if name.hasPrefix(".") && name.hasSuffix(".tmp") { return true }
        if name.hasPrefix("page-") && name.hasSuffix(".html") { return true }
        if name.hasPrefix("f-") && name.hasSuffix(".html") { return true }
        return name.hasPrefix("contact-sheet-") && name.hasSuffix(".png")
    }

    /// Creates `out` or checks that it holds only an earlier gallery: nothing else is ever overwritten.
    static func prepare(_ out: URL) throws(PairBuilderError) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: out.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw .unwritable(path: out.path, reason: "it is a file, not a folder") }
            let foreign = ((try? fm.contentsOfDirectory(atPath: out.path)) ?? []).filter { !isGalleryFile($0) }
            guard foreign.isEmpty else {
                throw .unwritable(path: out.path, reason:
                    "it holds files the gallery did not write (\(foreign.sorted().prefix(3).joined(separator: ", "))); choose an empty or new folder")
            }
        } else {
            do { try fm.createDirectory(at: out, withIntermediateDirectories: true) } catch {
                throw .unwritable(path: out.path, reason: "cannot create the folder (\(DatasetBuilder.reason(error)))")
            }
        }
    }

    /// Removes pages of an earlier, larger gallery so no link leads to stale content.
    static func removeStale(_ out: URL, keeping: Set<String>) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        for n in names where isGalleryFile(n) && !keeping.contains(n) {
            try? FileManager.default.removeItem(at: out.appendingPathComponent(n))
        }
    }
}

/// What the gallery shows of a dataset, read from problems.jsonl (and manifest.json when present).
struct GalleryData {
    struct LevelView {
        var level: String
        var instruction: String
        var image: String?
        var ratio: Double?
    }

    /// What the gallery shows of an answer (problems.jsonl's `answer`, its keys).
    struct AnswerView: Decodable {
        var text: String
        var unit: String?
        var choices: [String]
        var correct: String?

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnswerRecord.CodingKeys.self)
            text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
            unit = try c.decodeIfPresent(String.self, forKey: .unit)
            choices = try c.decodeIfPresent([String].self, forKey: .choices) ?? []
            correct = try c.decodeIfPresent(String.self, forKey: .correct)
        }
    }

    /// The parts of a problems.jsonl record the gallery shows, under ProblemRecord's keys.
    struct GalleryProblem: Decodable {
        var id: String
        var split: String?
        var family: String
        var subject: String?
        var levels: ProblemRecord.Levels
        var answer: AnswerView
        var solution: [String]?
        var caption: String?

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: ProblemRecord.CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            split = try c.decodeIfPresent(String.self, forKey: .split)
            family = try c.decode(String.self, forKey: .family)
            subject = try c.decodeIfPresent(String.self, forKey: .subject)
            levels = try c.decode(ProblemRecord.Levels.self, forKey: .levels)
            answer = try c.decode(AnswerView.self, forKey: .answer)
            solution = try c.decodeIfPresent([String].self, forKey: .solution)
            caption = try c.decodeIfPresent(String.self, forKey: .caption)
        }
    }

    struct Problem {
        var id: String
        var split: String
        var family: String
        var subject: String
        var levels: [LevelView]
        var answer: AnswerView
        var solution: [String]
        var caption: String?

        /// The image of each contact-sheet column (nil where this problem has none rendered).
        func sheetImages() -> [String?] {
            GalleryData.sheetColumns.map { group in
                group.lazy.compactMap { name in self.levels.first { $0.level == name }?.image }.first
            }
        }
    }

    /// Contact-sheet columns: the levels that share each image variant.
    static let sheetColumns: [[String]] = [
        [Level.textDominant, .textLite, .visionIntensive].map(\.rawValue),
        [Level.visionDominant.rawValue],
        [Level.visionOnly.rawValue],
    ]

    var datasetName: String
    var problems: [Problem]
    /// Shown in the page header: seed, image size, generator (when the manifest is readable).
    var facts: [(String, String)]

    static func load(_ dir: URL) throws(PairBuilderError) -> GalleryData {
        let file = dir.appendingPathComponent(OutputFile.problems)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw .io(path: file.path, reason: "missing: is \(dir.path) a mathgen dataset folder?")
        }
        var problems: [Problem] = []
        try JSONLReader.forEach(file) { line, r throws(PairBuilderError) in
            problems.append(try problem(r, at: "\(file.path):\(line)"))
        }
        guard !problems.isEmpty else { throw .io(path: file.path, reason: "holds no problems") }
        var facts: [(String, String)] = []
        if let m = FileManager.default.contents(atPath: dir.appendingPathComponent(OutputFile.manifest).path),
           let manifest = try? JSONParser.parse(Array(m)) {
            if let g = manifest["generator"]?.stringValue { facts.append(("generator", g)) }
            if let s = manifest["seed"]?.stringValue { facts.append(("seed", s)) }
            if let n = manifest["arguments"]?["image_size"]?.intValue { facts.append(("image size", "\(n) px")) }
            if let s = manifest["arguments"]?["style"]?.stringValue { facts.append(("style", s)) }
            if let l = manifest["arguments"]?["lang"]?.stringValue { facts.append(("language", l)) }
        } else {
            facts.append(("manifest", "missing or unreadable (unfinished run?)"))
        }
        return GalleryData(datasetName: dir.standardizedFileURL.lastPathComponent, problems: problems, facts: facts)
    }

    /// One record, read with problems.jsonl's own record types (only what the gallery
    /// shows is required); a missing key or wrong type is an error naming the file,
    /// line and key.
    static func problem(_ r: JSONValue, at place: String) throws(PairBuilderError) -> Problem {
        let view: GalleryProblem
        do { view = try JSONValueDecoder().decode(GalleryProblem.self, from: r) } catch {
            throw .io(path: place, reason: describe(error))
        }
        var levels: [LevelView] = []
        for level in Level.allCases {
            guard let v = view.levels[level] else {
                throw .io(path: place, reason: "levels has no \"\(level.rawValue)\" object")
            }
            if let image = v.image, image.hasPrefix("/") || image.split(separator: "/").contains("..") {
                throw .io(path: place, reason: "image path \"\(image)\" leaves the dataset folder")
            }
            levels.append(LevelView(level: level.rawValue, instruction: v.instruction, image: v.image, ratio: v.textRatio))
        }
        return Problem(id: view.id, split: view.split ?? "", family: view.family, subject: view.subject ?? "",
                       levels: levels, answer: view.answer, solution: view.solution ?? [], caption: view.caption)
    }
}
