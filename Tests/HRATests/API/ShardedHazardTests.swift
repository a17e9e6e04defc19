import Foundation
import Testing

@testable import HRA

/// Hazard in shards (issue 28): `hra hazard --shard I/N` parts (the sites of whole zones) merged
/// by `hra merge` write the unsharded run's curves, maps, GeoJSON, spectra and disaggregation
/// byte for byte, for the exposure's sites and for a sites file.
@Suite(.serialized) struct ShardedHazardTests {
  static func settings(sites: HazardSites.Choice, point: Bool) -> HazardSettings {
    var h = HazardSettings()
    h.imts = ["PGA"]
    h.sites = sites
    if point { h.spectrumSites = [[246500, 593500]] }
    return h
  }

  static func dataFiles(_ dir: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".geojson") }
      .sorted()
  }

  /// Runs the whole job and the job in `n` shards (merged), comparing every data file.
  static func expectMergedEqual(
    _ s: (models: String, exposure: String), _ h: HazardSettings, shards: [Int], name: String
  ) throws {
    let full = s.models + "/\(name)-full"
    _ = try HazardRun.run(ShardedRunTests.config(s, out: full), h)
    let expected = try dataFiles(full)
    #expect(expected.contains("curves-PGA.csv") && expected.contains("maps.csv"))
    for n in shards {
      let dir = s.models + "/\(name)-parts-\(n)"
      for i in 0..<n {
        var k = ShardedRunTests.config(s, out: dir)
        k.threads = 1 + i % 2
        _ = try ShardedHazard.runShard(k, h, shard: i, of: n)
      }
      let out = s.models + "/\(name)-merged-\(n)"
      let m = try ShardedHazard.merge(out: out, parts: [dir])
      #expect(try dataFiles(out) == expected)
      #expect(m.disaggregation.count == (h.spectrumSites.isEmpty ? 0 : m.disaggregation.count))
      for f in expected {
        let a = try Data(contentsOf: URL(fileURLWithPath: full + "/" + f))
        let b = try Data(contentsOf: URL(fileURLWithPath: out + "/" + f))
        #expect(a == b, "\(name): \(f) merged from \(n) shards differs from the run's")
      }
    }
  }

  /// The exposure's risk sites, 2 and 7 shards (7 leaves shards without a zone), with
  /// spectra and disaggregation at a point.
  @Test func buildingSitesMergeByteIdentically() throws {
    let s = try ShardedRunTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    try Self.expectMergedEqual(s, Self.settings(sites: .buildings, point: true), shards: [2, 7], name: "b")
  }

  /// A sites file (the buildings' coordinates as sites), 3 shards; a part of it is refused
  /// among the parts of the exposure-site run (other settings: other identity).
  @Test func sitesFileMergesByteIdenticallyAndForeignPartsAreRefused() throws {
    let s = try ShardedRunTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let ex = try CSVTable(contentsOf: s.exposure)
    let rows = try ex.rows.enumerated().map { i, r in
      "p\(i + 1),\(try ex.string(r, "point_x")),\(try ex.string(r, "point_y"))"
    }
    let file = s.models + "/sites.csv"
    try ("id,x,y\n" + rows.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
    try Self.expectMergedEqual(s, Self.settings(sites: .file(file), point: false), shards: [3], name: "f")
    let other = try ShardedHazard.runShard(
      ShardedRunTests.config(s, out: s.models + "/other"), Self.settings(sites: .buildings, point: false), shard: 1,
      of: 3)
    let e = #expect(throws: InputError.self) {
      _ = try ShardedHazard.merge(
        out: s.models + "/mixed", parts: [s.models + "/f-parts-3/" + PartSet.name(0, of: 3), other])
    }
    #expect(e?.field == "identity", "\(String(describing: e))")
  }
}
