import Foundation
import Testing

@testable import HRA

/// The 35 V7 typologies, read from the `structural_system` column of the V7 fragility file.
let v7Typologies: Set<String> = {
  let t = try! CSVTable(contentsOf: SitePaths.fragilityV7)
  return Set(t.rows.map { try! t.string($0, "structural_system") })
}()

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryCSV(_ text: String, name: String = "edb.csv") throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exposure-\(getpid())-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let path = dir.appendingPathComponent(name).path
  try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  return path
}

@Suite struct ExposureDatabaseTests {
  let map = SitePaths.zoneMap
  static let header = ExposureDatabase.columns.joined(separator: ",")

  /// A valid row (in zone 322) with cells overridable by column name.
  static func row(_ overrides: [String: String] = [:]) -> String {
    var cells: [String: String] = [
      "bag_building_id": "0014100000000001", "point_x": "233843", "point_y": "581357",
      "main_use": "woonfunctie", "system_1": "URM3L", "s_probability_1": "0.7",
      "system_2": "W2", "s_probability_2": "0.3", "community": "Groningen", "wiede_flag": "0",
      "sum_pop_in_day": "1.2", "sum_pop_in_night": "2.2", "sum_pop_pas_day": "0.05",
      "sum_pop_pas_night": "0.01", "sum_pop_runners_out_day": "0.04", "sum_pop_runners_out_night": "0.007",
      "municipality": "Groningen", "owner_type": "private",
    ]
    for (k, v) in overrides { cells[k] = v }
    return ExposureDatabase.columns.map { cells[$0] ?? "" }.joined(separator: ",")
  }

  func load(_ text: String, snap: Double = 0) throws -> ExposureDatabase {
    try ExposureDatabase.load(
      path: try temporaryCSV(text), zoneMap: map, knownTypologies: v7Typologies, snapDistance: snap)
  }

  /// Expects an InputError at `line` naming `field`.
  func expectError(_ rows: [String], line: Int, field: String, _ contains: String = "") throws {
    let text = ([Self.header] + rows).joined(separator: "\n") + "\n"
    do {
      _ = try load(text)
      Issue.record("expected an error at line \(line), field \(field)")
    } catch let e as InputError {
      #expect(e.line == line, "\(e)")
      #expect(e.field == field, "\(e)")
      #expect(e.message.contains(contains), "\(e)")
    }
  }

  @Test func v7TypologyListHas35Classes() {
    #expect(v7Typologies.count == 35)
    #expect(v7Typologies.contains("URM1F_HA") && v7Typologies.contains("RC1L"))
  }

  @Test func loadsValidRow() throws {
    let db = try load(Self.header + "\n" + Self.row() + "\n")
    #expect(db.buildings.count == 1)
    let b = db.buildings[0]
    #expect(b.id == "0014100000000001" && b.zone == 322 && b.typologies == ["URM3L", "W2"])
    #expect(b.probabilities == [0.7, 0.3] && !b.wierde && b.populationInsideNight == 2.2)
    #expect(b.municipality == "Groningen" && b.ownerType == "private" && b.place == "Groningen")
  }

  /// TNO's example file (UTF-8 BOM, no owner/municipality columns). Its first location lies
  /// 76 m outside the zonation, so it loads with a 100 m snap distance and fails strictly.
  @Test func loadsTNOExampleFile() throws {
    let db = try ExposureDatabase.load(
      path: SitePaths.exampleEDB, zoneMap: map, knownTypologies: v7Typologies, snapDistance: 100)
    #expect(db.buildings.count == 35)
    #expect(Set(db.buildings.flatMap(\.typologies)) == v7Typologies)
    #expect(db.buildings[0].id == "900000001" && db.buildings[0].zone == 308)
    #expect(db.buildings[13].zone == 3111 && db.buildings[23].zone == 322)
    #expect(db.buildings[1].wierde && !db.buildings[0].wierde)
    #expect(db.buildings.allSatisfy { $0.ownerType == "unknown" && $0.municipality == "unknown" })
    #expect(db.buildings[0].runnersOutDay == 0.0345303)
    // Every snapped building is reported (the first location, 76 m outside, holds 12 buildings).
    #expect(!db.snapped.isEmpty && db.snapped.allSatisfy { $0.distanceM > 70 && $0.distanceM < 80 && $0.zone == 308 })
    #expect(db.snapped[0].id == "900000001" && db.snapped[0].line == 2)
    #expect(db.snapped.count == db.buildings.filter { $0.x == db.buildings[0].x && $0.y == db.buildings[0].y }.count)
    do {
      _ = try ExposureDatabase.load(path: SitePaths.exampleEDB, zoneMap: map, knownTypologies: v7Typologies)
      Issue.record("strict load should fail")
    } catch let e as InputError {
      #expect(e.line == 2 && e.field == "point_x")
    }
  }

  @Test func validationErrorsNameLineAndField() throws {
    let ok = Self.row()
    try expectError(
      [ok, Self.row(["bag_building_id": "2", "point_y": "abc"])], line: 3, field: "point_y", "not a finite number")
    try expectError([Self.row(["system_2": "URM99"])], line: 2, field: "system_2", "unknown typology")
    try expectError([Self.row(["s_probability_2": ""])], line: 2, field: "s_probability_2", "without a probability")
    try expectError(
      [Self.row(["system_2": "", "s_probability_1": "1"])], line: 2, field: "system_2", "without a typology")
    try expectError(
      [Self.row(["s_probability_1": "1.3", "s_probability_2": "-0.3"])], line: 2, field: "s_probability_1",
      "outside [0, 1]")
    try expectError([Self.row(["s_probability_1": "0.6"])], line: 2, field: "s_probability_1", "sum to")
    try expectError([Self.row(["point_x": "100000", "point_y": "400000"])], line: 2, field: "point_x", "outside")
    try expectError([Self.row(["wiede_flag": "2"])], line: 2, field: "wiede_flag", "0 or 1")
    try expectError([Self.row(["sum_pop_in_night": "-1"])], line: 2, field: "sum_pop_in_night", "negative")
    try expectError([ok, "", ok], line: 4, field: "bag_building_id", "lines 2 and 4")
    try expectError([Self.row(["system_2": "URM3L"])], line: 2, field: "system_2", "twice")
  }

  @Test func lakeZoneIsOutsideTheDomain() throws {
    let box = try #require(map.boundingBox(zone: 2813))
    var rng = RandomStream(seed: 1, keys: [2813])
    var lake: (x: Double, y: Double)? = nil
    for _ in 0..<10_000 where lake == nil {
      let x = box.minX + rng.uniform() * (box.maxX - box.minX)
      let y = box.minY + rng.uniform() * (box.maxY - box.minY)
      if map.zone(x: x, y: y) == 2813 { lake = (x, y) }
    }
    let point = try #require(lake)
    try expectError([Self.row(["point_x": "\(point.x)", "point_y": "\(point.y)"])], line: 2, field: "point_x", "lake")
  }

  @Test func missingColumnIsAnError() throws {
    let header = ExposureDatabase.columns.filter { $0 != "sum_pop_pas_day" }
    let text = header.joined(separator: ",") + "\n"
    #expect(throws: InputError.self) { try load(text) }
    do { _ = try load(text) } catch let e as InputError { #expect(e.field == "sum_pop_pas_day") }
  }

  @Test func writeThenLoadRoundTrips() throws {
    let first = try load(
      Self.header + "\n" + Self.row() + "\n"
        + Self.row([
          "bag_building_id": "0014100000000002", "system_3": "RC1L", "s_probability_1": "0.5",
          "s_probability_3": "0.2", "wiede_flag": "1", "community": "\"'t Zandt, Oost\"", "owner_type": "corporation",
          "sum_pop_in_day": "0.123456789012345",
        ]) + "\n")
    let path = try temporaryCSV("")
    try first.write(to: path)
    let second = try ExposureDatabase.load(path: path, zoneMap: map, knownTypologies: v7Typologies)
    #expect(second.buildings == first.buildings)
    #expect(second.buildings[1].place == "'t Zandt, Oost")
  }
}
