import Foundation
import Testing

@testable import HRA

@Suite struct ExposureGeneratorTests {
  static let directory = SitePaths.root + "/Models/exposure"
  static let parameters = try! ExposureGenerator.Parameters.load(directory: directory)
  let map = SitePaths.zoneMap
  var p: ExposureGenerator.Parameters { Self.parameters }

  @Test func parametersAreValid() throws {
    try p.validate(zoneMap: map, knownTypologies: v7Typologies, directory: Self.directory)
    #expect(Set(p.typologies) == v7Typologies)
    #expect(p.characters == ["town", "village", "industrial"])
    for m in p.mixes { #expect(abs(m.reduce(0, +) - 1) <= 1e-12) }
  }

  /// The TNO centres in centres.csv have the coordinates of the copied TNO file.
  @Test func tnoCentresMatchTheTNOFile() throws {
    let t = try CSVTable(contentsOf: Self.directory + "/centres_of_population.csv")
    #expect(t.rows.count == 7)
    for row in t.rows {
      let name = try t.string(row, "plaats")
      let c = try #require(p.centres.first { $0.place == name }, "\(name)")
      let x = try t.double(row, "x")
      let y = try t.double(row, "y")
      #expect(c.x == x && c.y == y)
    }
  }

  @Test func deterministicAndSeedDependent() {
    let a = ExposureGenerator.generate(count: 500, seed: 2024, zoneMap: map, parameters: p)
    let b = ExposureGenerator.generate(count: 500, seed: 2024, zoneMap: map, parameters: p)
    let c = ExposureGenerator.generate(count: 500, seed: 2025, zoneMap: map, parameters: p)
    #expect(a.count == 500)
    #expect(a == b)
    #expect(a != c)
    #expect(zip(a, c).filter { $0.x != $1.x }.count > 400)
  }

  /// One building generated alone (what `hra explain` does) equals the same building of the whole
  /// exposure; ids of other exposures or beyond the count are not found.
  @Test func oneBuildingByIdEqualsTheWholeExposures() {
    let all = ExposureGenerator.generate(count: 300, seed: 9, zoneMap: map, parameters: p)
    for i in [0, 1, 150, 299] {
      let one = ExposureGenerator.building(id: all[i].id, count: 300, seed: 9, zoneMap: map, parameters: p)
      #expect(one == all[i])
    }
    #expect(ExposureGenerator.building(id: all[299].id, count: 299, seed: 9, zoneMap: map, parameters: p) == nil)
    #expect(ExposureGenerator.building(id: "x", count: 300, seed: 9, zoneMap: map, parameters: p) == nil)
    #expect(ExposureGenerator.building(id: "0000100000000000", count: 300, seed: 9, zoneMap: map, parameters: p) == nil)
  }

  @Test func prefixStable() {
    let small = ExposureGenerator.generate(count: 100, seed: 7, zoneMap: map, parameters: p)
    let large = ExposureGenerator.generate(count: 10_000, seed: 7, zoneMap: map, parameters: p)
    #expect(small.count == 100 && large.count == 10_000)
    #expect(Array(large.prefix(100)) == small)
    #expect(ExposureGenerator.generate(count: 0, seed: 7, zoneMap: map, parameters: p).isEmpty)
  }

  @Test func buildingsAreValidAndRealistic() {
    let n = 20_000
    let bs = ExposureGenerator.generate(count: n, seed: 2024, zoneMap: map, parameters: p)
    #expect(bs.count == n)
    #expect(Set(bs.map(\.id)).count == n)
    var ok = true
    for b in bs {
      ok = ok && b.id.count == 16 && b.id.allSatisfy(\.isNumber)
      ok = ok && map.zone(x: b.x, y: b.y) == b.zone && !map.lakeZones.contains(b.zone)
      ok = ok && abs(b.probabilities.reduce(0, +) - 1) <= 1e-9 && (1...3).contains(b.typologies.count)
      ok = ok && Set(b.typologies).count == b.typologies.count && b.typologies.allSatisfy(v7Typologies.contains)
      ok = ok && b.populationInsideNight >= 0 && b.populationInsideDay >= 0
    }
    #expect(ok)
    let corporation = Double(bs.filter { $0.ownerType == "corporation" }.count) / Double(n)
    #expect(corporation >= 0.30 && corporation <= 0.37)
    let other = Double(bs.filter { $0.ownerType == "other" }.count) / Double(n)
    #expect(other > 0.01 && other < 0.06)
    let wierde = Double(bs.filter(\.wierde).count) / Double(n)
    #expect(wierde > 0.005 && wierde < 0.06)
    let urm = Double(bs.filter { $0.typologies[0].hasPrefix("URM") }.count) / Double(n)
    #expect(urm > 0.6)
    let meanNight = bs.filter { $0.mainUse == "woonfunctie" }.map(\.populationInsideNight).reduce(0, +) / Double(n)
    #expect(meanNight > 1.9 && meanNight < 2.4)
    // Wierden lie mainly in the north (Het Hogeland / Eemsdelta).
    let northern = bs.filter(\.wierde).filter { $0.municipality == "Het Hogeland" || $0.municipality == "Eemsdelta" }
    #expect(Double(northern.count) >= 0.8 * Double(bs.filter(\.wierde).count))
  }

  @Test func generatedFileLoadsBack() throws {
    let bs = ExposureGenerator.generate(count: 2000, seed: 11, zoneMap: map, parameters: p)
    let path = try temporaryCSV("")
    try ExposureDatabase(file: "generated", buildings: bs).write(to: path)
    let db = try ExposureDatabase.load(path: path, zoneMap: map, knownTypologies: v7Typologies)
    #expect(db.buildings == bs)
  }

  /// The shipped sample is what the generator gives for (1000, 2024).
  @Test func shippedSampleIsReproducible() throws {
    let path = Self.directory + "/sample-1000.csv"
    let db = try ExposureDatabase.load(path: path, zoneMap: map, knownTypologies: v7Typologies)
    #expect(db.buildings == ExposureGenerator.generate(count: 1000, seed: 2024, zoneMap: map, parameters: p))
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == ExposureDatabase(file: "", buildings: db.buildings).csv())
  }

  @Test func badParametersThrow() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("expogen-\(getpid())-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for f in ["centres.csv", "typologies.csv", "mixes.csv", "generator.csv"] {
      try FileManager.default.copyItem(atPath: Self.directory + "/" + f, toPath: dir + "/" + f)
    }
    _ = try ExposureGenerator.Parameters.load(directory: dir)
    var mixes = try String(contentsOfFile: dir + "/mixes.csv", encoding: .utf8)
    mixes += "0.7/0.2,0.1,bad\n"
    try mixes.write(toFile: dir + "/mixes.csv", atomically: true, encoding: .utf8)
    do {
      _ = try ExposureGenerator.Parameters.load(directory: dir)
      Issue.record("expected an error")
    } catch let e as InputError {
      #expect(e.field == "probabilities" && e.line == 8)
    }
  }

  /// Release-build timings (printed; only with HRA_TIMINGS set): `HRA_TIMINGS=1 swift test -c release -Xswiftc -enable-testing --filter timings`.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["HRA_TIMINGS"] != nil)) func timings() throws {
    let n = 150_000
    var t0 = Date()
    let bs = ExposureGenerator.generate(count: n, seed: 2024, zoneMap: map, parameters: p)
    let generate = Date().timeIntervalSince(t0)
    t0 = Date()
    var found = 0
    for b in bs where map.zone(x: b.x + 0.5, y: b.y + 0.5) != nil { found += 1 }
    let lookups = Date().timeIntervalSince(t0)
    let path = try temporaryCSV("")
    t0 = Date()
    try ExposureDatabase(file: "", buildings: bs).write(to: path)
    let write = Date().timeIntervalSince(t0)
    t0 = Date()
    let db = try ExposureDatabase.load(path: path, zoneMap: map, knownTypologies: v7Typologies)
    let load = Date().timeIntervalSince(t0)
    t0 = Date()
    _ = try CSVTable(contentsOf: path)
    let parse = Date().timeIntervalSince(t0)
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
    var perZone: [Int: Int] = [:]
    for b in bs { perZone[b.zone, default: 0] += 1 }
    let counts = perZone.values.sorted()
    print(
      """
      [exposure timings] generate \(n): \(generate) s; \(n) zone lookups: \(lookups) s (\(found) found); \
      write: \(write) s; load: \(load) s (of which CSVTable parse alone \(parse) s); file \(size) bytes; zones with buildings \(perZone.count) of \(map.zoneIDs.count); \
      per zone min \(counts.first ?? 0) median \(counts[counts.count / 2]) max \(counts.last ?? 0) mean \(Double(n) / Double(perZone.count))
      """)
    #expect(db.buildings.count == n)
  }
}
