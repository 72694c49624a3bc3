import DatasetFormat
import Dispatch
import Foundation
import Geometry
import Render

/// Everything a dataset build depends on. The same config (threads aside)
/// gives byte-identical output.
public struct BuildConfig: Sendable {
    public enum StyleMode: String, Sendable, CaseIterable { case varied, plain }

    public var pairs: Int
    /// Held-out problems, each written at all six levels; nil picks max(10, pairs / 20).
    public var evalProblems: Int?
    public var seed: UInt64
    public var families: [AnyFamily]
    public var language: String
    public var imageSize: Int
    public var style: StyleMode
    public var pairing: PairingPolicy
    public var generation: GenerationOptions
    public var threads: Int
    public var templatesRoot: URL
    public var output: ProblemText.OutputStyle = .full
    /// This run's part of a sharded build: problems whose index % count == index.
    public var shard = Shard(index: 0, count: 1)
    /// Problems per commit (images, JSONL lines, progress.json); a kill loses at most one chunk of work.
    public var chunkSize = 256
    /// PNG compressor (`--png`): the run-length encoder (fast), zlib or libdeflate (the smallest files).
    public var png: PNGCompression = .libdeflate
    /// Multiplies the size of point names, drawn values and the vision-only text
    /// block (`--text-scale`): readable digits on small canvases for small models.
    public var textScale = 1.0
    /// Share of training problems that also get a decoy image (every eval
    /// problem does when it is above 0): the values figure with its digits
    /// redrawn at random, so value reading cannot be learned from the geometry.
    public var decoyRate = 0.0
    /// How decoys are drawn: each decoy takes one of these styles, by a seeded
    /// draw when there are several (`--decoy-style figure,card`).
    public var decoyStyles: [DecoyStyle] = [.figure]
    public enum DecoyStyle: String, Sendable, CaseIterable {
        /// The whole figure with the redrawn values.
        case figure
        /// The values and their marks alone, where the figure puts them.
        case bare
        /// The values alone at random places on a blank canvas: a reading card.
        case card
        /// One of the values (chosen by the seed) alone at a random place: a
        /// card with no reading order to learn.
        case card1

        /// Parses `--decoy-style`: styles joined by commas, "mixed" standing for figure,bare.
        public static func list(_ text: String) -> [DecoyStyle]? {
            if text == "mixed" { return [.figure, .bare] }
            let styles = text.split(separator: ",", omittingEmptySubsequences: false).map { DecoyStyle(rawValue: String($0)) }
            guard !styles.isEmpty, !styles.contains(where: { $0 == nil }) else { return nil }
            return styles.compactMap { $0 }
        }
    }

    public init(pairs: Int, evalProblems: Int? = nil, seed: UInt64 = 0, families: [AnyFamily] = FamilyRegistry.all,
                language: String = "en", imageSize: Int = 512, style: StyleMode = .varied,
                pairing: PairingPolicy = .adjacent, generation: GenerationOptions = GenerationOptions(),
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, templatesRoot: URL) {
        self.pairs = pairs; self.evalProblems = evalProblems; self.seed = seed; self.families = families
        self.language = language; self.imageSize = imageSize; self.style = style; self.pairing = pairing
        self.generation = generation; self.threads = threads; self.templatesRoot = templatesRoot
    }

    public var evalCount: Int { evalProblems ?? max(10, pairs / 20) }

    /// Part `index` of `count` (`--shard i/N`); shards write disjoint problems that `mathgen merge` joins.
    public struct Shard: Sendable, Equatable {
        public var index: Int
        public var count: Int
        public init(index: Int, count: Int) { self.index = index; self.count = count }

        /// Parses "i/N" with 0 <= i < N.
        public static func parse(_ s: String) -> Shard? {
            let parts = s.split(separator: "/")
            guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(i) else {
                return nil
            }
            return Shard(index: i, count: n)
        }
    }

    /// The arguments as recorded in the manifest (threads excluded: they do not change the output).
    var manifestArguments: JSONValue {
        [
            "pairs": .int(pairs), "eval_problems": .int(evalCount), "seed": .string(String(seed)),
            "families": .array(FamilyMix.unique(families).map { .string($0.id) }), "lang": .string(language),
            "image_size": .int(imageSize), "style": .string(style.rawValue), "pairing": .string(pairing.rawValue),
            "multiple_choice_rate": .double(generation.multipleChoiceRate),
            "difficulty": generation.difficulty.map { .int($0) } ?? .null,
            "depth": generation.depth.map { .int($0) } ?? .null,
            "width": generation.width.map { .int($0) } ?? .null,
            "output": .string(output.rawValue),
            "shard": .string("\(shard.index)/\(shard.count)"),
            "png": .string(png.rawValue),
            "text_scale": .double(textScale),
            "decoy_rate": .double(decoyRate),
            "decoy_style": .string(decoyStyles.map(\.rawValue).joined(separator: ",")),
        ]
    }
}

public enum Split: String, Sendable {
    case train, eval
    var salt: UInt64 { self == .train ? 1 : 2 }
    var prefix: String { self == .train ? "p" : "e" }
}

/// Counts of what was drawn and thrown away, for the manifest.
public struct Rejections: Sendable, Equatable {
    public var degenerate = 0
    public var mismatch = 0
    public var layout = 0
    public var evalOverlap = 0
    /// Draws some level of which could not be answered from what it shows (`Answerability`).
    public var unanswerable = 0
    /// Training draws equal to an earlier training problem, drawn again.
    public var duplicate = 0
    public init() {}
    mutating func add(_ o: Rejections) {
        degenerate += o.degenerate; mismatch += o.mismatch; layout += o.layout; evalOverlap += o.evalOverlap
        duplicate += o.duplicate
        unanswerable += o.unanswerable
    }
}

/// What the writer keeps of a rendered image once its PNG is on disk.
struct ImageSummary: Sendable {
    var bytes: Int
    var audit: Audit
}

/// One problem with its wording and rendered images, ready to write.
struct BuiltProblem: Sendable {
    var id: String
    var index: Int
    var split: Split
    var problem: Problem
    var text: ProblemText
    var images: [ImageVariant: ImageSummary]
    /// The values written on the caption's image in reading order (empty before rendering).
    var values: [String] = []
    /// The values written on the decoy image in reading order (empty without one).
    var decoyValues: [String] = []
    var rejections: Rejections

    /// The answer of the value-reading task.
    var valuesText: String { values.isEmpty ? text.valuesNone : values.joined(separator: ", ") }

    func imagePath(_ v: ImageVariant) -> String {
        String(format: "images/%@/%03d/%@_%@.png", split.rawValue, index / 1000, id, v.rawValue)
    }

    func imagePath(for level: Level) -> String? { level.imageVariant.map(imagePath) }
}

/// Builds a dataset: generates, words, renders and writes problems in index
/// order, using every core while keeping the output independent of thread count.
public final class DatasetBuilder: Sendable {
    public let config: BuildConfig
    let templates: TemplateSet

    public init(config: BuildConfig) throws(PairBuilderError) {
        try config.checkValues()
        var config = config
        // Generation asks the real layout at this run's size, text scale and style, unless
        // the caller brought its own check (tests that need figures failing the render audit).
        if config.generation.layout == nil { config.generation.layout = config.layoutCheck }
        config.families = FamilyMix.slots(config.families)
        self.config = config
        templates = try TemplateSet(root: config.templatesRoot, language: config.language)
        for f in config.families where !templates.has(family: f.id) {
            throw .template(file: templates.directory.appendingPathComponent(f.id + ".json").path,
                            message: "family \(f.id) has no wording in language \"\(config.language)\"")
        }
    }

    /// The image variants a training problem's records use.
    func trainVariants(index: Int) -> Set<ImageVariant> {
        let (a, b) = config.pairing.levels(forProblem: index)
        var s: Set<ImageVariant> = [.givens]  // the caption's image
        for l in [a, b, instructLevel(index)] { if let v = l.imageVariant { s.insert(v) } }
        if hasDecoy(.train, index) { s.insert(.decoy) }
        return s
    }

    /// Whether problem `index` gets a decoy image: every eval problem when the
    /// rate is above 0, a seeded `decoyRate` share of the training problems.
    func hasDecoy(_ split: Split, _ index: Int) -> Bool {
        guard config.decoyRate > 0 else { return false }
        if split == .eval { return true }
        var rng = SplitMix64(seed: SplitMix64.derive(config.seed, UInt64(index), salt: 0xDEC0))
        return rng.chance(config.decoyRate)
    }

    /// Stage 3 cycles the five image levels over training problems.
    func instructLevel(_ index: Int) -> Level { Level.allCases[1 + index % 5] }

    /// One draw of problem `index` of `split` from family `family` (its position in
    /// `config.families`) at `attempt`, and whether it is accepted: the one place every
    /// draw, eval or training, is accepted or rejected (training repeats aside, which
    /// `draw` and the planner reject after this). Rejections are counted into `rejections`.
    func attempt(_ split: Split, _ index: Int, family: Int, attempt: Int, forbidden: Set<UInt64>,
                 rejections: inout Rejections) -> Problem? {
        let seed = SplitMix64.derive(config.seed, UInt64(index), salt: split.salt &+ UInt64(attempt) &* 16)
        switch config.families[family].make(seed: seed, options: config.generation) {
        case let .success(p):
            if forbidden.contains(p.identity) { rejections.evalOverlap += 1; return nil }
            // A level that cannot be answered from what it shows is a family bug: never written.
            if !Answerability.audit(p).isEmpty { rejections.unanswerable += 1; return nil }
            return p
        case .failure(.mismatch): rejections.mismatch += 1
        case .failure(.degenerate): rejections.degenerate += 1
        }
        return nil
    }

    /// The first draw of problem `index` from attempt `firstAttempt` on that is accepted
    /// (`attempt`, with `forbidden` the eval identities) and not `taken` (an identity an
    /// earlier training problem took); when every accepted draw is taken, the first
    /// accepted one (a repeat).
    func draw(_ split: Split, _ index: Int, family: Int, forbidden: Set<UInt64>,
              taken: (@Sendable (UInt64) -> Bool)? = nil,
              from firstAttempt: Int = 0, before: Rejections = Rejections()) throws(PairBuilderError) -> (Problem, Int, Rejections) {
        var rejections = Rejections()
        var repeated: (Problem, Int)?
        for a in firstAttempt..<TrainPlanner.attempts {
            guard let p = attempt(split, index, family: family, attempt: a, forbidden: forbidden, rejections: &rejections) else {
                continue
            }
            if let taken, taken(p.identity) {
                if repeated == nil { repeated = (p, a) }
                rejections.duplicate += 1
                continue
            }
            return (p, a, rejections)
        }
        if let (p, a) = repeated {
            rejections.duplicate -= 1
            return (p, a, rejections)
        }
        // `before`: what the caller rejected at earlier attempts (layouts), so the line counts every draw.
        var all = before
        all.add(rejections)
        throw .exhausted("\(split.prefix)\(index) (\(config.families[family].id)): no acceptable problem in \(TrainPlanner.attempts) draws (\(all))")
    }

    /// Generates problem `index` of `split`, words it and renders its images
    /// (writing them under `out` when given). A layout that fails the audit is
    /// re-laid with the figure turned or mirrored (same problem); only if every
    /// variant fails is the problem redrawn.
    /// A training problem starts from the planner's draw (`planned`), and its redraws come
    /// from the same family and avoid `taken` (identities earlier training problems took).
    func build(_ split: Split, _ index: Int, forbidden: Set<UInt64>, planned: PlannedDraw? = nil,
               taken: (@Sendable (UInt64) -> Bool)? = nil, render: Bool,
               out: URL? = nil) throws(PairBuilderError) -> BuiltProblem {
        let id = String(format: "%@%07d", split.prefix, index)
        let family = planned?.family ?? index % config.families.count
        var rejections = Rejections()
        var attempt = 0
        var planned = planned
        while true {
            let (problem, used, r): (Problem, Int, Rejections)
            if let d = planned { (problem, used, r) = (d.problem, d.attempt, d.rejections) } else {
                (problem, used, r) = try draw(split, index, family: family, forbidden: forbidden, taken: taken, from: attempt,
                                                before: rejections)
            }
            planned = nil
            rejections.add(r)
            attempt = used + 1
            let text = try ProblemText(problem, templates: templates, output: config.output)
            var built = BuiltProblem(id: id, index: index, split: split, problem: problem, text: text, images: [:],
                                     rejections: rejections)
            guard render else { return built }
            let variants: Set<ImageVariant> = split == .eval
                ? Set(ImageVariant.allCases.filter { $0 != .decoy || hasDecoy(.eval, index) })
                : trainVariants(index: index)
            if var images = try renderImages(built, variants: variants) {
                // A figure without drawn values has nothing to redraw: no decoy.
                if images[.givens]?.labels.valuesInReadingOrder.isEmpty ?? true { images[.decoy] = nil }
                if let out {
                    for (v, img) in images {
                        try AtomicFile.write(img.png, to: out.appendingPathComponent(built.imagePath(v)), makeFolders: true)
                    }
                }
                built.images = images.mapValues { ImageSummary(bytes: $0.png.count, audit: $0.audit) }
                built.values = images[.givens]?.labels.valuesInReadingOrder ?? []
                built.decoyValues = images[.decoy]?.labels.valuesInReadingOrder ?? []
                built.rejections = rejections
                return built
            }
            rejections.layout += 1
        }
    }

    /// Renders every variant of one problem with one style; nil when no orientation gives a clean layout.
    private func renderImages(_ b: BuiltProblem, variants: Set<ImageVariant>) throws(PairBuilderError) -> [ImageVariant: RenderedImage]? {
        let style = RenderLayout.style(config.style, textScale: config.textScale, problemSeed: b.problem.seed)
        // Turning or mirroring a free figure changes no length or angle; coordinate planes stay put.
        var scenes = [b.problem.scene]
        if case .figure = b.problem.scene.frame {
            for (turn, mirror) in [(Double.pi / 2, false), (Double.pi, false), (0, true), (Double.pi / 2, true)] {
                scenes.append(b.problem.scene.mapped { Construct.orient($0, rotation: turn, mirror: mirror) })
            }
        }
        let canvas: Canvas
        do { canvas = try Canvas(width: config.imageSize, height: config.imageSize) } catch {
            throw .render(problem: b.id, message: error.description)
        }
        let encoder = config.png.encoder
        layouts: for scene in scenes {
            var images: [ImageVariant: RenderedImage] = [:]
            for v in ImageVariant.allCases where variants.contains(v) {
                var decoyRng = SplitMix64(seed: b.problem.seed ^ 0x4445_434F_5900_0000)
                var req = RenderRequest(scene: v == .decoy ? scene.withRandomGivenDigits(&decoyRng) : scene,
                                        includeGivens: v != .figure,
                                        textBlock: v == .question ? b.text.visionOnlyImageText : nil,
                                        language: config.language, size: config.imageSize, style: style)
                if v == .decoy {
                    let styles = config.decoyStyles
                    switch styles.count > 1 ? decoyRng.pick(styles) : styles.first ?? .figure {
                    case .figure: break
                    case .bare: req.onlyGivens = true
                    case .card: req.scatterSeed = decoyRng.next()
                    case .card1: req.scatterSeed = decoyRng.next(); req.scatterOne = true
                    }
                }
                let rendered: RenderedImage?
                do { rendered = try SceneRenderer.renderIfClean(req, encoder: encoder, canvas: canvas) } catch {
                    throw .render(problem: b.id, message: error.description)
                }
                guard let img = rendered else { continue layouts }
                images[v] = img
            }
            return images
        }
        return nil
    }

    /// Runs `work` over `range` on `threads` threads and returns results in index order.
    func parallelMap<T: Sendable>(_ range: Range<Int>,
                                  _ work: @Sendable @escaping (Int) throws(PairBuilderError) -> T) throws(PairBuilderError) -> [T] {
        let slots = Slots<Result<T, PairBuilderError>>(count: range.count)
        let threads = max(1, min(config.threads, range.count))
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let k = next.take()
                if k >= range.count { break }
                do throws(PairBuilderError) {
                    slots.set(k, .success(try work(range.lowerBound + k)))
                } catch {
                    slots.set(k, .failure(error))
                }
            }
        }
        var out: [T] = []
        out.reserveCapacity(range.count)
        for k in 0..<range.count {
            switch slots.get(k) {
            case let .success(v)?: out.append(v)
            case let .failure(e)?: throw e
            case nil: throw .exhausted("internal: slot \(k) was not filled")
            }
        }
        return out
    }
}

/// Write-once result slots shared by worker threads; each index is written by exactly one thread.
final class Slots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: T) { lock.lock(); items[i] = v; lock.unlock() }
    func get(_ i: Int) -> T? { lock.lock(); defer { lock.unlock() }; return items[i] }
}

/// A shared work counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take() -> Int { lock.lock(); defer { value += 1; lock.unlock() }; return value }
}
