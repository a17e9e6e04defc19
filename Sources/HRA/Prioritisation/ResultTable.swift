import Foundation

/// The per-building result table and the human-readable summary of a run.
package enum ResultTable {
  /// Formats a probability with 6 significant digits in scientific notation (byte-stable).
  @inline(__always) package static func sci(_ v: Double) -> String { NumberFormat.sci6(v) }

  /// `buildings-lpr.csv`: one row per building in exposure order. Columns:
  /// building_id, municipality, place, owner_type, x_rd, y_rd, zone, wierde, typology_mix,
  /// lpr_YYYY_YY per gas year (and se_YYYY_YY for the Monte Carlo estimator), max_lpr.
  package static func buildingCSV(exposure: ExposureDatabase, years: [Int], lpr: [Double], standardError: [Double]?)
    -> String
  {
    let Y = years.count
    let labels = years.map { String(format: "%d_%02d", $0, ($0 + 1) % 100) }
    var head = ["building_id", "municipality", "place", "owner_type", "x_rd", "y_rd", "zone", "wierde", "typology_mix"]
    head += labels.map { "lpr_" + $0 }
    if standardError != nil { head += labels.map { "se_" + $0 } }
    head.append("max_lpr")
    var s = head.joined(separator: ",") + "\n"
    s.reserveCapacity(exposure.buildings.count * (120 + 14 * Y))
    for (b, x) in exposure.buildings.enumerated() {
      let mix = x.mixLabel
      var row = [
        x.id, x.municipality, x.place, x.ownerType, NumberFormat.fixed1(x.x), NumberFormat.fixed1(x.y),
        String(x.zone), x.wierde ? "1" : "0", mix,
      ]
      var mx = 0.0
      for y in 0..<Y {
        let v = lpr[b * Y + y]
        mx = max(mx, v)
        row.append(sci(v))
      }
      if let se = standardError { for y in 0..<Y { row.append(sci(se[b * Y + y])) } }
      row.append(sci(mx))
      s += row.map(csvField).joined(separator: ",") + "\n"
    }
    return s
  }

  static func csvField(_ v: String) -> String {
    v.utf8.contains { $0 == 0x2C || $0 == 0x22 } ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
  }
}
