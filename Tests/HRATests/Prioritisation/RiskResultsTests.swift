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
  /// Exact tree: near-norm.csv names the sets whose hold moves the category, not a flip probability.
  @Test func nearNormOfAnExactTreeNamesTheDecidingSets() throws {
    let b = RiskResults.Building(
      id: "A", municipality: "Eemsdelta", place: "Wirdum", ownerType: "private", x: 250_000, y: 593_000, zone: 1101,
      wierde: false, typologyMix: "URM1F_B:1", mean: [6e-6, 1e-7], p50: [2e-6, 1e-8], p90: [1.5e-5, 1e-7])
    let r = RiskResults(gasYears: [2019, 2020], buildings: [b])
    let hold = { (set: String, branch: String, p90: Double) in
      BranchHold(set: set, branch: branch, weight: 0.5, combinations: 10, p50: 2e-6, p90: p90)
    }
    let holds = [
      0: [hold("mmax", "4.5", 8e-6), hold("mmax", "6.5", 2e-5), hold("fragility", "Lower", 1.2e-5)]
    ]
    let csv = RiskLists.nearNormCSV(r, flip: [0, 0], holds: holds, norm: 1e-5)
    let t = try CSVTable(data: Data(csv.utf8), file: "near-norm.csv")
    #expect(!t.has("flip_probability") && t.rows.count == 1)  // 2020/21 is far below the norm
    #expect(try t.string(t.rows[0], "category") == "licht_verhoogd")
    #expect(try t.string(t.rows[0], "deciding_sets") == "mmax")
    #expect(try t.string(t.rows[0], "held_categories") == "mmax=4.5:normaal")
    let sampled = try CSVTable(data: Data(RiskLists.nearNormCSV(r, flip: [0.25, 0], norm: 1e-5).utf8), file: "n.csv")
    #expect(try sampled.double(sampled.rows[0], "flip_probability") == 0.25 && !sampled.has("deciding_sets"))
  }
}
