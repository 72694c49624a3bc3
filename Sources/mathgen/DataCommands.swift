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

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a split in another trainer's format (math-puma, llava, sharegpt).")

    @Argument(help: "Dataset folder.")
    var dir: String

    @Option(help: "math-puma (official Math-PUMA keys, JSONL), llava (JSON array with conversations) or sharegpt (LLaMA-Factory).")
    var format: Exporter.Format

    @Option(help: "Split: pairs, instruct, stage1, captions or eval (default: pairs for math-puma, instruct otherwise).")
    var split: String?

    @Option(help: "Output file.")
    var out: String

    @Flag(name: .customLong("absolute-paths"), help: "Write absolute image paths (default: relative to the output file).")
    var absolutePaths = false

    /// The split exported: --split, else pairs for math-puma and instruct otherwise.
    var splitName: String { split ?? (format == .mathPuma ? "pairs" : "instruct") }

    func validate() throws {
        do throws(PairBuilderError) {
            try Exporter.check(split: splitName, format: format)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let s = splitName
        do throws(PairBuilderError) {
            let n = try Exporter.export(dir: URL(fileURLWithPath: dir), split: s, format: format, absolute: absolutePaths,
                                        to: URL(fileURLWithPath: out))
            print("exported \(n) \(s) records as \(format.rawValue) to \(out)")
        } catch {
            throw fail(error.description, code: 1)
        }
    }
}
