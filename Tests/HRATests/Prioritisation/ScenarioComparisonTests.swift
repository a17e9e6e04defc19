import Foundation
import Testing

@testable import HRA

@Suite struct ScenarioComparisonTests {
  // "phase-out": production stops, risk falls; "12 bcm": risk stays; a is verhoogd in both,
  // b only stays licht verhoogd under 12 bcm, c is above the norm only under 12 bcm.
  static let phaseOut = Hand.results(
    2025,
    [
      Hand.b("a", p50: [3e-5, 2e-5, 1.5e-5], p90: [5e-5, 4e-5, 3e-5]),
      Hand.b("b", p50: [5e-6, 4e-6, 3e-6], p90: [2e-5, 9e-6, 8e-6]),
      Hand.b("c", p50: [1e-6, 1e-6, 1e-6], p90: [5e-6, 5e-6, 5e-6]),
    ])
  static let kept12 = Hand.results(
    2025,
    [
      Hand.b("a", p50: [3e-5, 3e-5, 3e-5], p90: [5e-5, 5e-5, 5e-5]),
      Hand.b("b", p50: [5e-6, 5e-6, 5e-6], p90: [2e-5, 2e-5, 2e-5]),
      Hand.b("c", p50: [1e-6, 1e-6, 1e-6], p90: [1.2e-5, 1.2e-5, 1.2e-5]),
    ])

  @Test func countsDifferencesAndQueues() throws {
    let c = try ScenarioComparison.compare(
      [(name: "phase-out", results: Self.phaseOut), (name: "12bcm", results: Self.kept12)],
      norm: 1e-5, year: 2025, capacity: .init(total: 1), langjarigYears: 3)
    #expect(c.years == [2025, 2026, 2027])
    #expect(
      c.count(path: "phase-out", year: 2026)
        == .init(path: "phase-out", year: 2026, verhoogd: 1, lichtVerhoogd: 0, normaal: 2))
    #expect(
      c.count(path: "12bcm", year: 2026) == .init(path: "12bcm", year: 2026, verhoogd: 1, lichtVerhoogd: 2, normaal: 0))
    #expect(c.categoryDifferences.map { "\($0.year)/\($0.id)" } == ["2025/c", "2026/b", "2026/c", "2027/b", "2027/c"])
    #expect(c.categoryDifferences[1].categories == [.normaal, .lichtVerhoogd])
    #expect(c.queue.map(\.id) == ["a", "b", "c"])
    #expect(c.queue[1].ranks == [2, 2] && c.queue[1].reasons == [.p90, .p90Langjarig])
    #expect(c.queue[2].ranks == [nil, 3] && c.queue[2].onlyIn == ["12bcm"] && c.queue[2].periods == [nil, "2027_28"])
    #expect(
      c.queueCSV().split(separator: "\n")[0]
        == "building_id,rank_phase-out,rank_12bcm,reason_phase-out,reason_12bcm,period_phase-out,period_12bcm,only_in")
    #expect(c.queueCSV().contains("\nc,,3,,p90_langjarig,,2027_28,12bcm\n"))
    #expect(c.countsCSV().contains("\n12bcm,2026_27,1,2,0\n"))
    #expect(c.differencesCSV().contains("\n2026_27,b,normaal,licht_verhoogd\n"))
    #expect(c.text().contains("queue 12bcm: 3 buildings, 1 only in this path"))
  }

  @Test func refusesDuplicateNamesAndMissingYears() {
    #expect(throws: Ijkmoment.Failure.self) {
      try ScenarioComparison.compare(
        [(name: "x", results: Self.phaseOut), (name: "x", results: Self.kept12)], norm: 1e-5, year: 2025,
        capacity: .init(total: 1))
    }
    #expect(throws: Ijkmoment.Failure.self) {
      try ScenarioComparison.compare(
        [(name: "x", results: Self.phaseOut)], norm: 1e-5, year: 2030, capacity: .init(total: 1))
    }
  }
}
