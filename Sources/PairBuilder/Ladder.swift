import DatasetFormat
import Geometry

/// What each rung of the ladder keeps in its text and draws in its image.
extension Level {
    /// Which fact kinds the text keeps at this level (the question is kept by all but vision-only).
    public var textKeeps: Set<FactKind> {
        switch self {
        case .textOnly, .textDominant: return [.descriptive, .implicit, .essential]
        case .textLite: return [.implicit, .essential]
        case .visionIntensive: return [.essential]
        case .visionDominant: return [.implicit]
        case .visionOnly: return []
        }
    }

    /// The three image variants a problem needs: the plain figure (text-dominant, text-lite,
    /// vision-intensive share it, as MathVerse's versions do), the figure with values, and
    /// the figure with values and the question rendered in.
    public var imageVariant: ImageVariant? {
        switch self {
        case .textOnly: return nil
        case .textDominant, .textLite, .visionIntensive: return .figure
        case .visionDominant: return .givens
        case .visionOnly: return .question
        }
    }

    /// Share of the problem's information units (facts and the question) that the text carries.
    public func textRatio(facts: [Fact]) -> Double {
        let total = facts.count + 1
        if self == .visionOnly { return 0 }
        let kept = facts.filter { textKeeps.contains($0.kind) }.count + 1
        return Double(kept) / Double(total)
    }
}

public enum ImageVariant: String, CaseIterable, Sendable {
    case figure = "fig"
    case givens = "val"
    case question = "txt"
    /// The figure with values whose digits are redrawn at random (`--decoy-rate`):
    /// a reading target the geometry cannot give away. Used by no ladder level.
    case decoy = "dec"
}

/// How pairs are drawn from a problem's levels. The first member is the
/// text-richer reference, the second the vision-richer member that is trained.
public enum PairingPolicy: String, CaseIterable, Sendable {
    /// Cycle the upward steps between neighbouring image levels (TD->TL, TL->VI, VI->VD, VD->VO).
    case adjacent
    /// Always text-dominant -> vision-only, the widest gap.
    case toVisionOnly = "to-vision-only"
    /// Always text-only -> vision-only: the reference sees no image at all.
    case textToVision = "text-to-vision"

    public func levels(forProblem index: Int) -> (Level, Level) {
        switch self {
        case .adjacent:
            let steps: [(Level, Level)] = [(.textDominant, .textLite), (.textLite, .visionIntensive),
                                           (.visionIntensive, .visionDominant), (.visionDominant, .visionOnly)]
            return steps[index % steps.count]
        case .toVisionOnly: return (.textDominant, .visionOnly)
        case .textToVision: return (.textOnly, .visionOnly)
        }
    }
}
