import DatasetFormat
import Geometry

/// The answerability audit: at every level, everything the problem states must
/// reach the reader through what that level shows: its text, the figure, the
/// marks, the drawn values, or the vision-only text block. The ladder moves
/// information from text to image; this checks that none of it falls between.
///
/// Run on every problem before it is written (a failing draw is redrawn and
/// counted as `rejected.unanswerable`) and again by `mathgen verify`.
/// docs/DATA_FORMAT.md ("Answerability") says what each check means.
public enum Answerability {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var level: Level
        public var message: String
        public var description: String { "\(level.rawValue): \(message)" }
    }

    /// Every finding of `p` over the six levels; empty when every level is answerable.
    public static func audit(_ p: Problem) -> [Finding] {
        Level.allCases.flatMap { audit(p, at: $0) }
    }

    /// The findings of one level.
    public static func audit(_ p: Problem, at level: Level) -> [Finding] {
        let view = View(p, level)
        var out: [Finding] = []
        func finding(_ s: String) { out.append(Finding(level: level, message: s)) }

        for f in p.facts where !view.reaches(f) {
            let missing = f.shownBy.filter { !view.shows($0) }.map(describe)
            finding("fact \(f.key) (\(f.kind.rawValue)) is not in the text and the image lacks "
                    + (missing.isEmpty ? "any way to show it" : missing.joined(separator: ", ")))
        }
        for symbol in p.asks {
            let definers = p.facts.filter { $0.defines.contains(symbol) }
            if definers.isEmpty {
                finding("the question names \(symbol), which no fact defines")
            } else if !definers.contains(where: view.reaches) {
                finding("the question names \(symbol), but no fact defining it reaches this level")
            }
        }
        for name in pointNames(in: p.question.params) where !view.names(name) {
            finding("the question names point \(name), which this level neither draws nor mentions")
        }
        if level == .textOnly, p.configurationMatters,
           !p.facts.contains(where: { $0.pinsConfiguration && view.inWords($0) }) {
            finding("the answer depends on the figure's configuration, which the text never states")
        }
        return out
    }

    /// Parameter values that name a point: one capital letter, maybe primed or numbered.
    static func pointNames(in params: [String: String]) -> [String] {
        params.values.filter(isPointName).sorted()
    }

    static func isPointName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        let rest = s.unicodeScalars.dropFirst()
        return rest.count <= 1 && rest.allSatisfy { $0 == "′" || $0 == "'" || ("0"..."9").contains($0) }
    }

    static func describe(_ d: FactDisplay) -> String {
        switch d {
        case .figure: return "the figure"
        case .mark: return "a property mark"
        case .givens: return "the drawn values"
        case let .label(t): return "the label \"\(t)\""
        case .textOnly: return "(text only)"
        }
    }

    /// What one level of one problem shows.
    struct View {
        let problem: Problem
        let level: Level
        let items: [SceneItem]

        init(_ p: Problem, _ level: Level) {
            problem = p
            self.level = level
            items = level.hasImage ? p.scene.visibleItems(includeGivens: level.drawsGivens) : []
        }

        /// The fact is in words: the level's text, or the text block rendered into
        /// the vision-only image (which holds what vision-dominant's text holds).
        func inWords(_ f: Fact) -> Bool {
            level.textKeeps.contains(f.kind)
                || (level == .visionOnly && Level.visionDominant.textKeeps.contains(f.kind))
        }

        func reaches(_ f: Fact) -> Bool {
            inWords(f) || (level.hasImage && !f.shownBy.isEmpty && f.shownBy.allSatisfy(shows))
        }

        func shows(_ d: FactDisplay) -> Bool {
            switch d {
            case .figure: return items.contains { $0.role == .figure }
            case .mark: return items.contains { $0.role == .property }
            case .givens: return level.drawsGivens && items.contains { $0.role == .given }
            case let .label(t): return items.contains { Self.text(of: $0.element) == t }
            case .textOnly: return false
            }
        }

        /// A point name reaches the reader as a drawn label, or in a fact the text keeps.
        func names(_ name: String) -> Bool {
            if items.contains(where: { if case let .point(_, l, _) = $0.element { return l == name }; return false }) {
                return true
            }
            return problem.facts.contains { inWords($0) && $0.params.values.contains(name) }
        }

        static func text(of e: SceneElement) -> String? {
            switch e {
            case let .point(_, label, _): return label
            case let .curve(_, label, _): return label
            default: return e.valueText
            }
        }
    }
}
