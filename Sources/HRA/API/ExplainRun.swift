import Foundation

/// `hra explain`: why a building has the LPR it has (``Explanation``), for the configured run
/// (same models, production path and years): the decomposition of its central LPR
/// (``LPRDecomposition``), and on request the logic-tree view (``BranchSensitivity``) and the
/// hazard at its risk site.
extension Explanation {
  /// Explains one building for the configured run (same models, production path and years).
  package static func explain(buildingID: String, configuration c: RunConfiguration) throws -> Explanation {
    let (models, one) = try building(buildingID, c)
    let b = one.buildings[0]
    let (sites, mixes) = try models.sites(for: one)
    let rates = try models.rates(try models.source(production: c.production), gasYears: c.gasYears)
    let years = LPRDecomposition(model: models.risk, sites: sites, mix: mixes[0], rates: rates).years()
    return Explanation(
      buildingID: b.id, municipality: b.municipality, place: b.place, zone: b.zone, wierde: b.wierde,
      typologyMix: Dictionary(uniqueKeysWithValues: zip(b.typologies, b.probabilities)), branches: models.branches,
      years: years)
  }

  /// The hazard at the building's risk site: PGA and AvgSa with return periods 475 and 2475
  /// years per gas year, at the surface (the site response of its zone and wierde flag),
  /// arbitrary component, from the same model chain as its LPR (``HazardRun``). Over `samples`
  /// sampled branch combinations (mean and fractiles 16/50/84), or with `central` the central
  /// branch combination only.
  package static func hazard(buildingID: String, configuration c: RunConfiguration, samples: Int, central: Bool) throws
    -> HazardView
  {
    let (models, one) = try building(buildingID, c)
    let sites = HazardSites(risk: try models.sites(for: one).0, models: models)
    var h = HazardSettings()
    h.imts = ["PGA", "AVGSA"]
    h.returnPeriods = [475, 2475]
    var cc = c
    if central {
      cc.logicTree = .enumerate
      cc.fixedBranches = Dictionary(
        models.branches.labels.map { ($0.set, $0.branch) }, uniquingKeysWith: { a, _ in a })
      h.fractiles = []
    } else {
      cc.logicTree = .sample
      cc.logicTreeSamples = samples
    }
    let measures = try HazardComputation.measures(h, models: models)
    let r = try HazardComputation.compute(cc, h, models: models, sites: sites, measures: measures)
    let values = hazardValues(
      r, measures: measures, gasYears: c.gasYears, returnPeriods: h.returnPeriods, fractiles: h.fractiles)
    return HazardView(
      branches: central ? "central branches" : "\(r.samples) sampled branch combinations", siteX: sites.x[0],
      siteY: sites.y[0], values: values)
  }

  /// Adds the logic-tree view: `samples` branch combinations (exact values kept for one building).
  package static func treeView(buildingID: String, configuration c: RunConfiguration, samples: Int) throws -> TreeView {
    if c.logicTree == .enumerate { return try exactTreeView(buildingID: buildingID, configuration: c) }
    let (models, one) = try building(buildingID, c)
    var cc = c
    cc.logicTree = .sample
    cc.logicTreeSamples = samples
    let k = try TreeComputation.compute(cc, models: models, exposure: one, exact: true)
    let (r, tree) = (k.result, k.tree)
    let years = treeYears(r, gasYears: c.gasYears, norm: c.norm)
    let drawn = tree.sample(count: samples, seed: c.seed, fixed: try TreeDraw.fixed(cc, tree: tree))
    let (sens, influence) = BranchSensitivity.sampled(
      values: r.values[0], weights: r.weights[0], sampleIndices: r.sampleIndices[0], tree: tree, drawn: drawn,
      qs: [cc.percentiles[0] / 100, cc.percentiles[1] / 100])
    return TreeView(samples: samples, years: years, sensitivity: sens, influence: influence)
  }

  /// The configured models and the one-building exposure of `id` (a located error when the
  /// exposure has no such building).
  static func building(_ id: String, _ c: RunConfiguration) throws -> (models: ModelSet, one: ExposureDatabase) {
    let models = try ModelSet(directory: c.models, choice: c.choice)
    let one = try models.exposure(
      building: id, path: c.exposure, buildings: c.exposureBuildings, seed: c.exposureSeed,
      snapDistance: c.snapDistance)
    return (models, one)
  }

  /// The logic-tree view over every branch combination (`--logic-tree enumerate`): exact
  /// mean/P50/P90 per year and, for the first gas year, the percentiles with each set held at
  /// each of its branches (``BranchHolds``; no samples, no resampling).
  static func exactTreeView(buildingID: String, configuration c: RunConfiguration) throws -> TreeView {
    let (models, one) = try building(buildingID, c)
    let r = try TreeComputation.compute(c, models: models, exposure: one, holdsForAll: true).result
    let years = treeYears(r, gasYears: c.gasYears, norm: c.norm)
    let (sens, influence) = BranchSensitivity.exact(r.holds[0] ?? [])
    return TreeView(samples: r.samples, years: years, sensitivity: sens, influence: influence, exact: true)
  }
}
