import Foundation

/// GeoJSON layers of a run for a GIS (QGIS opens them as they are): the buildings with their
/// category, P50 and P90 per gas year, the site-response zones and the field outline.
///
/// Coordinate reference systems:
/// - ``CRS/rd``: RD New (EPSG:28992) metres, `[x, y]`, named in the file by the legacy GeoJSON
///   2008 member `"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}`
///   (RFC 7946 dropped `crs`, but GDAL/QGIS read it);
/// - ``CRS/wgs84``: WGS84 `[longitude, latitude]` in degrees (RFC 7946 order, no `crs` member),
///   converted with ``RDCoordinates`` (Schreutelkamp & Strang van Hees 2001): about 1 m over the
///   Netherlands (0.21–0.29 m against RDNAPTRANS™2018 control points in the tests), 7 decimals.
///
/// Files: `buildings.geojson` (Point per building; properties `building_id`, `municipality`,
/// `place`, `owner_type`, `zone`, and per gas year `cat_YYYY_YY`, `p50_YYYY_YY`, `p90_YYYY_YY`
/// [1/yr]), `zones.geojson` (MultiPolygon per zone, `zone_id`), `field-outline.geojson`
/// (Polygon) and `manifest.json` (the source run's manifest SHA-256, the CRS, the files).
package enum GeoJSONExport {
  /// The coordinate reference system of the export.
  package enum CRS: String, Sendable {
    case rd, wgs84
  }

  /// The stated accuracy of the RD → WGS84 approximation [m].
  package static let wgs84AccuracyMetres = 1.0

  /// One position as GeoJSON text: `[x, y]` (RD, 0.1 m) or `[lon, lat]` (WGS84, 1e-7°).
  static func position(_ x: Double, _ y: Double, _ crs: CRS) -> String {
    switch crs {
    case .rd: return String(format: "[%.1f,%.1f]", x, y)
    case .wgs84:
      let p = RDCoordinates.toWGS84(x: x, y: y)
      return String(format: "[%.7f,%.7f]", p.lon, p.lat)
    }
  }

  static func header(_ name: String, _ crs: CRS) -> String {
    var s = "{\"type\":\"FeatureCollection\",\"name\":\(json(name)),"
    if crs == .rd { s += "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}}," }
    return s + "\"features\":[\n"
  }

  /// A JSON string literal.
  static func json(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
      }
    }
    return out + "\""
  }

  static func number(_ v: Double) -> String { v.isFinite ? NumberFormat.sci6(v) : "null" }

  /// `buildings.geojson`.
  package static func buildings(_ src: ReportSource, crs: CRS) -> String {
    guard let r = src.results else { return header("buildings", crs) + "]}\n" }
    var s = header("buildings", crs)
    let Y = r.gasYears.count
    let suffixes = r.gasYears.map(RiskResults.suffix)
    for (i, b) in r.buildings.enumerated() {
      var p =
        "\"building_id\":\(json(b.id)),\"municipality\":\(json(b.municipality)),\"place\":\(json(b.place)),\"owner_type\":\(json(b.ownerType)),\"zone\":\(b.zone)"
      for t in 0..<Y {
        p +=
          ",\"cat_\(suffixes[t])\":\(json(src.categories[i * Y + t].rawValue)),\"p50_\(suffixes[t])\":\(number(b.p50[t])),\"p90_\(suffixes[t])\":\(number(b.p90[t]))"
      }
      s +=
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":\(position(b.x, b.y, crs))},\"properties\":{\(p)}}"
      s += i + 1 < r.buildings.count ? ",\n" : "\n"
    }
    return s + "]}\n"
  }

  /// A ring as GeoJSON positions, closed (first position repeated at the end).
  static func ring(_ pts: [(Double, Double)], _ crs: CRS) -> String {
    var pos = pts.map { position($0.0, $0.1, crs) }
    if let f = pos.first, pos.last != f { pos.append(f) }
    return "[" + pos.joined(separator: ",") + "]"
  }

  /// `zones.geojson`: the site-response zones of the model folder (as read, polygons with holes).
  package static func zones(models: String, crs: CRS) throws -> String {
    let path = models + "/site/site-response-zones-v6.geojson"
    guard let d = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "cannot read file") }
    guard let root = (try? JSONSerialization.jsonObject(with: d)) as? [String: Any],
      let features = root["features"] as? [[String: Any]]
    else { throw InputError(file: path, field: "features", "not a GeoJSON FeatureCollection") }
    var s = header("site-response-zones-v6", crs)
    for (k, f) in features.enumerated() {
      let id = ((f["properties"] as? [String: Any])?["zone_id"] as? NSNumber)?.intValue ?? -1
      guard let g = f["geometry"] as? [String: Any], let type = g["type"] as? String, let c = g["coordinates"] as? [Any]
      else { continue }
      let polygons: [Any] = type == "MultiPolygon" ? c : [c]
      let polys = polygons.map { p -> String in
        let rings = ((p as? [Any]) ?? []).map { r in
          ring(((r as? [[Double]]) ?? []).compactMap { $0.count >= 2 ? ($0[0], $0[1]) : nil }, crs)
        }
        return "[" + rings.joined(separator: ",") + "]"
      }
      s +=
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[\(polys.joined(separator: ","))]},\"properties\":{\"zone_id\":\(id)}}"
      s += k + 1 < features.count ? ",\n" : "\n"
    }
    return s + "]}\n"
  }

  /// `field-outline.geojson`.
  package static func outline(models: String, crs: CRS) -> String {
    let pts = SVGMap.geometry(models: models).outline
    var s = header("field-outline", crs)
    if pts.count >= 3 {
      s +=
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[\(ring(pts, crs))]},\"properties\":{\"name\":\"Groningen field outline\"}}\n"
    }
    return s + "]}\n"
  }

  /// Writes the layers into the folder `destination` (an output folder of hra: staged and moved
  /// into place, with `manifest.json` and `SHA256SUMS`; see ``OutputTarget``).
  /// - Returns: the file names written.
  @discardableResult
  package static func write(_ src: ReportSource, to destination: String, crs: CRS, overwrite: Bool) throws -> [String] {
    let target = try OutputTarget(destination, overwrite: overwrite, inputs: [src.folder])
    var names: [String] = []
    try target.write { out in
      try out.write(buildings(src, crs: crs), name: "buildings.geojson")
      names.append("buildings.geojson")
      if let m = src.modelsDirectory {
        try out.write(try zones(models: m, crs: crs), name: "zones.geojson")
        try out.write(outline(models: m, crs: crs), name: "field-outline.geojson")
        names += ["zones.geojson", "field-outline.geojson"]
      }
      let manifest: [String: Any] = [
        "codeVersion": CodeVersion.current,
        "source": src.folder,
        "sourceManifestSHA256": src.manifestSHA256,
        "crs": crs == .rd ? "EPSG:28992 (RD New, metres, [x, y])" : "WGS84 (degrees, [longitude, latitude])",
        "transformation": crs == .rd
          ? "none"
          : "RD New to WGS84 by the approximation of Schreutelkamp & Strang van Hees (2001), accuracy about 1 m",
        "files": names,
      ]
      let d = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
      try out.write(d, name: "manifest.json")
    }
    return names
  }
}
