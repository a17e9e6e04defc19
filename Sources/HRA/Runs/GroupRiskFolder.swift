import Foundation

/// A group-risk result as its output folder: the per-year summaries of the computed event
/// sets (tree mean, fractiles, standard errors, guidance ratio), checked, the run's summary and
/// the files: `fn-curve.csv`, `group-risk.csv`, `events-top.csv` and the ``RunEpilogue``. One
/// code path for `hra group-risk`, its merge and the `group-risk/` folder of
/// `hra run --group-risk on`.
struct GroupRiskFolder {
  var computed: GroupRiskComputation
  var settings: GroupRiskSettings
  var years: [GroupRiskYear]
  var summary: GroupRiskRunSummary

  /// Summarises and checks a computed event set (of a run, or merged from its shards).
  /// - Parameters:
  ///   - spacing: the risk-site spacing [m]; `runtime` [s]; `output`: the folder named in the summary.
  /// - Throws: ``NumericalError`` for a negative or non-finite estimate.
  init(
    _ k: GroupRiskComputation, settings g: GroupRiskSettings, configuration c: RunConfiguration,
    exposure: ExposureDatabase, spacing: Double, runtime: Double, output: String
  ) throws {
    let (r, sites, res) = (k.result, k.sites, k.resolved)
    let years = Self.summarise(r, gasYears: c.gasYears, fractiles: g.fractiles, guidance: res.guidance)
    for y in years {
      for v in [y.pll.mean] + y.fn.map(\.mean) where !(v >= 0 && v.isFinite) {
        throw NumericalError(message: "group risk: non-finite or negative estimate \(v) in gas year \(y.gasYear)")
      }
    }
    let occupants = exposure.buildings.reduce(0.0) {
      let o = GroupExposure.occupants($1, dayFraction: res.dayFraction)
      return $0 + o.inside + o.outside
    }
    let summary = GroupRiskRunSummary(
      buildings: exposure.buildings.count, sites: sites.siteCount, nodes: sites.nodeCount, siteSpacing: spacing,
      occupants: occupants, mode: c.logicTree.rawValue, samples: k.samples, eventsPerStratum: res.eventsPerStratum,
      events: r.events, siteEvents: r.siteEvents, correlation: g.correlation.rawValue, rangeKm: res.rangeKm,
      dayFraction: res.dayFraction, fractiles: g.fractiles, years: years, top: r.top, runtimeSeconds: runtime,
      estimatorSeconds: res.estimatorSeconds, eventsPerSecond: Double(r.events) / max(res.estimatorSeconds, 1e-9),
      siteEventsPerSecond: Double(r.siteEvents) / max(res.estimatorSeconds, 1e-9), output: output)
    (computed, settings, self.years, self.summary) = (k, g, years, summary)
  }

  /// Writes the files below `folder` (`""` for `hra group-risk`, `"group-risk/"` inside an
  /// `hra run --group-risk on` folder), `config.ini` written for the folder `path`.
  func write(
    _ out: AtomicOutput, folder: String, configuration c: RunConfiguration, models: ModelSet,
    exposure: ExposureDatabase, writtenTo path: String
  ) throws {
    let (r, res, g) = (computed.result, computed.resolved, settings)
    try out.write(GroupRiskTables.fnCSV(years, fractiles: g.fractiles), name: folder + "fn-curve.csv")
    try out.write(GroupRiskTables.yearsCSV(years), name: folder + "group-risk.csv")
    try out.write(GroupRiskTables.topCSV(r.top), name: folder + "events-top.csv")
    var manifest = try Manifest.make(
      configuration: c, models: models, exposure: exposure, runtime: summary.runtimeSeconds)
    manifest.groupRisk = g
    manifest.logicTree = Manifest.TreeInfo(
      mode: c.logicTree.rawValue, samples: computed.samples, seed: c.seed, fixed: c.fixedBranches,
      estimator:
        "event sets stratified by magnitude, \(res.eventsPerStratum) events per stratum, spatially correlated fields (\(g.correlation.rawValue), range \(res.rangeKm) km)"
    )
    var js = summary
    js.top = []
    try RunEpilogue(
      text: summary.text, summary: js, configuration: try CommandConfiguration.groupRiskText(c, g, writtenTo: path),
      manifest: manifest
    ).write(to: out, folder: folder)
  }

  /// The per-year summaries of an estimator result (tree mean, fractiles, standard errors, guidance ratio).
  ///
  /// Mean over the samples with weights w_b, its Monte Carlo error given the samples and its
  /// standard error including the tree sampling:
  /// ```
  /// mean = Σ_b w_b·v_b,   se_mc² = Σ_b w_b²·var_b,   se² = B/(B−1)·Σ_b w_b²·(v_b − mean)²
  /// ```
  static func summarise(
    _ r: EventSetEstimator.Result, gasYears: [Int], fractiles: [Double], guidance: GuidanceLine
  ) -> [GroupRiskYear] {
    let B = r.branchCount
    let w = r.weights
    func estimate(_ t: Int, _ q: Int) -> (GroupRiskEstimate, [Double]) {
      let v = (0..<B).map { r.value[r.index(branch: $0, year: t, quantity: q)] }
      let mean = zip(v, w).reduce(0) { $0 + $1.0 * $1.1 }
      var vmc = 0.0
      var vtree = 0.0
      for b in 0..<B {
        vmc += w[b] * w[b] * r.variance[r.index(branch: b, year: t, quantity: q)]
        vtree += w[b] * w[b] * (v[b] - mean) * (v[b] - mean)
      }
      // Sampled tree: the spread of the samples' estimates (it contains their MC error) gives
      // the standard error of the mean; B/(B−1) makes it unbiased (equal weights: sd/√B).
      let se = B > 1 ? (vtree * Double(B) / Double(B - 1)).squareRoot() : vmc.squareRoot()
      return (GroupRiskEstimate(mean: mean, seMC: vmc.squareRoot(), se: max(se, vmc.squareRoot())), v)
    }
    return gasYears.enumerated().map { t, y in
      var fn: [GroupRiskPoint] = []
      var best: (Double, Double)? = nil
      for (j, n) in r.thresholds.enumerated() {
        let (e, v) = estimate(t, j)
        let fr = WeightedQuantile.quantiles(v, weights: w, qs: fractiles.map { $0 / 100 })
        let g = guidance.frequency(atLeast: n)
        let ratio = g.map { e.mean / $0 }
        if let x = ratio, best == nil || x > best!.0 { best = (x, n) }
        fn.append(GroupRiskPoint(n: n, mean: e.mean, fractiles: fr, seMC: e.seMC, se: e.se, guidance: g, ratio: ratio))
      }
      let nq = r.thresholds.count
      return GroupRiskYear(
        gasYear: GasYear.label(y), pll: estimate(t, nq).0, collapses: (1...3).map { estimate(t, nq + $0).0 }, fn: fn,
        maxRatio: best?.0, maxRatioN: best?.1)
    }
  }
}
