import Foundation

/// The logic-tree risk of every building per gas year, as written by `hra run`
/// (`buildings-risk.csv`) and read by `hra ijkmoment` and `hra scenarios`.
///
/// Columns: `building_id, municipality, place, owner_type, x_rd, y_rd, zone, wierde,
/// typology_mix`, then per gas year `YYYY_YY` (e.g. `2019_20`): `mean_YYYY_YY`, `p50_YYYY_YY`,
/// `p90_YYYY_YY` (LPR per year) and `cat_YYYY_YY` (``RiskCategory`` raw value). A run with other
/// list percentiles (`--percentiles 16,84`) names its columns after them (`p16_…`, `p84_…`) and
/// has no `cat_` columns: the categories are defined on P50 and P90 (Meijdam norm).
package struct RiskResults: Sendable {
  /// One building's row.
  package struct Building: Sendable, Equatable {
    package var id: String
    package var municipality: String
    package var place: String
    package var ownerType: String
    package var x: Double
    package var y: Double
    package var zone: Int
    package var wierde: Bool
    package var typologyMix: String
    /// Per gas year (same order as ``RiskResults/gasYears``): the mean and the lower and upper
    /// list percentiles (P50 and P90 unless ``RiskResults/percentiles`` says otherwise).
    package var mean: [Double]
    package var p50: [Double]
    package var p90: [Double]

    package init(
      id: String, municipality: String, place: String, ownerType: String, x: Double, y: Double, zone: Int, wierde: Bool,
      typologyMix: String, mean: [Double], p50: [Double], p90: [Double]
    ) {
      self.id = id
      self.municipality = municipality
      self.place = place
      self.ownerType = ownerType
      self.x = x
      self.y = y
      self.zone = zone
      self.wierde = wierde
      self.typologyMix = typologyMix
      self.mean = mean
      self.p50 = p50
      self.p90 = p90
    }

    /// The category in gas-year index t.
    package func category(_ t: Int, norm: Double) -> RiskCategory { RiskCategory(p50: p50[t], p90: p90[t], norm: norm) }
  }

  /// Gas years (2019 = 2019/20).
  package var gasYears: [Int]
  package var buildings: [Building]
  /// The two list percentiles held in `p50`/`p90` (50 and 90 by default).
  package var percentiles: [Double]

  package init(gasYears: [Int], buildings: [Building], percentiles: [Double] = [50, 90]) {
    self.gasYears = gasYears
    self.buildings = buildings
    self.percentiles = percentiles
  }

  /// Whether the percentiles are P50 and P90, on which the categories are defined.
  package var isStandard: Bool { percentiles == [50, 90] }

  /// Column prefix of a percentile: 50 → "p50", 97.5 → "p97.5".
  package static func label(_ q: Double) -> String { q == q.rounded() ? "p\(Int(q))" : "p\(q)" }
  /// The prefixes of the lower and upper percentile ("p50", "p90").
  package var labels: (lower: String, upper: String) {
    (RiskResults.label(percentiles[0]), RiskResults.label(percentiles[1]))
  }

  /// The per-building results of a logic-tree computation over an exposure.
  package init(
    tree r: TreeEstimator.Result, exposure: ExposureDatabase, gasYears: [Int], percentiles: [Double] = [50, 90]
  ) {
    let Y = gasYears.count
    self.init(
      gasYears: gasYears,
      buildings: exposure.buildings.enumerated().map { (b, x) in
        Building(
          id: x.id, municipality: x.municipality, place: x.place, ownerType: x.ownerType, x: x.x, y: x.y, zone: x.zone,
          wierde: x.wierde,
          typologyMix: x.mixLabel, mean: (0..<Y).map { r.mean[b * Y + $0] }, p50: (0..<Y).map { r.p50[b * Y + $0] },
          p90: (0..<Y).map { r.p90[b * Y + $0] })
      }, percentiles: percentiles)
  }

  /// Column suffix of a gas year: 2019 → "2019_20".
  package static func suffix(_ y: Int) -> String { String(format: "%d_%02d", y, (y + 1) % 100) }

  /// The CSV text (categories against `norm`), buildings in the given order.
  package func csv(norm: Double) -> String {
    var head = ["building_id", "municipality", "place", "owner_type", "x_rd", "y_rd", "zone", "wierde", "typology_mix"]
    let (lo, hi) = labels
    for y in gasYears {
      let s = RiskResults.suffix(y)
      head += ["mean_" + s, lo + "_" + s, hi + "_" + s] + (isStandard ? ["cat_" + s] : [])
    }
    var out = head.joined(separator: ",") + "\n"
    for b in buildings {
      var row = [
        b.id, b.municipality, b.place, b.ownerType, NumberFormat.fixed1(b.x), NumberFormat.fixed1(b.y),
        String(b.zone), b.wierde ? "1" : "0", b.typologyMix,
      ]
      for t in 0..<gasYears.count {
        row += [ResultTable.sci(b.mean[t]), ResultTable.sci(b.p50[t]), ResultTable.sci(b.p90[t])]
        if isStandard { row.append(b.category(t, norm: norm).rawValue) }
      }
      out += row.map(ResultTable.csvField).joined(separator: ",") + "\n"
    }
    return out
  }

  /// Reads `buildings-risk.csv`; gas years are taken from the `mean_YYYY_YY` columns.
  package static func load(path: String) throws -> RiskResults {
    let t = try CSVTable(contentsOf: path)
    try t.require([
      "building_id", "municipality", "place", "owner_type", "x_rd", "y_rd", "zone", "wierde", "typology_mix",
    ])
    let years = t.header.compactMap { h -> Int? in
      guard h.hasPrefix("mean_"), let y = Int(h.dropFirst(5).prefix(4)) else { return nil }
      return y
    }
    guard !years.isEmpty else { throw InputError(file: path, line: 1, field: "mean_YYYY_YY", "no gas-year columns") }
    guard t.has("p50_" + suffix(years[0])), t.has("p90_" + suffix(years[0])) else {
      let ps = t.header.filter { $0.hasPrefix("p") && $0.hasSuffix("_" + suffix(years[0])) }.map {
        String($0.dropLast(8))
      }
      throw InputError(
        file: path, line: 1, field: "p50_" + suffix(years[0]),
        "these results hold the percentiles \(ps.joined(separator: ", ")); the categories, the lists and the ijkmoment need P50 and P90 (run with --percentiles 50,90)"
      )
    }
    var seen: [String: Int] = [:]
    var list: [Building] = []
    for r in t.rows {
      let id = try t.string(r, "building_id")
      if let l = seen[id] { throw t.error(r, "building_id", "duplicate building id \(id) (also on line \(l))") }
      seen[id] = r.line
      var mean: [Double] = []
      var p50: [Double] = []
      var p90: [Double] = []
      for y in years {
        let s = suffix(y)
        let m = try t.double(r, "mean_" + s)
        let a = try t.double(r, "p50_" + s)
        let b = try t.double(r, "p90_" + s)
        for (v, f) in [(m, "mean_"), (a, "p50_"), (b, "p90_")] where !(v >= 0 && v <= 1) {
          throw t.error(r, f + s, "LPR outside [0, 1]")
        }
        if b < a { throw t.error(r, "p90_" + s, "P90 below P50") }
        mean.append(m)
        p50.append(a)
        p90.append(b)
      }
      let w = try t.string(r, "wierde")
      guard w == "0" || w == "1" else { throw t.error(r, "wierde", "must be 0 or 1") }
      list.append(
        Building(
          id: id, municipality: try t.string(r, "municipality"), place: try t.string(r, "place"),
          ownerType: try t.string(r, "owner_type"),
          x: try t.double(r, "x_rd"), y: try t.double(r, "y_rd"), zone: try t.int(r, "zone"), wierde: w == "1",
          typologyMix: try t.string(r, "typology_mix"), mean: mean, p50: p50, p90: p90))
    }
    return RiskResults(gasYears: years, buildings: list)
  }
}
