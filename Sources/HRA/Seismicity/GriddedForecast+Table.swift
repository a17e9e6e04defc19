import Foundation

/// The steps of reading a forecast table (``GriddedForecast/init(table:)``): the columns, the
/// values row by row, the axes and the lattice, and the cube's repeats, completeness and
/// survival counts, checked in that order.
extension GriddedForecast {
  /// Checks the header and that the table has rows.
  /// - Throws: ``InputError`` at line 1 for an empty file, a missing column (field: the first
  ///   missing; the message lists all missing and unexpected columns), an unexpected column, or
  ///   a header without rows.
  static func checkColumns(_ t: CSVTable) throws {
    let file = t.file
    if t.header.allSatisfy(\.isEmpty) { throw InputError(file: file, "empty file: no header row") }
    let all = Self.columns + [Self.gasYearColumn]
    let missing = Self.columns.filter { !t.has($0) }
    let extra = t.header.filter { !all.contains($0) }
    let expected = "expected exactly \(Self.columns.joined(separator: ", ")) and optionally \(Self.gasYearColumn)"
    if let m = missing.first {
      let also = extra.isEmpty ? "" : "; unexpected column(s) \(extra.joined(separator: ", "))"
      throw InputError(
        file: file, line: 1, field: m, "missing column(s) \(missing.joined(separator: ", "))\(also) (\(expected))")
    }
    if let e = extra.first {
      throw InputError(
        file: file, line: 1, field: e, "unexpected column(s) \(extra.joined(separator: ", ")) (\(expected))")
    }
    guard !t.rows.isEmpty else { throw InputError(file: file, line: 1, "no data rows: the file has only a header") }
  }

  /// The values of a forecast table, one array per column in row order, checked value by value.
  struct TableColumns {
    var xs = [Double]()
    var ys = [Double]()
    var ms = [Double]()
    var ks = [Double]()
    /// The rates N(≥ m) [1/yr], −0 read as +0.
    var rs = [Double]()
    /// The gas years (empty without a `gas_year` column).
    var gs = [Int]()
    /// The physical line of each row.
    var lines = [Int]()
    /// Whether the table has a `gas_year` column.
    let perYear: Bool

    /// Reads the values row by row.
    /// - Throws: ``InputError`` at the row and column of a non-numeric or non-finite value, a
    ///   negative `rate_ge_per_yr` or a `gas_year` that is not an integer.
    init(_ t: CSVTable) throws {
      perYear = t.has(GriddedForecast.gasYearColumn)
      let n = t.rows.count
      xs.reserveCapacity(n)
      ys.reserveCapacity(n)
      ms.reserveCapacity(n)
      ks.reserveCapacity(n)
      rs.reserveCapacity(n)
      lines.reserveCapacity(n)
      for r in t.rows {
        xs.append(try t.double(r, "x_rd_m"))
        ys.append(try t.double(r, "y_rd_m"))
        ms.append(try t.double(r, "mmax"))
        ks.append(try t.double(r, "magnitude"))
        let rate = try t.double(r, "rate_ge_per_yr")
        if rate < 0 {
          throw t.error(
            r, "rate_ge_per_yr", "negative rate \(rate): N(≥ m) is an expected number of events per year (≥ 0)")
        }
        rs.append(rate + 0)  // −0 → +0
        if perYear { gs.append(try t.int(r, GriddedForecast.gasYearColumn)) }
        lines.append(r.line)
      }
    }

    /// The columns of a plain numeric file (``NumericColumns``), or `nil` when anything in it is
    /// for ``CSVTable`` to report: columns other than exactly the forecast's, no rows, a
    /// negative rate, a `gas_year` that is not a plain integer.
    init?(_ t: NumericColumns) {
      let names = GriddedForecast.columns
      perYear = t.header.contains(GriddedForecast.gasYearColumn)
      guard t.header.count == names.count + (perYear ? 1 : 0), names.allSatisfy(t.header.contains), !t.lines.isEmpty,
        let rates = t.column("rate_ge_per_yr"), rates.allSatisfy({ $0 >= 0 })
      else { return nil }
      if perYear {
        let j = t.header.firstIndex(of: GriddedForecast.gasYearColumn)!
        guard t.integral[j] else { return nil }
        gs = t.columns[j].map { Int($0) }
      }
      (xs, ys, ms, ks) = (t.column("x_rd_m")!, t.column("y_rd_m")!, t.column("mmax")!, t.column("magnitude")!)
      rs = rates.map { $0 + 0 }  // −0 → +0
      lines = t.lines
    }

    /// The number of rows.
    var count: Int { lines.count }
  }

  /// A forecast table laid out as the forecast's cube (gas year, mmax, cell, threshold): the
  /// distinct values of each axis, the grid spacing, the cells and each row's place.
  struct TableCube {
    /// A row's place in the cube: (year, mmax, cell, threshold) indices, sorted lexicographically.
    struct Place: Comparable {
      var t: Int, j: Int, c: Int, k: Int
      static func < (a: Place, b: Place) -> Bool { (a.t, a.j, a.c, a.k) < (b.t, b.j, b.c, b.k) }
    }

    let file: String
    /// The physical line and the rate N(≥ m) of each row (not the other columns, which
    /// ``checkNoRepeat(_:)`` takes, so that they are freed after it).
    let lines: [Int]
    let rs: [Double]
    let perYear: Bool
    let mmax: Axis
    let magnitude: Axis
    let dx: Double
    let dy: Double
    /// The gas years, ascending (`nil` without a `gas_year` column).
    let years: [Int]?
    /// The cells' centres, ordered by (y, x).
    let cellX: [Double]
    let cellY: [Double]
    /// Each row's place, and the rows ordered by place (then by line).
    let place: [Place]
    let order: [Int]

    /// The numbers of gas-year blocks, mmax values, cells and thresholds.
    var ny: Int { years?.count ?? 1 }
    var nm: Int { mmax.values.count }
    var nc: Int { cellX.count }
    var nk: Int { magnitude.values.count }

    /// Lays the rows out: the axes' distinct values, the grid spacing, the cells and the places.
    /// - Throws: ``InputError`` for coordinates off a regular lattice (x first, then y), a single
    ///   cell, or mmax values or magnitude thresholds within 1e-6 (in that order).
    init(_ v: TableColumns, file: String) throws {
      self.file = file
      (lines, rs, perYear) = (v.lines, v.rs, v.perYear)
      // Axes: distinct values, the lattice, near-duplicates.
      let ax = Axis(v.xs, v.lines)
      let ay = Axis(v.ys, v.lines)
      mmax = Axis(v.ms, v.lines)
      magnitude = Axis(v.ks, v.lines)
      (dx, dy) = try Self.spacing(ax, ay, firstLine: v.lines[0], file: file)
      try mmax.requireSeparated(field: "mmax", file: file, what: "mmax values")
      try magnitude.requireSeparated(field: "magnitude", file: file, what: "magnitude thresholds")
      let years = v.perYear ? Array(Set(v.gs)).sorted() : nil
      self.years = years
      let yearIndex = Dictionary(uniqueKeysWithValues: (years ?? []).enumerated().map { ($1, $0) })
      let cells = Self.cells(ax, ay, v)
      (cellX, cellY) = (cells.x, cells.y)
      let (jOf, kOf) = (mmax.indices(v.ms), magnitude.indices(v.ks))
      var (lastYear, lastT) = (Int.min, 0)
      let place = (0..<v.count).map { i in
        if v.perYear && v.gs[i] != lastYear { (lastYear, lastT) = (v.gs[i], yearIndex[v.gs[i]]!) }
        return Place(t: lastT, j: jOf[i], c: cells.ofRow[i], k: kOf[i])
      }
      self.place = place
      let lines = v.lines
      let inOrder = zip(place, place.dropFirst()).allSatisfy { $0 <= $1 }  // as the writer writes it
      order =
        inOrder
        ? Array(0..<v.count)
        : (0..<v.count).sorted { place[$0] < place[$1] || (place[$0] == place[$1] && lines[$0] < lines[$1]) }
    }

    /// The grid spacing in x and y: each axis's lattice spacing, the other's when an axis has a
    /// single value.
    /// - Throws: ``InputError`` from ``GriddedForecast/Axis/spacing(field:file:)``, or at
    ///   `firstLine` (field `x_rd_m`) for a single cell.
    static func spacing(_ ax: Axis, _ ay: Axis, firstLine: Int, file: String) throws -> (Double, Double) {
      let sx = try ax.spacing(field: "x_rd_m", file: file)
      let sy = try ay.spacing(field: "y_rd_m", file: file)
      switch (sx, sy) {
      case (let a?, let b?): return (a, b)
      case (let a?, nil): return (a, a)
      case (nil, let b?): return (b, b)
      case (nil, nil):
        throw InputError(
          file: file, line: firstLine, field: "x_rd_m",
          "a single cell: the grid spacing cannot be read from the coordinates")
      }
    }

    /// The distinct cells (x, y), ordered by (y, x), and the cell of each row.
    /// - Returns: the cell centres and, per row, its cell index.
    static func cells(_ ax: Axis, _ ay: Axis, _ v: TableColumns) -> (x: [Double], y: [Double], ofRow: [Int]) {
      let n = v.count
      let nx = ax.values.count
      var cellOfKey: [Int: Int] = [:]
      var rowCellKey = ay.indices(v.ys)
      let xi = ax.indices(v.xs)
      var previous = -1
      for i in 0..<n {
        let key = rowCellKey[i] * nx + xi[i]
        rowCellKey[i] = key
        if key != previous { (previous, cellOfKey[key]) = (key, 0) }
      }
      let keys = cellOfKey.keys.sorted()
      for (c, key) in keys.enumerated() { cellOfKey[key] = c }
      let cellX = keys.map { ax.values[$0 % nx] }
      let cellY = keys.map { ay.values[$0 / nx] }
      var (lastKey, lastCell) = (-1, 0)
      for i in 0..<n {  // in place: no second array of n
        if rowCellKey[i] != lastKey { (lastKey, lastCell) = (rowCellKey[i], cellOfKey[rowCellKey[i]]!) }
        rowCellKey[i] = lastCell
      }
      return (cellX, cellY, rowCellKey)
    }

    /// Checks that no (x, y, mmax, magnitude[, gas_year]) is given twice.
    /// - Throws: ``InputError`` at the repeat with the smallest line (no field), naming the
    ///   line of the first row of that place.
    func checkNoRepeat(_ v: TableColumns) throws {
      var repeatOf: (row: Int, first: Int)? = nil
      var groupStart = 0
      for p in 1..<lines.count {
        if place[order[p]] != place[order[p - 1]] {
          groupStart = p
        } else if repeatOf == nil || lines[order[p]] < lines[repeatOf!.row] {
          repeatOf = (order[p], order[groupStart])
        }
      }
      if let d = repeatOf {
        let yearText = v.perYear ? ", gas_year \(v.gs[d.row])" : ""
        throw InputError(
          file: file, line: lines[d.row],
          "duplicate row: x \(v.xs[d.row]), y \(v.ys[d.row]), mmax \(v.ms[d.row]), magnitude \(v.ks[d.row])\(yearText) "
            + "already given on line \(lines[d.first])")
      }
    }

    /// Checks completeness: the sorted places must be exactly every (t, j, c, k).
    /// - Throws: ``InputError`` at the first row of the first cell lacking a combination, with
    ///   field `gas_year`, `mmax` or `magnitude` (the coarsest level missing).
    func checkComplete() throws {
      let n = lines.count
      let (a, o1) = ny.multipliedReportingOverflow(by: nm)
      let (b, o2) = a.multipliedReportingOverflow(by: nc)
      let (cube, o3) = b.multipliedReportingOverflow(by: nk)
      let full = !(o1 || o2 || o3) && cube == n
      if full { return }
      let expect = firstMissingPlace()
      let rowsOfCell = (0..<n).filter { place[$0].c == expect.c }
      let firstLine = rowsOfCell.map { lines[$0] }.min()!
      let hasYear = rowsOfCell.contains { place[$0].t == expect.t }
      let hasMmax = rowsOfCell.contains { place[$0].t == expect.t && place[$0].j == expect.j }
      let field = !hasYear ? GriddedForecast.gasYearColumn : (!hasMmax ? "mmax" : "magnitude")
      let yearText = years.map { "gas_year \($0[expect.t]), " } ?? ""
      let combo = perYear ? "(gas_year, mmax, magnitude)" : "(mmax, magnitude)"
      let perCell = String(format: "%.0f", Double(ny) * Double(nm) * Double(nk))  // Double: no overflow
      let expectedRows = String(format: "%.0f", Double(ny) * Double(nm) * Double(nk) * Double(nc))
      throw InputError(
        file: file, line: firstLine, field: field,
        "incomplete forecast: cell (\(cellX[expect.c]), \(cellY[expect.c])) has no row for \(yearText)mmax "
          + "\(mmax.values[expect.j]), magnitude \(magnitude.values[expect.k]); every cell needs every \(combo) combination "
          + "(\(perCell) rows per cell × \(nc) cells = \(expectedRows) rows expected, found \(n))")
    }

    /// The first place of the full cube, in cube order, that the sorted rows do not have.
    /// - Returns: the place (past the end when every place up to the rows' end is present).
    func firstMissingPlace() -> Place {
      var expect = Place(t: 0, j: 0, c: 0, k: 0)
      for p in order {
        if place[p] != expect { break }
        expect.k += 1
        if expect.k == nk {
          expect.k = 0
          expect.c += 1
        }
        if expect.c == nc {
          expect.c = 0
          expect.j += 1
        }
        if expect.j == nm {
          expect.j = 0
          expect.t += 1
        }
      }
      return expect
    }

    /// The counts in cube order, checked to be non-increasing in magnitude.
    /// - Returns: the survival counts, laid out as ``GriddedForecast/counts``.
    /// - Throws: ``InputError`` (field `rate_ge_per_yr`) at the row with the smallest line whose
    ///   N(≥ m) exceeds that of the next smaller threshold.
    func survivalCounts() throws -> [Double] {
      let counts = order.map { rs[$0] }
      var worst: Int? = nil  // cube index of the offending (larger-threshold) row with the smallest line
      for g in stride(from: 0, to: lines.count, by: nk) {
        for k in 1..<max(nk, 1) where counts[g + k] > counts[g + k - 1] {
          if worst == nil || lines[order[g + k]] < lines[order[worst!]] { worst = g + k }
        }
      }
      if let w = worst {
        let r = order[w]
        let prev = order[w - 1]
        let p = place[r]
        let yearText = years.map { ", gas_year \($0[p.t])" } ?? ""
        throw InputError(
          file: file, line: lines[r], field: "rate_ge_per_yr",
          "survival counts must not increase with magnitude: N(≥ \(magnitude.values[p.k])) = \(counts[w]) exceeds "
            + "N(≥ \(magnitude.values[p.k - 1])) = \(counts[w - 1]) (line \(lines[prev])) in cell (\(cellX[p.c]), "
            + "\(cellY[p.c])), mmax \(mmax.values[p.j])\(yearText)")
      }
      return counts
    }
  }
}
