import Foundation
import Testing

@testable import HRA

/// Forecast magnitude grids other than the engine's own bin edges (issue 24): TNO's seismic source
/// model writes 103 thresholds 1.45, 1.50, …, 6.55 (`magnitude: length 103, interval [1.45, 6.55]` in
/// its `seismic_source_model_config.yml`); any grid that includes the engine's edges 1.45 + k·0.1 is
/// accepted, the other thresholds ignored; a grid lacking edges is refused, naming them.
@Suite struct GriddedForecastGridTests {
  static let bins = MagnitudeBins(lower: 1.45, width: 0.1, count: 51)
  /// TNO's Mmax branches (`branch_mmax` of the SSM configs).
  static let mmaxValues = [4.0, 4.5, 5.0, 5.5, 6.0, 6.5]
  /// Three eastings × two northings, 500 m apart (six cells).
  static let xs: [Double] = [236_500, 237_000, 237_500]
  static let ys: [Double] = [590_000, 590_500]

  /// TNO's thresholds as numpy makes them, `np.linspace(1.45, 6.55, 103)`: k·step + 1.45 with
  /// step = (6.55 − 1.45)/102, the last one set to 6.55 exactly. Off the decimal values by ULPs
  /// (1.5999999999999999, 4.3999999999999995, …), as pandas then writes them.
  static let tnoMagnitudes: [Double] = {
    let step = (6.55 - 1.45) / 102
    var m = (0..<103).map { Double($0) * step + 1.45 }
    m[102] = 6.55
    return m
  }()

  /// N(≥ m) [1/yr] in the cell (i, j) (easting index, northing index) given Mmax: a truncated
  /// Gutenberg-Richter law with b = 1,
  /// `a·(10^−(m − 1.45) − 10^−(Mmax − 1.45))` for m < Mmax and 0 from Mmax on; a = 0.01·(1 + i + 3j).
  static func survival(_ m: Double, mmax: Double, i: Int, j: Int) -> Double {
    guard m < mmax else { return 0 }
    let a = 0.01 * Double(1 + i + 3 * j)
    return a * (pow(10, -(m - 1.45)) - pow(10, -(mmax - 1.45)))
  }

  /// The CSV the README's xarray recipe writes for a DataArray with dims mmax × magnitude × x × y:
  /// `to_dataframe().reset_index()` orders the rows by mmax, then magnitude, then x, then y (the dims'
  /// order, the last varying fastest); `to_csv(index=False)` writes the selected columns with a header
  /// and LF line ends, floats as their shortest round-trip text (`4.0`, `236500.0`,
  /// `1.5999999999999999`, `1e-05`), which is what `Double.description` writes. Checked once: for TNO's
  /// magnitudes, the file of ``readmeRecipeOnTNOsDimensionsLoadsWithTheExpectedRates()`` was byte-identical to
  /// the recipe's output (xarray 2026.9.0, pandas 3.1.1, h5netcdf) on the same array written by numpy.
  static func recipeCSV(magnitudes: [Double]) -> String {
    var s = "x_rd_m,y_rd_m,mmax,magnitude,rate_ge_per_yr\n"
    for mmax in mmaxValues {
      for m in magnitudes {
        for (i, x) in xs.enumerated() {
          for (j, y) in ys.enumerated() {
            s += "\(x),\(y),\(mmax),\(m),\(survival(m, mmax: mmax, i: i, j: j))\n"
          }
        }
      }
    }
    return s
  }

  /// The rows of `text` whose magnitude (fourth column) is within 1e-6 of an engine bin edge, with the header:
  /// the same forecast reduced to the engine's edges.
  static func reducedToEdges(_ text: String) -> String {
    let edges = bins.edges
    let lines = text.split(separator: "\n")
    let kept = lines.dropFirst().filter { l in
      let m = Double(l.split(separator: ",")[3])!
      return edges.contains { abs($0 - m) <= 1e-6 }
    }
    return ([lines[0]] + kept).joined(separator: "\n") + "\n"
  }

  static func write(_ text: String, _ name: String) -> String {
    SeismicityFixtures.temporaryFile(text, "forecast-grid-\(name)")
  }

  /// The rates of every Mmax for two gas years.
  static func fields(_ f: GriddedForecast) throws -> [RateField] {
    try mmaxValues.map { try f.rateField(mmax: $0, gasYears: [2024, 2025], bins: bins) }
  }

  // MARK: - Grids containing the engine's edges

  /// (a) TNO's 0.05 grid, a 0.025 grid reaching beyond the engine's range (1.35 … 6.75) and the engine's own
  /// 0.1 edges each give the same rate fields, bit for bit, as the forecast reduced to the engine's edges;
  /// the thresholds between the edges (and outside 1.45 … 6.55) are ignored.
  @Test func gridsContainingTheEdgesGiveTheRatesOfTheReducedForecast() throws {
    let fine = (0...216).map { 1.35 + Double($0) * 0.025 }
    let grids: [(String, [Double], Int)] = [
      ("tno-0.05", Self.tnoMagnitudes, 103), ("fine-0.025", fine, 217),
      ("engine-0.1", Self.bins.edges, 52),
    ]
    for (name, magnitudes, count) in grids {
      let text = Self.recipeCSV(magnitudes: magnitudes)
      let reduced = Self.reducedToEdges(text)
      let f = try GriddedForecast(path: Self.write(text, "\(name).csv"))
      let g = try GriddedForecast(path: Self.write(reduced, "\(name)-reduced.csv"))
      #expect(f.magnitudes.count == count && g.magnitudes.count == 52, "\(name)")
      for (a, b) in zip(try Self.fields(f), try Self.fields(g)) {
        #expect(a.rates.map(\.bitPattern) == b.rates.map(\.bitPattern), "\(name)")
        #expect(a.cellX == b.cellX && a.cellY == b.cellY && a.magnitudes == b.magnitudes && a.gasYears == b.gasYears)
      }
      // The same through the seismicity source a run uses (branch = one Mmax, weights from the tree).
      let weights = [4.0: 0.27, 4.5: 0.405, 5.0: 0.1875, 5.5: 0.0945, 6.0: 0.0325, 6.5: 0.0105]
      let sf = try ForecastSource(forecast: f, bins: Self.bins, mmaxWeights: weights, weightsFile: "w")
      let sg = try ForecastSource(forecast: g, bins: Self.bins, mmaxWeights: weights, weightsFile: "w")
      for label in sf.branchSets[0].branches {
        let p = try sf.probabilityOfAtLeast(magnitude: 3.55, labels: [label], gasYears: [2030])
        let q = try sg.probabilityOfAtLeast(magnitude: 3.55, labels: [label], gasYears: [2030])
        #expect(p.map(\.bitPattern) == q.map(\.bitPattern) && p.allSatisfy { $0 > 0 }, "\(name) mmax \(label)")
      }
    }
  }

  /// (a) End to end: `hra run --forecast` on the tiny setup with the forecast on TNO's 0.05 grid and the same
  /// forecast reduced to the engine's edges writes byte-identical `buildings-lpr.csv`; a grid
  /// lacking an edge stops the run before anything is written.
  @Test func runOnTNOsGridIsByteIdenticalToTheRunOnTheEdges() throws {
    let s = try ModelPartsTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    // Two 1 km cells inside the tiny setup's zonation (as in ModelPartsTests), default Mmax weights.
    var text = "x_rd_m,y_rd_m,mmax,magnitude,rate_ge_per_yr\n"
    for mmax in Self.mmaxValues {
      for m in Self.tnoMagnitudes {
        for (i, x) in [240_000.0, 241_000.0].enumerated() {
          text += "\(x),594000.0,\(mmax),\(m),\(Self.survival(m, mmax: mmax, i: i, j: 0))\n"
        }
      }
    }
    var outputs: [Data] = []
    for (name, t) in [("tno", text), ("edges", Self.reducedToEdges(text))] {
      let path = s.models + "/fc-\(name).csv"
      try t.write(toFile: path, atomically: true, encoding: .utf8)
      var c = LPRRunTests.config(s, out: s.models + "/out-\(name)", threads: 1)
      c.forecast = path
      _ = try LPRRun.run(c)
      outputs.append(try Data(contentsOf: URL(fileURLWithPath: s.models + "/out-\(name)/buildings-lpr.csv")))
    }
    #expect(outputs[0] == outputs[1])
    let lpr = try ModelPartsTests.lpr(s.models + "/out-tno")
    #expect(!lpr.isEmpty && lpr.allSatisfy { $0.allSatisfy { $0 > 0 && $0 < 1 } })
    // Without the threshold 3.05 the run stops with the missing edge and writes nothing.
    let gapped = text.split(separator: "\n").filter { !$0.contains(",3.05,") }.joined(separator: "\n") + "\n"
    try gapped.write(toFile: s.models + "/fc-gapped.csv", atomically: true, encoding: .utf8)
    var c = LPRRunTests.config(s, out: s.models + "/out-gapped", threads: 1)
    c.forecast = s.models + "/fc-gapped.csv"
    let e = GriddedForecastTests.conversionError { _ = try LPRRun.run(c) }
    #expect(e?.file == c.forecast && e?.field == "magnitude", "\(String(describing: e))")
    #expect(e?.message.contains("missing engine bin edge 3.05 inside") == true, "\(String(describing: e))")
    #expect(!FileManager.default.fileExists(atPath: s.models + "/out-gapped"))
  }

  /// (d) The README's xarray recipe: a file with TNO's exact dimensions (6 Mmax × 103 magnitudes × 3 × 2 cells)
  /// in the recipe's layout loads, and its rates are the differences of the written counts at the edges.
  @Test func readmeRecipeOnTNOsDimensionsLoadsWithTheExpectedRates() throws {
    // numpy's linspace values, as pandas writes them.
    let text = Self.tnoMagnitudes.map(\.description)
    #expect(text[0] == "1.45" && text[1] == "1.5" && text[3] == "1.5999999999999999" && text[102] == "6.55")
    #expect(text[18] == "2.3499999999999996" && text[59] == "4.3999999999999995")
    let csv = Self.recipeCSV(magnitudes: Self.tnoMagnitudes)
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 1 + 6 * 103 * 3 * 2)
    #expect(lines[1].hasPrefix("236500.0,590000.0,4.0,1.45,"))
    #expect(lines[2].hasPrefix("236500.0,590500.0,4.0,1.45,"))
    #expect(lines[7].hasPrefix("236500.0,590000.0,4.0,1.5,"))
    let path = Self.write(csv, "recipe.csv")
    let f = try GriddedForecast(path: path)
    #expect(f.mmaxValues == Self.mmaxValues && f.magnitudes == Self.tnoMagnitudes && f.gasYears == nil)
    #expect(f.cellX == [236_500, 237_000, 237_500, 236_500, 237_000, 237_500])
    #expect(f.cellY == [590_000, 590_000, 590_000, 590_500, 590_500, 590_500])
    #expect(f.dx == 500 && f.dy == 500)
    for mmax in Self.mmaxValues {
      let r = try f.rateField(mmax: mmax, gasYears: [2024], bins: Self.bins)
      #expect(r.magnitudes == Self.bins.centres && r.binCount == 51 && r.cellCount == 6)
      for c in 0..<6 {
        let (i, j) = (c % 3, c / 3)
        // Edge k is TNO's threshold 2k; N(≥ m) exactly as written (Double.description reads back exactly).
        let n = (0...51).map { Self.survival(Self.tnoMagnitudes[2 * $0], mmax: mmax, i: i, j: j) }
        let expected = (0..<51).map { n[$0] - n[$0 + 1] }
        #expect(Array(r.rates[(c * 51)..<((c + 1) * 51)]) == expected, "mmax \(mmax), cell \(c)")
        // Closed form: the bins hold every event ≥ 1.45, a·(1 − 10^−(Mmax − 1.45)), none above Mmax.
        let total = r.rates[(c * 51)..<((c + 1) * 51)].reduce(0, +)
        let a = 0.01 * Double(1 + i + 3 * j)
        #expect(close(total, a * (1 - pow(10, -(mmax - 1.45))), rel: Tolerance.algebra), "mmax \(mmax), cell \(c)")
        let firstEmpty = Int(((mmax - 1.45) / 0.1).rounded(.up))  // the bin from the edge at or above Mmax
        #expect(r.rates[(c * 51 + firstEmpty)..<((c + 1) * 51)].allSatisfy { $0 == 0 }, "mmax \(mmax)")
        #expect(r.rates[c * 51 + firstEmpty - 1] > 0, "mmax \(mmax)")
      }
    }
  }

  // MARK: - Refused grids

  /// (b) A grid lacking engine edges inside its range is refused, the message listing every missing edge.
  @Test func aGridMissingEngineEdgesIsRefusedNamingThem() throws {
    // TNO's grid without 2.35 and 2.45 (thresholds 18 and 20).
    let gapped = Self.tnoMagnitudes.enumerated().filter { $0.offset != 18 && $0.offset != 20 }.map(\.element)
    let p = Self.write(Self.recipeCSV(magnitudes: gapped), "gapped.csv")
    let f = try GriddedForecast(path: p)
    let e = GriddedForecastTests.conversionError { _ = try f.rateField(mmax: 5.0, gasYears: [2024], bins: Self.bins) }
    #expect(e?.file == p && e?.line == nil && e?.field == "magnitude", "\(String(describing: e))")
    #expect(e?.message.contains("missing engine bin edges 2.35, 2.45 inside") == true, "\(String(describing: e))")
    #expect(e?.message.contains("not interpolated") == true)
    // The same through the source a run uses.
    let weights = Dictionary(uniqueKeysWithValues: Self.mmaxValues.map { ($0, 1.0 / 6) })
    let source = try ForecastSource(forecast: f, bins: Self.bins, mmaxWeights: weights, weightsFile: "w")
    let e2 = GriddedForecastTests.conversionError { _ = try source.rates(labels: ["4.0"], gasYears: [2024]) }
    #expect(e2?.field == "magnitude" && e2?.message.contains("2.35, 2.45") == true)
    // A 0.1 grid between the edges (1.40, 1.50, …, 6.60) has none of them: all 52 are listed.
    let between = (0...52).map { 1.4 + Double($0) * 0.1 }
    let q = Self.write(Self.recipeCSV(magnitudes: between), "between.csv")
    let g = try GriddedForecast(path: q)
    let e3 = GriddedForecastTests.conversionError { _ = try g.rateField(mmax: 6.5, gasYears: [2024], bins: Self.bins) }
    #expect(e3?.file == q && e3?.field == "magnitude", "\(String(describing: e3))")
    #expect(e3?.message.contains("missing engine bin edges 1.45, 1.55, 1.65,") == true, "\(String(describing: e3))")
    #expect(e3?.message.contains(", 6.45, 6.55 inside") == true, "\(String(describing: e3))")
  }

  /// (c) Thresholds must be strictly increasing: two distinct thresholds within 1e-6 are refused (file, the
  /// later-appearing line, field `magnitude`); the row order itself is free (a descending magnitude order
  /// reads to the same forecast).
  @Test func thresholdsNotStrictlyIncreasingAreRefused() throws {
    var lines = Self.recipeCSV(magnitudes: Self.tnoMagnitudes).split(separator: "\n").map(String.init)
    // In one cell and Mmax, 1.55 becomes 1.5500004: 1.55 and 1.5500004 are not strictly increasing.
    let i = try #require(lines.firstIndex { $0.hasPrefix("237000.0,590500.0,5.0,1.55,") })
    lines[i] = lines[i].replacingOccurrences(of: ",1.55,", with: ",1.5500004,")
    let (e, p) = GriddedForecastTests.failure(lines.joined(separator: "\n") + "\n", "grid-near-thresholds.csv")
    #expect(e?.file == p && e?.line == i + 1 && e?.field == "magnitude", "\(String(describing: e))")
    #expect(e?.message.contains("strictly increasing") == true)

    let original = Self.recipeCSV(magnitudes: Self.tnoMagnitudes)
    var rows = original.split(separator: "\n")
    let header = rows.removeFirst()
    let descending = ([header] + rows.reversed()).joined(separator: "\n") + "\n"
    let f = try GriddedForecast(path: Self.write(original, "ascending.csv"))
    let g = try GriddedForecast(path: Self.write(descending, "descending.csv"))
    #expect(f == g && g.magnitudes == Self.tnoMagnitudes)
  }

  /// The range of the grid (README "Forecasts"): a forecast starting above Mmin 1.45 is refused; one stopping
  /// below 6.55 converts for every Mmax ≤ its last threshold (N = 0 above it: the same rates as the full grid)
  /// and is refused for a larger Mmax, naming the first unknown N(≥ edge).
  @Test func gridStartingAboveMminOrStoppingBelowMmax() throws {
    let late = Self.write(Self.recipeCSV(magnitudes: Array(Self.tnoMagnitudes.dropFirst())), "late.csv")
    let f = try GriddedForecast(path: late)
    let e = GriddedForecastTests.conversionError { _ = try f.rateField(mmax: 4.0, gasYears: [2024], bins: Self.bins) }
    #expect(e?.file == late && e?.line == nil && e?.field == "magnitude", "\(String(describing: e))")
    #expect(e?.message.contains("does not cover Mmin: its first threshold 1.5 is above") == true)

    // TNO's grid up to 5.0 (thresholds 0 … 71).
    let short = Self.write(Self.recipeCSV(magnitudes: Array(Self.tnoMagnitudes[0...71])), "short.csv")
    let g = try GriddedForecast(path: short)
    #expect(g.magnitudes.last == 5.0)
    let full = try GriddedForecast(path: Self.write(Self.recipeCSV(magnitudes: Self.tnoMagnitudes), "full.csv"))
    for mmax in [4.0, 4.5, 5.0] {
      let a = try g.rateField(mmax: mmax, gasYears: [2024], bins: Self.bins)
      let b = try full.rateField(mmax: mmax, gasYears: [2024], bins: Self.bins)
      #expect(a.rates.map(\.bitPattern) == b.rates.map(\.bitPattern), "mmax \(mmax)")
    }
    for mmax in [5.5, 6.0, 6.5] {
      let e2 = GriddedForecastTests.conversionError {
        _ = try g.rateField(mmax: mmax, gasYears: [2024], bins: Self.bins)
      }
      #expect(e2?.file == short && e2?.line == nil && e2?.field == "magnitude", "\(String(describing: e2))")
      #expect(e2?.message.contains("last threshold 5.0 is below mmax \(mmax): N(≥ 5.05) is unknown") == true)
    }
  }
}
