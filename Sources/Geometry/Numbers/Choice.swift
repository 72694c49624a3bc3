/// One multiple-choice option as printed ("5√3/2") with its value, which keeps options
/// apart and away from the answer even when two texts differ only in form.
struct Choice: Sendable {
    var value: Double
    var text: String
}
