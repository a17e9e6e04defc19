import Foundation
import Testing

@testable import HRA

/// Hand-made results for the prioritisation tests: `b(id, p50: [...], p90: [...])`.
enum Hand {
  static func b(
    _ id: String, p50: [Double], p90: [Double], municipality: String = "Groningen", owner: String = "private"
  ) -> RiskResults.Building {
    RiskResults.Building(
      id: id, municipality: municipality, place: municipality, ownerType: owner, x: 0, y: 0, zone: 1, wierde: false,
      typologyMix: "URM4L:1", mean: zip(p50, p90).map { ($0 + $1) / 2 }, p50: p50, p90: p90)
  }
  static func results(_ first: Int, _ b: [RiskResults.Building]) -> RiskResults {
    RiskResults(gasYears: Array(first..<(first + b[0].p50.count)), buildings: b)
  }
  static func entry(
    _ id: String, _ reason: ReasonCode, p50: Double = 0, p90: Double = 0, years: Int = 0, entryYear: Int = 2019,
    batch: BuildingStatus.Batch? = nil
  ) -> QueueEntry {
    QueueEntry(
      rank: 0, id: id, category: .normaal, reason: reason, mean: 0, p50: p50, p90: p90, yearsAbove: years,
      municipality: "G", batch: batch, entryYear: entryYear)
  }
}

@Suite struct QueueRulesTests {
  @Test func groupsFollowSeed003() {
    let L = 5
    #expect(QueueRules.reason(category: .verhoogd, yearsAbove: 1, batch: false, special: false, langjarig: L) == .p50)
    #expect(
      QueueRules.reason(category: .lichtVerhoogd, yearsAbove: 5, batch: false, special: false, langjarig: L)
        == .p90Langjarig)
    #expect(
      QueueRules.reason(category: .lichtVerhoogd, yearsAbove: 4, batch: false, special: false, langjarig: L) == .p90)
    #expect(
      QueueRules.reason(category: .normaal, yearsAbove: 0, batch: false, special: true, langjarig: L)
        == .specialAddition)
    #expect(
      QueueRules.reason(category: .normaal, yearsAbove: 0, batch: false, special: false, langjarig: L) == .keptOnList)
    // A special addition that is above the norm is ranked by its risk; a batch member always in group 0.
    #expect(QueueRules.reason(category: .verhoogd, yearsAbove: 3, batch: false, special: true, langjarig: L) == .p50)
    #expect(
      QueueRules.reason(category: .normaal, yearsAbove: 0, batch: true, special: true, langjarig: L) == .historicBatch)
    #expect(ReasonCode.allCases.map(\.group) == [0, 1, 2, 3, 4, 5])
  }

  @Test func yearsAboveCountsFromTheIjkmomentYearOn() {
    let b = Hand.b("x", p50: [0, 0, 0, 0], p90: [2e-5, 5e-6, 2e-5, 1e-5])
    #expect(QueueRules.yearsAbove(b, from: 0, norm: 1e-5) == 2)  // equal to the norm is not above
    #expect(QueueRules.yearsAbove(b, from: 1, norm: 1e-5) == 1)
    #expect(QueueRules.yearsAbove(b, from: 3, norm: 1e-5) == 0)
  }

  @Test func p50GroupByP50ThenP90ThenId() {
    let q = QueueRules.ranked([
      Hand.entry("c", .p50, p50: 2e-5, p90: 3e-5),
      Hand.entry("b", .p50, p50: 2e-5, p90: 4e-5),
      Hand.entry("a", .p50, p50: 1.5e-5, p90: 9e-5),
      Hand.entry("e", .p50, p50: 3e-5, p90: 3e-5),
      Hand.entry("d", .p50, p50: 2e-5, p90: 3e-5),
    ])
    #expect(q.map(\.id) == ["e", "b", "c", "d", "a"])
    #expect(q.map(\.rank) == [1, 2, 3, 4, 5])
  }

  @Test func langjarigByYearsThenP90ThenId() {
    let q = QueueRules.ranked([
      Hand.entry("a", .p90Langjarig, p90: 2e-5, years: 6),
      Hand.entry("b", .p90Langjarig, p90: 1.2e-5, years: 9),
      Hand.entry("c", .p90Langjarig, p90: 3e-5, years: 6),
      Hand.entry("d", .p90Langjarig, p90: 3e-5, years: 6),
    ])
    #expect(q.map(\.id) == ["b", "c", "d", "a"])
  }

  @Test func groupsComeInOrderWhateverTheFigures() {
    let q = QueueRules.ranked([
      Hand.entry("kept", .keptOnList, p90: 9e-6, entryYear: 2019),
      Hand.entry("keptLater", .keptOnList, p90: 9.9e-6, entryYear: 2020),
      Hand.entry("special", .specialAddition, p90: 1e-7),
      Hand.entry("rest", .p90, p90: 9e-5),
      Hand.entry("rest2", .p90, p90: 2e-5),
      Hand.entry("long", .p90Langjarig, p90: 1.1e-5, years: 12),
      Hand.entry("p50", .p50, p50: 1.1e-5, p90: 2e-5),
      Hand.entry("b1581", .historicBatch, p50: 1e-6, batch: .b1581),
      Hand.entry("b1467", .historicBatch, p50: 1e-8, batch: .b1467plus),
    ])
    #expect(q.map(\.id) == ["b1467", "b1581", "p50", "long", "rest", "rest2", "special", "kept", "keptLater"])
  }

  @Test func emptyQueue() {
    #expect(QueueRules.ranked([]).isEmpty)
  }

  @Test func aBuildingInTwoCategoriesIsPlacedByTheIjkmomentYear() throws {
    // x: verhoogd in 2019, licht verhoogd from 2020; y: licht verhoogd in 2019, verhoogd in 2020.
    let r = Hand.results(
      2019,
      [
        Hand.b("x", p50: [2e-5, 8e-6, 5e-6], p90: [4e-5, 2e-5, 1.5e-5]),
        Hand.b("y", p50: [8e-6, 3e-5, 3e-5], p90: [2e-5, 5e-5, 5e-5]),
      ])
    let o19 = try Ijkmoment.run(results: r, year: 2019, langjarigYears: 3)
    #expect(o19.queue.map(\.id) == ["x", "y"])
    #expect(o19.queue.map(\.reason) == [.p50, .p90Langjarig])
    #expect(o19.queue.map(\.yearsAbove) == [3, 3])
    let o20 = try Ijkmoment.run(results: r, year: 2020, langjarigYears: 3, previous: o19.state)
    #expect(o20.queue.map(\.id) == ["y", "x"])
    #expect(o20.queue.map(\.reason) == [.p50, .p90])  // x: 2 years left < 3
    let x = o20.changes.first { $0.id == "x" }!
    #expect(
      x.kind == .kept && x.previousRank == 1 && x.rank == 2 && x.rankMove == -1 && x.previousCategory == .verhoogd
        && x.category == .lichtVerhoogd)
  }
}
