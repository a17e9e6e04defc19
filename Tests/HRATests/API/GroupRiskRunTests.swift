import Foundation
import Testing

@testable import HRA

/// The group-risk run end to end on a 12-building exposure, two gas years and a small tree:
/// every file written, identical for any thread count; bad input (correlation range, guidance
/// line, population columns) is a located error with nothing written.
@Suite(.serialized) struct GroupRiskRunTests {
  static func config(_ s: (models: String, exposure: String), out: String, threads: Int) -> RunConfiguration {
    var c = LPRRunTests.config(s, out: out, threads: threads)
    c.logicTree = .sample
    c.logicTreeSamples = 3
    return c
  }

  static var settings: GroupRiskSettings {
    var g = GroupRiskSettings()
    g.eventsPerStratum = 3
    g.eventsLow = 2
    return g
  }

  @Test func writesTheFNCurveAndIsIdenticalForAnyThreadCount() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let a = try GroupRiskRun.run(Self.config(s, out: s.models + "/g1", threads: 1), Self.settings)
    _ = try GroupRiskRun.run(Self.config(s, out: s.models + "/g2", threads: 2), Self.settings)
    #expect(a.buildings == 12 && a.years.count == 2 && a.samples == 3 && a.events > 0)
    for f in ["fn-curve.csv", "group-risk.csv", "events-top.csv", "summary.txt", "summary.json", "manifest.json"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: s.models + "/g1/" + f))
      if f != "summary.txt" && f != "summary.json" && f != "manifest.json" {
        let y = try Data(contentsOf: URL(fileURLWithPath: s.models + "/g2/" + f))
        #expect(x == y, "\(f) differs between 1 and 2 threads")
      }
    }
    let t = try CSVTable(contentsOf: s.models + "/g1/fn-curve.csv")
    #expect(t.rows.count == 2 * GroupRiskSettings.thresholds.count)
    // The FN curve does not increase with N, and the guidance line is given from N = 10.
    for y in a.years {
      for (p, q) in zip(y.fn, y.fn.dropFirst()) { #expect(q.mean <= p.mean) }
      #expect(y.fn.first { $0.n == 10 }?.guidance == 1e-5)
      #expect(y.fn.first { $0.n == 5 }?.guidance == nil)
      #expect(y.pll.mean >= 0 && y.pll.se >= y.pll.seMC)
    }
  }

  /// Runs with `edit` applied to the scratch models (or exposure), expecting an ``InputError`` at
  /// `file` (suffix), `line`, `field`, and no output folder.
  func expectLocated(
    file: String, line: Int?, field: String, _ edit: (String, String) throws -> Void,
    settings: (String) -> GroupRiskSettings = { _ in GroupRiskRunTests.settings }
  ) throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    try edit(s.models, s.exposure)
    do {
      _ = try GroupRiskRun.run(Self.config(s, out: s.models + "/out/g", threads: 1), settings(s.models))
      Issue.record("the run succeeded; expected an error in \(file)")
    } catch let e as InputError {
      #expect(e.file.hasSuffix(file), "\(e)")
      #expect(e.line == line, "\(e)")
      #expect(e.field == field, "\(e)")
    }
    #expect(!FileManager.default.fileExists(atPath: s.models + "/out"), "an output folder was created")
  }

  func replace(_ path: String, _ old: String, _ new: String) throws {
    let t = try String(contentsOfFile: path, encoding: .utf8)
    try #require(t.contains(old), "\(old) not in \(path)")
    try t.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
  }

  @Test(arguments: ["0", "-5"]) func aCorrelationRangeThatIsNotPositiveIsALocatedError(value: String) throws {
    try expectLocated(file: "group-risk/parameters.csv", line: 2, field: "correlation_range_km") { m, _ in
      try replace(m + "/group-risk/parameters.csv", "correlation_range_km,16.5,", "correlation_range_km,\(value),")
    }
  }

  @Test func aGuidanceLineThatDoesNotDecreaseIsALocatedError() throws {
    try expectLocated(file: "group-risk/guidance-line.csv", line: 4, field: "frequency_per_yr") { m, _ in
      try replace(m + "/group-risk/guidance-line.csv", "50,4e-7", "50,4e-6")
    }
  }

  @Test func aMissingPopulationColumnIsALocatedError() throws {
    try expectLocated(file: "tiny-exposure.csv", line: 1, field: "sum_pop_in_night") { _, e in
      try replace(e, "sum_pop_in_night", "pop_night")
    }
  }

  @Test func aNegativePopulationIsALocatedError() throws {
    try expectLocated(file: "tiny-exposure.csv", line: 2, field: "sum_pop_pas_day") { _, e in
      // Line 2 (the first building): its passers-by by day made negative.
      var lines = try String(contentsOfFile: e, encoding: .utf8).components(separatedBy: "\n")
      var cells = lines[1].components(separatedBy: ",")
      let col = lines[0].components(separatedBy: ",").firstIndex(of: "sum_pop_pas_day")!
      cells[col] = "-0.5"
      lines[1] = cells.joined(separator: ",")
      try lines.joined(separator: "\n").write(toFile: e, atomically: true, encoding: .utf8)
    }
  }
}
