import Testing
@testable import Trainer

@Test func versionIsSet() {
    #expect(!TrainerInfo.version.isEmpty)
}
