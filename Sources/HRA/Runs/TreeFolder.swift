import Foundation

/// A tree run's result as its output folder: the LPR checked, the ``RiskResults`` with their
/// categories, the run's summary and the files `buildings-risk.csv`, `lists/<P>-<year>.csv`,
/// `near-norm.csv` and the ``RunEpilogue``. One code path for `hra run`, its merge and its
/// checkpointed (`--resume`) form.
struct TreeFolder {
  var evaluated: TreeEvaluation
  var results: RiskResults
  var summary: TreeRunSummary

  /// Checks the mean and percentile LPR (probabilities), forms the results and the summary.
  /// - Parameter start: when the run started (the summary's runtime runs to here).
  /// - Throws: ``NumericalError`` naming the building and gas year of a value that is not a probability.
  init(_ e: TreeEvaluation, configuration c: RunConfiguration, exposure: ExposureDatabase, start: Date) throws {
    let r = e.result
    let ids = exposure.buildings.map(\.id)
    for (values, name) in [(r.mean, "mean LPR"), (r.p50, "lower-percentile LPR"), (r.p90, "upper-percentile LPR")] {
      try NumericalGuard.probabilities(values, quantity: name, buildings: ids, gasYears: c.gasYears)
    }
    let results = RiskResults(tree: r, exposure: exposure, gasYears: c.gasYears, percentiles: c.percentiles)
    let counts = TreeRunSummary.counts(results, norm: c.norm)
    var summary = TreeRunSummary(
      buildings: exposure.buildings.count, sites: e.siteCount, mode: c.logicTree.rawValue, samples: r.samples,
      norm: c.norm, percentiles: c.percentiles, years: counts, runtimeSeconds: Date().timeIntervalSince(start),
      peakTableCacheMB: Double(r.cacheBytes) / 1e6, sketchMB: Double(r.sketchBytes) / 1e6, output: c.output,
      hazard: e.hazard)
    summary.estimator = TreeComputation.estimatorName(c)
    summary.medianPaths = e.medianPaths
    (evaluated, self.results, self.summary) = (e, results, summary)
  }

  /// Writes the tables and the epilogue into `out`; `config.ini` written for the folder `path`.
  func write(
    _ out: AtomicOutput, configuration c: RunConfiguration, models: ModelSet, exposure: ExposureDatabase,
    writtenTo path: String
  ) throws {
    let r = evaluated.result
    try out.write(results.csv(norm: c.norm), name: "buildings-risk.csv")
    let (lo, hi) = results.labels
    for (t, y) in c.gasYears.enumerated() {
      let s = RiskResults.suffix(y)
      try out.write(RiskLists.csv(results, year: t, list: .p50, norm: c.norm), name: "lists/\(lo)-\(s).csv")
      try out.write(RiskLists.csv(results, year: t, list: .p90, norm: c.norm), name: "lists/\(hi)-\(s).csv")
    }
    if results.isStandard {
      try out.write(
        RiskLists.nearNormCSV(results, flip: r.flipProbability, holds: r.exact ? r.holds : nil, norm: c.norm),
        name: "near-norm.csv")
    }
    var manifest = try Manifest.make(
      configuration: c, models: models, exposure: exposure, runtime: summary.runtimeSeconds)
    manifest.logicTree = Manifest.TreeInfo(
      mode: c.logicTree.rawValue, samples: r.samples, seed: c.seed, fixed: c.fixedBranches,
      estimator: summary.estimator, categoryCounts: summary.years)
    manifest.logicTree?.medianPaths = summary.medianPaths
    try RunEpilogue(
      text: summary.text, summary: summary, configuration: try CommandConfiguration.text(c, writtenTo: path),
      manifest: manifest
    ).write(to: out)
  }
}
