import Foundation

/// The hazard run (`hra hazard`): hazard curves, maps, uniform hazard spectra and
/// disaggregation per gas year over the logic tree, written atomically to an output folder.
///
/// Files: `curves-<IMT>.csv` (per gas year, site and level: the mean and fractile annual
/// exceedance rates and the mean one-year Poisson probability), `maps.csv` and
/// `maps-<IMT>-<T>yr.geojson` (the level with each return period from the mean and fractile
/// curves; RD New, EPSG:28992), with `--site`: `spectra.csv` (uniform hazard spectra) and
/// `disaggregation.csv`; `summary.txt`/`summary.json` (the field maximum of the mean map per gas
/// year), `manifest.json`, `config.ini`.
package enum HazardRun {
  /// The field maximum of one map in one gas year (``HazardRunSummary/Maximum``).
  package typealias Maximum = HazardRunSummary.Maximum
  /// The field maxima of one gas year (``HazardRunSummary/Year``).
  package typealias YearSummary = HazardRunSummary.Year
  /// What a hazard run computed (``HazardRunSummary``).
  package typealias Summary = HazardRunSummary

  /// The logic-tree samples, their source branches and rate fields of a configuration (the
  /// same tree and seed as the LPR run: sample s is the same branch combination).
  static func tree(_ c: RunConfiguration, models: ModelSet) throws -> (
    samples: [LogicTree.Sample], sourceOf: [Int], rates: [RateField]
  ) {
    // The fragility and consequence sets do not change the hazard: enumeration fixes them to
    // their first branch (weight 1) and covers the source and GMM sets only.
    try TreeRun.drawn(c, models: models, purpose: "hazard", extraFixed: ["fragility": 0, "consequence": 0])
  }

  /// The resolved IMTs and levels of the settings for a model set.
  package static func measures(_ h: HazardSettings, models: ModelSet, imts: [String]? = nil) throws -> HazardMeasures {
    let list = try IntensityMeasure.list((imts ?? h.imts).joined(separator: ","), source: "hazard.imt")
    let lv = try HazardLevels(path: h.levels ?? models.directory + "/hazard/levels.csv")
    return try HazardMeasures(
      imts: list, levels: lv, periods: models.risk.motion.gmm.periods, gmm: models.choice.gmm.rawValue,
      source: "hazard.imt")
  }

  /// Validates the settings (before any computation).
  static func validate(_ h: HazardSettings) throws {
    guard !h.returnPeriods.isEmpty, h.returnPeriods.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw InputError(key: "hazard.return_periods", "return periods must be > 0 years")
    }
    guard h.fractiles.allSatisfy({ $0 > 0 && $0 < 100 }) else {
      throw InputError(key: "hazard.fractiles", "fractiles must lie in (0, 100)")
    }
  }

  /// Computes the curves at a set of sites (no output): the library entry point of hazard,
  /// explain and the run's summary.
  package static func compute(
    _ c: RunConfiguration, _ h: HazardSettings, models: ModelSet, sites: HazardSites, measures: HazardMeasures,
    tree given: (samples: [LogicTree.Sample], sourceOf: [Int], rates: [RateField])? = nil,
    log: (String) -> Void = { _ in }
  ) throws -> HazardEstimator.Result {
    try compute(c, h, models: models, sites: sites, measures: measures, tree: given, rateBlocks: nil, log: log)
  }

  static func compute(
    _ c: RunConfiguration, _ h: HazardSettings, models: ModelSet, sites: HazardSites, measures: HazardMeasures,
    tree given: (samples: [LogicTree.Sample], sourceOf: [Int], rates: [RateField])?, rateBlocks: RateBlocks?,
    log: (String) -> Void = { _ in }
  ) throws -> HazardEstimator.Result {
    let t = try given ?? tree(c, models: models)
    let est = HazardEstimator(
      models: models, measures: measures, horizon: h.horizon, component: h.component, threads: c.threads)
    return try est.run(
      sites: sites.risk, rates: t.rates, sourceOf: t.sourceOf, samples: t.samples,
      fractiles: h.fractiles.map { $0 / 100 }, rateBlocks: rateBlocks, log: log)
  }

  /// Runs the configured hazard job and writes the output folder atomically.
  package static func run(_ c: RunConfiguration, _ h: HazardSettings, log: (String) -> Void = { _ in }) throws
    -> Summary
  {
    let start = Date()
    try validate(h)
    let target = try outputTarget(c, h)
    let p = try prepare(c, h, log: log)
    let branches = try tree(c, models: p.models)
    let r = try compute(c, h, models: p.models, sites: p.sites, measures: p.measures, tree: branches, log: log)
    return try finish(c, h, p, r, branches: branches, target: target, start: start)
  }

  /// The output target of a hazard run (its inputs: the run's files, the sites and levels files).
  static func outputTarget(_ c: RunConfiguration, _ h: HazardSettings) throws -> OutputTarget {
    var inputs = c.inputs
    if case .file(let f) = h.sites { inputs.append(f) }
    if let l = h.levels { inputs.append(l) }
    return try OutputTarget(c.output, overwrite: c.overwrite, inputs: inputs)
  }

  /// What a hazard run has checked and read before computing: the models, the intensity
  /// measures, the exposure (empty unless the sites come from it), the sites and the `--site`
  /// points of spectra and disaggregation.
  struct Prepared {
    var models: ModelSet
    var measures: HazardMeasures
    var exposure: ExposureDatabase
    var sites: HazardSites
    var points: [(String, Double, Double, Int)]
  }

  /// Checks the configuration and reads what the run needs (``Prepared``).
  static func prepare(_ c: RunConfiguration, _ h: HazardSettings, log: (String) -> Void) throws -> Prepared {
    var needsExposure = false
    if case .buildings = h.sites { needsExposure = true }
    if case .nodes = h.sites { needsExposure = true }
    var checked: HazardMeasures? = nil
    let run = try RunContext(
      c, needsExposure: needsExposure, check: { checked = try HazardRun.measures(h, models: $0) }, log: log)
    let (models, exposure, measures) = (run.models, run.exposure, checked!)
    let sites = try HazardSites.make(h.sites, models: models) { exposure }
    let points = try h.spectrumSites.enumerated().map { i, p -> (String, Double, Double, Int) in
      guard let z = models.zoneMap.zone(x: p[0], y: p[1]), models.risk.motion.amplification.index(ofZone: z) != nil
      else {
        throw InputError(
          key: "hazard.site",
          "RD (\(Int(p[0])), \(Int(p[1]))) lies outside the site-response zonation: the surface hazard needs its zone")
      }
      return ("site\(i + 1)", p[0], p[1], z)
    }
    log(
      "hazard: \(sites.count) sites (\(h.sites.description)), IMTs \(measures.imts.map(\.description).joined(separator: " ")), logic tree \(c.logicTree.rawValue)"
    )
    return Prepared(models: models, measures: measures, exposure: exposure, sites: sites, points: points)
  }

  /// Checks the computed curves of every site (of the whole run, or merged from its shards),
  /// computes spectra and disaggregation at the `--site` points and writes the output folder.
  static func finish(
    _ c: RunConfiguration, _ h: HazardSettings, _ p: Prepared, _ r: HazardEstimator.Result,
    branches: (samples: [LogicTree.Sample], sourceOf: [Int], rates: [RateField]), target: OutputTarget, start: Date
  ) throws -> Summary {
    let (models, measures, sites) = (p.models, p.measures, p.sites)
    for (name, v) in [("mean", r.mean)] + r.fractileRates.enumerated().map({ ("fractile \(h.fractiles[$0])", $1) }) {
      if let bad = v.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
        throw NumericalError(
          message:
            "hazard: \(name) exceedance rate \(v[bad]) at site \(sites.ids[bad / (r.yearCount * r.levelCount)])")
      }
    }
    let (spectra, disagg) = try pointResults(c, h, p, branches: branches)
    let years = HazardRunSummary.fieldMaxima(
      r, measures: measures, sites: sites, returnPeriods: h.returnPeriods, years: c.gasYears)
    let summary = Summary(
      sites: sites.count, siteChoice: h.sites.description, mode: c.logicTree.rawValue, samples: r.samples,
      component: h.component.rawValue, horizon: h.horizon.rawValue, fractiles: h.fractiles, years: years,
      disaggregation: disagg, runtimeSeconds: Date().timeIntervalSince(start), output: c.output)
    try target.write { out in
      try write(out, c, h, p, r, spectra: spectra, disaggregation: disagg)
      try out.write(summary.text, name: "summary.txt")
      try out.write(try JSONCoding.encode(summary), name: "summary.json")
      var manifest = try Manifest.make(
        configuration: c, models: models, exposure: p.exposure, runtime: summary.runtimeSeconds)
      manifest.hazard = h
      if case .file(let f) = h.sites { manifest.sitesFile = FileHash(path: f, sha256: try SHA256.hex(file: f)) }
      manifest.logicTree = Manifest.TreeInfo(
        mode: c.logicTree.rawValue, samples: r.samples, seed: c.seed, fixed: c.fixedBranches,
        estimator: "integrated hazard per branch combination")
      try out.write(try CommandConfiguration.hazardText(c, h, writtenTo: target.path), name: "config.ini")
      try out.write(try JSONCoding.encode(manifest), name: "manifest.json")
    }
    return summary
  }

  /// Spectra and disaggregation at the `--site` points (none without points).
  static func pointResults(
    _ c: RunConfiguration, _ h: HazardSettings, _ p: Prepared,
    branches: (samples: [LogicTree.Sample], sourceOf: [Int], rates: [RateField])
  ) throws -> ((HazardSites, HazardMeasures, HazardEstimator.Result)?, [Disaggregation]) {
    let (models, measures, points) = (p.models, p.measures, p.points)
    guard !points.isEmpty else { return (nil, []) }
    let ps = try HazardSites(
      ids: points.map(\.0), x: points.map(\.1), y: points.map(\.2), zones: points.map(\.3),
      wierde: Array(repeating: false, count: points.count), models: models)
    let periods = models.risk.motion.gmm.periods
    let sm = try HazardRun.measures(h, models: models, imts: periods.map { IntensityMeasure.sa($0).description })
    let spectra = (ps, sm, try compute(c, h, models: models, sites: ps, measures: sm, tree: branches))
    let t = branches
    let pm = try compute(c, h, models: models, sites: ps, measures: measures, tree: branches)
    var disagg: [Disaggregation] = []
    for s in 0..<ps.count {
      for (i, m) in measures.imts.enumerated() {
        for T in h.returnPeriods {
          let levels = c.gasYears.indices.map { yi -> Double? in
            let l = measures.curve(i, from: pm.meanRow(site: s, year: yi)).level(returnPeriod: T).level
            return l > 0 ? l : nil
          }
          disagg += try Disaggregation.compute(
            models: models, site: (ps.ids[s], ps.x[s], ps.y[s], ps.zones[s]), imt: m, levels: levels,
            returnPeriod: T, gasYears: c.gasYears, rates: t.rates, sourceOf: t.sourceOf, samples: t.samples,
            horizon: h.horizon, component: h.component, threads: c.threads)
        }
      }
    }
    return (spectra, disagg)
  }

  /// The curves, maps (CSV and GeoJSON), spectra and disaggregation tables of a hazard folder.
  static func write(
    _ out: AtomicOutput, _ c: RunConfiguration, _ h: HazardSettings, _ p: Prepared, _ r: HazardEstimator.Result,
    spectra: (HazardSites, HazardMeasures, HazardEstimator.Result)?, disaggregation disagg: [Disaggregation]
  ) throws {
    let (measures, sites) = (p.measures, p.sites)
    for (i, m) in measures.imts.enumerated() {
      try out.write(
        HazardTables.curvesCSV(r, measures: measures, imt: i, sites: sites, years: c.gasYears, fractiles: h.fractiles),
        name: "curves-\(m.description).csv")
    }
    try out.write(
      HazardTables.mapsCSV(
        r, measures: measures, sites: sites, years: c.gasYears, returnPeriods: h.returnPeriods, fractiles: h.fractiles),
      name: "maps.csv")
    for (i, m) in measures.imts.enumerated() {
      for T in h.returnPeriods {
        try out.write(
          HazardTables.mapGeoJSON(r, measures: measures, imt: i, sites: sites, years: c.gasYears, returnPeriod: T),
          name: "maps-\(m.description)-\(HazardTables.num(T))yr.geojson")
      }
    }
    if let (ps, sm, sr) = spectra {
      try out.write(
        HazardTables.spectraCSV(
          sr, measures: sm, periods: p.models.risk.motion.gmm.periods, sites: ps, years: c.gasYears,
          returnPeriods: h.returnPeriods, fractiles: h.fractiles), name: "spectra.csv")
      try out.write(HazardTables.disaggregationCSV(disagg), name: "disaggregation.csv")
    }
  }
}
