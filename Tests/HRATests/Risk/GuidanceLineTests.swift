import Foundation
import Testing

@testable import HRA

/// The shipped guidance line is the oriëntatiewaarde 10⁻³/N² from N = 10 (interpolated log-log,
/// so exact between its points too) and undefined below; bad files are located errors.
@Suite struct GuidanceLineTests {
  @Test func shippedLineIsTenToTheMinusThreeOverNSquared() throws {
    let g = try GuidanceLine(path: TestModels.models + "/group-risk/guidance-line.csv")
    for n in [10.0, 15, 20, 30, 100, 333, 1000] {
      let f = try #require(g.frequency(atLeast: n))
      #expect(close(f, 1e-3 / (n * n), rel: Tolerance.special), "N = \(n): \(f)")
    }
    #expect(g.frequency(atLeast: 5) == nil && g.frequency(atLeast: 2000) == nil)
  }

  @Test func aLineThatRisesOrHasNoPointsIsALocatedError() throws {
    let dir = NSTemporaryDirectory() + "hra-guidance-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let p = dir + "/g.csv"
    try "n,frequency_per_yr\n10,1e-5\n20,1e-5\n".write(toFile: p, atomically: true, encoding: .utf8)
    let e = #expect(throws: InputError.self) { _ = try GuidanceLine(path: p) }
    #expect(e?.line == 3 && e?.field == "frequency_per_yr")
    try "n,frequency_per_yr\n10,1e-5\n5,1e-4\n".write(toFile: p, atomically: true, encoding: .utf8)
    let f = #expect(throws: InputError.self) { _ = try GuidanceLine(path: p) }
    #expect(f?.line == 3 && f?.field == "n")
    try "n,frequency_per_yr\n".write(toFile: p, atomically: true, encoding: .utf8)
    #expect(throws: InputError.self) { _ = try GuidanceLine(path: p) }
  }
}
