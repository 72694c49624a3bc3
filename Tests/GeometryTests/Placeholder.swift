import Testing
@testable import Geometry
@Test func placeholderGeometry() { #expect(true) }
