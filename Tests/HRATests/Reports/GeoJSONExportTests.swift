import Foundation
import Testing

@testable import HRA

/// The GeoJSON layers: valid FeatureCollections with the expected geometry types, coordinate
/// order `[x, y]` (RD New, `crs` named) and `[longitude, latitude]` (WGS84), and a building at a
/// published control point within the stated accuracy of the RD → WGS84 approximation.
@Suite struct GeoJSONExportTests {
  /// The EPSG v12.054 example (Groningen province): RD New (275000, 575000) is ETRS89
  /// 53.148288321 N, 7.180899528 E (RDNAPTRANS™2018; see `RDCoordinatesTests`).
  static let control = (x: 275_000.0, y: 575_000.0, lat: 53.148288321, lon: 7.180899528)

  static func folder() throws -> String {
    let dir = try ReportFixture.write()
    var r = ReportFixture.results()
    r.buildings[0].x = control.x
    r.buildings[0].y = control.y
    try r.csv(norm: ReportFixture.norm).write(toFile: dir + "/buildings-risk.csv", atomically: true, encoding: .utf8)
    return dir
  }

  static func features(_ path: String) throws -> (root: [String: Any], features: [[String: Any]]) {
    let d = try #require(FileManager.default.contents(atPath: path))
    let root = try #require(try JSONSerialization.jsonObject(with: d) as? [String: Any], "\(path) is not a JSON object")
    #expect(root["type"] as? String == "FeatureCollection")
    let f = try #require(root["features"] as? [[String: Any]])
    for x in f { #expect(x["type"] as? String == "Feature") }
    return (root, f)
  }

  static func geometry(_ f: [String: Any]) -> (type: String, coordinates: Any)? {
    guard let g = f["geometry"] as? [String: Any], let t = g["type"] as? String, let c = g["coordinates"] else {
      return nil
    }
    return (t, c)
  }

  @Test func rdNewLayersNameTheirCRSAndUseXY() throws {
    let dir = try Self.folder()
    let out = dir + "-geojson"
    defer {
      try? FileManager.default.removeItem(atPath: dir)
      try? FileManager.default.removeItem(atPath: out)
    }
    let src = try ReportSource(folder: dir)
    let names = try GeoJSONExport.write(src, to: out, crs: .rd, overwrite: false)
    #expect(names == ["buildings.geojson", "zones.geojson", "field-outline.geojson"])
    let (root, buildings) = try Self.features(out + "/buildings.geojson")
    let crs = try #require((root["crs"] as? [String: Any])?["properties"] as? [String: Any])
    #expect(crs["name"] as? String == "urn:ogc:def:crs:EPSG::28992")
    #expect(buildings.count == src.results!.buildings.count)
    for (f, b) in zip(buildings, src.results!.buildings) {
      let g = try #require(Self.geometry(f))
      #expect(g.type == "Point")
      let c = try #require(g.coordinates as? [Double])
      #expect(c.count == 2 && abs(c[0] - b.x) < 0.051 && abs(c[1] - b.y) < 0.051, "[x, y] order")
      let p = try #require(f["properties"] as? [String: Any])
      #expect(p["building_id"] as? String == b.id)
      #expect((p["p90_2019_20"] as? NSNumber)?.doubleValue == b.p90[0])
      #expect(["verhoogd", "licht_verhoogd", "normaal"].contains(p["cat_2020_21"] as? String ?? ""))
    }
    let (_, zones) = try Self.features(out + "/zones.geojson")
    #expect(zones.count == 162)
    for z in zones {
      let g = try #require(Self.geometry(z))
      #expect(g.type == "MultiPolygon")
      let polys = try #require(g.coordinates as? [[[[Double]]]])
      for ring in polys.flatMap({ $0 }) {
        #expect(ring.count >= 4 && ring.first == ring.last, "a closed linear ring")
        #expect(ring.allSatisfy { $0.count == 2 && $0[0] > 100_000 && $0[0] < 300_000 && $0[1] > 500_000 })
      }
    }
    let (_, outline) = try Self.features(out + "/field-outline.geojson")
    #expect(outline.count == 1 && Self.geometry(outline[0])?.type == "Polygon")
    // The folder is an output of hra: a second export into it replaces it.
    #expect(FileManager.default.fileExists(atPath: out + "/SHA256SUMS"))
    try GeoJSONExport.write(src, to: out, crs: .rd, overwrite: false)
  }

  @Test func wgs84LayersUseLonLatWithinTheStatedAccuracy() throws {
    let dir = try Self.folder()
    let out = dir + "-wgs84"
    defer {
      try? FileManager.default.removeItem(atPath: dir)
      try? FileManager.default.removeItem(atPath: out)
    }
    try GeoJSONExport.write(try ReportSource(folder: dir), to: out, crs: .wgs84, overwrite: false)
    let (root, buildings) = try Self.features(out + "/buildings.geojson")
    #expect(root["crs"] == nil, "RFC 7946: WGS84 without a crs member")
    for f in buildings {
      let c = try #require(Self.geometry(f)?.coordinates as? [Double])
      #expect(RDCoordinates.longitudeRange.contains(c[0]) && RDCoordinates.latitudeRange.contains(c[1]))
      #expect(c[0] < c[1], "[longitude, latitude] order in the Netherlands")
    }
    let c = try #require(Self.geometry(buildings[0])?.coordinates as? [Double])
    let k = 6_371_000 * Double.pi / 180
    let dNorth = (c[1] - Self.control.lat) * k
    let dEast = (c[0] - Self.control.lon) * k * cos(Self.control.lat * .pi / 180)
    let d = (dNorth * dNorth + dEast * dEast).squareRoot()
    #expect(d < GeoJSONExport.wgs84AccuracyMetres, "control point off by \(d) m")
    let (_, zones) = try Self.features(out + "/zones.geojson")
    let ring = try #require((Self.geometry(zones[0])?.coordinates as? [[[[Double]]]])?.first?.first)
    #expect(
      ring.allSatisfy { RDCoordinates.longitudeRange.contains($0[0]) && RDCoordinates.latitudeRange.contains($0[1]) })
  }
}
