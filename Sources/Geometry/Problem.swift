import DatasetFormat

/// The subjects of the original work and of MathVerse, plus analytic geometry.
public enum Subject: String, Sendable, CaseIterable {
    case plane = "plane_geometry"
    case solid = "solid_geometry"
    case analytic = "analytic_geometry"
    case function = "functions"
}

/// The three kinds of information in a problem (MathVerse's split), which the
/// ladder moves from the text into the image.
public enum FactKind: String, Sendable, CaseIterable {
    /// Descriptive information: what the figure is ("in triangle ABC, D lies on AB").
    case descriptive = "DI"
    /// Implicit properties: parallel, perpendicular, equal, tangent.
    case implicit = "IP"
    /// Essential conditions: the numbers and relations the solution needs.
    case essential = "EC"
}

/// How the image carries a fact at a level whose text no longer does: what the
/// answerability audit (PairBuilder's `Answerability`) looks for in the scene.
public enum FactDisplay: Sendable, Equatable {
    /// The figure's shapes and point labels, drawn to scale ("D lies on AB").
    case figure
    /// A property mark: parallel arrows, a right-angle square, equal ticks, a dashed asymptote.
    case mark
    /// The given values written on the figure (vision-dominant and vision-only).
    case givens
    /// This exact text drawn at every image level: a point's name, a curve's legend
    /// entry ("f(x) = aˣ"), a text item. A formula the figure alone cannot show.
    case label(String)
    /// Nothing in the image shows it: the text must keep it wherever it is needed.
    case textOnly

    /// What a fact of `kind` is shown by unless its family says otherwise.
    public static func defaults(for kind: FactKind) -> [FactDisplay] {
        switch kind {
        case .descriptive: return [.figure]
        case .implicit: return [.mark]
        case .essential: return [.givens]
        }
    }
}

/// One unit of problem information. Its wording lives in the family's template
/// under `key`, filled with `params`; code never writes English.
public struct Fact: Sendable {
    public var kind: FactKind
    public var key: String
    public var params: [String: String]
    /// Everything in the image that together carries this fact where the text drops it.
    public var shownBy: [FactDisplay]
    /// Symbols this fact introduces ("f", "a", "k", "ω"): a question naming one needs
    /// this fact to reach the reader.
    public var defines: [String]
    /// Whether this fact states the figure's configuration (which side of a line,
    /// which arc) that the answer depends on; a text-only reader has only it.
    public var pinsConfiguration: Bool
    public init(_ kind: FactKind, _ key: String, _ params: [String: String] = [:], shownBy: [FactDisplay]? = nil,
                defines: [String] = [], pinsConfiguration: Bool = false) {
        self.kind = kind
        self.key = key
        self.params = params
        self.shownBy = shownBy ?? FactDisplay.defaults(for: kind)
        self.defines = defines
        self.pinsConfiguration = pinsConfiguration
    }
}

/// A template key plus its parameters: a question, a solution step, a caption line.
public struct Phrase: Sendable {
    public var key: String
    public var params: [String: String]
    public init(_ key: String, _ params: [String: String] = [:]) {
        self.key = key
        self.params = params
    }

    /// Joins the items of a list parameter; the template set replaces it with the
    /// language's list separator ("A, B, C" / "A、B、C") when it renders the phrase.
    public static let listSeparator = "\u{1F}"
}

public enum AnswerType: String, Sendable, CaseIterable {
    case integer, decimal, fraction, expression, choice
}

/// The answer: its canonical text, its numeric value where it has one, and how
/// close a prediction must be to count.
public struct Answer: Sendable {
    public var type: AnswerType
    /// Canonical text, e.g. "140", "7.5", "3/4", "y = 2x + 1".
    public var text: String
    public var value: Double?
    public var tolerance: Double
    /// Unit key ("degree", "cm", ...), rendered through templates; nil for none.
    public var unit: String?
    /// Choice texts in order when the problem is multiple choice.
    public var choices: [String]?
    /// Index of the correct choice in `choices`.
    public var correctIndex: Int?

    public init(type: AnswerType, text: String, value: Double?, tolerance: Double = 0, unit: String? = nil,
                choices: [String]? = nil, correctIndex: Int? = nil) {
        self.type = type; self.text = text; self.value = value; self.tolerance = tolerance
        self.unit = unit; self.choices = choices; self.correctIndex = correctIndex
    }

    /// "A", "B", ... for the correct choice.
    public var correctLetter: String? {
        guard let i = correctIndex else { return nil }
        return Answer.letter(i)
    }

    public static func letter(_ i: Int) -> String {
        String(UnicodeScalar(UInt8(65 + i)))
    }
}

/// A generated problem: everything the pair builder needs, nothing language-specific.
public struct Problem: Sendable {
    public var family: String
    public var subject: Subject
    public var seed: UInt64
    /// Structured spec: the parameters and givens from which the answer can be recomputed.
    public var spec: JSONValue
    public var facts: [Fact]
    public var question: Phrase
    public var answer: Answer
    /// Worked solution, one template phrase per step.
    public var steps: [Phrase]
    public var scene: Scene
    /// The two independently computed answers (closed form, numeric route).
    public var solved: Double
    public var measured: Double
    /// Symbols the question names that some fact must define ("a", "k", "ω", "f").
    public var asks: [String]
    /// Whether the answer depends on a configuration the figure shows (side of a
    /// line, which arc): then some fact must say it in words, for text-only.
    public var configurationMatters: Bool

    public init(family: String, subject: Subject, seed: UInt64, spec: JSONValue, facts: [Fact], question: Phrase,
                answer: Answer, steps: [Phrase], scene: Scene, solved: Double, measured: Double,
                asks: [String] = [], configurationMatters: Bool = false) {
        self.family = family; self.subject = subject; self.seed = seed; self.spec = spec
        self.facts = facts; self.question = question; self.answer = answer; self.steps = steps
        self.scene = scene; self.solved = solved; self.measured = measured
        self.asks = asks; self.configurationMatters = configurationMatters
    }

    public func facts(_ kind: FactKind) -> [Fact] { facts.filter { $0.kind == kind } }
}
