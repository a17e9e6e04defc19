import Foundation

/// The coefficient table of a site-amplification version regrouped per zone and period, as both
/// versions read it: rows `Zone,T,<coefficients>` in any order, each zone with exactly the GMM's
/// periods once, flattened zone-major for the hot loop (`coefficients[zoneIndex * periods.count + k]`).
///
/// The row layout (column names, checks) is the version's: it passes a closure that reads one row.
/// Used by ``SiteAmplificationV7`` and ``SiteAmplificationV6``.
struct ZonePeriodTable<Coefficients> {
  /// Zone ids in the order of their first row.
  let zones: [Int]
  /// Coefficients, zone-major: `coefficients[zoneIndex * periods.count + k]`.
  let coefficients: [Coefficients]

  /// What to do with a row whose period is not one of the GMM periods.
  enum OtherPeriods {
    /// Skip it (V5/V6 tables also hold PGV, T = −10, and periods the GMM does not use).
    case skip
    /// Refuse it (V7: the table holds exactly the GMM periods).
    case refuse
  }

  /// Reads the table.
  /// - Parameters:
  ///   - t: the table (columns `Zone`, `T` and the version's coefficients).
  ///   - periods: the GMM periods [s] (matched within 1e-9 s).
  ///   - otherPeriods: skip or refuse rows at other periods.
  ///   - coefficients: reads and checks one row's coefficients.
  /// - Throws: ``InputError`` naming file, line and field for a duplicate zone and period, a zone
  ///   without every period, or a table with no row at the periods.
  init(
    _ t: CSVTable, periods: [Double], otherPeriods: OtherPeriods,
    coefficients: (CSVTable.Row) throws -> Coefficients
  ) throws {
    var byZone: [Int: [Int: Coefficients]] = [:]
    var order: [Int] = []
    for row in t.rows {
      let z = try t.int(row, "Zone")
      let p = try t.double(row, "T")
      guard let kp = periods.firstIndex(where: { abs($0 - p) < 1e-9 }) else {
        if otherPeriods == .skip { continue }
        throw t.error(row, "T", "period \(p) is not one of the GMM periods")
      }
      let c = try coefficients(row)
      if byZone[z] == nil {
        order.append(z)
        byZone[z] = [:]
      }
      if byZone[z]![kp] != nil { throw t.error(row, "T", "duplicate zone \(z) period \(p)") }
      byZone[z]![kp] = c
    }
    guard !order.isEmpty else { throw InputError(file: t.file, field: "T", "no rows for the requested periods") }
    var flat: [Coefficients] = []
    for z in order {
      guard byZone[z]!.count == periods.count else {
        throw InputError(
          file: t.file, field: "T", "zone \(z) has \(byZone[z]!.count) periods, expected \(periods.count)")
      }
      for kp in 0..<periods.count { flat.append(byZone[z]![kp]!) }
    }
    zones = order
    self.coefficients = flat
  }

  /// Zone id → index in ``zones``.
  var zoneIndex: [Int: Int] {
    var zi: [Int: Int] = [:]
    for (i, z) in zones.enumerated() { zi[z] = i }
    return zi
  }
}
