import Foundation
import Testing

@testable import HRA

/// The hazard run end to end (through the binary, on a few sites, one gas year and a reduced
/// tree): every file written, the map level read back from its own curve, the written
/// config.ini reproducing the curves byte for byte; and bad input as located errors with
/// nothing written.
@Suite(.serialized) struct HazardRunTests {
  static let fixed =
    "gmm_median=CentralUpper,gmm_tau=Central,gmm_phi_ss=Lower,gmm_s2s=Central,rate_model=elastic_plastic,b_model=split_thickness"

  static func sitesFile(_ dir: String, rows: [String]) throws -> String {
    let p = dir + "/sites.csv"
    try ("id,x,y\n" + rows.joined(separator: "\n") + "\n").write(toFile: p, atomically: true, encoding: .utf8)
    return p
  }

  static func scratch() throws -> String {
    let d = NSTemporaryDirectory() + "hra-hazard-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }

  @Test func writesCurvesMapsSpectraAndReproducesFromItsConfig() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let sites = try Self.sitesFile(dir, rows: ["loppersum,246500,593500", "groningen,233500,582000"])
    let out = dir + "/h1"
    let args = [
      "hazard", "--sites", sites, "--imt", "PGA,AVGSA", "--from", "2019", "--to", "2019", "--samples", "6", "--fix",
      Self.fixed, "--site", "246500,593500", "--threads", "2", "--out", out,
    ]
    let r = try CLITests.hra(args, timeout: 600)
    #expect(r.status == 0, "\(r.stderr)")
    let fm = FileManager.default
    for f in [
      "curves-PGA.csv", "curves-AVGSA.csv", "maps.csv", "maps-PGA-475yr.geojson", "maps-AVGSA-2475yr.geojson",
      "spectra.csv", "disaggregation.csv", "summary.json", "manifest.json", "config.ini", "SHA256SUMS",
    ] {
      #expect(fm.fileExists(atPath: out + "/" + f), "\(f)")
    }
    // The map level lies on the mean curve: its rate, interpolated log-log, is 1/475.
    let curves = try CSVTable(contentsOf: out + "/curves-PGA.csv")
    let rows = curves.rows.filter { (try? curves.string($0, "site")) == "loppersum" }
    let levels = try rows.map { try curves.double($0, "level_g") }
    let rates = try rows.map { try curves.double($0, "rate_mean") }
    #expect(levels.count >= HazardLevels.minimumCount)
    #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 })
    let maps = try CSVTable(contentsOf: out + "/maps.csv")
    let m = maps.rows.first {
      (try? maps.string($0, "site")) == "loppersum" && (try? maps.string($0, "imt")) == "PGA"
        && (try? maps.double($0, "return_period_yr")) == 475
    }!
    let level = try maps.double(m, "level_mean")
    let i = levels.lastIndex { $0 <= level }!
    let f = (log(level) - log(levels[i])) / (log(levels[i + 1]) - log(levels[i]))
    let rate = exp(log(rates[i]) + f * (log(rates[i + 1]) - log(rates[i])))
    // The CSV prints 6 significant digits.
    #expect(close(rate, 1 / 475, rel: Tolerance.published))
    // Rerun from the written configuration: byte-identical curves and maps.
    let out2 = dir + "/h2"
    let r2 = try CLITests.hra(["hazard", "--config", out + "/config.ini", "--out", out2], timeout: 600)
    #expect(r2.status == 0, "\(r2.stderr)")
    for f in ["curves-PGA.csv", "curves-AVGSA.csv", "maps.csv", "spectra.csv", "disaggregation.csv"] {
      #expect(fm.contents(atPath: out + "/" + f) == fm.contents(atPath: out2 + "/" + f), "\(f)")
    }
    // Disaggregation shares sum to 1 per (site, year, IMT, return period) and kind.
    let d = try CSVTable(contentsOf: out + "/disaggregation.csv")
    var sums: [String: Double] = [:]
    for row in d.rows where try d.string(row, "kind") == "magnitude_distance" {
      let key = try ["imt", "return_period_yr", "gas_year"].map { try d.string(row, $0) }.joined(separator: "/")
      sums[key, default: 0] += try d.double(row, "share")
    }
    #expect(!sums.isEmpty)
    for (k, v) in sums { #expect(abs(v - 1) < 1e-4, "\(k): \(v)") }
  }

  /// The tree run's hazard summary and `hra explain`'s hazard at a building agree with the
  /// hazard run on the same exposure, tree and seed (different paths: the run reuses its rate
  /// histograms and the mean-only estimator, explain computes one site).
  @Test func runSummaryAndExplainGiveTheHazardOfTheHazardRun() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let common = ["--buildings", "30", "--from", "2019", "--to", "2020", "--samples", "4", "--fix", Self.fixed]
    let run = try CLITests.hra(["run", "--json", "--out", dir + "/run"] + common, timeout: 600)
    #expect(run.status == 0, "\(run.stderr)")
    let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
    let years = summary["hazard"] as! [[String: Any]]
    #expect(years.map { $0["gasYear"] as! String } == ["2019/20", "2020/21"])
    let hz = try CLITests.hra(
      ["hazard", "--imt", "PGA,AVGSA", "--out", dir + "/hazard"] + common, timeout: 600)
    #expect(hz.status == 0, "\(hz.stderr)")
    let maps = try CSVTable(contentsOf: dir + "/hazard/maps.csv")
    func map(_ year: String, _ imt: String, _ T: Double) throws -> [(site: String, x: Double, y: Double, level: Double)]
    {
      try maps.rows.filter {
        try maps.string($0, "gas_year") == year && maps.string($0, "imt") == imt
          && maps.double($0, "return_period_yr") == T
      }.map {
        (
          try maps.string($0, "site"), try maps.double($0, "x_rd"), try maps.double($0, "y_rd"),
          try maps.double($0, "level_mean")
        )
      }
    }
    for y in years {
      let m = (y["maxima"] as! [[String: Any]])[0]
      #expect(m["imt"] as? String == "PGA" && m["returnPeriod"] as? Double == 475)
      let best = try map(y["gasYear"] as! String, "PGA", 475).max { $0.level < $1.level }!
      #expect(m["site"] as? String == best.site)
      #expect(close(m["level"] as! Double, best.level, rel: Tolerance.published))
    }
    let off = try CLITests.hra(
      ["run", "--json", "--hazard-summary", "off", "--out", dir + "/off"] + common, timeout: 600)
    #expect(off.status == 0, "\(off.stderr)")
    #expect(!off.stdout.contains("\"hazard\""))
    // Explain: the hazard at the first building's risk site equals the map at that site.
    let risk = try CSVTable(contentsOf: dir + "/run/buildings-risk.csv")
    let id = try risk.string(risk.rows[0], "building_id")
    let ex = try CLITests.hra(["explain", id, "--json"] + common, timeout: 600)
    #expect(ex.status == 0, "\(ex.stderr)")
    let e = try JSONSerialization.jsonObject(with: Data(ex.stdout.utf8)) as! [String: Any]
    let view = e["hazard"] as! [String: Any]
    let values = view["values"] as! [[String: Any]]
    #expect(values.count == 2 * 2 * 2)
    let (sx, sy) = (view["siteX"] as! Double, view["siteY"] as! Double)
    for v in values {
      let (year, imt, T) = (v["gasYear"] as! String, v["imt"] as! String, v["returnPeriod"] as! Double)
      let f = v["fractiles"] as! [String: Double]
      #expect(f["p16"]! <= f["p50"]! && f["p50"]! <= f["p84"]!)
      let here = try map(year, imt, T).filter { $0.x == sx && $0.y == sy }
      #expect(!here.isEmpty)
      #expect(here.contains { close($0.level, v["mean"] as! Double, rel: Tolerance.published) }, "\(year) \(imt) \(T)")
    }
    let p475 = values.first { $0["imt"] as? String == "PGA" && $0["returnPeriod"] as? Double == 475 }!
    let p2475 = values.first { $0["imt"] as? String == "PGA" && $0["returnPeriod"] as? Double == 2475 }!
    #expect((p2475["mean"] as! Double) > (p475["mean"] as! Double))
  }

  @Test func badInputIsALocatedErrorAndNothingIsWritten() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let out = dir + "/h"
    let outside = try Self.sitesFile(dir, rows: ["a,246500,593500", "far,120000,480000"])
    let cases: [([String], String)] = [
      (["--imt", "PGA,SA(0.25)"], "SA(0.25) is not a period"),
      (["--imt", "PGB"], "unknown intensity measure"),
      (["--return-periods", "475,0"], "return period"),
      (["--return-periods", "-5"], "return period"),
      (["--fractiles", "16,100"], "fractile"),
      (["--fractiles", "0,50"], "fractile"),
      (["--site", "120000,480000"], "outside the site-response zonation"),
      (["--sites", outside], "sites.csv:3"),
      (["--sites", "grid:10"], "grid:S"),
    ]
    for (extra, message) in cases {
      let r = try CLITests.hra(
        ["hazard", "--from", "2019", "--to", "2019", "--samples", "2", "--fix", Self.fixed, "--out", out] + extra,
        timeout: 120)
      #expect(r.status == 2, "\(extra): \(r.stderr)")
      #expect(r.stderr.contains(message), "\(extra): \(r.stderr)")
      #expect(!FileManager.default.fileExists(atPath: out), "\(extra): output written")
    }
  }
}
