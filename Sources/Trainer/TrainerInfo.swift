/// Version of the trainer and of its checkpoint format.
public enum TrainerInfo {
    public static let version = "0.1.0"
    /// Written to every checkpoint's metadata; bump when tensor names or layout change.
    public static let checkpointFormat = "puma-train/1"
}
