import Foundation

/// An earthquake catalogue (KNMI format) as flat arrays, one entry per event.
///
/// Columns read: `event_id, origin_time_utc` (ISO 8601, `YYYY-MM-DDTHH:MM:SS`), `magnitude_ml`,
/// `rd_x_m, rd_y_m` (RD metres), `field`. Times are converted to decimal years
/// (year + seconds since 1 Jan / seconds in that year, UTC).
package struct Catalogue: Sendable {
  package let file: String
  package let id: [String]
  /// Origin time, decimal years.
  package let time: [Double]
  /// Local magnitude ML.
  package let magnitude: [Double]
  /// Epicentre, RD m.
  package let x: [Double]
  package let y: [Double]
  /// Gas field the event is attributed to.
  package let field: [String]

  package var count: Int { id.count }

  /// Reads and validates a catalogue.
  /// - Throws: ``InputError`` naming file/line/field for missing columns, unparsable times or
  ///   numbers, or magnitudes outside [−2, 8].
  package static func load(path: String) throws -> Catalogue {
    let t = try CSVTable(contentsOf: path)
    try t.require(["event_id", "origin_time_utc", "magnitude_ml", "rd_x_m", "rd_y_m", "field"])
    var id: [String] = []
    var time: [Double] = []
    var mag: [Double] = []
    var xs: [Double] = []
    var ys: [Double] = []
    var field: [String] = []
    for r in t.rows {
      id.append(try t.string(r, "event_id"))
      let ts = try t.string(r, "origin_time_utc")
      guard let dy = decimalYear(iso: ts) else {
        throw t.error(r, "origin_time_utc", "not an ISO 8601 time (\"\(ts)\")")
      }
      time.append(dy)
      let m = try t.double(r, "magnitude_ml")
      if !(-2...8).contains(m) { throw t.error(r, "magnitude_ml", "magnitude \(m) outside [-2, 8]") }
      mag.append(m)
      xs.append(try t.double(r, "rd_x_m"))
      ys.append(try t.double(r, "rd_y_m"))
      field.append(try t.string(r, "field"))
    }
    return Catalogue(file: path, id: id, time: time, magnitude: mag, x: xs, y: ys, field: field)
  }

  /// Decimal year of `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z]` (UTC), or nil.
  package static func decimalYear(iso: String) -> Double? {
    let s = iso.hasSuffix("Z") ? String(iso.dropLast()) : iso
    let parts = s.split(separator: "T", maxSplits: 1)
    guard let datePart = parts.first else { return nil }
    let d = datePart.split(separator: "-").map { Int($0) }
    guard d.count == 3, let yr = d[0], let mo = d[1], let da = d[2], (1...12).contains(mo) else { return nil }
    var seconds = 0.0
    if parts.count == 2 {
      let hms = parts[1].split(separator: ":").map { Double($0) }
      guard (2...3).contains(hms.count), hms.allSatisfy({ $0 != nil }) else { return nil }
      let h = hms[0]!
      let mi = hms[1]!
      let se = hms.count == 3 ? hms[2]! : 0
      guard (0..<24).contains(h), (0..<60).contains(mi), (0..<61).contains(se) else { return nil }
      seconds = h * 3600 + mi * 60 + se
    }
    let leap = (yr % 4 == 0 && yr % 100 != 0) || yr % 400 == 0
    let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard (1...monthDays[mo - 1]).contains(da) else { return nil }
    let dayOfYear = monthDays[0..<(mo - 1)].reduce(0, +) + da - 1
    let yearSeconds = Double(leap ? 366 : 365) * 86_400
    return Double(yr) + (Double(dayOfYear) * 86_400 + seconds) / yearSeconds
  }
}
