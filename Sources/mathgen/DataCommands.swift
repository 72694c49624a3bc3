import ArgumentParser
import CLISupport
import Foundation
import PairBuilder

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the shards of a sharded run (--shard i/N) into one dataset.")

    @Option(help: "Output folder for the merged dataset (must be empty or new).")
    var out: String

    @Argument(help: "The shard folders, all N of them.")
    var shards: [String]

    func run() throws {
        do throws(PairBuilderError) {
            let n = try DatasetMerger.merge(shards.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: out))
            print("merged \(shards.count) shards: \(n) problems in \(out)")
        } catch {
            throw fail(error.description, code: 1)
        }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a dataset: schemas, images, answers re-derived, splits disjoint, counts.")

    @Argument(help: "Dataset folder.")
    var dir: String

    @Flag(help: "Only read image headers instead of decoding every image.")
    var quick = false

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    func validate() throws {
        guard FileManager.default.fileExists(atPath: dir) else { throw ValidationError("\(dir): no such folder") }
    }

    func run() throws {
        let r = DatasetVerifier.verify(URL(fileURLWithPath: dir), deepImages: !quick,
                                       threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        for f in r.findings { print(f) }
        print("\(r.isClean ? "clean" : "\(r.findings.count) problem(s) found"): \(r.records) records, \(r.images) images, \(r.problemsRechecked) answers re-derived")
        if !r.isClean { throw ExitCode(1) }
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How varied a dataset is: distinct masked question skeletons and worked-solution steps, per family.")

    @Argument(help: "Dataset folder.")
    var dir: String

    func validate() throws {
        guard FileManager.default.fileExists(atPath: dir) else { throw ValidationError("\(dir): no such folder") }
    }

    func run() throws {
        let s: DatasetStats
        do { s = try DatasetStats.measure(URL(fileURLWithPath: dir)) } catch { throw fail(error.description, code: 1) }
        func line(_ name: String, _ r: DatasetStats.Row) -> String {
            name.padding(toLength: 36, withPad: " ", startingAt: 0)
                + String(format: "%8d %10d %9.3f %8.2f %5d", r.problems, r.skeletons, r.skeletonsPerProblem, r.meanSteps, r.maxSteps)
        }
        print("family".padding(toLength: 36, withPad: " ", startingAt: 0) + " problems  skeletons  per prob  steps/p   max")
        for (f, r) in s.perFamily { print(line(f, r)) }
        print(line("all", s.all))
        print("solution steps: " + s.stepHistogram.keys.sorted().map { "\($0): \(s.stepHistogram[$0] ?? 0)" }.joined(separator: ", "))
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a split in another trainer's or benchmark's format (math-puma, llava, sharegpt, qwen, mathverse, webdataset).",
        discussion: """
        Image paths are written where each tool looks for them (docs/EXPORTS.md): absolute for \
        math-puma and qwen (their scripts open paths as given), relative to the export's folder \
        for llava (--image_folder), sharegpt (LLaMA-Factory's dataset_dir, where dataset_info.json \
        is written) and mathverse. --image-root or --absolute-paths override that.
        """)

    @Argument(help: "Dataset folder.")
    var dir: String

    @Option(help: "math-puma (official Math-PUMA keys, JSONL), llava (conversations), sharegpt (LLaMA-Factory, with dataset_info.json), qwen (Qwen-VL finetune.py conversations) mathverse (the eval split in MathVerse's testmini layout), webdataset (tar shards with the images inside; --out is the shards' path prefix) or hf (the dataset folder made a Hugging Face dataset: shards of every split and a dataset card).")
    var format: Exporter.Format

    @Option(help: "Split: pairs, instruct, stage1, captions or eval (default: pairs for math-puma, eval for mathverse, instruct otherwise).")
    var split: String?

    @Option(help: "Output file (for webdataset the shards' path prefix; hf writes into the dataset folder and takes none).")
    var out: String?

    @Flag(name: .customLong("absolute-paths"), help: "Write absolute image paths.")
    var absolutePaths = false

    @Option(name: .customLong("image-root"), help: "Write image paths relative to this folder (the one your trainer is told holds the images).")
    var imageRoot: String?

    @Flag(help: "Replace an existing output file.")
    var overwrite = false

    @Option(name: .customLong("shard-size"), help: "webdataset: samples per tar shard.")
    var shardSize = 1000

    var splitName: String { split ?? format.defaultSplit }

    func validate() throws {
        do throws(PairBuilderError) {
            try Exporter.check(split: splitName, format: format)
        } catch {
            throw ValidationError(error.description)
        }
        if format != .hf, out == nil { throw ValidationError("--out: missing (the export file)") }
        guard shardSize >= 1 else { throw ValidationError("--shard-size: must be at least 1 (got \(shardSize))") }
        if absolutePaths, imageRoot != nil { throw ValidationError("--absolute-paths and --image-root: give one of them") }
        if let imageRoot, !FileManager.default.fileExists(atPath: imageRoot) {
            throw ValidationError("--image-root: \(imageRoot): no such folder")
        }
    }

    func run() throws {
        let images: Exporter.ImagePaths? = absolutePaths ? .absolute
            : imageRoot.map { .root(URL(fileURLWithPath: $0)) }
        var request = Exporter.Request(dataset: URL(fileURLWithPath: dir), split: splitName, format: format,
                                       out: URL(fileURLWithPath: out ?? dir), images: images, overwrite: overwrite)
        request.shardSize = shardSize
        do throws(PairBuilderError) {
            let s = try Exporter.export(request)
            if format == .hf {
                print("made \(dir) a Hugging Face dataset: \(s.records) samples in \(s.alsoWrote.count - 1) files under hf/, card README.md")
                return
            }
            print("exported \(s.records) \(s.split) records as \(format.rawValue) to \(out ?? dir)")
            if format == .webdataset {
                print("wrote \(s.alsoWrote.count - 1) shard(s) and \(s.alsoWrote.last ?? "an index")")
            } else {
                for f in s.alsoWrote { print("registered it in \(f)") }
            }
        } catch {
            throw fail(error.description, code: 1)
        }
    }
}
