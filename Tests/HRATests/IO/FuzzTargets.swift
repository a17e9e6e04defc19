import Foundation
import HRA

/// The parser entry points the fuzz targets drive, shared by the libFuzzer builds (`Fuzz/<target>.swift`,
/// compiled with this file by `Scripts/fuzz.sh`) and by ``FuzzRegressionTests`` (in-process replay of
/// `Fuzz/corpus/` and `Fuzz/regressions/`). Public API only (`import HRA`, not `@testable`): the fuzz
/// builds compile the library without testing enabled.
///
/// A thrown error is a fine answer to bad input (the parsers throw ``InputError``). What counts is a
/// crash (a trap, a precondition, a sanitizer report), a hang, and a broken round trip: an input that
/// parses must write back (``ConfigFile/render(_:header:)``, ``GriddedForecast/csvText()``,
/// ``IjkmomentState/json()``) to text that reads back to the same value. Broken round trips are returned
/// as ``Outcome/problems``; the fuzz entry traps on them, the test reports them.
enum FuzzTargets {
  /// Every target, as named by `Scripts/fuzz.sh` and the folders of `Fuzz/corpus/` and `Fuzz/regressions/`.
  static let names = ["csv", "config", "forecast", "state", "status", "exposure"]

  /// What one input did.
  struct Outcome {
    /// Whether the parser accepted the input rather than throwing (config: validated against the schema).
    var accepted = false
    /// Broken invariants (round trips); empty when all is well.
    var problems: [String] = []
  }

  /// Runs one target on one input; `exposure` needs the context of ``ExposureContext``.
  static func run(_ target: String, _ data: Data, exposure: ExposureContext? = nil) -> Outcome {
    switch target {
    case "csv": return csv(data)
    case "config": return config(data)
    case "forecast": return forecast(data)
    case "state": return state(data)
    case "status": return status(data)
    case "exposure":
      guard let exposure else { preconditionFailure("the exposure target needs an ExposureContext") }
      return self.exposure(data, exposure)
    default: preconditionFailure("unknown fuzz target \(target)")
    }
  }

  // MARK: - CSVTable

  /// `CSVTable(data:file:)`, then every typed accessor on every cell.
  static func csv(_ data: Data) -> Outcome {
    guard let t = try? CSVTable(data: data, file: "fuzz.csv") else { return Outcome() }
    _ = try? t.require(t.header)
    _ = try? t.column("no such column")
    for r in t.rows {
      for c in t.header {
        _ = t.has(c)
        _ = try? t.string(r, c)
        _ = try? t.double(r, c)
        _ = try? t.double(r, c, emptyAs: 0, nanAs: 0)
        _ = try? t.int(r, c)
        _ = t.error(r, c, "fuzz").description
      }
    }
    return Outcome(accepted: true)
  }

  // MARK: - ConfigFile

  /// A schema shaped like the engine's run configuration (``RunConfiguration``): every kind of key.
  static let configSchema = ConfigSchema([
    .init(
      "run",
      [
        ConfigKey("description", .string, allowsEmpty: true),
        ConfigKey("estimator", .enumeration(["integrated", "montecarlo"])),
        ConfigKey("first_gas_year", .integer(1990...2100)),
        ConfigKey("last_gas_year", .integer(1990...2100)),
        ConfigKey("seed", .integer(0...Int.max)),
        ConfigKey("threads", .integer(1...256)),
        ConfigKey("catalogues", .integer(1...1_000_000)),
        ConfigKey("norm", .double(min: 0, exclusiveMin: true)),
      ]),
    .init(
      "logic_tree",
      [
        ConfigKey("mode", .enumeration(["sample", "enumerate", "central"]), required: true),
        ConfigKey("samples", .integer(1...65_535)),
        ConfigKey("fix", .pairs, allowsEmpty: true),
        ConfigKey("mmax_weights", .doubles(min: 0, max: 1, count: 1...8)),
      ]),
    .init(
      "models",
      [
        ConfigKey("folder", .path, required: true),
        ConfigKey("exposure", .path, allowsEmpty: true),
        ConfigKey("exposure_buildings", .integer(1...10_000_000)),
        ConfigKey("production", .string),
        ConfigKey("forecast", .path, allowsEmpty: true),
        ConfigKey("mmin", .double(min: 0, max: 10, exclusiveMin: true)),
        ConfigKey("snap_distance_m", .double(min: 0)),
      ]),
    .init(
      "output",
      [
        ConfigKey("folder", .path, required: true),
        ConfigKey("percentiles", .doubles(min: 0, max: 100, exclusiveMin: true, exclusiveMax: true, count: 2...2)),
        ConfigKey("overwrite", .boolean),
      ]),
  ])

  /// `ConfigFile(data:file:schema:)` with ``configSchema``, each declared key through its accessor; the
  /// file without a schema through every accessor and `validated(against:)`; and the render round trip.
  static func config(_ data: Data) -> Outcome {
    var outcome = Outcome()
    if let c = try? ConfigFile(data: data, file: "fuzz/run.ini", schema: configSchema) {
      outcome.accepted = true
      for s in configSchema.sections {
        for k in s.keys { readDeclared(c, s.name, k) }
      }
    }
    guard let plain = try? ConfigFile(data: data, file: "fuzz/run.ini") else { return outcome }
    for s in plain.sections {
      for e in s.entries {
        _ = try? plain.string(s.name, e.key)
        _ = try? plain.int(s.name, e.key)
        _ = try? plain.double(s.name, e.key)
        _ = try? plain.bool(s.name, e.key)
        _ = try? plain.doubles(s.name, e.key)
        _ = try? plain.pairs(s.name, e.key)
        _ = try? plain.path(s.name, e.key)
        _ = plain.error(s.name, e.key, "fuzz").description
      }
    }
    _ = try? plain.validated(against: configSchema)
    let sections = plain.sections.map { s in
      (name: s.name, entries: s.entries.map { (key: $0.key, value: $0.value, comment: String?.none) })
    }
    guard let text = try? ConfigFile.render(sections, header: "round trip") else { return outcome }
    do {
      let back = try ConfigFile(text: text, file: "fuzz/rendered.ini")
      let names = { (c: ConfigFile) in c.sections.map { [$0.name] + $0.entries.flatMap { [$0.key, $0.value] } } }
      if names(back) != names(plain) { outcome.problems.append("rendered configuration reads back differently") }
    } catch {
      outcome.problems.append("rendered configuration does not read back: \(error)")
    }
    return outcome
  }

  /// Reads a declared key with the accessor of its kind (another accessor is a programming error that traps).
  private static func readDeclared(_ c: ConfigFile, _ section: String, _ key: ConfigKey) {
    switch key.kind {
    case .string, .enumeration: _ = try? c.string(section, key.name)
    case .integer: _ = try? c.int(section, key.name)
    case .double: _ = try? c.double(section, key.name)
    case .boolean: _ = try? c.bool(section, key.name)
    case .doubles: _ = try? c.doubles(section, key.name)
    case .pairs: _ = try? c.pairs(section, key.name)
    case .path: _ = try? c.path(section, key.name)
    }
  }

  // MARK: - GriddedForecast

  /// The engine's magnitude bins (HRA: Mmin 1.45, width 0.1, 51 bins).
  static let engineBins = MagnitudeBins(lower: 1.45, width: 0.1, count: 51)

  /// `GriddedForecast(table:)` of `CSVTable(data:file:)`; then `rateField(mmax:gasYears:bins:)` for the first
  /// mmax, `validate(mmaxWeights:file:)`, and the `csvText()` round trip.
  static func forecast(_ data: Data) -> Outcome {
    guard let t = try? CSVTable(data: data, file: "fuzz-forecast.csv"), let f = try? GriddedForecast(table: t) else {
      return Outcome()
    }
    var outcome = Outcome(accepted: true)
    _ = try? f.rateField(mmax: f.mmaxValues[0], gasYears: f.gasYears ?? [2024], bins: engineBins)
    let share = 1 / Double(f.mmaxValues.count)
    _ = try? f.validate(mmaxWeights: Dictionary(uniqueKeysWithValues: f.mmaxValues.map { ($0, share) }), file: "w")
    do {
      let back = try GriddedForecast(table: CSVTable(data: Data(f.csvText().utf8), file: "fuzz-written.csv"))
      if back != f { outcome.problems.append("written forecast reads back differently") }
    } catch {
      outcome.problems.append("written forecast does not read back: \(error)")
    }
    return outcome
  }

  // MARK: - Ijkmoment state and status file

  /// `IjkmomentState.decode(_:file:)` and the `json()` round trip.
  static func state(_ data: Data) -> Outcome {
    guard let s = try? IjkmomentState.decode(data, file: "fuzz-state.json") else { return Outcome() }
    var outcome = Outcome(accepted: true)
    do {
      let back = try IjkmomentState.decode(Data(try s.json().utf8), file: "fuzz-written.json")
      if back != s { outcome.problems.append("written state reads back differently") }
    } catch {
      outcome.problems.append("written state does not read back: \(error)")
    }
    return outcome
  }

  /// `StatusFile.parse` of `CSVTable(data:file:)`.
  static func status(_ data: Data) -> Outcome {
    guard let t = try? CSVTable(data: data, file: "fuzz-status.csv"), (try? StatusFile.parse(t)) != nil else {
      return Outcome()
    }
    return Outcome(accepted: true)
  }

  // MARK: - Exposure database (file-based)

  /// What `ExposureDatabase.load` needs besides the file: the zone map, the typologies, a scratch file.
  struct ExposureContext: Sendable {
    let zoneMap: ZoneMap
    let typologies: Set<String>
    /// The file each input is written to before it is loaded.
    let scratch: String

    /// The V6 zonation and the V7 typologies of a `Models/` folder.
    init(models: String, scratch: String) throws {
      zoneMap = try ZoneMap(geoJSONPath: models + "/site/site-response-zones-v6.geojson")
      let t = try CSVTable(contentsOf: models + "/fcm/v7/Fragility_v7_MiddleBranch_20200127.csv")
      typologies = Set(try t.rows.map { try t.string($0, "structural_system") })
      self.scratch = scratch
    }
  }

  /// `ExposureDatabase.load(path:zoneMap:knownTypologies:snapDistance:)` of the input written to a file
  /// (strict, snap 0, for inputs of even length; snapping within 76 m, TNO's example file, for odd ones), and
  /// the `csv()` round trip (read back with the 76 m snap: the written points are the original ones).
  static func exposure(_ data: Data, _ context: ExposureContext) -> Outcome {
    func load(_ data: Data, snap: Double) throws -> ExposureDatabase {
      guard FileManager.default.createFile(atPath: context.scratch, contents: data) else {
        preconditionFailure("cannot write \(context.scratch)")
      }
      return try ExposureDatabase.load(
        path: context.scratch, zoneMap: context.zoneMap, knownTypologies: context.typologies, snapDistance: snap)
    }
    guard let db = try? load(data, snap: data.count % 2 == 0 ? 0 : 76) else { return Outcome() }
    var outcome = Outcome(accepted: true)
    do {
      let back = try load(Data(db.csv().utf8), snap: 76)
      if back.buildings != db.buildings { outcome.problems.append("written exposure reads back differently") }
    } catch {
      outcome.problems.append("written exposure does not read back: \(error)")
    }
    return outcome
  }
}
