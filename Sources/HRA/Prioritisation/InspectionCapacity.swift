/// How many inspections (opnames) can be done per year or per month, in total and optionally
/// per municipality (seed 003 §3.5: the order is matched to execution capacity; §3.8: local
/// steering groups prioritise per municipality).
///
/// Given on the command line as `N` or `N/year` (per gas year) or `N/month`, or as a CSV file
/// with columns `municipality` and exactly one of `per_year` / `per_month`; the municipality `*`
/// is the total over all municipalities. Without a `*` row the total is not limited beyond the
/// municipal capacities; with municipal rows, a municipality without a row has no capacity
/// (its buildings stay unscheduled and the summary says so).
package struct InspectionCapacity: Sendable, Equatable {
  /// The scheduling period.
  package enum Period: String, Sendable, Codable { case year, month }

  package var period: Period
  /// Inspections per period over all municipalities (`nil`: not limited beyond the municipal capacities).
  package var total: Int?
  /// Inspections per period per municipality (empty: no municipal limits).
  package var perMunicipality: [String: Int]

  package init(period: Period = .year, total: Int?, perMunicipality: [String: Int] = [:]) {
    self.period = period
    self.total = total
    self.perMunicipality = perMunicipality
  }

  /// The capacity of one municipality (`nil` = not limited).
  package func capacity(of municipality: String) -> Int? {
    perMunicipality.isEmpty ? nil : perMunicipality[municipality] ?? 0
  }

  /// Parses `N`, `N/year` or `N/month`; returns `nil` if `spec` is not of that form.
  package static func parse(_ spec: String) -> InspectionCapacity? {
    let p = spec.split(separator: "/", omittingEmptySubsequences: false)
    guard (1...2).contains(p.count), let n = Int(p[0]), n >= 0 else { return nil }
    let period: Period
    if p.count == 1 { period = .year } else if let q = Period(rawValue: String(p[1])) { period = q } else { return nil }
    return InspectionCapacity(period: period, total: n)
  }

  /// Reads a capacity CSV (see the type's description); errors name file, line and field.
  /// - Parameter municipalities: the municipalities of the buildings to schedule; when given, a
  ///   row naming another municipality is an error (a misspelt name would otherwise give the real
  ///   one no capacity, silently).
  package static func load(path: String, municipalities: Set<String>? = nil) throws -> InspectionCapacity {
    let t = try CSVTable(contentsOf: path)
    try t.require(["municipality"])
    let y = t.has("per_year")
    let m = t.has("per_month")
    guard y != m else {
      throw InputError(
        file: path, line: 1, field: y ? "per_month" : "per_year",
        "give exactly one of the columns per_year and per_month")
    }
    let col = y ? "per_year" : "per_month"
    var total: Int? = nil
    var per: [String: Int] = [:]
    var lines: [String: Int] = [:]
    for r in t.rows {
      let name = try t.string(r, "municipality")
      guard !name.isEmpty else { throw t.error(r, "municipality", "empty municipality (use * for the total)") }
      if let l = lines[name] { throw t.error(r, "municipality", "duplicate municipality \(name) (also on line \(l))") }
      lines[name] = r.line
      if let known = municipalities, name != "*", !known.contains(name) {
        let list = known.sorted()
        let hint = ConfigFile.closest(name, list).map { "did you mean \($0)? " } ?? ""
        let shown = list.prefix(8).joined(separator: ", ") + (list.count > 8 ? ", …" : "")
        throw t.error(
          r, "municipality",
          "unknown municipality '\(name)': no building of the results lies in it (\(hint)known: \(shown))")
      }
      let n = try t.int(r, col)
      guard n >= 0 else { throw t.error(r, col, "capacity must not be negative") }
      if name == "*" { total = n } else { per[name] = n }
    }
    guard total != nil || !per.isEmpty else { throw InputError(file: path, "no capacity rows") }
    return InspectionCapacity(period: y ? .year : .month, total: total, perMunicipality: per)
  }
}
