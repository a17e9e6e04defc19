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
/// model = dost2004                    # or bommer2013
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
public struct GenericHazardConfiguration: Sendable {
  /// The schema (declared here, not in ``CommandConfiguration``).
  public static let schema = ConfigSchema([
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
        ConfigKey("model", .enumeration(["dost2004", "bommer2013"]), required: true),
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

  public enum Estimator: String, Sendable {
    case integrated
    case eventBased = "event_based"
    case both
  }

  public var file: String
  public var source: AreaSource
  public var gmm: any GenericGroundMotionModel
  public var truncation: Double
  public var sites: [SitesFile.Entry]
  public var fragility: LognormalFragility?
  public var imts: [(imt: IntensityMeasure, levels: [Double])]
  public var returnPeriods: [Double]
  public var estimator: Estimator
  public var catalogueYears: Double
  public var seed: UInt64
  public var grid: LogDistanceGrid
  public var output: String
  public var threads: Int
  public var overwrite: Bool
  public var json: Bool
  /// Every file read (configuration, data, model files), for the manifest.
  public var inputs: [String]
  /// The configuration file as read (for the `config.ini` the run writes).
  public var configFile: ConfigFile

  /// Reads and validates everything; `out`, `threads`, `json` override the file.
  public init(path: String, out: String? = nil, threads: Int? = nil, json: Bool? = nil) throws {
    let c = try ConfigFile(contentsOf: path, schema: GenericHazardConfiguration.schema)
    configFile = c
    file = path
    var inputs = [path]
    let models = try c.path("models", "models") ?? "Models"
    // Relocates an error about a key of this file to the key's line.
    func at(_ section: String, _ key: String) -> (InputError) -> InputError {
      { e in c.error(section, key, e.message) }
    }
    // [area_source]
    let polygon: SourcePolygon
    if let p = try c.path("area_source", "polygon_file") {
      guard c.entry("area_source", "polygon") == nil else {
        throw c.error("area_source", "polygon", "give polygon_file or polygon, not both")
      }
      polygon = try SourcePolygon(path: p)
      inputs.append(p)
    } else if let v = try c.doubles("area_source", "polygon") {
      guard v.count % 2 == 0 else {
        throw c.error("area_source", "polygon", "need pairs of coordinates (got \(v.count) numbers)")
      }
      var xs: [Double] = []
      var ys: [Double] = []
      let wgs = try c.string("area_source", "polygon_crs") == "wgs84"
      for i in stride(from: 0, to: v.count, by: 2) {
        if wgs {
          guard RDCoordinates.longitudeRange.contains(v[i]), RDCoordinates.latitudeRange.contains(v[i + 1]) else {
            throw c.error(
              "area_source", "polygon", "vertex \(i / 2 + 1) (\(v[i]), \(v[i + 1])) is outside the Netherlands")
          }
          let p = RDCoordinates.toRD(lon: v[i], lat: v[i + 1])
          xs.append(p.x)
          ys.append(p.y)
        } else {
          xs.append(v[i])
          ys.append(v[i + 1])
        }
      }
      polygon = try SourcePolygon(
        x: xs, y: ys, file: path, field: "area_source.polygon", line: c.entry("area_source", "polygon")!.line)
    } else {
      throw InputError(file: path, field: "area_source.polygon_file", "the area source needs polygon_file or polygon")
    }
    let activity: AreaSource.Activity
    switch (try c.double("area_source", "rate"), try c.double("area_source", "a_value")) {
    case (let r?, nil): activity = .rateAboveMmin(r)
    case (nil, let a?): activity = .aValue(a)
    case (.some, .some): throw c.error("area_source", "a_value", "give rate or a_value, not both")
    case (nil, nil): throw InputError(file: path, field: "area_source.rate", "the area source needs rate or a_value")
    }
    var strikes: [(strike: Double, weight: Double)] = [(0, 1)]
    if let pairs = try c.pairs("area_source", "strikes") {
      strikes = []
      for p in pairs {
        guard let s = Double(p.key), s.isFinite, let w = Double(p.value), w.isFinite else {
          throw c.error("area_source", "strikes", "'\(p.key)=\(p.value)' is not strike=weight in degrees and a number")
        }
        strikes.append((s, w))
      }
    }
    let scalingFile = models + "/rupture-scaling/wells-coppersmith-1994.csv"
    let scaling = try WellsCoppersmith1994(path: scalingFile)
    inputs.append(scalingFile)
    source = try AreaSource(
      polygon: polygon, activity: activity, b: try c.double("area_source", "b")!,
      mmin: try c.double("area_source", "mmin")!, mmax: try c.double("area_source", "mmax")!,
      binWidth: try c.double("area_source", "bin_width") ?? 0.1, depthKm: try c.double("area_source", "depth_km")!,
      spacingM: try c.double("area_source", "spacing_m") ?? 1000,
      ruptures: AreaSource.Ruptures(rawValue: try c.string("area_source", "ruptures") ?? "point")!,
      aspectRatio: try c.double("area_source", "aspect_ratio") ?? 1, strikes: strikes, scaling: scaling,
      locate: { c.error("area_source", $0, $1) })
    // [gmm]
    let model = try c.string("gmm", "model")!
    gmm =
      model == "dost2004"
      ? try Dost2004(directory: models + "/gmm/dost2004") : try Bommer2013(directory: models + "/gmm/bommer2013")
    inputs += gmm.files
    truncation = try c.double("gmm", "truncation_sigma") ?? 0
    guard truncation >= 0 else {
      throw c.error("gmm", "truncation_sigma", "the truncation level must be ≥ 0 σ (0 = none), got \(truncation)")
    }
    // [hazard]
    let imtText = try c.string("hazard", "imts") ?? "PGA"
    let list: [IntensityMeasure]
    do { list = try IntensityMeasure.list(imtText, source: path) } catch let e as InputError {
      throw at("hazard", "imts")(e)
    }
    for m in list where !gmm.imts.contains(m) {
      throw c.error(
        "hazard", "imts",
        "\(gmm.name) does not define \(m) (it has \(gmm.imts.map(\.description).joined(separator: ", ")))")
    }
    let levelsFile = try c.path("hazard", "levels") ?? models + "/hazard/levels.csv"
    let levels = try HazardLevels(path: levelsFile)
    inputs.append(levelsFile)
    imts = try list.map { ($0, try levels.levels($0)) }
    do {
      returnPeriods = try HazardCurve.returnPeriods(
        try c.string("hazard", "return_periods") ?? "475,2475", source: path)
    } catch let e as InputError { throw at("hazard", "return_periods")(e) }
    estimator = Estimator(rawValue: try c.string("hazard", "estimator") ?? "integrated")!
    catalogueYears = try c.double("hazard", "catalogue_years") ?? 10_000
    seed = UInt64(try c.int("hazard", "seed") ?? 0)
    let rMin = try c.double("hazard", "distance_min_km") ?? GenericHazard.defaultGrid.rMin
    let rMax = try c.double("hazard", "distance_max_km") ?? GenericHazard.defaultGrid.rMax
    guard rMax > rMin else { throw c.error("hazard", "distance_max_km", "must exceed distance_min_km (\(rMin) km)") }
    grid = LogDistanceGrid(
      rMin: rMin, rMax: rMax, count: try c.int("hazard", "distance_nodes") ?? GenericHazard.defaultGrid.count)
    // [fragility]
    if let f = try c.path("fragility", "file") {
      let fr = try LognormalFragility(path: f)
      for t in fr.typologies where !list.contains(t.imt) {
        throw InputError(
          file: f, line: t.line, field: "imt", "typology \(t.name) uses \(t.imt), which [hazard] imts does not compute")
      }
      fragility = fr
      inputs.append(f)
    } else {
      fragility = nil
    }
    // [sites]
    if let f = try c.path("sites", "file") {
      guard c.entry("sites", "grid_spacing_m") == nil else {
        throw c.error("sites", "grid_spacing_m", "give file or grid_spacing_m, not both")
      }
      let s = try SitesFile(path: f)
      if let fr = fragility {
        for e in s.entries {
          if let t = e.typology, fr.index(of: t) == nil {
            throw InputError(file: f, line: e.line, field: "typology", "typology '\(t)' is not in \(fr.file)")
          }
        }
      }
      sites = s.entries
      inputs.append(f)
    } else if let g = try c.doubles("sites", "grid_spacing_m") {
      let dx = g[0]
      let dy = g.count > 1 ? g[1] : g[0]
      let b = polygon.bounds
      let nx = Int(((b.maxX - b.minX) / dx).rounded(.down))
      let ny = Int(((b.maxY - b.minY) / dy).rounded(.down))
      guard nx >= 1, ny >= 1, nx * ny <= 10_000_000 else {
        throw c.error(
          "sites", "grid_spacing_m", "gives a \(nx) × \(ny) grid over the polygon's bounding box (1 to 10⁷ sites)")
      }
      let line = c.entry("sites", "grid_spacing_m")!.line
      var out: [SitesFile.Entry] = []
      out.reserveCapacity(nx * ny)
      for j in 0..<ny {
        for i in 0..<nx {
          out.append(
            SitesFile.Entry(
              id: "g\(i)_\(j)", x: b.minX + (Double(i) + 0.5) * dx, y: b.minY + (Double(j) + 0.5) * dy, typology: nil,
              line: line))
        }
      }
      sites = out
    } else {
      throw InputError(file: path, field: "sites.file", "[sites] needs file or grid_spacing_m")
    }
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
  public func configText(writtenTo folder: String) throws -> String {
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
