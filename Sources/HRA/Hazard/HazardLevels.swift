import Foundation

/// The intensity levels at which hazard curves are computed: log-spaced per IMT.
///
/// ```
/// x_i = x_min · (x_max / x_min)^(i / (n − 1)),   i = 0 … n − 1,   n ≥ 40
/// ```
/// Defaults per IMT family (PGA, SA, AVGSA, PGV) come from `Models/hazard/levels.csv`
/// (columns `imt, min, max, count`); a run may override them.
package struct HazardLevels: Sendable, Equatable {
  package struct Range: Sendable, Equatable {
    package var min: Double
    package var max: Double
    package var count: Int
    package init(min: Double, max: Double, count: Int) {
      self.min = min
      self.max = max
      self.count = count
    }
    /// The levels, ascending.
    package var levels: [Double] {
      (0..<count).map { i in
        i == count - 1 ? max : exp(log(min) + Double(i) * (log(max) - log(min)) / Double(count - 1))
      }
    }
  }

  /// Per IMT family key (`PGA`, `SA`, `AVGSA`, `PGV`).
  package let ranges: [String: Range]
  package let file: String

  /// The smallest number of levels a curve may have (the issue's ≥ 40).
  package static let minimumCount = 40

  package init(ranges: [String: Range], file: String = "levels") {
    self.ranges = ranges
    self.file = file
  }

  /// Reads `imt,min,max,count`: 0 < min < max, finite, 40 ≤ count ≤ 1000, each family once.
  package init(path: String) throws {
    let t = try CSVTable(contentsOf: path)
    try t.require(["imt", "min", "max", "count"])
    var r: [String: Range] = [:]
    for row in t.rows {
      let key = try t.string(row, "imt").uppercased()
      guard ["PGA", "SA", "AVGSA", "PGV"].contains(key) else {
        throw t.error(row, "imt", "unknown IMT family '\(key)' (PGA, SA, AVGSA or PGV)")
      }
      guard r[key] == nil else { throw t.error(row, "imt", "IMT family \(key) given twice") }
      let lo = try t.double(row, "min")
      let hi = try t.double(row, "max")
      guard lo > 0 else { throw t.error(row, "min", "the lowest level must be positive (got \(lo))") }
      guard hi > lo else { throw t.error(row, "max", "the highest level must exceed the lowest (\(lo))") }
      let n = try t.double(row, "count")
      guard n == n.rounded(), n >= Double(HazardLevels.minimumCount), n <= 1000 else {
        throw t.error(row, "count", "need a whole number of levels in 40…1000 (got \(n))")
      }
      r[key] = Range(min: lo, max: hi, count: Int(n))
    }
    ranges = r
    file = path
  }

  /// The family key of an IMT.
  package static func family(_ m: IntensityMeasure) -> String {
    switch m {
    case .pga: return "PGA"
    case .sa: return "SA"
    case .avgSa: return "AVGSA"
    case .pgv: return "PGV"
    }
  }

  /// The levels of an IMT, ascending.
  package func levels(_ m: IntensityMeasure) throws -> [Double] {
    guard let r = ranges[HazardLevels.family(m)] else {
      throw InputError(file: file, field: "imt", "no levels for \(HazardLevels.family(m))")
    }
    return r.levels
  }
}
