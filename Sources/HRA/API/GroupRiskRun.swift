import Foundation

/// The group-risk run (`hra group-risk`): event sets with spatially correlated ground-motion
/// fields over the logic tree (``EventSetEstimator``), FN curves, PLL and collapses per gas
/// year, compared with the guidance line; written atomically to an output folder.
///
/// Files: `fn-curve.csv` (per gas year and N: the tree mean, fractiles, Monte Carlo standard
/// error of the mean given the tree samples `se_mc`, standard error including the tree sampling
/// `se`, the guidance line and the ratio), `group-risk.csv` (per gas year PLL, collapses, F(≥1),
/// F(≥10), maximum ratio), `events-top.csv` (the worst events per gas year),
/// `summary.txt`/`summary.json`, `manifest.json`, `config.ini`.
package enum GroupRiskRun {
  /// One row of the FN curve (``GroupRiskPoint``).
  package typealias Point = GroupRiskPoint
  /// A tree mean with its standard errors (``GroupRiskEstimate``).
  package typealias Estimate = GroupRiskEstimate
  /// One gas year's group risk (``GroupRiskYear``).
  package typealias YearSummary = GroupRiskYear
  /// What a group-risk run computed (``GroupRiskRunSummary``).
  package typealias Summary = GroupRiskRunSummary

  /// The resolved parameters of a run.
  package struct Resolved: Sendable {
    package var eventsPerStratum: Int
    package var eventsLow: Int
    package var splitMagnitude: Double
    package var rangeKm: Double
    package var dayFraction: Double
    package var parametersFile: String
    package var guidance: GuidanceLine
    /// Wall time of the event sets [s] (set by ``compute(_:_:models:exposure:shard:log:)``).
    package var estimatorSeconds: Double = 0
  }

  /// Reads and checks the parameters and the guidance line (before any computation).
  package static func resolve(_ g: GroupRiskSettings, models: String) throws -> Resolved {
    let pf = g.parameters ?? models + "/group-risk/parameters.csv"
    let k = try ConstantsTable(path: pf)
    let range = try g.rangeKm ?? k.value("correlation_range_km", in: 0...10_000, above: 0)
    guard range > 0 && range.isFinite else {
      throw InputError(
        key: "group_risk.correlation_range",
        "the correlation range must be > 0 km (got \(range))")
    }
    let day = try k.value("day_fraction", in: 0...1)
    let K = try g.eventsPerStratum ?? k.integer("events_per_stratum", in: 2...10_000_000)
    let kLow = try g.eventsLow ?? k.integer("events_low_stratum", in: 2...10_000_000)
    let split = try k.value("split_magnitude", in: 0...10)
    guard K >= 2 && kLow >= 2 else {
      throw InputError(
        key: "group_risk.events", "need at least 2 events per stratum (got \(K), \(kLow))")
    }
    for f in g.fractiles where !(f > 0 && f < 100) {
      throw InputError(key: "group_risk.fractiles", "fractiles must lie in (0, 100) (got \(f))")
    }
    if let s = g.siteSpacing, !(s > 0 && s.isFinite) {
      throw InputError(key: "group_risk.site_spacing", "the site spacing must be > 0 m (got \(s))")
    }
    let gl = try GuidanceLine(path: g.guidanceLine ?? models + "/group-risk/guidance-line.csv")
    return Resolved(
      eventsPerStratum: K, eventsLow: kLow, splitMagnitude: split, rangeKm: range, dayFraction: day, parametersFile: pf,
      guidance: gl)
  }

  /// The logic-tree samples of a configuration (the same tree and seed as the LPR run: sample s
  /// is the same branch combination), their source branches and rate fields.
  static func tree(_ c: RunConfiguration, models: ModelSet) throws -> (
    samples: [LogicTree.Sample], sourceOf: [Int], rates: [RateField]
  ) {
    try TreeRun.drawn(c, models: models, purpose: "group risk")
  }

  /// The estimator's branches of the tree samples.
  static func branches(_ samples: [LogicTree.Sample], sourceOf: [Int], models: ModelSet, magnitudes: [Double])
    -> [EventSetEstimator.Branch]
  {
    let tree = models.tree
    return samples.enumerated().map { i, s in
      EventSetEstimator.Branch(
        index: s.index, weight: s.weight, source: sourceOf[i], tau: tree.tauIndex(s), phi: tree.phiIndex(s),
        s2sEpsilon: tree.s2sEpsilons[tree.s2sIndex(s)],
        medianOfBin: magnitudes.map { tree.medianBranch(s, magnitude: $0) },
        fcm: models.fcmModels[tree.fragilityIndex(s)][tree.consequenceIndex(s)])
    }
  }

  /// Risk sites, group exposure and the spatial correlation of an exposure.
  package static func sites(
    _ exposure: ExposureDatabase, models: ModelSet, spacing: Double, dayFraction: Double, rangeKm: Double,
    correlation: EventSetEstimator.Correlation, source: String
  ) throws -> (RiskSites, GroupExposure, SpatialCorrelation) {
    let (_, mixes0) = try models.sites(for: exposure)
    let af = models.risk.motion.amplification
    let sites = RiskSites(
      x: exposure.buildings.map(\.x), y: exposure.buildings.map(\.y),
      zoneIndex: exposure.buildings.map { af.index(ofZone: $0.zone)! }, wierde: exposure.buildings.map(\.wierde),
      spacing: spacing)
    let mixes = mixes0.enumerated().map { i, m in
      MonteCarloEstimator.Mix(site: sites.siteOfLocation[i], typologies: m.typologies, probabilities: m.probabilities)
    }
    let occ = exposure.buildings.map { GroupExposure.occupants($0, dayFraction: dayFraction) }
    let ge = GroupExposure(
      siteCount: sites.siteCount, mixes: mixes, inside: occ.map(\.inside), outside: occ.map(\.outside))
    let field = try SpatialCorrelation(
      x: sites.nodeX, y: sites.nodeY, rangeKm: rangeKm, correlated: correlation == .full, source: source)
    return (sites, ge, field)
  }

  /// The per-year summaries of an estimator result (tree mean, fractiles, standard errors, guidance ratio).
  package static func summarise(
    _ r: EventSetEstimator.Result, gasYears: [Int], fractiles: [Double], guidance: GuidanceLine
  ) -> [YearSummary] {
    let B = r.branchCount
    let w = r.weights
    func estimate(_ t: Int, _ q: Int) -> (Estimate, [Double]) {
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
      return (Estimate(mean: mean, seMC: vmc.squareRoot(), se: max(se, vmc.squareRoot())), v)
    }
    return gasYears.enumerated().map { t, y in
      var fn: [Point] = []
      var best: (Double, Double)? = nil
      for (j, n) in r.thresholds.enumerated() {
        let (e, v) = estimate(t, j)
        let fr = WeightedQuantile.quantiles(v, weights: w, qs: fractiles.map { $0 / 100 })
        let g = guidance.frequency(atLeast: n)
        let ratio = g.map { e.mean / $0 }
        if let x = ratio, best == nil || x > best!.0 { best = (x, n) }
        fn.append(Point(n: n, mean: e.mean, fractiles: fr, seMC: e.seMC, se: e.se, guidance: g, ratio: ratio))
      }
      let nq = r.thresholds.count
      return YearSummary(
        gasYear: GasYear.label(y), pll: estimate(t, nq).0, collapses: (1...3).map { estimate(t, nq + $0).0 }, fn: fn,
        maxRatio: best?.0, maxRatioN: best?.1)
    }
  }

  /// Computes the event sets of a configuration (no output): the library entry point of the run,
  /// the benchmarks and the tests.
  package static func compute(
    _ c: RunConfiguration, _ g: GroupRiskSettings, models: ModelSet, exposure: ExposureDatabase,
    shard: (index: Int, count: Int)? = nil, log: (String) -> Void = { _ in }
  ) throws -> (result: EventSetEstimator.Result, sites: RiskSites, resolved: Resolved, samples: Int) {
    let res = try resolve(g, models: models.directory)
    let t = try tree(c, models: models)
    let spacing = g.siteSpacing ?? models.risk.exposureSpacing
    let (sites, ge, field) = try GroupRiskRun.sites(
      exposure, models: models, spacing: spacing, dayFraction: res.dayFraction, rangeKm: res.rangeKm,
      correlation: g.correlation, source: g.rangeKm != nil ? "group_risk.correlation_range" : res.parametersFile)
    log(
      "group risk: \(exposure.buildings.count) buildings on \(sites.siteCount) sites (\(sites.nodeCount) nodes, \(Int(spacing)) m); \(t.samples.count) tree samples × \(res.eventsPerStratum) events per magnitude stratum; correlation \(g.correlation.rawValue), range \(res.rangeKm) km"
    )
    let br = branches(t.samples, sourceOf: t.sourceOf, models: models, magnitudes: t.rates[0].magnitudes)
    let clock = Date()
    let est = EventSetEstimator(base: models.risk, field: field, correlation: g.correlation, threads: c.threads)
    let r = est.run(
      sites: sites, exposure: ge, rates: t.rates, branches: br, eventsPerStratum: res.eventsPerStratum,
      eventsLow: res.eventsLow, splitMagnitude: res.splitMagnitude, thresholds: GroupRiskSettings.thresholds,
      seed: c.seed, only: shard.map { ShardedGroupRisk.block($0.index, of: $0.count, count: br.count) })
    let dt = Date().timeIntervalSince(clock)
    log(
      String(
        format: "event sets: %d events, %d site-events in %.1f s (%.0f events/s, %.3g site-events/s)", r.events,
        r.siteEvents, dt, Double(r.events) / max(dt, 1e-9), Double(r.siteEvents) / max(dt, 1e-9)))
    var resolved = res
    resolved.estimatorSeconds = dt
    return (r, sites, resolved, t.samples.count)
  }

  /// Runs the configured group-risk job and writes the output folder atomically.
  package static func run(_ c: RunConfiguration, _ g: GroupRiskSettings, log: (String) -> Void = { _ in }) throws
    -> Summary
  {
    let start = Date()
    let target = try outputTarget(c, g)
    let (models, exposure) = try prepare(c, g, log: log)
    let k = try compute(c, g, models: models, exposure: exposure, log: log)
    return try finish(c, g, target: target, models: models, exposure: exposure, k, start: start)
  }

  /// The output target of a group-risk run (its inputs are the run's and the settings' files).
  static func outputTarget(_ c: RunConfiguration, _ g: GroupRiskSettings) throws -> OutputTarget {
    var inputs = c.inputs
    if let p = g.parameters { inputs.append(p) }
    if let p = g.guidanceLine { inputs.append(p) }
    return try OutputTarget(c.output, overwrite: c.overwrite, inputs: inputs)
  }

  /// Reads and checks the models and settings and loads the exposure (of the `--area` only).
  static func prepare(_ c: RunConfiguration, _ g: GroupRiskSettings, log: (String) -> Void) throws -> (
    ModelSet, ExposureDatabase
  ) {
    let run = try RunContext(c, check: { _ = try resolve(g, models: $0.directory) }, log: log)
    let models = run.models
    var exposure = run.exposure
    if let a = g.area {
      exposure = ExposureDatabase(
        file: exposure.file,
        buildings: exposure.buildings.filter { $0.x >= a[0] && $0.y >= a[1] && $0.x <= a[2] && $0.y <= a[3] },
        snapped: exposure.snapped)
      guard !exposure.buildings.isEmpty else {
        throw InputError(key: "group_risk.area", "no building of the exposure lies in the area \(a)")
      }
    }
    return (models, exposure)
  }

  /// Summarises a computed event set (of the whole run, or merged from its shards), checks the
  /// estimates and writes the output folder.
  static func finish(
    _ c: RunConfiguration, _ g: GroupRiskSettings, target: OutputTarget, models: ModelSet, exposure: ExposureDatabase,
    _ k: (result: EventSetEstimator.Result, sites: RiskSites, resolved: Resolved, samples: Int), start: Date
  ) throws -> Summary {
    let (r, _, res, samples) = k
    let years = summarise(r, gasYears: c.gasYears, fractiles: g.fractiles, guidance: res.guidance)
    for y in years {
      for v in [y.pll.mean] + y.fn.map(\.mean) where !(v >= 0 && v.isFinite) {
        throw NumericalError(message: "group risk: non-finite or negative estimate \(v) in gas year \(y.gasYear)")
      }
    }
    let runtime = Date().timeIntervalSince(start)
    let spacing = g.siteSpacing ?? models.risk.exposureSpacing
    let summary = try Self.summary(
      k, years: years, exposure: exposure, settings: g, configuration: c, spacing: spacing, runtime: runtime,
      output: c.output)
    try target.write { out in
      try write(
        out, folder: "", (r, res, samples), years: years, summary: summary, settings: g, configuration: c,
        models: models, exposure: exposure, writtenTo: target.path)
    }
    return summary
  }

  /// Writes the files of a group-risk folder (`folder` is `""` for `hra group-risk`, `"group-risk/"`
  /// inside an `hra run --group-risk on` folder): the tables, `summary.txt`/`summary.json`,
  /// `manifest.json` and `config.ini` (written for the folder `writtenTo`), one code path for both.
  static func write(
    _ out: AtomicOutput, folder: String, _ k: (result: EventSetEstimator.Result, resolved: Resolved, samples: Int),
    years: [YearSummary], summary: Summary, settings g: GroupRiskSettings, configuration c: RunConfiguration,
    models: ModelSet, exposure: ExposureDatabase, writtenTo path: String
  ) throws {
    let (r, res, samples) = k
    try out.write(GroupRiskTables.fnCSV(years, fractiles: g.fractiles), name: folder + "fn-curve.csv")
    try out.write(GroupRiskTables.yearsCSV(years), name: folder + "group-risk.csv")
    try out.write(GroupRiskTables.topCSV(r.top), name: folder + "events-top.csv")
    try out.write(summary.text, name: folder + "summary.txt")
    var js = summary
    js.top = []
    try out.write(try JSONCoding.encode(js), name: folder + "summary.json")
    var manifest = try Manifest.make(
      configuration: c, models: models, exposure: exposure, runtime: summary.runtimeSeconds)
    manifest.groupRisk = g
    manifest.logicTree = Manifest.TreeInfo(
      mode: c.logicTree.rawValue, samples: samples, seed: c.seed, fixed: c.fixedBranches,
      estimator:
        "event sets stratified by magnitude, \(res.eventsPerStratum) events per stratum, spatially correlated fields (\(g.correlation.rawValue), range \(res.rangeKm) km)"
    )
    try out.write(try CommandConfiguration.groupRiskText(c, g, writtenTo: path), name: folder + "config.ini")
    try out.write(try JSONCoding.encode(manifest), name: folder + "manifest.json")
  }

  /// The summary of a computed event set (``compute(_:_:models:exposure:shard:log:)``).
  static func summary(
    _ k: (result: EventSetEstimator.Result, sites: RiskSites, resolved: Resolved, samples: Int), years: [YearSummary],
    exposure: ExposureDatabase, settings g: GroupRiskSettings, configuration c: RunConfiguration, spacing: Double,
    runtime: Double, output: String
  ) throws -> Summary {
    let (r, sites, res, samples) = k
    let occupants = exposure.buildings.reduce(0.0) {
      let o = GroupExposure.occupants($1, dayFraction: res.dayFraction)
      return $0 + o.inside + o.outside
    }
    return Summary(
      buildings: exposure.buildings.count, sites: sites.siteCount, nodes: sites.nodeCount, siteSpacing: spacing,
      occupants: occupants, mode: c.logicTree.rawValue, samples: samples, eventsPerStratum: res.eventsPerStratum,
      events: r.events, siteEvents: r.siteEvents, correlation: g.correlation.rawValue, rangeKm: res.rangeKm,
      dayFraction: res.dayFraction, fractiles: g.fractiles, years: years, top: r.top, runtimeSeconds: runtime,
      estimatorSeconds: res.estimatorSeconds, eventsPerSecond: Double(r.events) / max(res.estimatorSeconds, 1e-9),
      siteEventsPerSecond: Double(r.siteEvents) / max(res.estimatorSeconds, 1e-9), output: output)
  }
}
