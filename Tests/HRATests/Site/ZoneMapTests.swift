import Foundation
import Testing

@testable import HRA

@Suite struct ZoneMapTests {
  let map = SitePaths.zoneMap

  @Test func loadsAllZonesAndLakes() throws {
    #expect(map.zoneIDs.count == 162)
    #expect(Set(map.zoneIDs).count == 162)
    #expect(map.lakeZones == [2813, 3411])
    #expect(map.minX < 228_000 && map.maxX > 272_000 && map.minY < 563_300 && map.maxY > 609_600)
  }

  /// The lake zones are exactly the zones missing from the V7 amplification table.
  @Test func lakeZonesAreTheZonesWithoutAmplification() throws {
    let table = try CSVTable(contentsOf: SitePaths.amplificationV7)
    var amplified: Set<Int> = []
    for row in table.rows { amplified.insert(Int(try table.double(row, "Zone"))) }
    #expect(Set(map.zoneIDs).subtracting(amplified) == map.lakeZones)
  }

  /// Zones of the locations in TNO's example_EDB.csv. The expected ids were found with an
  /// independent (Python, unindexed) even-odd ray cast over the same GeoJSON.
  @Test func exampleLocations() {
    #expect(map.zone(x: 233_843, y: 581_357) == 322)
    #expect(map.zone(x: 254_744, y: 564_826) == 3111)
    // 76 m outside the zonation's outer edge; the nearest zone is 308.
    #expect(map.zone(x: 234_603, y: 572_797) == nil)
    #expect(map.nearestZone(x: 234_603, y: 572_797, within: 100) == 308)
    #expect(map.nearestZone(x: 234_603, y: 572_797, within: 50) == nil)
    #expect(map.nearestZone(x: 233_843, y: 581_357, within: 0) == 322)
  }

  @Test func farOutsideIsNil() {
    #expect(map.zone(x: 100_000, y: 400_000) == nil)
    #expect(map.zone(x: 0, y: 0) == nil)
    #expect(map.zone(x: .nan, y: 580_000) == nil)
    #expect(!map.isInDomain(x: 100_000, y: 400_000))
    // Finite but beyond Int once divided by the index cell: nil, not a trap in the conversion (found by
    // fuzzing: Fuzz/regressions/exposure/huge-coordinate.csv).
    for (x, y) in [(1e300, 580_000), (-1e300, 580_000), (233_843, 1e300), (.greatestFiniteMagnitude, -1e19)] {
      #expect(map.zone(x: x, y: y) == nil)
      #expect(map.nearestZone(x: x, y: y, within: 76) == nil)
    }
  }

  /// A point inside a hole of one zone belongs to the zone filling the hole, not the outer one.
  @Test func holesAreExcluded() {
    // vertex centroids of hole rings of zones 1033 and 2825
    let z1 = map.zone(x: 230_571.4, y: 599_327.0)
    #expect(z1 != 1033)
    #expect(z1 == 1107)
    let z2 = map.zone(x: 234_463.2, y: 575_040.6)
    #expect(z2 != 2825)
    #expect(z2 == 2803)
  }

  /// The indexed lookup agrees with a plain even-odd ray cast over every ring of every zone.
  @Test func indexAgreesWithBruteForce() throws {
    let data = try #require(FileManager.default.contents(atPath: SitePaths.zonesGeoJSON))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let features = try #require(json["features"] as? [[String: Any]])
    var zones: [(Int, [[[Double]]])] = []
    for f in features {
      let id = try #require((f["properties"] as? [String: Any])?["zone_id"] as? Int)
      let polys = try #require((f["geometry"] as? [String: Any])?["coordinates"] as? [[[[Double]]]])
      zones.append((id, polys.flatMap { $0 }))
    }
    func brute(_ x: Double, _ y: Double) -> Int? {
      for (id, rings) in zones {
        var inside = false
        for r in rings {
          var j = r.count - 1
          for i in 0..<r.count {
            if (r[i][1] > y) != (r[j][1] > y),
              x < r[i][0] + (y - r[i][1]) * (r[j][0] - r[i][0]) / (r[j][1] - r[i][1])
            {
              inside.toggle()
            }
            j = i
          }
        }
        if inside { return id }
      }
      return nil
    }
    var rng = RandomStream(seed: 7, keys: [1])
    var hits = 0
    for _ in 0..<3000 {
      let x = map.minX - 1000 + rng.uniform() * (map.maxX - map.minX + 2000)
      let y = map.minY - 1000 + rng.uniform() * (map.maxY - map.minY + 2000)
      let expected = brute(x, y)
      #expect(map.zone(x: x, y: y) == expected)
      if expected != nil { hits += 1 }
    }
    #expect(hits > 1000)
  }

  @Test func badFilesThrowInputError() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zonemap-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("bad.geojson").path
    try Data("{\"type\": \"FeatureCollection\", \"features\": [".utf8).write(to: URL(fileURLWithPath: bad))
    #expect(throws: InputError.self) { try ZoneMap(geoJSONPath: bad, lakeZones: []) }
    let noID = dir.appendingPathComponent("noid.geojson").path
    try Data(
      """
      {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}
      """.utf8
    ).write(to: URL(fileURLWithPath: noID))
    #expect(throws: InputError.self) { try ZoneMap(geoJSONPath: noID, lakeZones: []) }
    #expect(throws: InputError.self) {
      try ZoneMap(geoJSONPath: dir.appendingPathComponent("missing.geojson").path, lakeZones: [])
    }
    // the default initialiser needs lake-zones.csv next to the GeoJSON
    #expect(throws: InputError.self) { try ZoneMap(geoJSONPath: noID) }
    // a lake zone that is not a zone
    #expect(throws: InputError.self) { try ZoneMap(geoJSONPath: SitePaths.zonesGeoJSON, lakeZones: [9999]) }
  }

  @Test func simpleSquareWithHole() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zonemap-sq-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("sq.geojson").path
    try Data(
      """
      {"type":"FeatureCollection","features":[
       {"type":"Feature","properties":{"zone_id":1},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[100,0],[100,100],[0,100],[0,0]],[[40,40],[40,60],[60,60],[60,40],[40,40]]],[[[200,0],[300,0],[300,100],[200,0]]]]}},
       {"type":"Feature","properties":{"zone_id":2},"geometry":{"type":"Polygon","coordinates":[[[40,40],[60,40],[60,60],[40,60],[40,40]]]}}]}
      """.utf8
    ).write(to: URL(fileURLWithPath: path))
    let m = try ZoneMap(geoJSONPath: path, lakeZones: [2])
    #expect(m.zone(x: 10, y: 10) == 1)
    #expect(m.zone(x: 50, y: 50) == 2)
    #expect(!m.isInDomain(x: 50, y: 50))
    #expect(m.zone(x: 290, y: 50) == 1)
    #expect(m.zone(x: 210, y: 50) == nil)
    #expect(m.zone(x: 150, y: 50) == nil)
    #expect(m.nearestZone(x: 150, y: 50, within: 60) == 1)
  }
}
