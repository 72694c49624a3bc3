import Testing
@testable import PairBuilder
@Test func placeholderPairBuilder() { #expect(true) }
