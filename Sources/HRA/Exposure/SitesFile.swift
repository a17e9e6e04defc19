import Foundation

/// A sites (or assets) file for the generic hazard and damage calculation.
///
/// Columns: `id` and either `x,y` (RD New, EPSG:28992, metres) or `lon,lat` (WGS84 degrees,
/// converted to RD New with ``RDCoordinates``: ~1 m accuracy); an optional `typology` column
/// (the fragility typology of the asset; empty cells are allowed and mean "all typologies").
/// Every entry keeps RD metres and its physical line.
///
/// Errors (``InputError`` naming file, line and field): a missing column, an empty or repeated
/// id, a coordinate that is not a finite number, a longitude outside 3.2°–7.3° E or a latitude
/// outside 50.7°–53.7° N (``RDCoordinates/longitudeRange``: the European Netherlands with a margin),
/// an RD point outside 0–300 km (x) or 289–629 km (y) (the RD New domain of validity), no rows.
package struct SitesFile: Sendable {
  package struct Entry: Sendable, Equatable {
    package let id: String
    /// RD New easting and northing [m].
    package let x: Double
    package let y: Double
    package let typology: String?
    /// The physical line in the file.
    package let line: Int
    package init(id: String, x: Double, y: Double, typology: String?, line: Int) {
      self.id = id
      self.x = x
      self.y = y
      self.typology = typology
      self.line = line
    }
  }

  package let file: String
  package let entries: [Entry]

  /// The RD New domain accepted for x,y files [m] (EPSG:28992 area of use, with a margin).
  package static let xRange = -7_000.0...300_000.0
  package static let yRange = 289_000.0...629_000.0

  package init(path: String) throws {
    let t = try CSVTable(contentsOf: path)
    _ = try t.column("id")
    let rd = t.has("x") || t.has("y")
    if rd {
      try t.require(["x", "y"])
    } else if t.has("lon") || t.has("lat") {
      try t.require(["lon", "lat"])
    } else {
      throw InputError(
        file: path, line: 1, field: "x",
        "missing coordinate columns: need x,y (RD New metres) or lon,lat (WGS84 degrees) (header has: \(t.header.joined(separator: ", ")))"
      )
    }
    var seen: [String: Int] = [:]
    var out: [Entry] = []
    out.reserveCapacity(t.rows.count)
    let hasTypology = t.has("typology")
    for row in t.rows {
      let id = try t.string(row, "id")
      guard !id.isEmpty else { throw t.error(row, "id", "empty id") }
      if let first = seen[id] { throw t.error(row, "id", "duplicate id '\(id)' (first on line \(first))") }
      seen[id] = row.line
      let p: (x: Double, y: Double)
      if rd {
        p = (try t.double(row, "x"), try t.double(row, "y"))
        guard SitesFile.xRange.contains(p.x) else {
          throw t.error(row, "x", "RD x \(p.x) m is outside the RD New domain \(SitesFile.xRange)")
        }
        guard SitesFile.yRange.contains(p.y) else {
          throw t.error(row, "y", "RD y \(p.y) m is outside the RD New domain \(SitesFile.yRange)")
        }
      } else {
        p = try SitesFile.convert(t, row)
      }
      var typ: String? = nil
      if hasTypology {
        let s = try t.string(row, "typology")
        typ = s.isEmpty ? nil : s
      }
      out.append(Entry(id: id, x: p.x, y: p.y, typology: typ, line: row.line))
    }
    guard !out.isEmpty else { throw InputError(file: path, "no sites (only a header)") }
    file = path
    entries = out
  }

  /// Converts the `lon,lat` of a row to RD New, checking the Netherlands' range.
  static func convert(_ t: CSVTable, _ row: CSVTable.Row) throws -> (x: Double, y: Double) {
    let lon = try t.double(row, "lon")
    let lat = try t.double(row, "lat")
    guard RDCoordinates.longitudeRange.contains(lon) else {
      throw t.error(
        row, "lon", "longitude \(lon)° is outside the Netherlands (\(RDCoordinates.longitudeRange) ° E)")
    }
    guard RDCoordinates.latitudeRange.contains(lat) else {
      throw t.error(row, "lat", "latitude \(lat)° is outside the Netherlands (\(RDCoordinates.latitudeRange) ° N)")
    }
    return RDCoordinates.toRD(lon: lon, lat: lat)
  }
}
