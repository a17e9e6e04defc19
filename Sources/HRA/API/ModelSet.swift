import Foundation

/// Everything loaded from a `Models/` folder for one branch combination, plus the exposure
/// mapped onto risk sites. Built once per run, explain or scenario command.
public struct ModelSet: Sendable {
  public let directory: String
  public let branches: BranchCombination
  public let seismicity: SeismicityModel
  public let risk: RiskModel
  public let zoneMap: ZoneMap
  /// The logic tree of the models folder (loaded and validated for every run, also a
  /// central one: weights that do not sum to 1 are an error whatever the mode).
  public let tree: LogicTree
  /// Model files read, for the manifest (path relative to the models folder).
  public let files: [String]

  public init(directory: String, branches: BranchCombination? = nil) throws {
    self.directory = directory
    let b = try branches ?? BranchCombination.load(path: directory + "/logic-tree/central-branches.csv")
    self.branches = b
    tree = try LogicTree(models: directory)
    seismicity = try SeismicityModel.load(directory: directory + "/seismicity")
    risk = try RiskModel.load(directory: directory, branch: b.gmm, fragilityBranch: b.fragility, consequenceBranch: b.consequence)
    zoneMap = try ZoneMap(geoJSONPath: directory + "/site/site-response-zones-v6.geojson")
    let fm = FileManager.default
    var list: [String] = []
    for sub in ["seismicity", "gmm/v7", "fcm/v7", "rupture", "risk", "site", "logic-tree", "production", "exposure"] {
      let d = directory + "/" + sub
      for f in ((try? fm.contentsOfDirectory(atPath: d)) ?? []).sorted() where f.hasSuffix(".csv") || f.hasSuffix(".geojson") {
        list.append(sub + "/" + f)
      }
    }
    files = list
  }

  /// The production path: historic production followed by a scenario (a name in
  /// `Models/production/` or a path to a CSV file).
  public func production(_ scenario: String) throws -> ProductionPath {
    let path = scenario.hasSuffix(".csv") ? scenario : directory + "/production/\(scenario).csv"
    let limit = ProductionPath.Limit(
      gasInPlaceBcm: seismicity.pressure.gasInPlaceBcm, source: directory + "/seismicity/parameters.csv gas_in_place_bcm")
    return try ProductionPath.load(historic: directory + "/production/historic.csv", scenario: path, limit: limit)
  }

  /// The event rates of the run's branch for some gas years.
  public func rates(path: ProductionPath, gasYears: [Int]) -> RateField {
    RateField(seismicity.eventRates(path: path, gasYears: gasYears, branch: branches.source), grid: seismicity.grid)
  }

  /// The exposure: loaded from an EDB file, or generated.
  public func exposure(path: String?, buildings: Int, seed: UInt64) throws -> ExposureDatabase {
    if let path {
      return try ExposureDatabase.load(path: path, zoneMap: zoneMap, knownTypologies: Set(risk.fcm.typologies))
    }
    let p = try ExposureGenerator.Parameters.load(directory: directory + "/exposure")
    let b = ExposureGenerator.generate(count: buildings, seed: seed, zoneMap: zoneMap, parameters: p)
    return ExposureDatabase(file: "generated:\(buildings):\(seed)", buildings: b)
  }

  /// Risk sites and typology mixes of an exposure.
  public func sites(for exposure: ExposureDatabase) throws -> (RiskSites, [MonteCarloEstimator.Mix]) {
    let af = risk.motion.amplification
    var zi: [Int] = []
    zi.reserveCapacity(exposure.buildings.count)
    for b in exposure.buildings {
      guard let z = af.index(ofZone: b.zone) else {
        throw InputError(file: exposure.file, field: "point_x", "building \(b.id) lies in zone \(b.zone), which has no amplification coefficients")
      }
      zi.append(z)
    }
    let sites = RiskSites(
      x: exposure.buildings.map(\.x), y: exposure.buildings.map(\.y), zoneIndex: zi, wierde: exposure.buildings.map(\.wierde),
      spacing: risk.exposureSpacing)
    var mixes: [MonteCarloEstimator.Mix] = []
    for (i, b) in exposure.buildings.enumerated() {
      let t = try b.typologies.map { name -> Int in
        guard let k = risk.fcm.index(of: name) else {
          throw InputError(file: exposure.file, field: "system_1", "building \(b.id): unknown typology \(name)")
        }
        return k
      }
      mixes.append(MonteCarloEstimator.Mix(site: sites.siteOfLocation[i], typologies: t, probabilities: b.probabilities))
    }
    return (sites, mixes)
  }
}
