import Foundation

/// An external gridded seismicity forecast: survival counts per source cell, maximum magnitude
/// and (optionally) gas year, as in TNO's public seismic source model (`forecast` DataArray,
/// dims mmax × magnitude × x × y).
///
/// ```
/// N(≥ m | cell, Mmax[, gas year]) = expected number of events per year with magnitude ≥ m   [1/yr]
/// counts[((yearIndex·mmaxCount + mmaxIndex)·cellCount + cell)·magnitudeCount + k] = N(≥ magnitudes[k])
/// ```
/// The file is a CSV table with a header and exactly the columns
/// `x_rd_m, y_rd_m, mmax, magnitude, rate_ge_per_yr` in any order, plus an optional `gas_year`
/// (an integer y meaning gas year y/y+1). One row per (cell, mmax, magnitude[, gas year]); the
/// cell is centred at (x_rd_m, y_rd_m), RD New metres (EPSG:28992). Without `gas_year` the same
/// rates hold in every gas year. ``init(path:)`` validates the table (see there);
/// ``rateField(mmax:gasYears:bins:)`` converts one Mmax to the engine's binned rates (the thresholds
/// must include the engine's bin edges, e.g. TNO's 0.05 grid 1.45 … 6.55; other thresholds are ignored);
/// ``csvText()`` writes the same format back; ``init(rateFields:bins:dx:dy:source:)`` builds a
/// forecast from the engine's own rates (export).
///
/// Cells are ordered by northing, then easting (the order of ``SourceGrid``); mmax values,
/// magnitude thresholds and gas years ascending. Two forecasts are equal when their grids,
/// axes and counts are; `source` is not compared.
package struct GriddedForecast: Sendable, Equatable {
  /// The required columns, in the order ``csvText()`` writes them.
  package static let columns = ["x_rd_m", "y_rd_m", "mmax", "magnitude", "rate_ge_per_yr"]
  /// The optional gas-year column (written last).
  package static let gasYearColumn = "gas_year"
  /// Magnitudes (thresholds, mmax values, engine bin edges) closer than this are the same [magnitude units].
  package static let magnitudeTolerance = 1e-6
  /// A coordinate is on the grid when within this fraction of the spacing of x0 + i·dx.
  package static let latticeTolerance = 1e-6
  /// Logic-tree mmax weights must sum to 1 within this.
  package static let weightTolerance = 1e-9
  /// A grid spacing implying more steps than this across the forecast is rejected (near-duplicate coordinates).
  package static let maximumGridSteps = 1_000_000.0

  /// Where the forecast came from (the file path as given), used in error messages.
  package let source: String
  /// Cell-centre eastings and northings, RD m, ordered by northing then easting.
  package let cellX: [Double]
  package let cellY: [Double]
  /// Grid spacing in x and y, m: the smallest difference between distinct coordinates (the other
  /// axis's spacing when all cells share one coordinate).
  package let dx: Double
  package let dy: Double
  /// The maximum magnitudes, ascending.
  package let mmaxValues: [Double]
  /// The magnitude thresholds m of N(≥ m), strictly ascending (not necessarily equally spaced).
  package let magnitudes: [Double]
  /// Gas years (y = gas year y/y+1), ascending; `nil` when the forecast holds every year.
  package let gasYears: [Int]?
  /// Survival counts N(≥ m) [1/yr], flat: gas year (one block when `gasYears` is nil), mmax, cell, threshold.
  package let counts: [Double]

  /// Number of cells.
  package var cellCount: Int { cellX.count }
  /// Number of gas-year blocks of `counts`: `gasYears.count`, or 1 when the forecast holds every year.
  package var yearCount: Int { gasYears?.count ?? 1 }

  /// N(≥ magnitudes[k]) [1/yr] in a cell for gas-year block `t`, mmax index `j`.
  @inline(__always) package func count(year t: Int, mmax j: Int, cell c: Int, magnitude k: Int) -> Double {
    counts[((t * mmaxValues.count + j) * cellCount + c) * magnitudes.count + k]
  }

  package static func == (a: GriddedForecast, b: GriddedForecast) -> Bool {
    a.cellX == b.cellX && a.cellY == b.cellY && a.dx == b.dx && a.dy == b.dy && a.mmaxValues == b.mmaxValues
      && a.magnitudes == b.magnitudes && a.gasYears == b.gasYears && a.counts == b.counts
  }

  /// A forecast from its parts; the arguments must already satisfy the invariants (checked by preconditions).
  ///
  /// ```
  /// counts.count = (gasYears?.count ?? 1) · mmaxValues.count · cellX.count · magnitudes.count
  /// ```
  /// Cells sorted by (y, x) without repeats; mmax values, magnitudes and gas years strictly increasing;
  /// counts finite, ≥ 0 and non-increasing in magnitude; dx, dy > 0.
  package init(
    cellX: [Double], cellY: [Double], dx: Double, dy: Double, mmaxValues: [Double], magnitudes: [Double],
    gasYears: [Int]?, counts: [Double], source: String = "forecast"
  ) {
    precondition(cellX.count == cellY.count && !cellX.isEmpty, "cell coordinate arrays differ in length or are empty")
    precondition(dx > 0 && dy > 0 && dx.isFinite && dy.isFinite, "grid spacing must be positive")
    precondition(zip(cellX, cellY).allSatisfy { $0.isFinite && $1.isFinite })
    for c in 1..<max(cellX.count, 1) {
      precondition(
        cellY[c - 1] < cellY[c] || (cellY[c - 1] == cellY[c] && cellX[c - 1] < cellX[c]), "cells not sorted by (y, x)")
    }
    precondition(GriddedForecast.strictlyIncreasing(mmaxValues) && !mmaxValues.isEmpty, "mmax values not increasing")
    precondition(GriddedForecast.strictlyIncreasing(magnitudes) && !magnitudes.isEmpty, "magnitudes not increasing")
    if let g = gasYears {
      precondition(!g.isEmpty && zip(g, g.dropFirst()).allSatisfy { $0 < $1 }, "gas years not increasing")
    }
    let k = magnitudes.count
    let size = (gasYears?.count ?? 1) * mmaxValues.count * cellX.count * k
    precondition(counts.count == size, "counts have the wrong size")
    precondition(counts.allSatisfy { $0 >= 0 && $0.isFinite }, "counts must be finite and non-negative")
    for g in stride(from: 0, to: counts.count, by: k) {
      for i in 1..<k { precondition(counts[g + i] <= counts[g + i - 1], "survival counts increase with magnitude") }
    }
    self.source = source
    self.cellX = cellX
    self.cellY = cellY
    self.dx = dx
    self.dy = dy
    self.mmaxValues = mmaxValues
    self.magnitudes = magnitudes
    self.gasYears = gasYears
    self.counts = counts
  }

  private static func strictlyIncreasing(_ v: [Double]) -> Bool {
    v.allSatisfy(\.isFinite) && zip(v, v.dropFirst()).allSatisfy { $0 < $1 }
  }
}

// MARK: - Reading

extension GriddedForecast {
  /// The holes of the grid: lattice points x0 + i·dx, y0 + j·dy without rows whose four
  /// neighbours (i ± 1, j ± 1) are cells of the forecast, ordered by y, then x. A cell that is not
  /// given has no earthquakes; an outline (cells over the field only, with notches) is normal, but
  /// a single cell missing inside it may be a mistake, so a run warns about holes (``ModelSet``).
  /// They are not refused: the built-in model's own export can have them (source cells enclosed
  /// by others but outside the reservoir).
  package func holes() -> [(x: Double, y: Double)] {
    guard let x0 = cellX.min(), let y0 = cellY.min() else { return [] }
    struct Point: Hashable { var i: Int, j: Int }
    let points = (0..<cellCount).map {
      Point(i: Int(((cellX[$0] - x0) / dx).rounded()), j: Int(((cellY[$0] - y0) / dy).rounded()))
    }
    let onGrid = Set(points)
    var out: [Point] = []
    for p in points {
      let h = Point(i: p.i + 1, j: p.j)
      if !onGrid.contains(h), onGrid.contains(Point(i: p.i + 2, j: p.j)), onGrid.contains(Point(i: h.i, j: h.j - 1)),
        onGrid.contains(Point(i: h.i, j: h.j + 1))
      {
        out.append(h)
      }
    }
    return out.sorted { ($0.j, $0.i) < ($1.j, $1.i) }.map { (x0 + Double($0.i) * dx, y0 + Double($0.j) * dy) }
  }

  /// Reads and validates a forecast file (format in the type's description).
  ///
  /// Every problem is an ``InputError`` naming the file, the 1-based physical line (header = 1)
  /// and the column:
  /// - a missing column, or any column other than the five required and `gas_year` (line 1, the
  ///   column as field; the message lists all missing or extra columns); an empty file (no line)
  ///   or a header without rows (line 1, no field);
  /// - a non-numeric or non-finite value (NaN and ±inf included) in any numeric column, a negative
  ///   `rate_ge_per_yr`, a `gas_year` that is not an integer (the row, the column);
  /// - coordinates off a regular lattice: with x0 the smallest x and dx the smallest difference of two
  ///   distinct x, every x must lie within 1e-6·dx of x0 + i·dx for an integer i (the first row
  ///   with an offending x; likewise y); more than 10⁶ steps of dx across the forecast means
  ///   near-duplicate coordinates and is an error too; a single cell (no spacing) is an error, and so
  ///   is a spacing that is not a finite number (two coordinates near ±1.8e308);
  /// - two distinct magnitude thresholds (or two mmax values) within 1e-6 of each other: thresholds
  ///   must be strictly increasing (the later-appearing row, field `magnitude`); rows may come in any
  ///   order (the distinct values are sorted) and unequal steps are allowed;
  /// - a repeated (x, y, mmax, magnitude[, gas_year]) (the repeat, no field; the message names the first line);
  /// - an incomplete cube: every cell needs a row for every (gas_year, mmax, magnitude) present in the
  ///   file (the first row of the cell lacking the combination; field `gas_year`, `mmax` or `magnitude`,
  ///   the coarsest level missing; the message names the combination);
  /// - N(≥ m) increasing with m within a (cell, mmax[, gas year]) (the row of the larger threshold,
  ///   field `rate_ge_per_yr`): survival counts must be non-increasing.
  /// - Parameter path: the CSV file.
  /// - Parameter progress: called with the fraction of the file read (a large file's fast path).
  package init(path: String, progress: (Double) -> Void = { _ in }) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: path, "cannot read file")
    }
    if let plain = NumericColumns.read(data, progress: progress), let columns = TableColumns(plain) {
      try self.init(columns: columns, file: path)
    } else {
      try self.init(table: CSVTable(data: data, file: path))
    }
  }

  /// Validates and converts an already parsed table (the checks of ``init(path:)``, in that order;
  /// errors name `t.file`).
  package init(table t: CSVTable) throws {
    try Self.checkColumns(t)
    try self.init(columns: TableColumns(t), file: t.file)
  }

  /// The checks after the values are read (lattice, repeats, completeness, survival counts).
  init(columns: TableColumns, file: String) throws {
    let cube = try TableCube(columns, file: file)
    try cube.checkNoRepeat(columns)
    try cube.checkComplete()
    let counts = try cube.survivalCounts()
    self.init(
      cellX: cube.cellX, cellY: cube.cellY, dx: cube.dx, dy: cube.dy, mmaxValues: cube.mmax.values,
      magnitudes: cube.magnitude.values, gasYears: cube.years, counts: counts, source: file)
  }

  /// The distinct values of one column, sorted, with the first line each appears on.
  struct Axis {
    let values: [Double]
    let firstLine: [Int?]
    let index: [Double: Int]

    init(_ v: [Double], _ lines: [Int]?) {
      var first: [Double: Int] = [:]
      var previous = Double.nan  // rows repeat values in runs: hash only at a change
      for (i, x) in v.enumerated() where x != previous {
        previous = x
        if first[x] == nil { first[x] = lines?[i] ?? -1 }
      }
      values = first.keys.sorted()
      firstLine = values.map { first[$0]! < 0 ? nil : first[$0]! }
      index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
    }

    /// The index of each of `v`'s values (which must be values of the axis), hashing only where
    /// the value changes from the previous row's.
    func indices(_ v: [Double]) -> [Int] {
      var (previous, at) = (Double.nan, 0)
      return v.map { x in
        if x != previous { (previous, at) = (x, index[x]!) }
        return at
      }
    }

    /// The lattice spacing d (smallest gap of distinct values), checking every value is within
    /// 1e-6·d of x0 + i·d; `nil` for a single value.
    func spacing(field: String, file: String) throws -> Double? {
      guard values.count >= 2 else { return nil }
      var d = Double.infinity
      var at = 1
      for i in 1..<values.count where values[i] - values[i - 1] < d {
        d = values[i] - values[i - 1]
        at = i
      }
      guard d.isFinite else {
        throw InputError(
          file: file, line: later(at - 1, at), field: field,
          "not a regular grid: \(field) values \(values[at - 1]) and \(values[at]) are so far apart that their "
            + "difference, the grid spacing, is not a finite number")
      }
      let x0 = values[0]
      if (values.last! - x0) / d > GriddedForecast.maximumGridSteps {
        throw InputError(
          file: file, line: later(at - 1, at), field: field,
          "not a regular grid: \(field) values \(values[at - 1]) and \(values[at]) are only \(d) m apart, more than "
            + "10^6 grid steps across the forecast (near-duplicate coordinates? one cell must have one coordinate)")
      }
      var offending: Int? = nil
      for (i, v) in values.enumerated() {
        let steps = ((v - x0) / d).rounded()
        if abs(v - (x0 + steps * d)) > GriddedForecast.latticeTolerance * d,
          offending == nil || (firstLine[i] ?? .max) < (firstLine[offending!] ?? .max)
        {
          offending = i
        }
      }
      if let i = offending {
        throw InputError(
          file: file, line: firstLine[i], field: field,
          "not a regular grid: \(field) \(values[i]) is not \(x0) + i·\(d) m for an integer i (within 1e-6 of the "
            + "spacing, read as the smallest difference between distinct values)")
      }
      return d
    }

    /// Throws when two distinct values are within the magnitude tolerance (naming the later-appearing one).
    func requireSeparated(field: String, file: String, what: String) throws {
      for i in 1..<max(values.count, 1) where values[i] - values[i - 1] <= GriddedForecast.magnitudeTolerance {
        throw InputError(
          file: file, line: later(i - 1, i), field: field,
          "\(what) must be strictly increasing: \(values[i - 1]) and \(values[i]) differ by less than 1e-6")
      }
    }

    private func later(_ a: Int, _ b: Int) -> Int? {
      guard let la = firstLine[a], let lb = firstLine[b] else { return nil }
      return max(la, lb)
    }
  }
}

// MARK: - Logic-tree weights

extension GriddedForecast {
  /// Checks logic-tree weights for the forecast's mmax values.
  ///
  /// ```
  /// w(Mmax) ∈ [0, 1] for every Mmax of the forecast,  |Σ w − 1| ≤ 1e-9
  /// ```
  /// Keys match mmax values within 1e-6. Errors (file = `file`, no line): an mmax of the forecast
  /// without a weight, or a weight for an mmax the forecast lacks (field `mmax`, the message names
  /// it); a weight outside [0, 1] or weights not summing to 1 (field `weight`).
  /// - Parameters:
  ///   - mmaxWeights: weight per Mmax (e.g. the `mmax` set of `Models/logic-tree/source-branches.csv`).
  ///   - file: the file the weights came from, for the errors.
  package func validate(mmaxWeights: [Double: Double], file: String) throws {
    let tol = Self.magnitudeTolerance
    let given = mmaxWeights.sorted { $0.key < $1.key }
    for m in mmaxValues where !given.contains(where: { abs($0.key - m) <= tol }) {
      throw InputError(
        file: file, field: "mmax",
        "no weight for mmax \(m) of the forecast \(source) (weights given for "
          + "\(given.map { "\($0.key)" }.joined(separator: ", ")))")
    }
    for (m, w) in given {
      if !mmaxValues.contains(where: { abs($0 - m) <= tol }) {
        throw InputError(
          file: file, field: "mmax",
          "weight for mmax \(m), which the forecast \(source) does not have (its mmax values: "
            + "\(mmaxValues.map { "\($0)" }.joined(separator: ", ")))")
      }
      if !(w >= 0 && w <= 1) {
        throw InputError(file: file, field: "weight", "weight \(w) of mmax \(m) outside [0, 1]")
      }
    }
    let sum = given.reduce(0) { $0 + $1.value }
    if abs(sum - 1) > Self.weightTolerance {
      throw InputError(file: file, field: "weight", "mmax weights sum to \(sum), not 1 (within 1e-9)")
    }
  }
}

// MARK: - Conversion to the engine's rates

extension GriddedForecast {
  /// The engine's binned rates for one Mmax: differences of survival counts at the bin edges.
  ///
  /// ```
  /// rates[(t·cells + c)·bins + k] = N(≥ edge_k) − N(≥ edge_{k+1}),   edge_k = lower + k·width   [events/yr]
  /// ```
  /// Magnitudes of the result are the bin centres; cells those of the forecast (same order).
  ///
  /// Magnitude grid: any set of thresholds that *includes* the engine's bin edges is accepted (TNO's
  /// 103 thresholds 1.45, 1.50, …, 6.55, the engine's own 52 edges 1.45, 1.55, …, 6.55, or finer
  /// grids); a threshold matches an edge within 1e-6, and thresholds that are not edges (1.50, 1.60, …)
  /// are ignored, so a forecast and the same forecast reduced to the edges give identical rates.
  /// There is **no interpolation**: a grid that lacks an edge between Mmin (= `bins.lower`) and its
  /// last threshold is refused, naming every missing edge. The range:
  /// - the first threshold must be ≤ Mmin (+ 1e-6); a forecast starting above Mmin is refused (the
  ///   first bin would have no lower count);
  /// - edges above the forecast's last threshold get N = 0, allowed only when that threshold is
  ///   ≥ `mmax` (− 1e-6); a forecast stopping below `mmax` while the engine's bins go on is refused.
  ///
  /// A forecast without gas years gives the same rates for every requested year.
  ///
  /// Errors (``InputError``, file = ``source``, no line): `mmax` not in the forecast (field `mmax`);
  /// a requested gas year missing from a per-year forecast (field `gas_year`, naming the year); the
  /// first threshold above Mmin (the forecast does not cover Mmin); engine edges inside the
  /// forecast's range without a threshold (message `missing engine bin edges 2.35, 2.45 …`, all of
  /// them); the last threshold below `mmax` while the bins extend above it (all field `magnitude`).
  /// Thresholds that are not strictly increasing (two within 1e-6) are refused by ``init(path:)``.
  /// - Parameters:
  ///   - mmax: which maximum magnitude (matched within 1e-6).
  ///   - gasYears: the years of the result, in this order.
  ///   - bins: the engine's magnitude bins (``MagnitudeBins``; HRA: 1.45, 0.1, 51).
  package func rateField(mmax: Double, gasYears years: [Int], bins: MagnitudeBins) throws -> RateField {
    let tol = Self.magnitudeTolerance
    guard let j = mmaxValues.firstIndex(where: { abs($0 - mmax) <= tol }) else {
      throw InputError(
        file: source, field: "mmax",
        "the forecast has no mmax \(mmax) (its mmax values: \(mmaxValues.map { "\($0)" }.joined(separator: ", ")))")
    }
    let blocks: [Int] = try years.map { y in
      guard let g = gasYears else { return 0 }
      guard let t = g.firstIndex(of: y) else {
        throw InputError(
          file: source, field: Self.gasYearColumn,
          "the forecast has no gas year \(y) (it has \(g.map { String($0) }.joined(separator: ", ")))")
      }
      return t
    }
    let edgeIndex = try thresholdIndices(bins: bins, mmax: mmax)
    let nc = cellCount
    let nb = bins.count
    let nk = magnitudes.count
    var rates = [Double](repeating: 0, count: years.count * nc * nb)
    for (t, block) in blocks.enumerated() {
      for c in 0..<nc {
        let base = ((block * mmaxValues.count + j) * nc + c) * nk
        let out = (t * nc + c) * nb
        for k in 0..<nb {
          let lo = edgeIndex[k].map { counts[base + $0] } ?? 0
          let hi = edgeIndex[k + 1].map { counts[base + $0] } ?? 0
          rates[out + k] = lo - hi
        }
      }
    }
    return RateField(gasYears: years, cellX: cellX, cellY: cellY, magnitudes: bins.centres, rates: rates)
  }

  /// For each of the count + 1 bin edges, the index of the forecast threshold equal to it within 1e-6
  /// (the nearest; `nil`: above the last threshold, N = 0). Thresholds that are not edges are skipped.
  /// Throws the conversion errors of ``rateField(mmax:gasYears:bins:)``, checked in this order: Mmin not
  /// covered; engine edges missing inside the forecast's range (all of them listed); the last threshold
  /// below `mmax` while edges lie above it.
  func thresholdIndices(bins: MagnitudeBins, mmax: Double) throws -> [Int?] {
    let tol = Self.magnitudeTolerance
    let edges = bins.edges
    func g(_ v: Double) -> String { String(format: "%g", v) }
    let edgeText =
      "the engine's bin edges \(g(bins.lower)), \(g(bins.lower + bins.width)), …, \(g(bins.upper)) "
      + "(\(g(bins.lower)) + k·\(g(bins.width)), k = 0…\(bins.count))"
    let first = magnitudes.first!
    let last = magnitudes.last!
    if first > edges[0] + tol {
      throw InputError(
        file: source, field: "magnitude",
        "the forecast does not cover Mmin: its first threshold \(first) is above the engine's lowest bin edge "
          + "\(g(edges[0])) (its thresholds must include \(edgeText) from Mmin up to its last threshold)")
    }
    var index: [Int?] = []
    index.reserveCapacity(edges.count)
    var missing: [Double] = []
    var lo = 0  // thresholds below magnitudes[lo] are below the current edge − 1e-6
    for e in edges {
      while lo < magnitudes.count && magnitudes[lo] < e - tol { lo += 1 }
      var best: Int? = nil
      var i = lo
      while i < magnitudes.count && magnitudes[i] <= e + tol {
        if best == nil || abs(magnitudes[i] - e) < abs(magnitudes[best!] - e) { best = i }
        i += 1
      }
      if best == nil && e <= last { missing.append(e) }
      index.append(best)
    }
    if !missing.isEmpty {
      let s = missing.count == 1 ? "" : "s"
      throw InputError(
        file: source, field: "magnitude",
        "missing engine bin edge\(s) \(missing.map(g).joined(separator: ", ")) inside the forecast's magnitude range "
          + "\(first) … \(last): its thresholds must include \(edgeText) from Mmin up to its last threshold (any "
          + "grid containing them is accepted, e.g. TNO's 0.05 grid; other thresholds are ignored); forecasts are "
          + "not interpolated")
    }
    if edges.last! > last + tol && last < mmax - tol {
      let above = edges.first { $0 > last + tol }!
      throw InputError(
        file: source, field: "magnitude",
        "the forecast's last threshold \(last) is below mmax \(mmax): N(≥ \(g(above))) is unknown (the engine's bins "
          + "reach \(g(bins.upper)); N = 0 above the last threshold is assumed only when it is ≥ mmax)")
    }
    return index
  }
}

// MARK: - Writing and export

extension GriddedForecast {
  /// The forecast as CSV text in the reader's format; deterministic.
  ///
  /// ```
  /// x_rd_m,y_rd_m,mmax,magnitude,rate_ge_per_yr[,gas_year]
  /// ```
  /// LF line endings; rows sorted by (gas_year, mmax, y, x, magnitude); numbers as `Double.description`
  /// (the shortest text that reads back to the same double), so ``init(path:)`` of the text returns an
  /// equal forecast.
  package func csvText() -> String {
    let header = Self.columns + (gasYears == nil ? [] : [Self.gasYearColumn])
    var s = header.joined(separator: ",") + "\n"
    s.reserveCapacity(counts.count * 48)
    let nk = magnitudes.count
    var i = 0
    for t in 0..<yearCount {
      let yearText = gasYears.map { ",\($0[t])\n" } ?? "\n"
      for m in mmaxValues {
        let mText = m.description
        for c in 0..<cellCount {
          let cellText = cellX[c].description + "," + cellY[c].description + "," + mText + ","
          for k in 0..<nk {
            s += cellText + magnitudes[k].description + "," + counts[i].description + yearText
            i += 1
          }
        }
      }
    }
    return s
  }

  /// Writes ``csvText()`` to a file atomically (temporary file + rename).
  package func write(to path: String) throws {
    try AtomicOutput.writeFile(Data(csvText().utf8), to: path)
  }

  /// A per-gas-year forecast from the engine's binned rates, one ``RateField`` per Mmax (the export of the
  /// built-in model).
  ///
  /// ```
  /// magnitudes = bins.edges;   N(≥ edge_k) = Σ_{i ≥ k} rate_i,   N(≥ edge_count) = 0   [events/yr]
  /// ```
  /// Cells are sorted by (y, x) and gas years ascending (the ``SourceGrid`` order keeps the cell order,
  /// so `rateField(mmax:gasYears:bins:)` returns the input rates to rounding of the sums).
  /// - Parameters:
  ///   - rateFields: rates per Mmax; all with the same gas years and cells, magnitudes = the bin centres.
  ///   - bins: the bins of the rates.
  ///   - dx, dy: the grid spacing, m; when `nil`, read from the coordinates as by ``init(path:)``.
  ///   - source: a name for the forecast, used in error messages.
  /// - Throws: ``InputError`` (file = `source`) when the fields are empty or disagree, the cells repeat or
  ///   are off a regular lattice, or a spacing cannot be read.
  package init(
    rateFields: [Double: RateField], bins: MagnitudeBins, dx: Double? = nil, dy: Double? = nil,
    source: String = "rate fields"
  ) throws {
    let mm = rateFields.keys.sorted()
    guard let m0 = mm.first, let r0 = rateFields[m0] else {
      throw InputError(file: source, field: "mmax", "no rate fields")
    }
    guard !r0.gasYears.isEmpty, r0.cellCount > 0 else {
      throw InputError(file: source, "rate fields without gas years or cells")
    }
    for i in 1..<mm.count where mm[i] - mm[i - 1] <= Self.magnitudeTolerance {
      throw InputError(file: source, field: "mmax", "mmax values \(mm[i - 1]) and \(mm[i]) differ by less than 1e-6")
    }
    let centres = bins.centres
    for m in mm {
      let r = rateFields[m]!
      guard r.gasYears == r0.gasYears, r.cellX == r0.cellX, r.cellY == r0.cellY else {
        throw InputError(
          file: source, field: "mmax", "the rates of mmax \(m) have other gas years or cells than those of mmax \(m0)")
      }
      let onBins = zip(r.magnitudes, centres).allSatisfy { abs($0 - $1) <= Self.magnitudeTolerance }
      guard r.binCount == bins.count, onBins else {
        throw InputError(
          file: source, field: "magnitude",
          "the rates of mmax \(m) are not on the bins (magnitudes must be the bin centres)")
      }
    }
    let yearOrder = r0.gasYears.indices.sorted { r0.gasYears[$0] < r0.gasYears[$1] }
    let years = yearOrder.map { r0.gasYears[$0] }
    if let d = zip(years, years.dropFirst()).first(where: { $0 == $1 }) {
      throw InputError(file: source, field: Self.gasYearColumn, "gas year \(d.0) given twice")
    }
    let cellOrder = r0.cellX.indices.sorted { (r0.cellY[$0], r0.cellX[$0]) < (r0.cellY[$1], r0.cellX[$1]) }
    let cx = cellOrder.map { r0.cellX[$0] }
    let cy = cellOrder.map { r0.cellY[$0] }
    for c in 1..<max(cx.count, 1) where cx[c] == cx[c - 1] && cy[c] == cy[c - 1] {
      throw InputError(file: source, field: "x_rd_m", "cell (\(cx[c]), \(cy[c])) given twice")
    }
    guard cx.allSatisfy(\.isFinite), cy.allSatisfy(\.isFinite) else {
      throw InputError(file: source, field: "x_rd_m", "cell coordinates must be finite")
    }
    let sx = try dx ?? Axis(cx, nil).spacing(field: "x_rd_m", file: source)
    let sy = try dy ?? Axis(cy, nil).spacing(field: "y_rd_m", file: source)
    guard let gx = sx ?? sy, let gy = sy ?? sx, gx > 0, gy > 0, gx.isFinite, gy.isFinite else {
      throw InputError(
        file: source, field: "x_rd_m", "a single cell, or no finite spacing > 0: give the grid spacing (dx, dy > 0)")
    }
    let nc = cx.count
    let nb = bins.count
    var counts = [Double](repeating: 0, count: years.count * mm.count * nc * (nb + 1))
    var o = 0
    for t in yearOrder {
      for m in mm {
        let rates = rateFields[m]!.rates
        for c in cellOrder {
          let base = (t * nc + c) * nb
          var n = 0.0
          for k in stride(from: nb - 1, through: 0, by: -1) {
            n += rates[base + k]
            counts[o + k] = n
          }
          o += nb + 1  // counts[o + nb] = N(≥ upper edge) = 0
        }
      }
    }
    self.init(
      cellX: cx, cellY: cy, dx: gx, dy: gy, mmaxValues: mm, magnitudes: bins.edges, gasYears: years, counts: counts,
      source: source)
  }
}
