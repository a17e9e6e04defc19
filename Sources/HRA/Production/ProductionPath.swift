import Foundation

/// A gas-production path: contiguous time intervals with the volume produced in each.
///
/// ```
/// Gp(t) = Σ_{intervals ending ≤ t} V_i + V_k·(t − start_k)/(end_k − start_k)   (t inside interval k)
/// ```
/// Times are decimal years; gas year `y` (label "2019/20" for y = 2019) is the interval
/// [y + 0.75, y + 1.75). Volumes are in bcm (10⁹ Nm³). Production is uniform within an
/// interval, so cumulative production is piecewise linear in time; nothing is produced
/// before the first interval, and after the last interval cumulative production stays at
/// the path's total.
package struct ProductionPath: Sendable {
  /// One production interval [start, end) with the volume produced in it.
  package struct Interval: Sendable, Equatable {
    /// Start, decimal years.
    package let start: Double
    /// End (exclusive), decimal years; `end > start`.
    package let end: Double
    /// Volume produced in the interval, bcm; ≥ 0.
    package let volumeBcm: Double
    /// A human-readable label, e.g. "1976" or "2019/20".
    package let label: String

    /// Creates an interval; returns `nil` unless `end > start` and `volumeBcm ≥ 0` (all finite).
    package init?(start: Double, end: Double, volumeBcm: Double, label: String) {
      guard start.isFinite, end.isFinite, volumeBcm.isFinite, end > start, volumeBcm >= 0 else { return nil }
      self.start = start
      self.end = end
      self.volumeBcm = volumeBcm
      self.label = label
    }
  }

  /// The path's name (file stem or a caller's label).
  package let name: String
  /// Contiguous, time-ordered intervals.
  package let intervals: [Interval]
  /// Cumulative production at each interval start, bcm (count + 1 entries; the last is the total).
  private let cumulativeAtStart: [Double]

  /// The largest allowed gap or overlap between consecutive intervals, in years (≈ 30 s):
  /// interval bounds such as 2017.75 are written as decimals and must match exactly otherwise.
  static let contiguityTolerance = 1e-6

  /// Creates a path; the intervals must be time-ordered and contiguous.
  /// - Throws: ``InputError`` (file = `name`) if intervals overlap or leave a gap, or none are given.
  package init(name: String, intervals: [Interval]) throws {
    guard !intervals.isEmpty else { throw InputError(file: name, "a production path needs at least one interval") }
    for i in 1..<max(1, intervals.count) where abs(intervals[i].start - intervals[i - 1].end) > Self.contiguityTolerance
    {
      throw InputError(
        file: name, field: "start_year",
        "interval \(intervals[i].label) starts at \(intervals[i].start) but the previous one ends at \(intervals[i - 1].end) (intervals must be contiguous and non-overlapping)"
      )
    }
    self.name = name
    self.intervals = intervals
    var c = [0.0]
    c.reserveCapacity(intervals.count + 1)
    for iv in intervals { c.append(c[c.count - 1] + iv.volumeBcm) }
    self.cumulativeAtStart = c
  }

  /// Total volume of the path, bcm.
  package var totalBcm: Double { cumulativeAtStart[cumulativeAtStart.count - 1] }

  /// Start of the first interval, decimal years.
  package var start: Double { intervals[0].start }
  /// End of the last interval, decimal years.
  package var end: Double { intervals[intervals.count - 1].end }

  /// Cumulative production before time `t`, bcm (production uniform within an interval).
  ///
  /// ```
  /// Gp(t) = C_k + V_k·(t − s_k)/(e_k − s_k),  s_k ≤ t < e_k
  /// ```
  /// - Complexity: O(log n) in the number of intervals.
  package func cumulative(at t: Double) -> Double {
    if t <= start { return 0 }
    if t >= end { return totalBcm }
    var lo = 0
    var hi = intervals.count - 1
    while lo < hi {  // last interval with start ≤ t
      let mid = (lo + hi + 1) / 2
      if intervals[mid].start <= t { lo = mid } else { hi = mid - 1 }
    }
    let iv = intervals[lo]
    let f = min(1, max(0, (t - iv.start) / (iv.end - iv.start)))
    return cumulativeAtStart[lo] + iv.volumeBcm * f
  }

  /// Times at which the production rate may change (every interval boundary), decimal years.
  package var breakpoints: [Double] { intervals.map(\.start) + [end] }

  /// The volume produced in [t1, t2), bcm.
  package func volume(from t1: Double, to t2: Double) -> Double { cumulative(at: t2) - cumulative(at: t1) }

  /// Reads a path from a CSV file with columns `start_year,end_year,volume_bcm,label`.
  /// - Throws: ``InputError`` naming file, line and field for a missing column, a non-numeric
  ///   cell, a negative volume (`volume_bcm`), `end_year ≤ start_year`, or a gap/overlap (`start_year`).
  /// The physical bound on cumulative production: the gas initially in place, and where it is defined.
  package struct Limit: Sendable {
    package var gasInPlaceBcm: Double
    package var source: String
    package init(gasInPlaceBcm: Double, source: String) {
      self.gasInPlaceBcm = gasInPlaceBcm
      self.source = source
    }
  }

  package static func load(path: String) throws -> ProductionPath {
    try load(path: path, cumulativeBefore: 0, limit: nil)
  }

  /// Loads a path; with `limit`, the cumulative production (starting from `cumulativeBefore`)
  /// must stay below the gas in place, else the row where it is reached is named (the
  /// material-balance pressure p0·(1 − C/GIP) would be zero or negative).
  static func load(path: String, cumulativeBefore: Double, limit: Limit?) throws -> ProductionPath {
    let table = try CSVTable(contentsOf: path)
    try table.require(["start_year", "end_year", "volume_bcm", "label"])
    var out: [Interval] = []
    for row in table.rows {
      let s = try table.double(row, "start_year")
      let e = try table.double(row, "end_year")
      let v = try table.double(row, "volume_bcm")
      let label = try table.string(row, "label")
      if v < 0 { throw table.error(row, "volume_bcm", "negative production volume \(v) bcm") }
      if let limit {
        let cum = cumulativeBefore + out.reduce(0) { $0 + $1.volumeBcm } + v
        if !(cum < limit.gasInPlaceBcm) {
          throw table.error(
            row, "volume_bcm",
            "cumulative production reaches \(cum) bcm, not below the gas in place (\(limit.gasInPlaceBcm) bcm, \(limit.source)): the reservoir pressure would not be positive"
          )
        }
      }
      if e <= s { throw table.error(row, "end_year", "end_year \(e) must be after start_year \(s)") }
      if let prev = out.last, abs(prev.end - s) > contiguityTolerance {
        throw table.error(
          row, "start_year",
          s < prev.end
            ? "interval overlaps the previous one (which ends at \(prev.end))"
            : "gap after the previous interval (which ends at \(prev.end))")
      }
      out.append(Interval(start: s, end: e, volumeBcm: v, label: label)!)
    }
    if out.isEmpty { throw InputError(file: path, "no production intervals") }
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return try ProductionPath(name: stem, intervals: out)
  }

  /// Reads a historic part and a scenario part and concatenates them (the scenario must start
  /// where the historic part ends). The path is named after the scenario file.
  package static func load(historic: String, scenario: String, limit: Limit? = nil) throws -> ProductionPath {
    let h = try load(path: historic, cumulativeBefore: 0, limit: limit)
    let s = try load(path: scenario, cumulativeBefore: h.totalBcm, limit: limit)
    if abs(s.start - h.end) > contiguityTolerance {
      throw InputError(
        file: scenario, line: 2, field: "start_year",
        "scenario starts at \(s.start) but the historic path \(historic) ends at \(h.end)")
    }
    return try ProductionPath(name: s.name, intervals: h.intervals + s.intervals)
  }
}
