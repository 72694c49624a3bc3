/// The tiny multimodal trainer (see DESIGN.md). Filled in by issue 6.
public enum TrainerInfo {
    public static let version = "0.1.0"
}
