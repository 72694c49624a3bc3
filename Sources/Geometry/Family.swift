/// Knobs every family understands.
public struct GenerationOptions: Sendable {
    /// Probability that a problem is posed as multiple choice rather than free form.
    public var multipleChoiceRate: Double
    /// Reasoning depth: 1 (one step) to 3 (longest chain the family offers); nil draws one per problem.
    public var difficulty: Int?
    /// Composed problems: the derivation depth of the target (1...6, the longest chain of
    /// rule applications behind it); nil draws one per problem (`--depth`).
    public var depth: Int?
    /// Composed problems: construction steps drawn but not needed by the solution (0...3);
    /// nil draws 0 to 2 per problem (`--width`).
    public var width: Int?
    /// The renderer's answer to "would this scene lay out cleanly?", injected by the
    /// dataset builder (Geometry knows no pixels). Families that choose among windows
    /// or text spots take the first candidate it passes; without one, the first candidate.
    public var layout: LayoutCheck?
    /// The seed `make` was called with, so a layout check can draw the problem's own style.
    public internal(set) var seed: UInt64 = 0

    public init(multipleChoiceRate: Double = 0.5, difficulty: Int? = nil) {
        self.multipleChoiceRate = multipleChoiceRate
        self.difficulty = difficulty
    }
}

/// Whether a scene, drawn for the problem of a given seed, passes the render audit at
/// the run's image size, text scale and style (docs/ARCHITECTURE.md).
public struct LayoutCheck: Sendable {
    public let isClean: @Sendable (Scene, UInt64) -> Bool
    /// A looser check a family asks only when no candidate passes `isClean` (the renderer's
    /// fallbacks allowed, such as a curve legend above the plot); nil: none.
    public let fallback: (@Sendable (Scene, UInt64) -> Bool)?
    public init(_ isClean: @escaping @Sendable (Scene, UInt64) -> Bool,
                fallback: (@Sendable (Scene, UInt64) -> Bool)? = nil) {
        self.isClean = isClean
        self.fallback = fallback
    }
}

/// Why a draw did not become a problem.
public enum GenerationFailure: Error, Sendable, Equatable {
    /// The construction was degenerate (points too close, angles too thin): resample.
    case degenerate(String)
    /// The two routes to the answer disagreed: the sample is rejected and counted.
    case mismatch(solved: Double, measured: Double)
}

/// A problem family: generation, the closed-form solver and the independent
/// numeric check side by side. `solve` reasons from the givens; `measure` reads
/// the answer off the constructed coordinates (or the plotted function), so a
/// bug in either shows up as a mismatch.
public protocol ProblemFamily: Sendable {
    associatedtype Instance: Sendable
    /// Stable id, "subject.name", used in records and `--families`.
    var id: String { get }
    var subject: Subject { get }
    var answerTypes: [AnswerType] { get }
    /// Largest allowed |solve - measure| (absolute, in the answer's unit).
    var agreementTolerance: Double { get }

    /// Draws givens, labels and orientation and constructs the figure; throws
    /// `GenerationFailure.degenerate` for a draw that would make a bad figure.
    func generate(_ rng: inout SplitMix64, options: GenerationOptions) throws -> Instance
    /// The answer from the givens by the textbook rules.
    func solve(_ instance: Instance) -> Double
    /// The answer measured on the construction, independently of `solve`.
    func measure(_ instance: Instance) -> Double
    /// Facts, scene, question, answer (with choices) and solution steps.
    func compose(_ instance: Instance, answer: Double, rng: inout SplitMix64, options: GenerationOptions) -> Problem
}

extension ProblemFamily {
    /// One problem from one seed: resamples degenerate draws (a bounded number of
    /// times), then checks the two routes agree.
    public func make(seed: UInt64, options: GenerationOptions) -> Result<Problem, GenerationFailure> {
        var rng = SplitMix64(seed: seed)
        var options = options
        options.seed = seed
        var lastReason = ""
        for _ in 0..<64 {
            let instance: Instance
            do {
                instance = try generate(&rng, options: options)
            } catch let GenerationFailure.degenerate(reason) {
                lastReason = reason
                continue
            } catch let e as GenerationFailure {
                // A mismatch found while generating (a composed problem's deduction contradicted by its figure).
                return .failure(e)
            } catch {
                return .failure(.degenerate("\(error)"))
            }
            let solved = solve(instance)
            let measured = measure(instance)
            guard solved.isFinite, measured.isFinite, abs(solved - measured) <= agreementTolerance else {
                return .failure(.mismatch(solved: solved, measured: measured))
            }
            var p = compose(instance, answer: solved, rng: &rng, options: options)
            p.seed = seed
            p.solved = solved
            p.measured = measured
            return .success(p)
        }
        return .failure(.degenerate("no valid draw in 64 tries: \(lastReason)"))
    }
}

/// A family behind a uniform interface, for registries and the CLI.
public struct AnyFamily: Sendable {
    public let id: String
    public let subject: Subject
    public let answerTypes: [AnswerType]
    private let _make: @Sendable (UInt64, GenerationOptions) -> Result<Problem, GenerationFailure>

    public init<F: ProblemFamily>(_ family: F) {
        id = family.id
        subject = family.subject
        answerTypes = family.answerTypes
        _make = { seed, options in family.make(seed: seed, options: options) }
    }

    public func make(seed: UInt64, options: GenerationOptions) -> Result<Problem, GenerationFailure> {
        _make(seed, options)
    }
}

/// Every family the generator knows, in a fixed order (the order decides which
/// family a problem index draws, so it is part of the output's determinism).
public enum FamilyRegistry {
    public static let all: [AnyFamily] = PlaneFamilies.all + SolidFamilies.all + AnalyticFamilies.all + FunctionFamilies.all
        + [AnyFamily(ComposePlane())]

    public static func named(_ id: String) -> AnyFamily? { all.first { $0.id == id } }
}
