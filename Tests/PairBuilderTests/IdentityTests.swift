import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import PairBuilder

/// Training identities held once; families whose space is too small for their share capped.
@Suite struct TrainIdentityTests {
    /// Plane families whose identity spaces at difficulty 1 hold about 120-210 problems.
    static let small = ["plane.equilateral_triangle", "plane.isosceles_base_angles", "plane.inscribed_angle"]
        .compactMap(FamilyRegistry.named)

    func config(pairs: Int, families: [AnyFamily], eval: Int = 4) -> BuildConfig {
        var c = TestSupport.config(pairs: pairs, eval: eval, families: families)
        c.generation.difficulty = 1
        c.chunkSize = 16
        return c
    }

    /// The training identities written, and the manifest.
    func written(_ dir: URL) throws -> (train: [String], families: [String], manifest: JSONValue) {
        let problems = try TestSupport.lines(dir.appendingPathComponent(OutputFile.problems))
            .filter { $0["split"]?.stringValue == "train" }
        let manifest = try JSONParser.parse(Array(Data(contentsOf: dir.appendingPathComponent(OutputFile.manifest))))
        return (problems.compactMap { $0["identity"]?.stringValue }, problems.compactMap { $0["family"]?.stringValue }, manifest)
    }

    func build(_ c: BuildConfig, _ name: String, notes: inout [String]) throws -> URL {
        let out = TestSupport.tempDir(name)
        try DatasetBuilder.prepare(out, existing: .refuse)
        var lines: [String] = []
        _ = try DatasetBuilder(config: c).write(to: out, notice: { lines.append($0) })
        notes = lines
        return out
    }

    @Test func smallSpaceFamiliesRepeatNoTrainingIdentity() throws {
        let c = config(pairs: 90, families: Self.small)
        var notes: [String] = []
        let dir = try build(c, "small-space", notes: &notes)
        defer { try? FileManager.default.removeItem(at: dir) }
        let w = try written(dir)
        #expect(w.train.count == 90)
        #expect(Set(w.train).count == w.train.count, "\(w.train.count - Set(w.train).count) repeated training identities")
        #expect(w.manifest["stats"]?["train_identities"]?.intValue == Set(w.train).count)
        #expect(w.manifest["stats"]?["train_repeats"]?.intValue == w.train.count - Set(w.train).count)
        #expect(DatasetVerifier.verify(dir, deepImages: false).isClean)
    }

    @Test func aFamilyTooSmallForItsShareIsCappedAndSaysSo() throws {
        let log = "plane.equilateral_triangle"
        let c = config(pairs: 200, families: [AnyFamily(ParallelTriangleAngle())] + Self.small.prefix(1))
        var notes: [String] = []
        let dir = try build(c, "capped", notes: &notes)
        defer { try? FileManager.default.removeItem(at: dir) }
        let line = notes.first { $0.contains(log) }
        #expect(line?.contains("distinct problems; its training share is capped at") == true, "\(notes)")
        #expect(line?.contains("(requested 100)") == true, "\(notes)")
        let w = try written(dir)
        let logCount = w.families.filter { $0 == log }.count
        // The cap, as the line says, and the rest drawn from the other family.
        #expect(line?.contains("capped at \(logCount) ") == true, "\(notes), \(logCount) written")
        #expect(logCount < 100 && logCount > 20)
        #expect(w.train.count == 200)
        #expect(Set(w.train).count == 200)
        #expect(w.manifest["counts"]?["per_family"]?[log]?.intValue == logCount + 2)  // + its 2 eval problems
        #expect(w.manifest["stats"]?["train_repeats"]?.intValue == 0)
    }

    @Test func tooFewProblemsInAllRepeatAndTheManifestCountsThem() throws {
        let c = config(pairs: 100, families: Array(Self.small.prefix(1)))
        var notes: [String] = []
        let dir = try build(c, "too-few", notes: &notes)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(notes.contains { $0.contains("will repeat") }, "\(notes)")
        let w = try written(dir)
        let repeats = w.train.count - Set(w.train).count
        #expect(repeats > 0)
        #expect(w.manifest["stats"]?["train_repeats"]?.intValue == repeats)
        #expect(w.manifest["stats"]?["train_identities"]?.intValue == Set(w.train).count)
    }

    /// Caps, the schedule and the claims are decided alike in every shard and on resume.
    @Test func cappedRunsMergeAndResumeByteIdentical() throws {
        let c = config(pairs: 160, families: [AnyFamily(ParallelTriangleAngle())] + Self.small.prefix(1), eval: 6)
        var notes: [String] = []
        let full = try build(c, "capped-full", notes: &notes)
        #expect(!notes.isEmpty)
        var shards: [URL] = []
        for i in 0..<3 {
            var s = c
            s.shard = .init(index: i, count: 3)
            var n: [String] = []
            shards.append(try build(s, "capped-shard\(i)", notes: &n))
            #expect(n == notes)
        }
        let merged = TestSupport.tempDir("capped-merged")
        let resumed = TestSupport.tempDir("capped-resumed")
        defer { for u in [full, merged, resumed] + shards { try? FileManager.default.removeItem(at: u) } }
        _ = try DatasetMerger.merge(shards, into: merged)
        try DatasetBuilder.prepare(resumed, existing: .refuse)
        var threeThreads = c
        threeThreads.threads = 3
        _ = try DatasetBuilder(config: threeThreads).write(to: resumed, stopAfterChunks: 2)
        _ = try DatasetBuilder(config: c).write(to: resumed, resume: true)
        for f in OutputFile.jsonl + [OutputFile.manifest] {
            let a = try Data(contentsOf: full.appendingPathComponent(f))
            #expect(a == (try Data(contentsOf: merged.appendingPathComponent(f))), "merged \(f) differs")
            #expect(a == (try Data(contentsOf: resumed.appendingPathComponent(f))), "resumed \(f) differs")
        }
        let w = try written(merged)
        #expect(Set(w.train).count == w.train.count)
        #expect(w.manifest["stats"]?["train_identities"]?.intValue == Set(w.train).count)
    }

    /// A family whose space is smaller than its slots (here: no cap at all, as when the
    /// estimate was too high) runs out: it is said once, its remaining slots go to the
    /// other family, and no identity is taken twice.
    @Test func aFamilyThatRunsOutHandsItsSlotsOn() throws {
        let c = config(pairs: 400, families: Self.small.prefix(1) + [AnyFamily(ParallelTriangleAngle())])
        let builder = try DatasetBuilder(config: c)
        let planner = TrainPlanner(builder: builder, schedule: FamilySchedule(pairs: 400, caps: [.max, .max]),
                                   evalIdentities: [])
        var lines: [String] = []
        planner.notice = { lines.append($0) }
        let draws = try (0..<400).map { try planner.take($0) }
        let ids = draws.map(\.problem.identity)
        #expect(Set(ids).count == 400, "\(400 - Set(ids).count) repeats")
        let small = draws.filter { $0.family == 0 }.count
        #expect(small < 200 && small > 50, "\(small) of the small family's 200 slots kept")
        #expect(draws.allSatisfy { $0.problem.family == c.families[$0.family].id })
        #expect(lines.count == 1 && lines[0].contains("family plane.equilateral_triangle ran out"), "\(lines)")
        #expect(lines.first?.contains("(\(small) taken); its remaining \(200 - small) go") == true, "\(lines)")
    }

    @Test func scheduleIsRoundRobinWithoutCapsAndSpreadsACappedFamily() {
        let plain = FamilySchedule(pairs: 10, caps: [.max, .max, .max])
        #expect(plain.family == (0..<10).map { $0 % 3 })
        let capped = FamilySchedule(pairs: 12, caps: [2, .max, .max])
        #expect(capped.quota == [2, 5, 5])
        #expect(capped.family.filter { $0 == 0 }.count == 2)
        #expect(capped.family.filter { $0 == 1 }.count == 5)
        // Too few in all: caps first, the rest dealt evenly.
        let short = FamilySchedule(pairs: 10, caps: [2, 3])
        #expect(short.quota == [2 + 3, 3 + 2])
    }
}
