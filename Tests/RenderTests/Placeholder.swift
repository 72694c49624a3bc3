import Testing
@testable import Render
@Test func placeholderRender() { #expect(true) }
