import Foundation

/// The exposure database: one ``Building`` per row of an EDB V7.1-layout CSV file.
///
/// Reads and writes the column layout of NAM's EDB V7.1 extract exactly as in TNO's
/// `example_EDB.csv` (UTF-8 BOM accepted):
/// `bag_building_id, point_x, point_y, main_use, secondary_use, system_1, s_probability_1, …,
/// system_10, s_probability_10, community, wiede_flag, sum_pop_in_day, sum_pop_in_night,
/// sum_pop_pas_day, sum_pop_pas_night, sum_pop_runners_out_day, sum_pop_runners_out_night`,
/// plus two columns of ours at the end, `municipality` and `owner_type` (optional when
/// reading; missing → "unknown"). Columns are found by name, so their order on input is free.
///
/// Every problem is an ``InputError`` naming the file, the physical line and the field.
/// Units: RD New metres, persons. Reference: TNO SHRA `tests/res/example_EDB.csv`.
package struct ExposureDatabase: Sendable {
  /// The file the buildings were read from (as given), or a label for generated data.
  package let file: String
  /// Buildings in file order.
  package let buildings: [Building]
  /// Buildings outside every zone that were assigned the nearest zone within the snap distance.
  package let snapped: [Snap]

  /// One snapped building: its id, line in the file, the zone given and the distance to it [m].
  package struct Snap: Sendable, Codable, Equatable {
    package var id: String
    package var line: Int
    package var zone: Int
    package var distanceM: Double
  }

  /// The EDB V7.1 columns, in file order, followed by ours (`municipality`, `owner_type`).
  package static let columns: [String] =
    ["bag_building_id", "point_x", "point_y", "main_use", "secondary_use"]
    + (1...Building.maxTypologies).flatMap { ["system_\($0)", "s_probability_\($0)"] }
    + [
      "community", "wiede_flag", "sum_pop_in_day", "sum_pop_in_night", "sum_pop_pas_day",
      "sum_pop_pas_night", "sum_pop_runners_out_day", "sum_pop_runners_out_night",
    ]
    + optionalColumns
  /// Our columns, optional on input.
  package static let optionalColumns = ["municipality", "owner_type"]

  /// Wraps buildings already in memory (e.g. from ``ExposureGenerator``).
  package init(file: String, buildings: [Building], snapped: [Snap] = []) {
    self.file = file
    self.buildings = buildings
    self.snapped = snapped
  }

  /// Reads and validates an exposure file.
  ///
  /// - Parameters:
  ///   - path: the CSV file.
  ///   - zoneMap: the site-response zonation; each building gets the zone its point lies in.
  ///   - knownTypologies: the typology names the fragility model has (e.g. the 35 V7 classes).
  ///   - snapDistance: a point outside every zone but within this many metres of a non-lake
  ///     zone gets that zone (default 0: strict). TNO's example file needs 76 m.
  /// - Throws: ``InputError`` (file, physical line, field) for: a missing column; a
  ///   non-numeric value; an unknown typology; a typology without probability or vice versa;
  ///   a probability outside [0, 1]; probabilities not summing to 1 ± 1e-6; a point outside
  ///   the model domain (no zone, or a lake zone without amplification); a duplicate building
  ///   id (both lines named); `wiede_flag` not 0/1; a negative population.
  package static func load(
    path: String, zoneMap: ZoneMap, knownTypologies: Set<String>, snapDistance: Double = 0
  ) throws -> ExposureDatabase {
    let table = try CSVTable(contentsOf: path)
    let required = columns.filter { !optionalColumns.contains($0) }
    try table.require(required)
    guard !table.rows.isEmpty else {
      throw InputError(file: path, line: 1, "no buildings: the file has a header and no data rows")
    }
    func col(_ name: String) -> Int? { table.has(name) ? try? table.column(name) : nil }
    let c = Dictionary(uniqueKeysWithValues: columns.compactMap { n in col(n).map { (n, $0) } })
    var buildings: [Building] = []
    buildings.reserveCapacity(table.rows.count)
    var seen: [String: Int] = [:]
    seen.reserveCapacity(table.rows.count)
    var snaps: [Snap] = []
    for row in table.rows {
      let r = Row(table: table, columns: c, row: row)
      let id = r.text("bag_building_id")
      guard !id.isEmpty else { throw table.error(row, "bag_building_id", "empty building id") }
      if let first = seen[id] {
        throw table.error(row, "bag_building_id", "duplicate building id \(id) (lines \(first) and \(row.line))")
      }
      seen[id] = row.line
      let x = try r.number("point_x")
      let y = try r.number("point_y")
      let mix = try r.typologies(known: knownTypologies)
      let flag = r.text("wiede_flag")
      guard flag == "0" || flag == "1" else {
        throw table.error(row, "wiede_flag", "expected 0 or 1, found \"\(flag)\"")
      }
      let z = try r.zone(x: x, y: y, id: id, zoneMap: zoneMap, snapDistance: snapDistance, snaps: &snaps)
      buildings.append(try r.building(id: id, x: x, y: y, mix: mix, wierde: flag == "1", zone: z))
    }
    return ExposureDatabase(file: path, buildings: buildings, snapped: snaps)
  }

  /// The buildings as CSV text in the layout of ``columns`` (LF line endings, no BOM).
  ///
  /// Numbers are written in Swift's shortest round-trip form (integers without a decimal
  /// point), so ``load(path:zoneMap:knownTypologies:snapDistance:)`` gives back identical buildings.
  package func csv() -> String {
    var out = ExposureDatabase.columns.joined(separator: ",") + "\n"
    out.reserveCapacity(buildings.count * 120)
    for b in buildings { ExposureDatabase.append(b, to: &out) }
    return out
  }

  /// Writes ``csv()`` to `path` atomically (temporary file, then rename).
  package func write(to path: String) throws {
    try AtomicOutput.writeFile(Data(csv().utf8), to: path)
  }

  static func append(_ b: Building, to out: inout String) {
    var cells: [String] = [field(b.id), format(b.x), format(b.y), field(b.mainUse), field(b.secondaryUse)]
    for k in 0..<Building.maxTypologies {
      if k < b.typologies.count {
        cells.append(field(b.typologies[k]))
        cells.append(format(b.probabilities[k]))
      } else {
        cells.append("")
        cells.append("")
      }
    }
    cells += [
      field(b.place), b.wierde ? "1" : "0",
      format(b.populationInsideDay), format(b.populationInsideNight),
      format(b.passersDay), format(b.passersNight),
      format(b.runnersOutDay), format(b.runnersOutNight),
      field(b.municipality), field(b.ownerType),
    ]
    out += cells.joined(separator: ",")
    out += "\n"
  }

  /// Shortest round-trip decimal; whole numbers without ".0".
  static func format(_ v: Double) -> String {
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return "\(v)"
  }

  /// Quotes a text cell if it contains a comma, quote or line break.
  static func field(_ s: String) -> String {
    guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
