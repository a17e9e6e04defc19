import Foundation

/// The hazard run (`hra hazard`): hazard curves, maps, uniform hazard spectra and
/// disaggregation per gas year over the logic tree (``HazardComputation``), written atomically
/// to an output folder.
///
/// Files (``HazardFolder``): `curves-<IMT>.csv` (per gas year, site and level: the mean and
/// fractile annual exceedance rates and the mean one-year Poisson probability), `maps.csv` and
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

  /// Runs the configured hazard job and writes the output folder atomically.
  package static func run(_ c: RunConfiguration, _ h: HazardSettings, log: (String) -> Void = { _ in }) throws
    -> Summary
  {
    let start = Date()
    try HazardComputation.validate(h)
    let target = try outputTarget(c, h)
    let p = try prepare(c, h, log: log)
    let branches = try HazardComputation.tree(c, models: p.models)
    let r = try HazardComputation.compute(
      c, h, models: p.models, sites: p.sites, measures: p.measures, tree: branches, log: log)
    return try finish(c, h, p, r, branches: branches, target: target, start: start)
  }

  /// The output target of a hazard run (its inputs: the run's files, the sites and levels files).
  static func outputTarget(_ c: RunConfiguration, _ h: HazardSettings) throws -> OutputTarget {
    var inputs = c.inputs
    if case .file(let f) = h.sites { inputs.append(f) }
    if let l = h.levels { inputs.append(l) }
    return try OutputTarget(c.output, overwrite: c.overwrite, inputs: inputs)
  }

  /// The run's prologue (``RunContext``, the measures checked; the exposure read only when the
  /// sites come from it): what the run needs (``HazardInputs``).
  static func prepare(_ c: RunConfiguration, _ h: HazardSettings, log: (String) -> Void) throws -> HazardInputs {
    var needsExposure = false
    if case .buildings = h.sites { needsExposure = true }
    if case .nodes = h.sites { needsExposure = true }
    var checked: HazardMeasures? = nil
    let run = try RunContext(
      c, needsExposure: needsExposure, check: { checked = try HazardComputation.measures(h, models: $0) }, log: log)
    let (models, exposure, measures) = (run.models, run.exposure, checked!)
    let sites = try HazardSites.make(h.sites, models: models) { exposure }
    let points = try HazardInputs.points(h, models: models)
    log(
      "hazard: \(sites.count) sites (\(h.sites.description)), IMTs \(measures.imts.map(\.description).joined(separator: " ")), logic tree \(c.logicTree.rawValue)"
    )
    return HazardInputs(models: models, measures: measures, exposure: exposure, sites: sites, points: points)
  }

  /// The run's epilogue: checks the computed curves of every site (of the whole run, or merged
  /// from its shards), computes spectra and disaggregation at the `--site` points and writes
  /// the output folder.
  static func finish(
    _ c: RunConfiguration, _ h: HazardSettings, _ p: HazardInputs, _ r: HazardEstimator.Result,
    branches: HazardComputation.Branches, target: OutputTarget, start: Date
  ) throws -> Summary {
    try HazardComputation.check(r, h, sites: p.sites)
    let (spectra, disagg) = try HazardComputation.pointResults(c, h, p, branches: branches)
    let years = HazardRunSummary.fieldMaxima(
      r, measures: p.measures, sites: p.sites, returnPeriods: h.returnPeriods, years: c.gasYears)
    let summary = Summary(
      sites: p.sites.count, siteChoice: h.sites.description, mode: c.logicTree.rawValue, samples: r.samples,
      component: h.component.rawValue, horizon: h.horizon.rawValue, fractiles: h.fractiles, years: years,
      disaggregation: disagg, runtimeSeconds: Date().timeIntervalSince(start), output: c.output)
    var manifest = try Manifest.make(
      configuration: c, models: p.models, exposure: p.exposure, runtime: summary.runtimeSeconds)
    manifest.hazard = h
    if case .file(let f) = h.sites { manifest.sitesFile = FileHash(path: f, sha256: try SHA256.hex(file: f)) }
    manifest.logicTree = Manifest.TreeInfo(
      mode: c.logicTree.rawValue, samples: r.samples, seed: c.seed, fixed: c.fixedBranches,
      estimator: "integrated hazard per branch combination")
    let epilogue = try RunEpilogue(
      text: summary.text, summary: summary,
      configuration: try CommandConfiguration.hazardText(c, h, writtenTo: target.path), manifest: manifest)
    try target.write { out in
      try HazardFolder.write(out, c, h, p, r, spectra: spectra, disaggregation: disagg)
      try epilogue.write(to: out)
    }
    return summary
  }
}
