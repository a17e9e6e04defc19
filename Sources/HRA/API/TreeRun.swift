import Foundation

/// The logic-tree run: per building and gas year the weighted mean, P50 and P90 LPR, the
/// categories, the P50 and P90 lists and the buildings near the norm.
package enum TreeRun {
  /// Counts of one gas year (``TreeRunSummary/YearCounts``).
  package typealias YearCounts = TreeRunSummary.YearCounts
  /// What a run computed, in numbers (``TreeRunSummary``).
  package typealias Summary = TreeRunSummary

  /// Resolves `fixedBranches` labels into set indices.
  static func fixed(_ c: RunConfiguration, tree: LogicTree) throws -> [String: Int] {
    try tree.branchIndices(c.fixedBranches, key: "logic_tree.fix")
  }

  /// The distinct source branches of the samples (in order of first use), each sample's source
  /// branch and the rate field of each (shared by the LPR and the hazard over the tree).
  static func sourceRates(_ c: RunConfiguration, models: ModelSet, samples: [LogicTree.Sample]) throws -> (
    sourceOf: [Int], rates: [RateField]
  ) {
    let source = try models.source(production: c.production)
    var sources: [[String]] = []
    var sourceOf: [Int] = []
    for s in samples {
      let b = models.tree.sourceLabels(s)
      if let i = sources.firstIndex(of: b) {
        sourceOf.append(i)
      } else {
        sources.append(b)
        sourceOf.append(sources.count - 1)
      }
    }
    return (sourceOf, try sources.map { try source.rates(labels: $0, gasYears: c.gasYears) })
  }

  /// The samples, source branches and rate fields of a computation over the logic tree that
  /// needs every sample to be a branch combination (hazard, group risk): sampled or enumerated
  /// with the run's seed and fixed sets (`extraFixed` for enumeration only: sets that do not
  /// change the quantity), never central.
  static func drawn(_ c: RunConfiguration, models: ModelSet, purpose: String, extraFixed: [String: Int] = [:]) throws
    -> (samples: [LogicTree.Sample], sourceOf: [Int], rates: [RateField])
  {
    let fixed = try TreeRun.fixed(c, tree: models.tree)
    let samples: [LogicTree.Sample]
    switch c.logicTree {
    case .enumerate:
      samples = models.tree.enumerate(
        fixed: fixed.merging(extraFixed) { a, _ in a }, magnitudes: models.seismicity.bins.centres)
    case .sample: samples = models.tree.sample(count: c.logicTreeSamples, seed: c.seed, fixed: fixed)
    case .central:
      throw InputError(
        key: "logic_tree.logic_tree",
        "\(purpose) is computed over the logic tree: use sample or enumerate (hold sets with logic_tree.fix for a single branch)"
      )
    }
    let (sourceOf, rates) = try sourceRates(c, models: models, samples: samples)
    return (samples, sourceOf, rates)
  }

  /// Computes the tree for an exposure (no output): the library entry point of runs, explain and scenarios.
  package static func compute(
    _ c: RunConfiguration, models: ModelSet, exposure: ExposureDatabase, fixedOverride: [String: Int]? = nil,
    exact: Bool? = nil,
    log: (String) -> Void = { _ in }
  ) throws -> (result: TreeEstimator.Result, tree: LogicTree, sites: RiskSites) {
    let r = try computeTree(c, models: models, exposure: exposure, fixedOverride: fixedOverride, exact: exact, log: log)
    return (r.result, r.tree, r.sites)
  }

  /// What ``compute(_:models:exposure:fixedOverride:exact:log:)`` computes, with the samples
  /// and rate fields it drew (for the run's hazard summary).
  struct Computed {
    var result: TreeEstimator.Result
    var tree: LogicTree
    var sites: RiskSites
    var samples: [LogicTree.Sample]
    var sourceOf: [Int]
    var rates: [RateField]
    /// The distinct GMM-median paths among the samples (enumeration) or nil (sampling).
    var medianPaths: Int? {
      result.exact ? Set(samples.map(\.medianU)).count : nil
    }
  }

  /// What the run's statistics are, in words (summary and manifest).
  static func estimatorName(_ c: RunConfiguration) -> String {
    switch c.logicTree {
    case .enumerate:
      return "exact: every branch combination, factorised (percentiles from the weighted combinations, no sampling)"
    case .sample:
      return "sampled: \(c.logicTreeSamples) branch combinations (seed \(c.seed)), percentiles over the samples"
    case .central: return "central branches"
    }
  }

  static func computeTree(
    _ c: RunConfiguration, models: ModelSet, exposure: ExposureDatabase, fixedOverride: [String: Int]? = nil,
    exact: Bool? = nil, holdsForAll: Bool = false, buildingKeys: [Int]? = nil, log: (String) -> Void = { _ in }
  ) throws -> Computed {
    guard c.percentiles.count == 2, c.percentiles.allSatisfy({ $0 > 0 && $0 < 100 }),
      c.percentiles[0] < c.percentiles[1]
    else {
      throw InputError(
        key: "logic_tree.percentiles",
        "need two percentiles in (0, 100), ascending (got \(c.percentiles))")
    }
    let tree = models.tree
    let fixed = try fixedOverride ?? TreeRun.fixed(c, tree: tree)
    let samples: [LogicTree.Sample]
    switch c.logicTree {
    case .enumerate: samples = tree.enumerate(fixed: fixed, magnitudes: models.seismicity.bins.centres)
    case .sample, .central: samples = tree.sample(count: c.logicTreeSamples, seed: c.seed, fixed: fixed)
    }
    let (sourceOf, rates) = try sourceRates(c, models: models, samples: samples)
    let (sites, mixes) = try models.sites(for: exposure)
    let est = try TreeEstimator(models: models, threads: c.threads)
    if c.logicTree == .enumerate && exact == nil {
      // The exact tree, factorised (``ExactTreeEstimator``); `exact: true` keeps every value instead.
      let r = try ExactTreeEstimator(est).run(
        sites: sites, mixes: mixes, rates: rates, sourceOf: sourceOf, samples: samples,
        quantiles: (c.percentiles[0] / 100, c.percentiles[1] / 100), holdsNear: c.norm,
        holdsForAll: holdsForAll, log: log)
      return Computed(result: r, tree: tree, sites: sites, samples: samples, sourceOf: sourceOf, rates: rates)
    }
    let r = try est.run(
      sites: sites, mixes: mixes, rates: rates, sourceOf: sourceOf, samples: samples, seed: c.seed,
      exact: exact ?? (c.logicTree == .enumerate), norm: c.norm,
      quantiles: (c.percentiles[0] / 100, c.percentiles[1] / 100), buildingKeys: buildingKeys, log: log)
    return Computed(result: r, tree: tree, sites: sites, samples: samples, sourceOf: sourceOf, rates: rates)
  }

  /// The field maximum of the mean 475-year PGA per gas year at the run's risk sites, over the
  /// run's own tree samples (mean only: ``HazardEstimator`` sums the samples' rates per table
  /// key), reusing the run's rate histograms.
  static func hazardSummary(
    _ c: RunConfiguration, models: ModelSet, computed k: Computed, log: (String) -> Void
  ) throws -> [HazardRun.YearSummary] {
    var h = HazardSettings()
    h.imts = ["PGA"]
    h.returnPeriods = [475]
    h.fractiles = []
    let measures = try HazardRun.measures(h, models: models)
    let sites = HazardSites(risk: k.sites, models: models)
    let r = try HazardRun.compute(
      c, h, models: models, sites: sites, measures: measures, tree: (k.samples, k.sourceOf, k.rates),
      rateBlocks: k.result.rateBlocks, log: log)
    if let bad = r.mean.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
      throw NumericalError(
        message:
          "hazard summary: mean exceedance rate \(r.mean[bad]) at site \(sites.ids[bad / (r.yearCount * r.levelCount)])"
      )
    }
    return HazardRunSummary.fieldMaxima(r, measures: measures, sites: sites, returnPeriods: [475], years: c.gasYears)
  }

  /// Runs the tree for the configured job and writes the output folder atomically. With
  /// `checkpoints` above 1, or `resume`, in parts that survive a kill (``ShardedRun``).
  package static func run(_ c: RunConfiguration, resume: Bool = false, log: (String) -> Void = { _ in }) throws
    -> Summary
  {
    if resume || (c.checkpoints ?? 1) > 1 {
      var k = c
      k.checkpoints = c.checkpoints ?? ShardedRun.defaultCheckpoints
      return try ShardedRun.runInParts(k, resume: resume, log: log)
    }
    let start = Date()
    let target = try c.outputTarget()
    let (models, exposure) = try prepare(c, log: log)
    var computed = try computeTree(c, models: models, exposure: exposure, log: log)
    log("logic tree computed in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    let hazard = c.hazardSummary ? try hazardSummary(c, models: models, computed: computed, log: log) : nil
    computed.result.rateBlocks = nil
    let evaluated = Evaluated(
      result: computed.result, siteCount: computed.sites.siteCount, medianPaths: computed.medianPaths, hazard: hazard)
    return try finish(c, target: target, models: models, exposure: exposure, evaluated, start: start, log: log)
  }

  /// The run's prologue: the model set, validated before the long part, its warnings logged,
  /// and the exposure (snapped buildings logged).
  static func prepare(_ c: RunConfiguration, log: (String) -> Void) throws -> (ModelSet, ExposureDatabase) {
    let run = try RunContext(c, log: log)
    let (models, exposure) = (run.models, run.exposure)
    log(
      "exposure: \(exposure.buildings.count) buildings; logic tree: \(c.logicTree.rawValue)\(c.logicTree == .sample ? ", \(c.logicTreeSamples) samples" : "")"
    )
    return (models, exposure)
  }

  /// What the tree gave for the run's buildings (one run, or the shards of one merged).
  struct Evaluated {
    var result: TreeEstimator.Result
    var siteCount: Int
    var medianPaths: Int?
    var hazard: [HazardRun.YearSummary]?
  }

  /// The run's epilogue: group risk if asked for, the checks, the counts and every output file.
  static func finish(
    _ c: RunConfiguration, target: OutputTarget, models: ModelSet, exposure: ExposureDatabase, _ e: Evaluated,
    start: Date, log: (String) -> Void
  ) throws -> Summary {
    let r = e.result
    let group =
      c.groupRisk ? try GroupRiskRun.compute(c, GroupRiskSettings(), models: models, exposure: exposure, log: log) : nil
    let groupYears = group.map {
      GroupRiskRun.summarise(
        $0.result, gasYears: c.gasYears, fractiles: GroupRiskSettings().fractiles, guidance: $0.resolved.guidance)
    }
    let ids = exposure.buildings.map(\.id)
    for (values, name) in [(r.mean, "mean LPR"), (r.p50, "lower-percentile LPR"), (r.p90, "upper-percentile LPR")] {
      try NumericalGuard.probabilities(values, quantity: name, buildings: ids, gasYears: c.gasYears)
    }
    let results = RiskResults(tree: r, exposure: exposure, gasYears: c.gasYears, percentiles: c.percentiles)
    let counts = TreeRunSummary.counts(results, norm: c.norm)
    let runtime = Date().timeIntervalSince(start)
    var summary = Summary(
      buildings: exposure.buildings.count, sites: e.siteCount, mode: c.logicTree.rawValue, samples: r.samples,
      norm: c.norm,
      percentiles: c.percentiles, years: counts, runtimeSeconds: runtime, peakTableCacheMB: Double(r.cacheBytes) / 1e6,
      sketchMB: Double(r.sketchBytes) / 1e6, output: c.output, hazard: e.hazard)
    summary.estimator = estimatorName(c)
    summary.medianPaths = e.medianPaths
    var groupSummary: GroupRiskRun.Summary? = nil
    if let g = group, let years = groupYears {
      groupSummary = try GroupRiskRun.summary(
        g, years: years, exposure: exposure, settings: GroupRiskSettings(), configuration: c,
        spacing: models.risk.exposureSpacing, runtime: runtime, output: c.output + "/group-risk")
    }
    summary.groupRisk = groupSummary.map { s in
      var x = s
      x.top = []
      return x
    }
    try target.write { out in
      if let g = group, let years = groupYears, let s = groupSummary {
        // The same files, manifest and config.ini as `hra group-risk` writes (one code path).
        try GroupRiskRun.write(
          out, folder: "group-risk/", (g.result, g.resolved, g.samples), years: years, summary: s,
          settings: GroupRiskSettings(), configuration: c, models: models, exposure: exposure,
          writtenTo: target.path + "/group-risk")
      }
      try out.write(results.csv(norm: c.norm), name: "buildings-risk.csv")
      let (lo, hi) = results.labels
      for (t, y) in c.gasYears.enumerated() {
        let s = RiskResults.suffix(y)
        try out.write(RiskLists.csv(results, year: t, list: .p50, norm: c.norm), name: "lists/\(lo)-\(s).csv")
        try out.write(RiskLists.csv(results, year: t, list: .p90, norm: c.norm), name: "lists/\(hi)-\(s).csv")
      }
      if results.isStandard {
        try out.write(
          RiskLists.nearNormCSV(
            results, flip: r.flipProbability, holds: r.exact ? r.holds : nil, norm: c.norm), name: "near-norm.csv")
      }
      try out.write(summary.text, name: "summary.txt")
      try out.write(try JSONCoding.encode(summary), name: "summary.json")
      var manifest = try Manifest.make(configuration: c, models: models, exposure: exposure, runtime: runtime)
      manifest.logicTree = Manifest.TreeInfo(
        mode: c.logicTree.rawValue, samples: r.samples, seed: c.seed, fixed: c.fixedBranches,
        estimator: summary.estimator, categoryCounts: counts)
      manifest.logicTree?.medianPaths = summary.medianPaths
      try out.write(try CommandConfiguration.text(c, writtenTo: target.path), name: "config.ini")
      try out.write(try JSONCoding.encode(manifest), name: "manifest.json")
    }
    return summary
  }
}
