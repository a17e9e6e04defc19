import Foundation

/// The model parts of a run, chosen and loaded once from a `Models/` folder: the seismicity
/// (built-in production-driven model, or a gridded forecast), the ground-motion model version
/// with its site response, the fragility/consequence model version, the logic tree composed
/// from the branch sets these parts bring, and the central branch combination.
///
/// Every command builds one and passes it on; nothing below re-reads the models folder.
package struct ModelSet: Sendable {
  /// Which parts to load.
  package struct Choice: Sendable, Equatable {
    package var gmm: GMMVersion = .v7
    package var fcm: FCMVersion = .v7
    /// A gridded seismicity forecast (CSV) replacing the built-in production-driven model.
    package var forecast: String? = nil
    /// Mmax weights of a forecast run (nil: the mmax set of `logic-tree/source-branches.csv`).
    package var mmaxWeights: [Double: Double]? = nil
    package init(
      gmm: GMMVersion = .v7, fcm: FCMVersion = .v7, forecast: String? = nil, mmaxWeights: [Double: Double]? = nil
    ) {
      self.gmm = gmm
      self.fcm = fcm
      self.forecast = forecast
      self.mmaxWeights = mmaxWeights
    }
  }

  /// Pairings of GMM and FCM versions that the model authors or TNO's chain used; any other
  /// pairing runs with a warning in the log and the manifest.
  package static let authoredPairings: [(GMMVersion, FCMVersion)] = [
    (.v7, .v7), (.v7, .tno2020), (.v6, .v6), (.v6, .tno2020),
  ]

  /// How far [m] outside the zonation's bounding box a forecast cell may lie.
  package static let forecastMargin = 25_000.0

  package let directory: String
  package let choice: Choice
  /// The central branch combination (`logic-tree/central-branches.csv`) of this tree.
  package let branches: BranchCombination
  /// The built-in seismicity model (production-driven; also used for the production limits).
  package let seismicity: SeismicityModel
  /// The forecast, when the run uses one, and it as the run's seismicity source (Mmax weights applied).
  package let forecast: GriddedForecast?
  let forecastSource: ForecastSource?
  package let groundMotion: GroundMotionChain
  package let fcm: FCMBranches
  /// `fcmModels[fragility][consequence]`, indexed by the exposure's typology names (``typologies``).
  package let fcmModels: [[FragilityConsequence]]
  /// The central-branch model chain (one GMM branch, one fragility/consequence pair).
  package let risk: RiskModel
  package let numerics: ConstantsTable
  package let zoneMap: ZoneMap
  /// The logic tree composed from the parts' branch sets.
  package let tree: LogicTree
  /// Warnings about the combination (e.g. a GMM/FCM pairing the authors never used).
  package let warnings: [String]
  /// Model files read, for the manifest (path relative to the models folder).
  package let files: [String]

  /// The exposure typology names, in index order (the V7/EDB classes).
  package var typologies: [String] { risk.fcm.typologies }

  /// Loads the parts of `choice` from the models folder `directory` and composes the logic tree
  /// and the central branch combination.
  /// - Throws: ``InputError`` naming the model or forecast file of the first problem found.
  /// - Parameter log: progress messages (reading a large forecast file).
  package init(directory: String, choice: Choice = Choice(), log: (String) -> Void = { _ in }) throws {
    self.directory = directory
    self.choice = choice
    let lt = directory + "/logic-tree/source-branches.csv"
    let sw = try BranchWeights(path: lt)
    seismicity = try SeismicityModel.load(directory: directory + "/seismicity")
    let zones = try ZoneMap(geoJSONPath: directory + "/site/site-response-zones-v6.geojson")
    zoneMap = zones
    // Seismicity source sets.
    let sources = try ModelSet.seismicitySources(
      choice, zones: zones, bins: seismicity.bins, sw: sw, sourceBranchesFile: lt, log: log)
    forecast = sources.forecast
    forecastSource = sources.source
    groundMotion = try GroundMotionChain.load(choice.gmm, models: directory)
    numerics = try ConstantsTable(path: directory + "/risk/numerics.csv")
    fcm = try FCMBranches.load(
      version: choice.fcm, directory: directory, weightInside: try numerics.value("weight_inside", in: 0...1),
      weightOutside: try numerics.value("weight_outside", in: 0...1))
    fcmModels = try fcm.forExposure(fcm.typologyMap.exposureTypologies)
    // Intensity measures: the FCM must take only what the GMM gives (their declared
    // requirements), and the GMM's tables must hold the AvgSa periods (PGA ≈ Sa(0.01 s)).
    let missing = ModelRegistry.missingMeasures(gmm: choice.gmm.rawValue, fcm: choice.fcm.rawValue)
    guard missing.isEmpty else {
      throw InputError(
        file: directory + "/" + choice.gmm.folder, field: "gmm",
        "GMM \(choice.gmm.rawValue) does not give \(missing.joined(separator: ", ")), "
          + "which FCM \(choice.fcm.rawValue) takes")
    }
    guard groundMotion.gmm.periods == FCMVersion.avgSaPeriods else {
      throw InputError(
        file: directory + "/" + choice.gmm.folder, field: "periods",
        "GMM \(choice.gmm.rawValue) periods \(groundMotion.gmm.periods) are not the AvgSa periods of FCM \(choice.fcm.rawValue)"
      )
    }
    tree = try LogicTree(source: sources.sets, gmm: groundMotion.sets, fcm: try LogicTree.fcmSets(sw, file: lt))
    let central = forecast != nil ? ModelSet.centralMmax(tree) : [:]
    let b = try BranchCombination.load(
      path: directory + "/logic-tree/central-branches.csv", tree: tree, overriding: central)
    branches = b
    risk = try RiskModel(
      motion: try groundMotion.motion(b.gmm), fcm: fcmModels[b.fragility][b.consequence],
      rupture: try RuptureModel(constants: ConstantsTable(path: directory + "/rupture/rupture.csv")), numerics: numerics
    )
    warnings = ModelSet.warnings(choice, forecast: forecast)
    files = ModelSet.modelFiles(directory, choice)
  }

  /// The seismicity source branch sets: those of the gridded forecast of `choice` (read,
  /// checked to lie on the model domain, with its Mmax weights), else those of the built-in
  /// production-driven model (`logic-tree/source-branches.csv`).
  /// - Returns: the forecast and its source (nil without a forecast), and the branch sets.
  /// - Throws: ``InputError`` from the forecast file, for a cell off the domain, or for Mmax
  ///   weights given without a forecast.
  static func seismicitySources(
    _ choice: Choice, zones: ZoneMap, bins: MagnitudeBins, sw: BranchWeights, sourceBranchesFile lt: String,
    log: (String) -> Void = { _ in }
  ) throws -> (forecast: GriddedForecast?, source: ForecastSource?, sets: [LogicTree.BranchSet]) {
    if let f = choice.forecast {
      var next = 0.1  // a line at each tenth of a large file read
      let fc = try GriddedForecast(path: f) { fraction in
        guard fraction >= next else { return }
        next = (fraction * 10).rounded(.down) / 10 + 0.1
        log("reading \(f): \(Int((fraction * 100).rounded(.down))) %")
      }
      try checkOnDomain(fc, zones: zones, file: f)
      let src = try ModelSet.forecastSource(fc, bins: bins, sw: sw, file: lt, weights: choice.mmaxWeights)
      return (fc, src, src.branchSets)
    }
    if choice.mmaxWeights != nil {
      throw InputError(
        file: "mmax_weights", field: "mmax_weights",
        "Mmax weights are given with a forecast only (the built-in model's are in \(lt))")
    }
    return (nil, nil, try LogicTree.productionSourceSets(sw, file: lt))
  }

  /// Checks that the forecast's cells lie on the model domain: within ``forecastMargin`` of the
  /// zonation's bounding box (sources may lie outside the zones, as the built-in model's do near
  /// the field's edge; a cell tens of km away is a coordinate-system mix-up).
  /// - Throws: ``InputError`` in `file` (field `x_rd_m`) naming the first cell outside.
  static func checkOnDomain(_ fc: GriddedForecast, zones: ZoneMap, file f: String) throws {
    let box = (minX: zones.minX, minY: zones.minY, maxX: zones.maxX, maxY: zones.maxY)
    let mg = ModelSet.forecastMargin
    for c in 0..<fc.cellCount {
      let x = fc.cellX[c]
      let y = fc.cellY[c]
      if x < box.minX - mg || x > box.maxX + mg || y < box.minY - mg || y > box.maxY + mg {
        throw InputError(
          file: f, field: "x_rd_m",
          "cell (\(x), \(y)) lies more than \(Int(mg / 1000)) km outside the site-response zonation (RD New x \(Int(box.minX))…\(Int(box.maxX)), y \(Int(box.minY))…\(Int(box.maxY))); are the coordinates in RD New metres?"
        )
      }
    }
  }

  /// A forecast's central Mmax: the weighted median of the tree's `mmax` set (the rule that
  /// gives 4.5 for the built-in set).
  /// - Returns: the override of the central combination (`["mmax": branch]`), empty when the
  ///   tree has no `mmax` set.
  static func centralMmax(_ tree: LogicTree) -> [String: String] {
    var central: [String: String] = [:]
    if let mm = tree.sets.first(where: { $0.name == "mmax" }) {
      var cum = 0.0
      central["mmax"] =
        mm.branches[
          mm.weights.firstIndex {
            cum += $0
            return cum >= 0.5 - 1e-12
          } ?? mm.branches.count - 1]
    }
    return central
  }

  /// The warnings about the combination: holes in the forecast's grid, and a GMM/FCM pairing
  /// the model authors did not publish.
  /// - Returns: the warnings, in that order.
  static func warnings(_ choice: Choice, forecast: GriddedForecast?) -> [String] {
    var w: [String] = []
    if let fc = forecast, let f = choice.forecast {
      let holes = fc.holes()
      if let h = holes.first {
        w.append(
          "forecast \(f): \(holes.count) cell(s) missing inside the grid (holes: no rows, while the four neighbouring "
            + "cells have rows), first (\(h.x), \(h.y)); they are read as cells without earthquakes")
      }
    }
    if !ModelSet.authoredPairings.contains(where: { $0 == (choice.gmm, choice.fcm) }) {
      w.append(
        "GMM \(choice.gmm.rawValue) with FCM \(choice.fcm.rawValue) is a pairing the model authors did not publish; "
          + "both take AvgSa over the same periods, so it runs, but compare it with an authored pairing before use")
    }
    return w
  }

  /// The model files a run with `choice` reads: the CSV and GeoJSON files of the folders of its
  /// parts, each folder once, files sorted.
  /// - Returns: the paths relative to `directory`.
  static func modelFiles(_ directory: String, _ choice: Choice) -> [String] {
    let fm = FileManager.default
    var list: [String] = []
    var subs = [
      "seismicity", choice.gmm.folder, "fcm/v7", choice.fcm.folder, "rupture", "risk", "site", "logic-tree", "exposure",
    ]
    if choice.fcm == .tno2020 { subs.append("fcm/v6") }
    if choice.forecast == nil { subs.append("production") }
    var seen = Set<String>()
    for sub in subs where seen.insert(sub).inserted {
      let d = directory + "/" + sub
      for f in ((try? fm.contentsOfDirectory(atPath: d)) ?? []).sorted()
      where f.hasSuffix(".csv") || f.hasSuffix(".geojson") {
        list.append(sub + "/" + f)
      }
    }
    return list
  }

  static func forecastSource(
    _ f: GriddedForecast, bins: MagnitudeBins, sw: BranchWeights, file: String, weights: [Double: Double]?
  ) throws -> ForecastSource {
    if let w = weights {
      return try ForecastSource(forecast: f, bins: bins, mmaxWeights: w, weightsFile: "mmax_weights")
    }
    let set = try LogicTree.mmaxSet(sw, file: file)
    var w: [Double: Double] = [:]
    for (b, x) in zip(set.branches, set.weights) { w[Double(b)!] = x }
    return try ForecastSource(forecast: f, bins: bins, mmaxWeights: w, weightsFile: file)
  }

  /// The production path: historic production followed by a scenario (a name in
  /// `Models/production/` or a path to a CSV file).
  package func production(_ scenario: String) throws -> ProductionPath {
    let path = scenario.hasSuffix(".csv") ? scenario : directory + "/production/\(scenario).csv"
    guard FileManager.default.fileExists(atPath: path) else {
      let known = ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/production")) ?? [])
        .filter { $0.hasSuffix(".csv") && $0 != "historic.csv" }.map { String($0.dropLast(4)) }.sorted()
      throw InputError(
        file: scenario, field: "production",
        "no production path '\(scenario)' (known: \(known.joined(separator: ", ")), or a CSV path)")
    }
    let limit = ProductionPath.Limit(
      gasInPlaceBcm: seismicity.pressure.gasInPlaceBcm,
      source: directory + "/seismicity/parameters.csv gas_in_place_bcm")
    return try ProductionPath.load(historic: directory + "/production/historic.csv", scenario: path, limit: limit)
  }

  /// The seismicity source of a run: the forecast if the choice has one, else the built-in
  /// model on the production path `scenario`.
  package func source(production scenario: String) throws -> any SeismicitySource {
    if let f = forecastSource { return f }
    return ProductionDrivenSource(
      model: seismicity, path: try production(scenario), branchSets: Array(tree.sets[0..<tree.sourceSets.count]))
  }

  /// Checks that the gas years lie inside what the seismicity source covers: the production
  /// path (historic + scenario) of the built-in model, or the gas years of a per-year forecast.
  /// - Throws: ``InputError`` naming the production file (or the forecast) and the gas year.
  package func validateGasYears(_ years: ClosedRange<Int>, production scenario: String) throws {
    if let f = forecast {
      if let ys = f.gasYears, let y = years.first(where: { !ys.contains($0) }) {
        throw InputError(
          file: f.source, field: "gas_year",
          "gas year \(GasYear.label(y)) is not in the forecast (it has \(ys.map(GasYear.label).joined(separator: ", ")))"
        )
      }
      return
    }
    let path = try production(scenario)
    let file = scenario.hasSuffix(".csv") ? scenario : directory + "/production/\(scenario).csv"
    if Double(years.upperBound) + 1.75 > path.end + 1e-6 {
      let last = Int((path.end - 1.75).rounded(.down))
      throw InputError(
        file: file, field: "end_year",
        "gas year \(GasYear.label(years.upperBound)) lies beyond the end of the production path (\(path.end)); the last gas year it covers is \(GasYear.label(last))"
      )
    }
    if Double(years.lowerBound) + 0.75 < path.start - 1e-6 {
      throw InputError(
        file: directory + "/production/historic.csv", field: "start_year",
        "gas year \(GasYear.label(years.lowerBound)) lies before the start of the production history (\(path.start))")
    }
  }

  /// The largest magnitude of a scenario or conditional earthquake.
  package static let maxEarthquakeMagnitude = 7.0

  /// Checks the magnitude of one earthquake (`hra scenario`, `hra conditional`): from Mmin to
  /// ``maxEarthquakeMagnitude`` (see ``validateEarthquake(magnitude:x:y:)``).
  package func validateMagnitude(_ m: Double) throws {
    let top = ModelSet.maxEarthquakeMagnitude
    guard m >= seismicity.mmin && m <= top else {
      throw InputError(
        key: "scenario.magnitude",
        "magnitude \(m) is outside \(seismicity.mmin) … \(top), the range the models are defined for")
    }
  }

  /// Checks one scenario earthquake: magnitude from Mmin to 7.0 (beyond the Groningen models'
  /// range of application and the logic tree's largest Mmax, 6.5, with margin) and an epicentre
  /// [RD m] within ``forecastMargin`` of the zonation's extent.
  package func validateEarthquake(magnitude m: Double, x: Double, y: Double) throws {
    try validateMagnitude(m)
    let mg = ModelSet.forecastMargin
    guard x >= zoneMap.minX - mg, x <= zoneMap.maxX + mg, y >= zoneMap.minY - mg, y <= zoneMap.maxY + mg else {
      throw InputError(
        key: "scenario.x",
        "epicentre (\(x), \(y)) lies more than \(Int(mg / 1000)) km outside the site-response zonation (RD New x \(Int(zoneMap.minX))…\(Int(zoneMap.maxX)), y \(Int(zoneMap.minY))…\(Int(zoneMap.maxY)))"
      )
    }
  }

  /// The central-branch rates of a source for some gas years.
  package func rates(_ source: any SeismicitySource, gasYears: [Int]) throws -> RateField {
    try source.rates(labels: branches.sourceLabels, gasYears: gasYears)
  }

  /// The exposure: loaded from an EDB file, or generated.
  /// - Parameter snapDistance: a point outside every zone but within this many metres of one
  ///   gets that zone (0: strict).
  package func exposure(path: String?, buildings: Int, seed: UInt64, snapDistance: Double = 0) throws
    -> ExposureDatabase
  {
    if let path {
      return try ExposureDatabase.load(
        path: path, zoneMap: zoneMap, knownTypologies: Set(typologies), snapDistance: snapDistance)
    }
    let p = try ExposureGenerator.Parameters.load(directory: directory + "/exposure")
    let b = ExposureGenerator.generate(count: buildings, seed: seed, zoneMap: zoneMap, parameters: p)
    return ExposureDatabase(file: Self.generatedExposureName(buildings: buildings, seed: seed), buildings: b)
  }

  /// The name a generated exposure goes by in messages and manifests.
  static func generatedExposureName(buildings: Int, seed: UInt64) -> String { "generated:\(buildings):\(seed)" }

  /// The one-building exposure of building `id` of the exposure ``exposure(path:buildings:seed:snapDistance:)``
  /// gives: a generated exposure generates only that building.
  /// - Throws: ``InputError`` (field `bag_building_id`) when the exposure has no building `id`.
  package func exposure(building id: String, path: String?, buildings: Int, seed: UInt64, snapDistance: Double = 0)
    throws -> ExposureDatabase
  {
    let file: String
    let found: Building?
    if path == nil {
      file = Self.generatedExposureName(buildings: buildings, seed: seed)
      let p = try ExposureGenerator.Parameters.load(directory: directory + "/exposure")
      found = ExposureGenerator.building(id: id, count: buildings, seed: seed, zoneMap: zoneMap, parameters: p)
    } else {
      let all = try exposure(path: path, buildings: buildings, seed: seed, snapDistance: snapDistance)
      (file, found) = (all.file, all.buildings.first { $0.id == id })
    }
    guard let b = found else { throw InputError(file: file, field: "bag_building_id", "no building with id \(id)") }
    return ExposureDatabase(file: file, buildings: [b])
  }

  /// Risk sites and typology mixes of an exposure.
  package func sites(for exposure: ExposureDatabase) throws -> (RiskSites, [MonteCarloEstimator.Mix]) {
    let af = risk.motion.amplification
    var zi: [Int] = []
    zi.reserveCapacity(exposure.buildings.count)
    for b in exposure.buildings {
      guard let z = af.index(ofZone: b.zone) else {
        throw InputError(
          file: exposure.file, field: "point_x",
          "building \(b.id) lies in zone \(b.zone), which has no amplification coefficients in GMM \(choice.gmm.rawValue)"
        )
      }
      zi.append(z)
    }
    let sites = RiskSites(
      x: exposure.buildings.map(\.x), y: exposure.buildings.map(\.y), zoneIndex: zi,
      wierde: exposure.buildings.map(\.wierde),
      spacing: risk.exposureSpacing)
    var mixes: [MonteCarloEstimator.Mix] = []
    for (i, b) in exposure.buildings.enumerated() {
      let t = try b.typologies.map { name -> Int in
        guard let k = risk.fcm.index(of: name) else {
          throw InputError(file: exposure.file, field: "system_1", "building \(b.id): unknown typology \(name)")
        }
        return k
      }
      mixes.append(
        MonteCarloEstimator.Mix(site: sites.siteOfLocation[i], typologies: t, probabilities: b.probabilities))
    }
    return (sites, mixes)
  }
}

extension TreeEstimator {
  /// The tree of a model set (its parts loaded once).
  package init(models: ModelSet, threads: Int) throws {
    try self.init(
      base: models.risk, tree: models.tree, fcms: models.fcmModels, numerics: models.numerics, threads: threads)
  }
}
