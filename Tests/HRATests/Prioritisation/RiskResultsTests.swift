import Foundation
import Testing

@testable import HRA

@Suite struct RiskResultsTests {
  @Test func categoriesFollowTheDashboardRule() {
    #expect(RiskCategory(p50: 2e-5, p90: 3e-5, norm: 1e-5) == .verhoogd)
    #expect(RiskCategory(p50: 1e-5, p90: 3e-5, norm: 1e-5) == .lichtVerhoogd)  // P50 equal to the norm is not above it
    #expect(RiskCategory(p50: 2e-6, p90: 1e-5, norm: 1e-5) == .normaal)
    #expect(RiskCategory(p50: 2e-5, p90: 3e-5, norm: 1e-4) == .normaal)  // the temporary norm
  }

  @Test func csvRoundTrips() throws {
    let r = RiskResults(
      gasYears: [2019, 2020],
      buildings: [
        .init(
          id: "0014100000000001", municipality: "Groningen", place: "Groningen", ownerType: "private", x: 233000,
          y: 582000, zone: 1221,
          wierde: false, typologyMix: "URM4L:0.7;RC1L:0.3", mean: [1.5e-5, 1e-5], p50: [1.2e-5, 8e-6],
          p90: [3e-5, 2e-5])
      ])
    let p = NSTemporaryDirectory() + "rr-\(UUID().uuidString).csv"
    try r.csv(norm: 1e-5).write(toFile: p, atomically: true, encoding: .utf8)
    let back = try RiskResults.load(path: p)
    #expect(back.gasYears == [2019, 2020])
    #expect(back.buildings == r.buildings)
    #expect(r.csv(norm: 1e-5).contains(",verhoogd,") && r.csv(norm: 1e-5).contains(",licht_verhoogd\n"))
  }
}
