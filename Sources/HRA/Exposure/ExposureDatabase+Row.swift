import Foundation

extension ExposureDatabase {
  /// One row of an exposure file being read by ``ExposureDatabase/load(path:zoneMap:knownTypologies:snapDistance:)``:
  /// its cells by column name, and the checks of one building. Every error names the file, the
  /// row's physical line and the field.
  struct Row {
    let table: CSVTable
    /// The column index of each column of ``ExposureDatabase/columns`` the file has.
    let columns: [String: Int]
    let row: CSVTable.Row

    /// `s` without surrounding blanks (spaces, tabs). Trimming with Foundation is slow on Linux;
    /// cells rarely have surrounding blanks.
    static func trimmed(_ s: String) -> String {
      guard let f = s.first, let l = s.last, f == " " || f == "\t" || l == " " || l == "\t" else { return s }
      return s.trimmingCharacters(in: .whitespaces)
    }

    /// The trimmed text of column `name` ("" when the file has no such column).
    func text(_ name: String) -> String {
      guard let i = columns[name] else { return "" }
      return Row.trimmed(row.cells[i])
    }

    /// The finite number in column `name`.
    /// - Throws: ``InputError`` for an empty cell or one that is not a finite number.
    func number(_ name: String) throws -> Double {
      let s = text(name)
      guard !s.isEmpty else { throw table.error(row, name, "empty value, expected a number") }
      guard let v = Double(s), v.isFinite else { throw table.error(row, name, "not a finite number (\"\(s)\")") }
      return v
    }

    /// The typology mix of columns `system_k`, `s_probability_k` (k = 1 … ``Building/maxTypologies``;
    /// pairs with both empty skipped).
    /// - Returns: the typologies and their probabilities, in column order.
    /// - Throws: ``InputError`` for a typology without probability or vice versa, a typology not
    ///   in `known`, or a probability that is not a number.
    func typologies(known: Set<String>) throws -> (typologies: [String], probabilities: [Double]) {
      var typologies: [String] = []
      var probabilities: [Double] = []
      for k in 1...Building.maxTypologies {
        let system = text("system_\(k)")
        let p = text("s_probability_\(k)")
        if system.isEmpty && p.isEmpty { continue }
        if system.isEmpty { throw table.error(row, "system_\(k)", "probability \(p) given without a typology") }
        if p.isEmpty { throw table.error(row, "s_probability_\(k)", "typology \(system) given without a probability") }
        guard known.contains(system) else {
          throw table.error(row, "system_\(k)", "unknown typology \"\(system)\" (not in the fragility model)")
        }
        typologies.append(system)
        probabilities.append(try number("s_probability_\(k)"))
      }
      return (typologies, probabilities)
    }

    /// The site-response zone of the point (x, y): the zone it lies in, else (with
    /// `snapDistance` > 0) the nearest zone within that distance, recorded in `snaps`.
    /// - Returns: the zone.
    /// - Throws: ``InputError`` (field `point_x`) for a point outside the zonation or in a lake zone.
    func zone(
      x: Double, y: Double, id: String, zoneMap: ZoneMap, snapDistance: Double, snaps: inout [Snap]
    ) throws -> Int {
      var zone = zoneMap.zone(x: x, y: y)
      if zone == nil && snapDistance > 0 {
        if let n = zoneMap.nearest(x: x, y: y, within: snapDistance) {
          zone = n.zone
          snaps.append(Snap(id: id, line: row.line, zone: n.zone, distanceM: n.distance))
        }
      }
      guard let z = zone else {
        throw table.error(row, "point_x", "point (\(x), \(y)) lies outside the site-response zonation (model domain)")
      }
      if zoneMap.lakeZones.contains(z) {
        throw table.error(
          row, "point_x", "point (\(x), \(y)) lies in zone \(z), a lake without amplification coefficients")
      }
      return z
    }

    /// The building of this row, with the values already read and checked.
    /// - Throws: ``InputError`` for a population that is not a number, or ``Building``'s own
    ///   checks (probabilities, negative population) located at their field.
    func building(
      id: String, x: Double, y: Double, mix: (typologies: [String], probabilities: [Double]), wierde: Bool, zone z: Int
    ) throws -> Building {
      let owner = text("owner_type")
      let municipality = text("municipality")
      do {
        return try Building(
          id: id, x: x, y: y, mainUse: text("main_use"), secondaryUse: text("secondary_use"),
          typologies: mix.typologies, probabilities: mix.probabilities, wierde: wierde,
          populationInsideDay: try number("sum_pop_in_day"), populationInsideNight: try number("sum_pop_in_night"),
          passersDay: try number("sum_pop_pas_day"), passersNight: try number("sum_pop_pas_night"),
          runnersOutDay: try number("sum_pop_runners_out_day"),
          runnersOutNight: try number("sum_pop_runners_out_night"),
          municipality: municipality.isEmpty ? "unknown" : municipality, place: text("community"),
          ownerType: owner.isEmpty ? "unknown" : owner, zone: z)
      } catch let e as Building.Invalid {
        throw table.error(row, e.field, e.message)
      }
    }
  }
}
