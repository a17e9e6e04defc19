import Foundation

/// The LPR logic tree computed for an exposure (no output): the estimator's result with the
/// samples and rate fields it drew (for the run's hazard summary), the entry point of runs,
/// shards, explain and scenarios.
///
/// Sampled (``TreeEstimator``: per building and gas year the weighted mean and the two
/// percentiles over the samples) or enumerated (``ExactTreeEstimator``: every branch
/// combination, factorised).
package struct TreeComputation {
  package var result: TreeEstimator.Result
  package var tree: LogicTree
  package var sites: RiskSites
  package var samples: [LogicTree.Sample]
  package var sourceOf: [Int]
  package var rates: [RateField]
  /// The distinct GMM-median paths among the samples (enumeration) or nil (sampling).
  package var medianPaths: Int? {
    result.exact ? Set(samples.map(\.medianU)).count : nil
  }

  /// Computes the tree for an exposure.
  /// - Parameters:
  ///   - fixedOverride: held sets (indices) replacing the configuration's `logic_tree.fix`.
  ///   - exact: `true` keeps every sample's value (the unfactorised estimator); nil: the run's mode.
  ///   - holdsForAll: the exact tree keeps the held percentiles of every cell, not only near the norm.
  ///   - buildingKeys: the buildings' indices in the whole exposure (a shard's random streams).
  /// - Throws: ``InputError`` naming `logic_tree.percentiles` or `logic_tree.fix`.
  package static func compute(
    _ c: RunConfiguration, models: ModelSet, exposure: ExposureDatabase, fixedOverride: [String: Int]? = nil,
    exact: Bool? = nil, holdsForAll: Bool = false, buildingKeys: [Int]? = nil, log: (String) -> Void = { _ in }
  ) throws -> TreeComputation {
    guard c.percentiles.count == 2, c.percentiles.allSatisfy({ $0 > 0 && $0 < 100 }),
      c.percentiles[0] < c.percentiles[1]
    else {
      throw InputError(
        key: "logic_tree.percentiles",
        "need two percentiles in (0, 100), ascending (got \(c.percentiles))")
    }
    let tree = models.tree
    let fixed = try fixedOverride ?? TreeDraw.fixed(c, tree: tree)
    let samples: [LogicTree.Sample]
    switch c.logicTree {
    case .enumerate: samples = tree.enumerate(fixed: fixed, magnitudes: models.seismicity.bins.centres)
    case .sample, .central: samples = tree.sample(count: c.logicTreeSamples, seed: c.seed, fixed: fixed)
    }
    let (sourceOf, rates) = try TreeDraw.sourceRates(c, models: models, samples: samples)
    let (sites, mixes) = try models.sites(for: exposure)
    let est = try TreeEstimator(models: models, threads: c.threads)
    if c.logicTree == .enumerate && exact == nil {
      // The exact tree, factorised (``ExactTreeEstimator``); `exact: true` keeps every value instead.
      let r = try ExactTreeEstimator(est).run(
        sites: sites, mixes: mixes, rates: rates, sourceOf: sourceOf, samples: samples,
        quantiles: (c.percentiles[0] / 100, c.percentiles[1] / 100), holdsNear: c.norm,
        holdsForAll: holdsForAll, log: log)
      return TreeComputation(result: r, tree: tree, sites: sites, samples: samples, sourceOf: sourceOf, rates: rates)
    }
    let r = try est.run(
      sites: sites, mixes: mixes, rates: rates, sourceOf: sourceOf, samples: samples, seed: c.seed,
      exact: exact ?? (c.logicTree == .enumerate), norm: c.norm,
      quantiles: (c.percentiles[0] / 100, c.percentiles[1] / 100), buildingKeys: buildingKeys, log: log)
    return TreeComputation(result: r, tree: tree, sites: sites, samples: samples, sourceOf: sourceOf, rates: rates)
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

  /// The field maximum of the mean 475-year PGA per gas year at the run's risk sites, over the
  /// run's own tree samples (mean only: ``HazardEstimator`` sums the samples' rates per table
  /// key), reusing the run's rate histograms.
  /// - Throws: ``NumericalError`` for a negative or non-finite mean exceedance rate.
  func hazardSummary(_ c: RunConfiguration, models: ModelSet, log: (String) -> Void) throws
    -> [HazardRunSummary.Year]
  {
    var h = HazardSettings()
    h.imts = ["PGA"]
    h.returnPeriods = [475]
    h.fractiles = []
    let measures = try HazardComputation.measures(h, models: models)
    let sites = HazardSites(risk: self.sites, models: models)
    let r = try HazardComputation.compute(
      c, h, models: models, sites: sites, measures: measures, tree: (samples, sourceOf, rates),
      rateBlocks: result.rateBlocks, log: log)
    if let bad = r.mean.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
      throw NumericalError(
        message:
          "hazard summary: mean exceedance rate \(r.mean[bad]) at site \(sites.ids[bad / (r.yearCount * r.levelCount)])"
      )
    }
    return HazardRunSummary.fieldMaxima(r, measures: measures, sites: sites, returnPeriods: [475], years: c.gasYears)
  }
}
