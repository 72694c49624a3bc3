import ArgumentParser
import CLISupport
import Foundation
import PairBuilder

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a dataset (the default command): mathgen --pairs N --out DIR")

    @Option(help: "Number of training problems, one aligned pair each.")
    var pairs: Int = 1000

    @Option(help: "Output folder.")
    var out: String = "data"

    @Option(help: "Run seed; the same arguments give byte-identical output.")
    var seed: UInt64 = 0

    @Option(name: .customLong("eval-problems"), help: "Held-out problems, each at all six levels (default: max(10, pairs/20)).")
    var evalProblems: Int?

    @Option(help: "Comma-separated family ids to use (see `mathgen families`); default all.")
    var families: String?

    @Option(help: "Language of the wording: en or zh (a folder of templates).")
    var lang = Language.english

    @Option(name: .customLong("image-size"), help: "Square image side in pixels.")
    var imageSize: Int = 512

    @Option(name: .customLong("text-scale"),
            help: "Size of point names, drawn values and the vision-only text, relative to the default (0.75...4); 2 makes digits readable at 128 px.")
    var textScale: Double = 1

    @Option(name: .customLong("decoy-rate"),
            help: "Share of training problems (0...1) whose caption also gets a decoy: the values figure with its digits redrawn at random, so reading cannot be learned from the geometry. Every eval problem gets one when above 0.")
    var decoyRate: Double = 0

    @Option(name: .customLong("decoy-style"),
            help: ArgumentHelp("How decoys are drawn: figure (the whole figure), bare (the values and their marks alone, where the figure puts them), card (the values alone at random places), card1 (one of the values alone at a random place), or several joined by commas (each decoy one of them, seeded; mixed = figure,bare).",
                               valueName: "style,..."))
    var decoyStyle = DecoyStyles([.figure])

    @Option(help: "Figure style: varied (per-seed line widths, fonts, colour) or plain.")
    var style: BuildConfig.StyleMode = .varied

    @Option(help: "Pairing policy: adjacent, to-vision-only or text-to-vision.")
    var pairing: PairingPolicy = .adjacent

    @Option(name: .customLong("mc-rate"), help: "Share of problems posed as multiple choice (0...1).")
    var mcRate: Double = 0.5

    @Option(help: "Target text: full (worked solution, then the answer line) or answer (the answer line only).")
    var output: ProblemText.OutputStyle = .full

    @Option(help: "Reasoning depth 1...3; default draws one per problem.")
    var difficulty: Int?

    @Option(help: "Composed problems (compose.plane): derivation depth of the target, 1...6 rule applications in its longest chain; default draws one per problem.")
    var depth: Int?

    @Option(help: "Composed problems: construction steps drawn but not needed by the solution (distractors), 0...3; default draws 0 to 2.")
    var width: Int?

    @Option(help: "Worker threads (default: all cores). The output does not depend on it.")
    var threads: Int?

    @Flag(help: "Replace mathgen's files in a non-empty --out (nothing else there is touched).")
    var overwrite = false

    @Flag(help: "Continue an unfinished run in --out (after a kill); the result equals an uninterrupted run.")
    var resume = false

    @Option(help: ArgumentHelp("Write part i of N (0-based, e.g. 3/16): disjoint problems that `mathgen merge` joins.",
                               valueName: "i/N"))
    var shard: ShardOption?

    @Option(help: "PNG compressor: rle (fastest, largest files), zlib (level 1) or libdeflate (level 6: the smallest files, about half the size of rle).")
    var png: BuildConfig.PNGCompression = .libdeflate

    @Option(help: "Problems per commit: a kill or Ctrl-C loses at most this much work.")
    var chunk: Int = 256

    @Option(help: "Templates folder (default: found next to the build or via MATHGEN_TEMPLATES).")
    var templates: String?

    /// Every check of the arguments, before any work: a bad one is one line naming the flag.
    func validate() throws {
        guard pairs > 0 else { throw ValidationError("--pairs: must be at least 1 (got \(pairs))") }
        if let e = evalProblems, e < 1 { throw ValidationError("--eval-problems: must be at least 1 (got \(e))") }
        guard (0...1).contains(mcRate) else { throw ValidationError("--mc-rate: must be within 0...1 (got \(mcRate))") }
        if let d = difficulty, !(1...3).contains(d) { throw ValidationError("--difficulty: must be 1, 2 or 3 (got \(d))") }
        if let d = depth, !(1...6).contains(d) { throw ValidationError("--depth: must be 1...6 (got \(d))") }
        if let w = width, !(0...3).contains(w) { throw ValidationError("--width: must be 0...3 (got \(w))") }
        guard chunk >= 1 else { throw ValidationError("--chunk: must be at least 1 (got \(chunk))") }
        guard !(overwrite && resume) else { throw ValidationError("--overwrite and --resume: pick one") }
        if let shard, !shard.isValid {
            throw ValidationError("--shard: expected i/N with 0 <= i < N (got \"\(shard.text)\")")
        }
        if let t = threads, t < 1 { throw ValidationError("--threads: must be at least 1 (got \(t))") }
        do throws(PairBuilderError) {
            // The builder checks the numbers and that every family has wording; it writes nothing.
            _ = try DatasetBuilder(config: makeConfig())
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The build these arguments ask for; errors name the flag (--templates, --families, --lang).
    func makeConfig() throws(PairBuilderError) -> BuildConfig {
        guard let root = TemplateSet.locateRoot(explicit: templates) else {
            throw .invalidArgument(flag: "--templates",
                                   message: "no templates folder found; pass --templates DIR or set MATHGEN_TEMPLATES")
        }
        var config = BuildConfig(
            pairs: pairs, evalProblems: evalProblems, seed: seed, language: lang.code,
            imageSize: imageSize, style: style, pairing: pairing,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, templatesRoot: root)
        config.multipleChoiceRate = mcRate
        config.difficulty = difficulty
        config.depth = depth
        config.width = width
        if let families {
            try config.selectFamilies(families.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                                          .filter { !$0.isEmpty })
        }
        // Without --families, a language uses every family that has wording in it.
        try config.checkLanguage(dropUnworded: families == nil)
        config.output = output
        config.shard = shard.map { BuildConfig.Shard(index: $0.index, count: $0.count) } ?? BuildConfig.Shard(index: 0, count: 1)
        config.chunkSize = chunk
        config.png = png
        config.textScale = textScale
        config.decoyRate = decoyRate
        config.decoyStyles = decoyStyle.styles
        return config
    }

    func run() throws {
        let config: BuildConfig
        do throws(PairBuilderError) { config = try makeConfig() } catch { throw fail(error.description) }
        let outURL = URL(fileURLWithPath: out)
        var interrupted = false
        do throws(PairBuilderError) {
            let builder = try DatasetBuilder(config: config)
            // Held until the run ends: a second mathgen on this folder is refused before it touches anything.
            let lock = try OutputLock(outURL)
            defer { lock.release() }
            try DatasetBuilder.prepare(outURL, existing: overwrite ? .overwrite : (resume ? .resume : .refuse))
            if resume, try DatasetBuilder.isFinished(outURL, arguments: config) {
                print("\(out) already holds this finished run; nothing to do")
                return
            }
            let progress = ProgressBar(total: builder.workItems().count, unit: "problems", lineEvery: 5)
            let stop = StopOnSignal(notice: "mathgen: stopping after the current chunk (signal again to quit now)")
            let summary = try builder.write(to: outURL, resume: resume, shouldStop: { stop.isSet }, notice: { line in
                FileHandle.standardError.write(Data("mathgen: \(line)\n".utf8))
            }) { done, total in progress.update(done) }
            stop.cancel()
            progress.finishLine()
            guard summary.finished else {
                FileHandle.standardError.write(Data(
                    "mathgen: interrupted after \(summary.committed) of \(builder.workItems().count) problems; everything written so far is kept; continue with the same arguments and --resume\n".utf8))
                interrupted = true
                throw PairBuilderError.interrupted
            }
            let r = summary.rejections
            print("""
                wrote \(summary.problems) problems (\(summary.pairs) pairs, \(summary.problems - summary.pairs) eval) and \
                \(summary.images) images (\(summary.imageBytes / 1024) KiB) to \(out) in \
                \(String(format: "%.1f", progress.elapsed)) s
                rejected: \(r.degenerate) degenerate, \(r.mismatch) answer mismatches, \(r.layout) layouts, \
                \(r.evalOverlap) eval overlaps, \(r.unanswerable) unanswerable; audit: \(summary.audit.overlaps) overlaps, \
                \(summary.audit.offCanvas) off-canvas, \(summary.audit.lineHits) line hits
                """)
        } catch {
            if interrupted { throw ExitCode(130) }
            throw fail(error.description, code: 1)
        }
    }
}

