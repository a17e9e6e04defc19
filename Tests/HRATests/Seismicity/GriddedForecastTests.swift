import Foundation
import Testing

@testable import HRA

/// The external gridded forecast: reading, validation (file, line, field of every error), conversion to
/// the engine's bins, and the export round trip.
@Suite struct GriddedForecastTests {
  // A 2 × 2 grid (500 m), two mmax values, thresholds 1.45 … 2.05 step 0.1.
  static let xs = ["237000", "237500"], ys = ["590000", "590500"]
  static let mmaxText = ["2.0", "4.0"]
  static let magText = ["1.45", "1.55", "1.65", "1.75", "1.85", "1.95", "2.05"]
  /// Columns in an order other than the writer's, to show the order does not matter.
  static let columns = ["magnitude", "x_rd_m", "rate_ge_per_yr", "y_rd_m", "mmax"]
  static let engineBins = MagnitudeBins(lower: 1.45, width: 0.1, count: 51)
  static let sixBins = MagnitudeBins(lower: 1.45, width: 0.1, count: 6)

  /// N(≥ m_k) in cell c (cells ordered by y, then x), mmax index j, times a gas-year factor f:
  /// mmax 2.0: s·(6 − k)/8 (N(≥ 2.05) = 0); mmax 4.0: s·2^−k; s = (c + 1)·f. All dyadic: exact differences.
  static func count(cell c: Int, mmax j: Int, magnitude k: Int, factor f: Double = 1) -> Double {
    let s = Double(c + 1) * f
    return j == 0 ? s * Double(6 - k) / 8 : s * pow(2, -Double(k))
  }

  /// The rows of the small forecast as column → text, in a scrambled order (magnitude descending
  /// outermost, cells reversed); with `years`, one block per gas year with factor year − 2023.
  static func rows(years: [Int]? = nil, magnitudes: [String] = magText) -> [[String: String]] {
    var out: [[String: String]] = []
    for k in magnitudes.indices.reversed() {
      for (j, m) in mmaxText.enumerated() {
        for c in (0..<4).reversed() {
          for y in years ?? [0] {
            var r = [
              "x_rd_m": xs[c % 2], "y_rd_m": ys[c / 2], "mmax": m, "magnitude": magnitudes[k],
              "rate_ge_per_yr": count(cell: c, mmax: j, magnitude: k, factor: years == nil ? 1 : Double(y - 2023))
                .description,
            ]
            if years != nil { r["gas_year"] = String(y) }
            out.append(r)
          }
        }
      }
    }
    return out
  }

  static func text(_ rows: [[String: String]], columns: [String] = columns, newline: String = "\n") -> String {
    ([columns.joined(separator: ",")] + rows.map { r in columns.map { r[$0] ?? "" }.joined(separator: ",") })
      .map { $0 + newline }.joined()
  }

  /// The physical line of `rows[i]` in `text(rows)` (the header is line 1).
  static func line(_ i: Int) -> Int { i + 2 }

  static func write(_ text: String, _ name: String) -> String {
    SeismicityFixtures.temporaryFile(text, "forecast-\(name)")
  }

  /// Reads a forecast file expected to be invalid; returns the error and the path.
  static func failure(_ text: String, _ name: String) -> (error: InputError?, path: String) {
    let p = write(text, name)
    do {
      _ = try GriddedForecast(path: p)
      return (nil, p)
    } catch let e as InputError {
      return (e, p)
    } catch {
      return (nil, p)
    }
  }

  static func conversionError(_ body: () throws -> Void) -> InputError? {
    do { try body() } catch let e as InputError { return e } catch {}
    return nil
  }

  // MARK: - Valid forecasts

  @Test func smallForecastConvertsToHandComputedBinRates() throws {
    let p = Self.write(Self.text(Self.rows(), newline: "\r\n"), "valid.csv")
    let f = try GriddedForecast(path: p)
    #expect(f.cellX == [237000, 237500, 237000, 237500])
    #expect(f.cellY == [590000, 590000, 590500, 590500])
    #expect(f.dx == 500 && f.dy == 500)
    #expect(f.mmaxValues == [2, 4])
    #expect(f.magnitudes == Self.magText.map { Double($0)! })
    #expect(f.gasYears == nil && f.yearCount == 1)
    #expect(f.count(year: 0, mmax: 1, cell: 2, magnitude: 3) == 3.0 / 8)

    // Six engine bins 1.45 … 2.05 = the thresholds: bin k = N(≥ m_k) − N(≥ m_k+1).
    // mmax 4.0, cell 2 (x 237000, y 590500, s = 3): 3·2^−k − 3·2^−(k+1) = 3·2^−(k+1).
    let r4 = try f.rateField(mmax: 4.0, gasYears: [2024, 2025], bins: Self.sixBins)
    #expect(r4.gasYears == [2024, 2025])
    #expect(r4.cellX == f.cellX && r4.cellY == f.cellY)
    #expect(r4.magnitudes == Self.sixBins.centres)
    #expect(Array(r4.rates[12..<18]) == [1.5, 0.75, 0.375, 0.1875, 0.09375, 0.046875])
    // Cell 0 (s = 1): 2^−(k+1).
    #expect(Array(r4.rates[0..<6]) == [0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625])
    // Without gas years the forecast holds every year.
    #expect(Array(r4.rates[0..<24]) == Array(r4.rates[24..<48]))

    // mmax 2.0 on the engine's 51 bins: s·(6 − k)/8 gives s/8 in each of the six bins to 2.05; edges above the
    // last threshold 2.05 (≥ mmax) have N = 0, so bin 6 (2.05–2.15) gets N(≥ 2.05) − 0 = 0 and so on.
    let r2 = try f.rateField(mmax: 2.0, gasYears: [2030], bins: Self.engineBins)
    #expect(r2.binCount == 51 && r2.cellCount == 4)
    #expect(Array(r2.rates[0..<51]) == [Double](repeating: 0.125, count: 6) + [Double](repeating: 0, count: 45))
    #expect(Array(r2.rates[153..<204]) == [Double](repeating: 0.5, count: 6) + [Double](repeating: 0, count: 45))
    #expect(abs(r2.total(year: 0) - (1 + 2 + 3 + 4) * 0.75) < 1e-15)

    // Deterministic writer: sorted rows, the writer's column order, numbers as Double.description.
    let lines = f.csvText().split(separator: "\n")
    #expect(lines.count == 1 + 4 * 2 * 7)
    #expect(lines[0] == "x_rd_m,y_rd_m,mmax,magnitude,rate_ge_per_yr")
    #expect(lines[1] == "237000.0,590000.0,2.0,1.45,0.75")
    #expect(lines[2] == "237000.0,590000.0,2.0,1.55,0.625")
    #expect(lines[8] == "237500.0,590000.0,2.0,1.45,1.5")
    #expect(lines[29] == "237000.0,590000.0,4.0,1.45,1.0")
  }

  /// The fast numeric path of ``GriddedForecast/init(path:progress:)`` and the CSVTable path give
  /// the same forecast: scrambled rows, per-year blocks, CRLF, and the writer's own text.
  @Test func fastReaderEqualsTheTableReader() throws {
    let texts = [
      Self.text(Self.rows()), Self.text(Self.rows(years: [2025, 2024]), columns: Self.columns + ["gas_year"]),
      Self.text(Self.rows(), newline: "\r\n"),
    ]
    for (i, text) in texts.enumerated() {
      let p = Self.write(text, "fast-\(i).csv")
      #expect(NumericColumns.read(Data(text.utf8)) != nil)  // the fast path is taken
      let fast = try GriddedForecast(path: p)
      let table = try GriddedForecast(table: CSVTable(contentsOf: p))
      #expect(fast == table && fast.csvText() == table.csvText())
      let again = Self.write(fast.csvText(), "fast-\(i)-rewritten.csv")
      #expect(try GriddedForecast(path: again) == fast)
    }
  }

  @Test func perGasYearForecast() throws {
    let p = Self.write(Self.text(Self.rows(years: [2025, 2024]), columns: Self.columns + ["gas_year"]), "years.csv")
    let f = try GriddedForecast(path: p)
    #expect(f.gasYears == [2024, 2025])
    // Factor year − 2023: 2025 doubles the counts; years come out in the requested order.
    let r = try f.rateField(mmax: 4.0, gasYears: [2025, 2024], bins: Self.sixBins)
    #expect(r.gasYears == [2025, 2024])
    #expect(Array(r.rates[12..<18]) == [3, 1.5, 0.75, 0.375, 0.1875, 0.09375])
    #expect(Array(r.rates[36..<42]) == [1.5, 0.75, 0.375, 0.1875, 0.09375, 0.046875])
    let e = Self.conversionError { _ = try f.rateField(mmax: 4.0, gasYears: [2024, 2026], bins: Self.sixBins) }
    #expect(e?.file == p && e?.line == nil && e?.field == "gas_year")
    #expect(e?.message.contains("2026") == true)

    let lines = f.csvText().split(separator: "\n")
    #expect(lines[0] == "x_rd_m,y_rd_m,mmax,magnitude,rate_ge_per_yr,gas_year")
    #expect(lines[1] == "237000.0,590000.0,2.0,1.45,0.75,2024")
    #expect(lines[57] == "237000.0,590000.0,2.0,1.45,1.5,2025")
    // The written text reads back to the same forecast and the same text.
    let q = Self.write(f.csvText(), "years-rewritten.csv")
    let g = try GriddedForecast(path: q)
    #expect(g == f && g.csvText() == f.csvText())
  }

  /// Rates of the engine's shape on an L-shaped 500 m grid: zero above mmax, a GR-like fall with noise.
  static func engineRates(mmax: Double, years: [Int], grid: SourceGrid, dyadic: Bool, seed: UInt64) -> RateField {
    var rng = RandomStream(seed: seed, keys: [UInt64(mmax * 10)])
    let centres = engineBins.centres
    var rates: [Double] = []
    for _ in years {
      for _ in 0..<grid.count {
        let a = rng.uniform()
        for m in centres {
          guard m < mmax else {
            rates.append(0)
            continue
          }
          let v = a * pow(10, -(m - 1.5)) * (0.5 + rng.uniform())
          rates.append(dyadic ? (v * 1024).rounded() / 1024 : v)
        }
      }
    }
    return RateField(gasYears: years, cellX: grid.x, cellY: grid.y, magnitudes: centres, rates: rates)
  }

  @Test func exportRoundTrip() throws {
    let ox: [Double] = [0, 2100, 2100, 1100, 1100, 0]
    let oy: [Double] = [0, 0, 1100, 1100, 2100, 2100]
    let grid = SourceGrid(outlineX: ox.map { $0 + 230_250 }, outlineY: oy.map { $0 + 580_250 }, spacing: 500)
    #expect(grid.count == 12)
    let years = [2024, 2025, 2026]
    for dyadic in [false, true] {
      var fields: [Double: RateField] = [:]
      for (i, m) in [4.0, 5.5].enumerated() {
        fields[m] = Self.engineRates(mmax: m, years: years, grid: grid, dyadic: dyadic, seed: UInt64(7 + i))
      }
      let f = try GriddedForecast(rateFields: fields, bins: Self.engineBins)
      #expect(f.dx == 500 && f.dy == 500)
      #expect(f.magnitudes == Self.engineBins.edges && f.gasYears == years && f.mmaxValues == [4.0, 5.5])
      #expect(f.cellX == grid.x && f.cellY == grid.y)
      let p = SeismicityFixtures.temporaryFile("", "forecast-export-\(dyadic).csv")
      try f.write(to: p)
      let g = try GriddedForecast(path: p)
      // Double.description round-trips: the file holds exactly the exported counts.
      #expect(g == f)
      #expect(g.csvText() == f.csvText())
      for (m, r) in fields {
        let back = try g.rateField(mmax: m, gasYears: years, bins: Self.engineBins)
        #expect(back.rates == (try f.rateField(mmax: m, gasYears: years, bins: Self.engineBins)).rates)
        #expect(back.cellX == r.cellX && back.cellY == r.cellY && back.magnitudes == r.magnitudes)
        if dyadic {
          // Multiples of 1/1024: the suffix sums and their differences are exact.
          #expect(back.rates == r.rates)
        } else {
          // To rounding: differences of sums carry the rounding of N(≥ Mmin) of the (year, cell).
          var worst = 0.0
          for block in 0..<(years.count * grid.count) {
            let sl = (block * 51)..<((block + 1) * 51)
            let n0 = r.rates[sl].reduce(0, +)
            for i in sl { worst = max(worst, abs(back.rates[i] - r.rates[i]) / n0) }
          }
          #expect(worst <= Tolerance.algebra)
        }
      }
    }
  }

  // MARK: - Bad input: file, line and field

  @Test func missingAndExtraColumns() {
    let noRate = Self.columns.filter { $0 != "rate_ge_per_yr" }
    var (e, p) = Self.failure(Self.text(Self.rows(), columns: noRate), "missing.csv")
    #expect(e?.file == p && e?.line == 1 && e?.field == "rate_ge_per_yr", "\(String(describing: e))")
    (e, p) = Self.failure(Self.text(Self.rows(), columns: Self.columns + ["comment", "source"]), "extra.csv")
    #expect(e?.file == p && e?.line == 1 && e?.field == "comment", "\(String(describing: e))")
    #expect(e?.message.contains("comment, source") == true)
  }

  @Test func emptyFileAndHeaderOnly() {
    var (e, p) = Self.failure("", "empty.csv")
    #expect(e?.file == p && e?.line == nil && e?.field == nil, "\(String(describing: e))")
    (e, p) = Self.failure(Self.text([]), "header-only.csv")
    #expect(e?.file == p && e?.line == 1 && e?.field == nil, "\(String(describing: e))")
  }

  @Test func nonFiniteOrNegativeRate() {
    for (i, bad) in ["inf", "nan", "-0.25", ""].enumerated() {
      var rows = Self.rows()
      rows[5]["rate_ge_per_yr"] = bad
      let (e, p) = Self.failure(Self.text(rows), "rate-\(i).csv")
      #expect(
        e?.file == p && e?.line == Self.line(5) && e?.field == "rate_ge_per_yr", "\(bad): \(String(describing: e))")
    }
  }

  @Test func nanCoordinates() {
    for (i, field) in ["x_rd_m", "y_rd_m"].enumerated() {
      var rows = Self.rows()
      rows[9][field] = i == 0 ? "NaN" : "nan"
      let (e, p) = Self.failure(Self.text(rows), "nan-\(field).csv")
      #expect(e?.file == p && e?.line == Self.line(9) && e?.field == field, "\(String(describing: e))")
    }
  }

  @Test func duplicateRowNamesTheFirstLine() {
    var rows = Self.rows()
    rows.append(rows[2])
    let (e, p) = Self.failure(Self.text(rows), "duplicate.csv")
    #expect(e?.file == p && e?.line == Self.line(rows.count - 1) && e?.field == nil, "\(String(describing: e))")
    #expect(e?.message.contains("line \(Self.line(2))") == true)
  }

  @Test func countsIncreasingWithMagnitude() throws {
    var rows = Self.rows()
    let i = try #require(
      rows.firstIndex {
        $0["x_rd_m"] == "237500" && $0["y_rd_m"] == "590000" && $0["mmax"] == "4.0" && $0["magnitude"] == "1.65"
      })
    rows[i]["rate_ge_per_yr"] = "100"  // N(≥ 1.65) > N(≥ 1.55) = 1
    let (e, p) = Self.failure(Self.text(rows), "increasing.csv")
    #expect(e?.file == p && e?.line == Self.line(i) && e?.field == "rate_ge_per_yr", "\(String(describing: e))")
  }

  @Test func incompleteCubeNamesAMissingCombination() {
    func cell(_ r: [String: String]) -> Bool { r["x_rd_m"] == "237000" && r["y_rd_m"] == "590500" }
    // One magnitude missing.
    var rows = Self.rows()
    rows.removeAll { cell($0) && $0["mmax"] == "4.0" && $0["magnitude"] == "1.85" }
    var (e, p) = Self.failure(Self.text(rows), "incomplete-magnitude.csv")
    let first = Self.line(rows.firstIndex(where: cell)!)
    #expect(e?.file == p && e?.line == first && e?.field == "magnitude", "\(String(describing: e))")
    #expect(e?.message.contains("mmax 4.0, magnitude 1.85") == true)
    // A whole mmax missing in one cell.
    rows = Self.rows()
    rows.removeAll { cell($0) && $0["mmax"] == "4.0" }
    (e, p) = Self.failure(Self.text(rows), "incomplete-mmax.csv")
    #expect(e?.file == p && e?.line == Self.line(rows.firstIndex(where: cell)!) && e?.field == "mmax")
    // A whole gas year missing in one cell.
    rows = Self.rows(years: [2024, 2025])
    rows.removeAll { cell($0) && $0["gas_year"] == "2025" }
    (e, p) = Self.failure(Self.text(rows, columns: Self.columns + ["gas_year"]), "incomplete-year.csv")
    #expect(e?.file == p && e?.line == Self.line(rows.firstIndex(where: cell)!) && e?.field == "gas_year")
    #expect(e?.message.contains("gas_year 2025") == true)
  }

  @Test func irregularGrid() {
    // x = 238250 is 750 m from 237500: not 237000 + i·500.
    var rows = Self.rows()
    var odd = rows[0]
    odd["x_rd_m"] = "238250"
    rows.insert(odd, at: 3)
    var (e, p) = Self.failure(Self.text(rows), "irregular-x.csv")
    #expect(e?.file == p && e?.line == Self.line(3) && e?.field == "x_rd_m", "\(String(describing: e))")
    // y off the lattice by 1 m (> 1e-6 · 500 m).
    rows = Self.rows()
    rows[7]["y_rd_m"] = "591001"
    (e, p) = Self.failure(Self.text(rows), "irregular-y.csv")
    #expect(e?.file == p && e?.line == Self.line(7) && e?.field == "y_rd_m", "\(String(describing: e))")
    // A near-duplicate coordinate is not a second cell 1e-7 m away.
    rows = Self.rows()
    rows[11]["x_rd_m"] = "237000.0000001"
    (e, p) = Self.failure(Self.text(rows), "irregular-near.csv")
    #expect(e?.file == p && e?.line == Self.line(11) && e?.field == "x_rd_m", "\(String(describing: e))")
    // A single cell has no spacing.
    rows = Self.rows().filter { $0["x_rd_m"] == "237000" && $0["y_rd_m"] == "590000" }
    (e, p) = Self.failure(Self.text(rows), "single-cell.csv")
    #expect(e?.file == p && e?.line == 2 && e?.field == "x_rd_m", "\(String(describing: e))")
    // Two eastings so far apart that the spacing overflows to infinity: an error, not a precondition
    // failure (found by fuzzing: Fuzz/regressions/forecast/infinite-grid-spacing.csv).
    rows = Self.rows().map { r in r.merging(["x_rd_m": r["x_rd_m"] == "237000" ? "-1e308" : "1e308"]) { $1 } }
    (e, p) = Self.failure(Self.text(rows), "infinite-spacing.csv")
    let firstLines = ["-1e308", "1e308"].map { x in Self.line(rows.firstIndex { $0["x_rd_m"] == x }!) }
    #expect(e?.file == p && e?.line == firstLines.max() && e?.field == "x_rd_m", "\(String(describing: e))")
    #expect(e?.message.contains("not a finite number") == true, "\(String(describing: e))")
  }

  /// A hole: a lattice point without rows whose four neighbours are cells of the forecast is read
  /// as a cell without earthquakes; `holes()` finds it and a run warns (issue 29; not refused, as
  /// the built-in model's own export has such cells). A notch in the outline is not a hole.
  @Test func holeInTheGridIsFoundAndWarned() throws {
    func grid(without missing: [(Int, Int)]) -> String {
      var rows: [[String: String]] = []
      for j in 0..<3 {
        for i in 0..<3 where !missing.contains(where: { $0 == (i, j) }) {
          for (k, m) in Self.magText.enumerated() {
            rows.append([
              "x_rd_m": String(237000 + 500 * i), "y_rd_m": String(590000 + 500 * j), "mmax": "4.0",
              "magnitude": m, "rate_ge_per_yr": pow(2, -Double(k)).description,
            ])
          }
        }
      }
      return Self.text(rows)
    }
    let hole = try GriddedForecast(path: Self.write(grid(without: [(1, 1)]), "hole.csv"))
    #expect(hole.holes().map { [$0.x, $0.y] } == [[237500, 590500]])
    let notch = try GriddedForecast(path: Self.write(grid(without: [(1, 0)]), "notch.csv"))
    #expect(notch.cellX.count == 8 && notch.holes().isEmpty)
    #expect(try GriddedForecast(path: Self.write(grid(without: []), "full.csv")).holes().isEmpty)
  }

  @Test func magnitudeThresholds() throws {
    // Unequal steps are allowed (1.65 left out) ...
    let gapped = Self.rows().filter { $0["magnitude"] != "1.65" }
    let p = Self.write(Self.text(gapped), "gapped.csv")
    let f = try GriddedForecast(path: p)
    #expect(f.magnitudes.count == 6)
    // ... but the conversion needs every bin edge: no interpolation.
    let e = Self.conversionError { _ = try f.rateField(mmax: 2.0, gasYears: [2024], bins: Self.sixBins) }
    #expect(e?.file == p && e?.line == nil && e?.field == "magnitude", "\(String(describing: e))")
    #expect(e?.message.contains("bin edge 1.65") == true)
    // Two thresholds within 1e-6 are not strictly increasing: the later-appearing one is named.
    var rows = Self.rows()
    let i = rows.lastIndex { $0["magnitude"] == "1.45" }!
    rows[i]["magnitude"] = "1.4500000001"
    let (e2, p2) = Self.failure(Self.text(rows), "near-magnitudes.csv")
    let firstOther = rows.firstIndex { $0["magnitude"] == "1.45" }!
    #expect(e2?.file == p2 && e2?.line == Self.line(max(i, firstOther)) && e2?.field == "magnitude")
  }

  @Test func gasYearNotAnInteger() {
    var rows = Self.rows(years: [2024, 2025])
    rows[4]["gas_year"] = "2024.5"
    let (e, p) = Self.failure(Self.text(rows, columns: Self.columns + ["gas_year"]), "year.csv")
    #expect(e?.file == p && e?.line == Self.line(4) && e?.field == "gas_year", "\(String(describing: e))")
  }

  // MARK: - Conversion errors

  @Test func conversionErrors() throws {
    let p = Self.write(Self.text(Self.rows()), "convert.csv")
    let f = try GriddedForecast(path: p)
    // The last threshold 2.05 is below mmax 4.0 while the engine's bins reach 6.55.
    var e = Self.conversionError { _ = try f.rateField(mmax: 4.0, gasYears: [2024], bins: Self.engineBins) }
    #expect(e?.file == p && e?.line == nil && e?.field == "magnitude" && e?.message.contains("below mmax") == true)
    // An mmax the forecast lacks.
    e = Self.conversionError { _ = try f.rateField(mmax: 3.0, gasYears: [2024], bins: Self.sixBins) }
    #expect(e?.file == p && e?.line == nil && e?.field == "mmax")
    // Thresholds between the engine's edges (1.4, 1.5, …, 2.0): none of the edges, all of them listed.
    let shifted = ["1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "2.0"]
    let q = Self.write(Self.text(Self.rows(magnitudes: shifted)), "shifted.csv")
    let g = try GriddedForecast(path: q)
    e = Self.conversionError { _ = try g.rateField(mmax: 2.0, gasYears: [2024], bins: Self.sixBins) }
    #expect(e?.file == q && e?.line == nil && e?.field == "magnitude", "\(String(describing: e))")
    #expect(e?.message.contains("missing engine bin edges 1.45, 1.55, 1.65, 1.75, 1.85, 1.95 inside") == true)
    #expect(e?.message.contains("must include the engine's bin edges 1.45, 1.55, …, 2.05") == true)
    // The forecast starts above Mmin.
    let r = Self.write(Self.text(Self.rows().filter { $0["magnitude"] != "1.45" }), "above-mmin.csv")
    let h = try GriddedForecast(path: r)
    e = Self.conversionError { _ = try h.rateField(mmax: 2.0, gasYears: [2024], bins: Self.sixBins) }
    #expect(e?.file == r && e?.line == nil && e?.field == "magnitude" && e?.message.contains("Mmin") == true)
  }

  @Test func mmaxWeights() throws {
    let f = try GriddedForecast(path: Self.write(Self.text(Self.rows()), "weights.csv"))
    try f.validate(mmaxWeights: [2.0: 0.25, 4.0: 0.75], file: "w.csv")
    let cases: [([Double: Double], String, String)] = [
      ([2.0: 1.0], "mmax", "4.0"),  // no weight for mmax 4.0
      ([2.0: 0.5, 4.0: 0.25, 5.0: 0.25], "mmax", "5.0"),  // a weight for an mmax the forecast lacks
      ([2.0: 1.5, 4.0: -0.5], "weight", "outside"),
      ([2.0: 0.5, 4.0: 0.4], "weight", "sum"),
    ]
    for (w, field, text) in cases {
      let e = Self.conversionError { try f.validate(mmaxWeights: w, file: "w.csv") }
      #expect(
        e?.file == "w.csv" && e?.line == nil && e?.field == field && e?.message.contains(text) == true,
        "\(w): \(String(describing: e))")
    }
  }
}
