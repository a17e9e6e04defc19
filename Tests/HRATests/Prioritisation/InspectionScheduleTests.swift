import Foundation
import Testing

@testable import HRA

@Suite struct InspectionScheduleTests {
  func queue(_ municipalities: [String]) -> [QueueEntry] {
    municipalities.enumerated().map { i, m in
      QueueEntry(
        rank: i + 1, id: "b\(i + 1)", category: .verhoogd, reason: .p50, mean: 0, p50: 0, p90: 0, yearsAbove: 0,
        municipality: m, entryYear: 2025)
    }
  }

  @Test func totalCapacityCutsTheQueueInOrder() {
    let s = InspectionSchedule.make(queue: queue(["A", "B", "A", "A", "B"]), capacity: .init(total: 2), year: 2025)
    #expect(s.slots.map(\.period) == [0, 0, 1, 1, 2])
    #expect(s.slots.map(\.municipalRank) == [1, 1, 2, 3, 2])
    #expect(s.perPeriod == [2, 2, 1])
    #expect(s.label(of: s.slots[4]) == ("2027_28", "2027-10-01", "2028-09-30"))
  }

  @Test func municipalCapacitiesKeepTheOrderWithinAMunicipality() {
    // A: 1 per year, B: 2 per year, total 2.
    let s = InspectionSchedule.make(
      queue: queue(["A", "A", "B", "B", "B", "A"]),
      capacity: .init(total: 2, perMunicipality: ["A": 1, "B": 2]), year: 2025)
    #expect(s.slots.map(\.period) == [0, 1, 0, 1, 2, 2])
    for m in ["A", "B"] {
      let p = s.slots.filter { $0.municipality == m }.map { $0.period! }
      #expect(p == p.sorted())
    }
  }

  @Test func emptyCapacityLeavesEverythingUnscheduled() {
    let s = InspectionSchedule.make(queue: queue(["A", "B"]), capacity: .init(total: 0), year: 2025)
    #expect(s.unscheduled.count == 2 && s.periods == 0 && s.perPeriod.isEmpty)
    #expect(s.label(of: s.slots[0]).label == "unscheduled")
    let m = InspectionSchedule.make(
      queue: queue(["A", "C"]), capacity: .init(total: nil, perMunicipality: ["A": 5]), year: 2025)
    #expect(m.slots.map(\.period) == [0, nil])
    #expect(m.municipalitiesWithoutCapacity == ["C"])
    #expect(InspectionSchedule.make(queue: [], capacity: .init(total: 3), year: 2025).slots.isEmpty)
  }

  @Test func monthlyPeriodsStartInOctober() {
    let s = InspectionSchedule.make(
      queue: queue(["A", "A", "A", "A", "A"]), capacity: .init(period: .month, total: 1), year: 2025)
    #expect(s.slots.map { s.label(of: $0).label } == ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02"])
    #expect(InspectionSchedule.label(4, year: 2027, unit: .month) == ("2028-02", "2028-02-01", "2028-02-29"))
  }

  @Test func capacitySpecificationsAndFiles() throws {
    #expect(InspectionCapacity.parse("1200") == .init(period: .year, total: 1200))
    #expect(InspectionCapacity.parse("100/month") == .init(period: .month, total: 100))
    #expect(InspectionCapacity.parse("0/year") == .init(period: .year, total: 0))
    #expect(
      InspectionCapacity.parse("-1") == nil && InspectionCapacity.parse("10/week") == nil
        && InspectionCapacity.parse("x.csv") == nil)
    let dir = NSTemporaryDirectory() + "cap-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "municipality,per_month\n*,120\nGroningen,60\nEemsdelta,40\n".write(
      toFile: dir + "/c.csv", atomically: true, encoding: .utf8)
    #expect(
      try InspectionCapacity.load(path: dir + "/c.csv")
        == .init(period: .month, total: 120, perMunicipality: ["Groningen": 60, "Eemsdelta": 40]))
    try "municipality,per_year\nGroningen,60\nGroningen,4\n".write(
      toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
    let e = #expect(throws: InputError.self) { try InspectionCapacity.load(path: dir + "/d.csv") }
    #expect(e?.line == 3 && e?.field == "municipality")
    try "municipality,per_year\nGroningen,-4\n".write(toFile: dir + "/n.csv", atomically: true, encoding: .utf8)
    #expect(throws: InputError.self) { try InspectionCapacity.load(path: dir + "/n.csv") }
    try "municipality,per_year,per_month\nGroningen,4,1\n".write(
      toFile: dir + "/b.csv", atomically: true, encoding: .utf8)
    #expect(throws: InputError.self) { try InspectionCapacity.load(path: dir + "/b.csv") }
  }

  /// A capacity row for a municipality none of the buildings lies in (a misspelt name) gave the
  /// real one no capacity, silently; now an error naming the file, the line and the field (issue 29).
  @Test func capacityFileWithAnUnknownMunicipalityIsLocated() throws {
    let dir = NSTemporaryDirectory() + "cap-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "municipality,per_year\n*,100\nGroningen,60\nEemsdelt,40\n".write(
      toFile: dir + "/c.csv", atomically: true, encoding: .utf8)
    let known: Set<String> = ["Groningen", "Eemsdelta", "Midden-Groningen"]
    let e = #expect(throws: InputError.self) {
      try InspectionCapacity.load(path: dir + "/c.csv", municipalities: known)
    }
    #expect(e?.file == dir + "/c.csv" && e?.line == 4 && e?.field == "municipality", "\(String(describing: e))")
    #expect(e?.message.contains("unknown municipality 'Eemsdelt'") == true && e?.message.contains("Eemsdelta") == true)
    // Without the buildings' municipalities (or with all names known) the file reads as before.
    #expect(try InspectionCapacity.load(path: dir + "/c.csv").perMunicipality.count == 2)
  }
}
