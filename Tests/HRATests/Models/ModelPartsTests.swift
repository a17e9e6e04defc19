import Foundation
import Testing

@testable import HRA

/// Model versions and seismicity sources as interchangeable parts (issue 10): forecasts round
/// trip through the export, a one-cell forecast is the closed form, every GMM/FCM version runs,
/// bad forecasts and choices are located errors with nothing written.
@Suite(.serialized) struct ModelPartsTests {
  /// The tiny setup with a 4 km source grid (124 cells instead of 7,920) so forecasts stay small.
  static func setup() throws -> (models: String, exposure: String) {
    let s = try LPRRunTests.tinySetup()
    let p = s.models + "/seismicity/parameters.csv"
    let t = try String(contentsOfFile: p, encoding: .utf8)
    try t.replacingOccurrences(of: "grid_spacing_m,500,", with: "grid_spacing_m,4000,").write(
      toFile: p, atomically: true, encoding: .utf8)
    return s
  }

  static func lpr(_ out: String) throws -> [[Double]] {
    let t = try CSVTable(contentsOf: out + "/buildings-lpr.csv")
    return try t.rows.map { r in try ["lpr_2019_20", "lpr_2020_21"].map { try t.double(r, $0) } }
  }

  @Test func exportedForecastReproducesTheBuiltInRun() throws {
    let s = try Self.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let ms = try ModelSet(directory: s.models)
    let fixed = ["rate_model": "elastic_plastic", "b_model": "split_thickness"]  // the central source branch
    let summary = try SeismicityExport.run(
      models: ms, production: "phase-out-actual", gasYears: [2019, 2020], fixed: fixed, out: s.models + "/fc.csv",
      overwrite: false)
    #expect(summary.mmax == [4.0, 4.5, 5.0, 5.5, 6.0, 6.5] && summary.thresholds == 52)
    var c = LPRRunTests.config(s, out: s.models + "/out-builtin", threads: 1)
    _ = try LPRRun.run(c)
    c.forecast = s.models + "/fc.csv"
    c.output = s.models + "/out-forecast"
    _ = try LPRRun.run(c)
    let a = try Self.lpr(s.models + "/out-builtin")
    let b = try Self.lpr(s.models + "/out-forecast")
    #expect(a.count == 12)
    for (x, y) in zip(a, b) {
      for (u, v) in zip(x, y) { #expect(close(v, u, rel: Tolerance.algebra), "\(u) vs \(v)") }
    }
    let m =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: s.models + "/out-forecast/manifest.json"))) as! [String: Any]
    let parts = m["models"] as! [String: Any]
    #expect((parts["forecast"] as! [String: Any])["sha256"] as? String == (try SHA256.hex(file: s.models + "/fc.csv")))
    #expect((m["production"] as! [Any]).isEmpty)
    // The test models' source grid has a cell enclosed by others but without a source: a hole of
    // the exported forecast, read as no earthquakes and warned about (issue 29).
    let warnings = (m["warnings"] as? [String]) ?? []
    #expect(warnings.contains { $0.contains("missing inside the grid") && $0.contains("(232000.0, 600000.0)") })
  }

  /// One cell with λ events per year in the bin around M 4.5 (survival counts λ up to 4.45,
  /// 0 from 4.55): every building's LPR is λ times the per-event LPR of that earthquake
  /// (``ScenarioCalculation``, the same rupture and ground-motion integration).
  @Test func oneCellOneMagnitudeIsTheScenarioTimesItsRate() throws {
    let s = try Self.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let ms = try ModelSet(directory: s.models)
    let lambda = 0.01
    let (x0, y0) = (240_000.0, 594_000.0)
    var text = "x_rd_m,y_rd_m,mmax,magnitude,rate_ge_per_yr\n"
    for (x, live) in [(x0, true), (x0 + 1_000, false)] {
      for k in 0...31 {
        let m = 1.45 + 0.1 * Double(k)
        text += "\(x),\(y0),4.55,\(String(format: "%.2f", m)),\(live && k <= 30 ? lambda : 0)\n"
      }
    }
    try text.write(toFile: s.models + "/one.csv", atomically: true, encoding: .utf8)
    var c = LPRRunTests.config(s, out: s.models + "/out", threads: 1)
    c.forecast = s.models + "/one.csv"
    c.mmaxWeights = [.init(mmax: 4.55, weight: 1)]
    _ = try LPRRun.run(c)
    let exposure = try ms.exposure(path: s.exposure, buildings: 0, seed: 0)
    let rows = try ScenarioCalculation.run(models: ms, exposure: exposure, magnitude: 4.5, x: x0, y: y0, threads: 1)
    let got = try Self.lpr(s.models + "/out")
    for (r, g) in zip(rows, got) {
      // Both years have the same rates. The run's tables go through the intensity grid, the
      // scenario evaluates the fragilities at the quadrature nodes (Tolerance.intensityGrid).
      #expect(close(g[0], lambda * r.risk.lpr, rel: Tolerance.intensityGrid), "\(g[0]) vs \(lambda * r.risk.lpr)")
      #expect(g[0] == g[1])
    }
  }

  @Test func badForecastsAreLocatedAndWriteNothing() throws {
    let s = try Self.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    func expectError(_ text: String, weights: [RunConfiguration.MmaxWeight]? = nil, field: String) throws {
      try text.write(toFile: s.models + "/bad.csv", atomically: true, encoding: .utf8)
      var c = LPRRunTests.config(s, out: s.models + "/out", threads: 1)
      c.forecast = s.models + "/bad.csv"
      c.mmaxWeights = weights
      do {
        _ = try LPRRun.run(c)
        Issue.record("accepted: \(text.prefix(80))")
      } catch let e as InputError {
        #expect(e.field == field, "\(e)")
      }
      #expect(!FileManager.default.fileExists(atPath: s.models + "/out"))
    }
    func grid(_ x: Double, mmax: [Double] = [4.5], rate: (Int) -> Double = { _ in 0.01 }) -> String {
      var t = "x_rd_m,y_rd_m,mmax,magnitude,rate_ge_per_yr\n"
      for mm in mmax {
        for cx in [x, x + 1_000] {
          for k in 0...31 { t += "\(cx),594000,\(mm),\(String(format: "%.2f", 1.45 + 0.1 * Double(k))),\(rate(k))\n" }
        }
      }
      return t
    }
    // Far outside the zonation (100 km west).
    try expectError(grid(140_000), weights: [.init(mmax: 4.5, weight: 1)], field: "x_rd_m")
    // An Mmax without weight: the default weights (4.0 … 6.5) do not include 4.55; and weights not summing to 1.
    try expectError(grid(240_000, mmax: [4.55]), field: "mmax")
    try expectError(grid(240_000), weights: [.init(mmax: 4.5, weight: 0.9)], field: "weight")
    // Counts increasing with magnitude; a negative rate.
    try expectError(
      grid(240_000, rate: { Double($0) }), weights: [.init(mmax: 4.5, weight: 1)], field: "rate_ge_per_yr")
    try expectError(
      grid(240_000, rate: { $0 == 3 ? -1 : 0 }), weights: [.init(mmax: 4.5, weight: 1)], field: "rate_ge_per_yr")
  }

  @Test(arguments: [(GMMVersion.v6, FCMVersion.v6), (.v5, .v6), (.v7, .tno2020), (.v6, .v7)])
  func everyVersionRunsWithItsOwnTree(gmm: GMMVersion, fcm: FCMVersion) throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    var c = LPRRunTests.config(s, out: s.models + "/out", threads: 1)
    c.gmm = gmm
    c.fcm = fcm
    var logged: [String] = []
    _ = try LPRRun.run(c) { logged.append($0) }
    let v = try Self.lpr(s.models + "/out")
    #expect(v.allSatisfy { $0.allSatisfy { $0 > 0 && $0 < 1e-2 } })
    let m =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s.models + "/out/manifest.json")))
      as! [String: Any]
    let parts = m["models"] as! [String: Any]
    #expect(parts["gmm"] as? String == gmm.rawValue && parts["fcm"] as? String == fcm.rawValue)
    let authored = ModelSet.authoredPairings.contains { $0 == (gmm, fcm) }
    #expect(logged.contains { $0.hasPrefix("warning:") } == !authored)
    #expect((m["warnings"] as! [String]).isEmpty == authored)
    let ms = try ModelSet(directory: s.models, choice: c.choice)
    let names = ms.tree.names
    #expect(names.contains("gmm_median_tau") == (gmm != .v7) && names.contains("gmm_tau") == (gmm == .v7))
    #expect(ms.tree.sets.allSatisfy { abs($0.weights.reduce(0, +) - 1) < 1e-9 })
  }

  @Test func forecastTreeHasNoRateOrBValueSets() throws {
    let s = try Self.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let ms = try ModelSet(directory: s.models)
    _ = try SeismicityExport.run(
      models: ms, production: "phase-out-actual", gasYears: [2019], fixed: [:], out: s.models + "/fc.csv",
      overwrite: false)
    let f = try ModelSet(directory: s.models, choice: .init(forecast: s.models + "/fc.csv"))
    #expect(f.tree.names == ["mmax", "gmm_median", "gmm_tau", "gmm_phi_ss", "gmm_s2s", "fragility", "consequence"])
    #expect(f.tree.sets[0].weights == ms.tree.sets[2].weights)
    // Mean export: for each Mmax the weighted mean over the four rate/b branches.
    let e = try SeismicityExport.forecast(models: ms, production: "phase-out-actual", gasYears: [2019], fixed: [:])
    let src = try ms.source(production: "phase-out-actual")
    var mean = 0.0
    for (r, wr) in [("elastic", 0.5), ("elastic_plastic", 0.5)] {
      for (b, wb) in [("linear_stress", 0.3), ("split_thickness", 0.7)] {
        mean += wr * wb * (try src.rates(labels: [r, b, "5.0"], gasYears: [2019])).total(year: 0)
      }
    }
    let got = try e.rateField(mmax: 5.0, gasYears: [2019], bins: ms.seismicity.bins).total(year: 0)
    #expect(close(got, mean, rel: Tolerance.summation), "\(got) vs \(mean)")
  }

  @Test func catalogueListsEveryVersionWithValidWeights() throws {
    let c = try ModelCatalogue.describe(models: TestModels.models)
    #expect(c.parts.filter { $0.kind == "gmm" }.map(\.version) == ["V7", "V6", "V5"])
    #expect(c.parts.filter { $0.kind == "fcm" }.map(\.version) == ["V7", "V6", "TNO2020"])
    #expect(c.parts.filter { $0.kind == "seismicity" }.map(\.version) == ["built-in", "forecast", "area-source"])
    for p in c.parts {
      #expect(!p.files.isEmpty, "\(p.kind) \(p.version)")
      for b in p.branchSets {
        #expect(abs(b.weights.reduce(0, +) - 1) < 1e-9 && b.weights.count == b.branches.count, "\(p.version) \(b.name)")
      }
    }
    let text = ModelCatalogue.text(c)
    #expect(text.contains("gmm_median_tau: Lower 0.1, CentralLower 0.3, CentralUpper 0.3, Upper 0.3"))
  }
}
