import Foundation

/// The configuration of `hra generic-hazard --config FILE`: an area source, a generic GMM,
/// sites, an optional fragility file and the hazard options, read from a ``ConfigFile``.
///
/// ```ini
/// [models]
/// models = ../Models                  # Models/ folder (GMM coefficients, levels, W&C 1994)
/// [area_source]
/// polygon_file = area-source-30x40km.csv   # x,y (RD m) or lon,lat; or polygon = x1,y1,x2,y2,...
/// rate = 20                           # events/yr with M >= mmin (or a_value = OpenQuake's a)
/// b = 1.0
/// mmin = 1.5
/// mmax = 6.0
/// bin_width = 0.1
/// depth_km = 3
/// spacing_m = 500
/// ruptures = point                    # or finite (Wells & Coppersmith 1994 area)
/// aspect_ratio = 1.5
/// strikes = -30=0.6,60=0.4            # strike (deg from north) = weight
/// [gmm]
/// model = dost2004                    # or bommer2013, dost2004-phi (ModelRegistry.genericGroundMotion)
/// truncation_sigma = 3                # 0 = no truncation
/// [sites]
/// grid_spacing_m = 300,400            # over the polygon's bounding box; or file = sites.csv
/// [fragility]
/// file = ../Models/fragility-generic/lognormal-pga.csv
/// [hazard]
/// imts = PGA,PGV
/// return_periods = 475,2475
/// estimator = integrated              # event_based or both
/// catalogue_years = 10000
/// seed = 42
/// [output]
/// out = out/generic
/// ```
/// Every error is an ``InputError`` naming the configuration file (or the data file), the line
/// and the field; all inputs are read and validated before the output folder is touched.
package struct GenericHazardConfiguration: Sendable {
  /// The schema (declared here, not in ``CommandConfiguration``).
  package static let schema = ConfigSchema([
    .init("models", [ConfigKey("models", .path)]),
    .init(
      "area_source",
      [
        ConfigKey("polygon_file", .path), ConfigKey("polygon", .doubles(count: 6...100_000)),
        ConfigKey("polygon_crs", .enumeration(["rd", "wgs84"])),
        ConfigKey("rate", .double()), ConfigKey("a_value", .double()), ConfigKey("b", .double(), required: true),
        ConfigKey("mmin", .double(), required: true), ConfigKey("mmax", .double(), required: true),
        ConfigKey("bin_width", .double()), ConfigKey("depth_km", .double(), required: true),
        ConfigKey("spacing_m", .double()), ConfigKey("ruptures", .enumeration(["point", "finite"])),
        ConfigKey("aspect_ratio", .double()), ConfigKey("strikes", .pairs),
      ]),
    .init(
      "gmm",
      [
        ConfigKey("model", .enumeration(ModelRegistry.versions(of: .genericGMM)), required: true),
        ConfigKey("truncation_sigma", .double()),
      ]),
    .init(
      "sites",
      [ConfigKey("file", .path), ConfigKey("grid_spacing_m", .doubles(min: 0, exclusiveMin: true, count: 1...2))]),
    .init("fragility", [ConfigKey("file", .path)]),
    .init(
      "hazard",
      [
        ConfigKey("imts", .string), ConfigKey("levels", .path), ConfigKey("return_periods", .string),
        ConfigKey("estimator", .enumeration(["integrated", "event_based", "both"])),
        ConfigKey("catalogue_years", .double(min: 0, exclusiveMin: true)), ConfigKey("seed", .integer(0...Int.max)),
        ConfigKey("distance_min_km", .double(min: 0, exclusiveMin: true)),
        ConfigKey("distance_max_km", .double(min: 0, exclusiveMin: true)),
        ConfigKey("distance_nodes", .integer(4...2_000)),
      ]),
    .init(
      "output",
      [
        ConfigKey("out", .path), ConfigKey("threads", .integer(1...1_024)), ConfigKey("overwrite", .boolean),
        ConfigKey("json", .boolean),
      ]),
  ])

  package enum Estimator: String, Sendable {
    case integrated
    case eventBased = "event_based"
    case both
  }

  package var file: String
  package var source: AreaSource
  package var gmm: any GenericGroundMotionModel
  package var truncation: Double
  package var sites: [SitesFile.Entry]
  package var fragility: LognormalFragility?
  package var imts: [(imt: IntensityMeasure, levels: [Double])]
  package var returnPeriods: [Double]
  package var estimator: Estimator
  package var catalogueYears: Double
  package var seed: UInt64
  package var grid: LogDistanceGrid
  package var output: String
  package var threads: Int
  package var overwrite: Bool
  package var json: Bool
  /// Every file read (configuration, data, model files), for the manifest.
  package var inputs: [String]
  /// The configuration file as read (for the `config.ini` the run writes).
  package var configFile: ConfigFile

  /// Reads and validates everything; `out`, `threads`, `json` override the file.
  ///
  /// The sections are read in the order `[models]`, `[area_source]`, `[gmm]`, `[hazard]`,
  /// `[fragility]`, `[sites]`, `[output]`; the first problem found is thrown.
  package init(path: String, out: String? = nil, threads: Int? = nil, json: Bool? = nil) throws {
    let c = try ConfigFile(contentsOf: path, schema: GenericHazardConfiguration.schema)
    configFile = c
    file = path
    var inputs = [path]
    let models = try c.path("models", "models") ?? "Models"
    // [area_source]
    let polygon = try Self.polygon(c, path: path, inputs: &inputs)
    source = try Self.areaSource(c, path: path, polygon: polygon, models: models, inputs: &inputs)
    // [gmm]
    let model = try c.string("gmm", "model")!
    let gmm = try ModelRegistry.genericGroundMotionModel(model, models: models)
    self.gmm = gmm
    inputs += gmm.files
    truncation = try c.double("gmm", "truncation_sigma") ?? 0
    guard truncation >= 0 else {
      throw c.error("gmm", "truncation_sigma", "the truncation level must be ≥ 0 σ (0 = none), got \(truncation)")
    }
    // [hazard]
    let list = try Self.intensityMeasures(c, path: path, gmm: gmm)
    let levelsFile = try c.path("hazard", "levels") ?? models + "/hazard/levels.csv"
    let levels = try HazardLevels(path: levelsFile)
    inputs.append(levelsFile)
    imts = try list.map { ($0, try levels.levels($0)) }
    do {
      returnPeriods = try HazardCurve.returnPeriods(
        try c.string("hazard", "return_periods") ?? "475,2475", source: path)
    } catch let e as InputError { throw Self.relocate(e, c, "hazard", "return_periods") }
    estimator = Estimator(rawValue: try c.string("hazard", "estimator") ?? "integrated")!
    catalogueYears = try c.double("hazard", "catalogue_years") ?? 10_000
    seed = UInt64(try c.int("hazard", "seed") ?? 0)
    grid = try Self.distanceGrid(c)
    // [fragility]
    let fragility = try Self.fragility(c, imts: list, inputs: &inputs)
    self.fragility = fragility
    // [sites]
    sites = try Self.sites(c, path: path, polygon: polygon, fragility: fragility, inputs: &inputs)
    // [output]
    let cfgOut = try c.path("output", "out")
    guard let o = out ?? cfgOut else {
      throw InputError(file: path, field: "output.out", "no output folder: give [output] out or --out")
    }
    output = o
    let cfgThreads = try c.int("output", "threads")
    self.threads = threads ?? cfgThreads ?? ProcessInfo.processInfo.activeProcessorCount
    overwrite = try c.bool("output", "overwrite") ?? false
    let cfgJSON = try c.bool("output", "json")
    self.json = json ?? cfgJSON ?? false
    self.inputs = inputs
  }
}

extension GenericHazardConfiguration {
  /// The `config.ini` of a run: the file's sections and keys in file order, paths rewritten for
  /// `folder` (relative to it within the run's folder tree, else absolute and marked, as
  /// ``CommandConfiguration/written(_:from:)``), `[output]` without `out` and the switches, with
  /// the effective thread count. `hra generic-hazard --config <it> --out <folder>` reruns the job.
  package func configText(writtenTo folder: String) throws -> String {
    var sections: [(name: String, entries: [(key: String, value: String, comment: String?)])] = []
    var anyAbsolute = false
    for s in configFile.sections {
      var entries: [(key: String, value: String, comment: String?)] = []
      for e in s.entries where !(s.name == "output" && ["out", "threads", "overwrite", "json"].contains(e.key)) {
        guard Self.schema.key(s.name, e.key)?.kind == .path, let p = try configFile.path(s.name, e.key) else {
          entries.append((e.key, e.value, nil))
          continue
        }
        let v = CommandConfiguration.written(p, from: folder)
        let absolute = v.hasPrefix("/")
        anyAbsolute = anyAbsolute || absolute
        entries.append((e.key, v, absolute ? CommandConfiguration.absoluteComment : nil))
      }
      if s.name == "output" { entries.append(("threads", String(threads), nil)) }
      if !entries.isEmpty { sections.append((s.name, entries)) }
    }
    if !sections.contains(where: { $0.name == "output" }) {
      sections.append(("output", [("threads", String(threads), nil)]))
    }
    return try ConfigFile.render(
      sections, header: CommandConfiguration.header(command: "generic-hazard", anyAbsolute: anyAbsolute))
  }
}
