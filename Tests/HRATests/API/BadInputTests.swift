import Foundation
import Testing

@testable import HRA

/// Silently wrong results and crashes found by trying the landed code as a new user would
/// (issue 13, items 2 and 6): each is now a located error, and no output folder appears.
@Suite(.serialized) struct BadInputTests {
  /// Runs the tiny central job on a scratch models folder changed by `edit`, expecting an
  /// ``InputError`` at `file` (suffix), `line` and `field`; the output folder must not exist after.
  func expectLocated(
    file: String, line: Int?, field: String?, message: String? = nil, production: String? = nil,
    _ edit: (String) throws -> Void = { _ in }, exposure: ((String) throws -> String)? = nil
  ) throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    try edit(s.models)
    var c = LPRRunTests.config(s, out: s.models + "/out/run", threads: 1)
    if let p = production { c.production = p }
    if let e = exposure { c.exposure = try e(s.models) }
    do {
      _ = try LPRRun.run(c)
      Issue.record("the run succeeded; expected an error in \(file)")
    } catch let e as InputError {
      #expect(e.file.hasSuffix(file), "\(e)")
      #expect(e.line == line, "\(e)")
      #expect(e.field == field, "\(e)")
      if let m = message { #expect(e.message.contains(m), "\(e)") }
    }
    #expect(!FileManager.default.fileExists(atPath: s.models + "/out"), "an output folder was created")
  }

  /// Replaces `old` by `new` in a file of the scratch models (must occur).
  func replace(_ path: String, _ old: String, _ new: String) throws {
    let t = try String(contentsOfFile: path, encoding: .utf8)
    try #require(t.contains(old), "\(old) not in \(path)")
    try t.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
  }

  @Test func nanInAUsedGMMCoefficientIsAnError() throws {
    // m0 of the Lower branch at T = 0.01 s (line 2): was read as 0, the LPR fell by ~1e6.
    try expectLocated(file: "gmm/v7/gmpe_medians_NS_B_20211010_v7.csv", line: 2, field: "m0_level1", message: "NaN") {
      m in
      let p = m + "/gmm/v7/gmpe_medians_NS_B_20211010_v7.csv"
      var lines = try String(contentsOfFile: p, encoding: .utf8).components(separatedBy: "\n")
      var cells = lines[1].components(separatedBy: ",")
      let col = lines[0].components(separatedBy: ",").firstIndex(of: "m0_level1")!
      cells[col] = "NaN"
      lines[1] = cells.joined(separator: ",")
      try lines.joined(separator: "\n").write(toFile: p, atomically: true, encoding: .utf8)
    }
  }

  @Test func unusedGMMCoefficientsMayStayNaN() throws {
    // The shipped table has NaN only where the equations do not use the coefficient.
    let g = try GMMV7(directory: TestModels.models + "/gmm/v7")
    #expect(g.periods.count == 10)
  }

  @Test(arguments: ["1e6", "1e300", "3000"]) func productionAboveTheGasInPlaceIsAnError(volume: String) throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let path = s.models + "/huge.csv"
    try
      "start_year,end_year,volume_bcm,label\n2019.75,2020.75,\(volume),gas year 2019/20\n2020.75,2021.75,1,gas year 2020/21\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    try expectLocated(file: "huge.csv", line: 2, field: "volume_bcm", message: "gas in place", production: path)
  }

  @Test func logicTreeWeightsNotSummingToOneFailCentralRunsToo() throws {
    try expectLocated(file: "logic-tree/source-branches.csv", line: 11, field: "weight", message: "sum to") { m in
      try replace(m + "/logic-tree/source-branches.csv", "mmax,6.5,0.005,", "mmax,6.5,0.05,")
    }
  }

  @Test(arguments: [
    ("quadrature_order_2,2,", "quadrature_order_2,0,", "quadrature_order_2"),
    ("quadrature_step_1,1.0,", "quadrature_step_1,-0.5,", "quadrature_step_1"),
    ("\nnodes,48,", "\nnodes,1e8,", "nodes"),
    ("intensity_step,0.04,", "intensity_step,1e-9,", "intensity_step"),
  ]) func numericsOutsideTheirDomainAreLocated(old: String, new: String, field: String) throws {
    let s = try String(contentsOfFile: TestModels.models + "/risk/numerics.csv", encoding: .utf8)
    let line = s.components(separatedBy: "\n").firstIndex { $0.hasPrefix(field + ",") }.map { $0 + 1 }
    // intensity_step: the count bound names the key without a line.
    try expectLocated(file: "risk/numerics.csv", line: field == "intensity_step" ? nil : line, field: field) { m in
      try replace(m + "/risk/numerics.csv", old, new)
    }
  }

  @Test func whereaboutsWeightsMustSumToOne() throws {
    try expectLocated(file: "risk/numerics.csv", line: nil, field: "weight_outside", message: "must be 1") { m in
      try replace(m + "/risk/numerics.csv", "weight_outside,0.01,", "weight_outside,0.1,")
    }
  }

  @Test func correlationMatrixNotPositiveDefiniteNamesTheFile() throws {
    try expectLocated(
      file: "gmm/v7/gmpe_period2period_correlations_20211010_v7.csv", line: nil, field: nil,
      message: "not positive definite"
    ) { m in
      // ρ(0.01, 0.1) = −0.99 while both correlate strongly with 0.2 s: symmetric, in [−1, 1], not PD.
      let p = m + "/gmm/v7/gmpe_period2period_correlations_20211010_v7.csv"
      var rows = try String(contentsOfFile: p, encoding: .utf8).components(separatedBy: "\n").map {
        $0.components(separatedBy: ",")
      }
      rows[1][2] = "-0.99"
      rows[2][1] = "-0.99"
      try rows.map { $0.joined(separator: ",") }.joined(separator: "\n").write(
        toFile: p, atomically: true, encoding: .utf8)
    }
  }

  @Test func exposureWithOnlyAHeaderIsAnError() throws {
    try expectLocated(
      file: "header-only.csv", line: 1, field: nil, message: "no buildings",
      exposure: { m in
        let lines = try String(contentsOfFile: m + "/exposure/sample-1000.csv", encoding: .utf8).components(
          separatedBy: "\n")
        try (lines[0] + "\n").write(toFile: m + "/header-only.csv", atomically: true, encoding: .utf8)
        return m + "/header-only.csv"
      })
  }

  @Test func nulByteInAnExposureFieldIsAnError() throws {
    try expectLocated(
      file: "nul.csv", line: 3, field: nil, message: "U+0000",
      exposure: { m in
        var lines = try String(contentsOfFile: m + "/exposure/sample-1000.csv", encoding: .utf8).components(
          separatedBy: "\n")
        lines[2] = lines[2].replacingOccurrences(
          of: ",", with: ",ab\u{0}c", options: [], range: lines[2].range(of: ","))
        try (lines.prefix(5).joined(separator: "\n") + "\n").write(
          toFile: m + "/nul.csv", atomically: true, encoding: .utf8)
        return m + "/nul.csv"
      })
  }

  @Test func percentileListsMustBeAllNumbers() throws {
    #expect(try RunConfiguration.percentiles("16, 84", source: "--percentiles") == [16, 84])
    for bad in ["50,abc,90", "50,,90", "50", "90,50", "0,50", "50,100", "50,nan"] {
      #expect(throws: InputError.self, "\(bad)") { _ = try RunConfiguration.percentiles(bad, source: "--percentiles") }
    }
  }

  @Test func stateFileWithADuplicateBuildingIsAnError() throws {
    let rec = IjkmomentState.ScopeRecord(id: "B1", entryYear: 2019, entryReason: .p50)
    let st = IjkmomentState(year: 2019, norm: 1e-5, langjarigYears: 5, gasYears: [2019], scope: [rec, rec], closed: [])
    do {
      _ = try IjkmomentState.decode(Data(try st.json().utf8), file: "state.json")
      Issue.record("a duplicate id was accepted")
    } catch let e as InputError {
      #expect(e.file == "state.json" && e.field == "scope[1].id", "\(e)")
    }
  }

  @Test func gasYearsBeyondTheProductionPathAreAnError() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    var c = LPRRunTests.config(s, out: s.models + "/out", threads: 1)
    c.lastGasYear = 2200
    do {
      _ = try LPRRun.run(c)
      Issue.record("gas year 2200 accepted")
    } catch let e as InputError {
      #expect(e.file.hasSuffix("production/phase-out-actual.csv") && e.field == "end_year", "\(e)")
    }
    c.lastGasYear = 2020
    c.firstGasYear = 1900
    #expect(throws: InputError.self) { _ = try LPRRun.run(c) }
    #expect(!FileManager.default.fileExists(atPath: s.models + "/out"))
  }

  @Test func scenarioEarthquakesOutsideTheModelsAreAnError() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let ms = try ModelSet(directory: s.models)
    let e = try ms.exposure(path: s.exposure, buildings: 0, seed: 0)
    for (m, x, y, key) in [
      (9.5, 238_500.0, 597_000.0, "scenario.magnitude"), (3.6, 238_500.0 + 624_000, 597_000.0, "scenario.x"),
    ] {
      do {
        _ = try ScenarioCalculation.run(models: ms, exposure: e, magnitude: m, x: x, y: y, threads: 1)
        Issue.record("accepted M \(m) at (\(x), \(y))")
      } catch let err as InputError {
        #expect(err.key == key, "\(err)")
      }
    }
  }
}
