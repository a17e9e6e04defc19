import Foundation

/// The hazard curves of a configuration computed (no output): the mean and fractile annual
/// exceedance rates per site, gas year and level over the logic-tree samples
/// (``HazardEstimator``), and the spectra and disaggregation at a few points. The entry point of
/// `hra hazard`, its shards, explain and the tree run's hazard summary.
package enum HazardComputation {
  /// The branches of a hazard computation: samples, their source branches and rate fields.
  package typealias Branches = (samples: [LogicTree.Sample], sourceOf: [Int], rates: [RateField])

  /// The logic-tree samples, their source branches and rate fields of a configuration (the
  /// same tree and seed as the LPR run: sample s is the same branch combination).
  static func tree(_ c: RunConfiguration, models: ModelSet) throws -> Branches {
    // The fragility and consequence sets do not change the hazard: enumeration fixes them to
    // their first branch (weight 1) and covers the source and GMM sets only.
    try TreeDraw.drawn(c, models: models, purpose: "hazard", extraFixed: ["fragility": 0, "consequence": 0])
  }

  /// The resolved IMTs and levels of the settings for a model set.
  /// - Throws: ``InputError`` naming `hazard.imt` or the levels file.
  package static func measures(_ h: HazardSettings, models: ModelSet, imts: [String]? = nil) throws -> HazardMeasures {
    let list = try IntensityMeasure.list((imts ?? h.imts).joined(separator: ","), source: "hazard.imt")
    let lv = try HazardLevels(path: h.levels ?? models.directory + "/hazard/levels.csv")
    return try HazardMeasures(
      imts: list, levels: lv, periods: models.risk.motion.gmm.periods, gmm: models.choice.gmm.rawValue,
      source: "hazard.imt")
  }

  /// Validates the settings (before any computation).
  /// - Throws: ``InputError`` naming `hazard.return_periods` or `hazard.fractiles`.
  static func validate(_ h: HazardSettings) throws {
    guard !h.returnPeriods.isEmpty, h.returnPeriods.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw InputError(key: "hazard.return_periods", "return periods must be > 0 years")
    }
    guard h.fractiles.allSatisfy({ $0 > 0 && $0 < 100 }) else {
      throw InputError(key: "hazard.fractiles", "fractiles must lie in (0, 100)")
    }
  }

  /// Computes the curves at a set of sites over the given branches (nil: the configuration's),
  /// reusing the rate histograms of a tree run (`rateBlocks`) when given.
  static func compute(
    _ c: RunConfiguration, _ h: HazardSettings, models: ModelSet, sites: HazardSites, measures: HazardMeasures,
    tree given: Branches? = nil, rateBlocks: RateBlocks? = nil, log: (String) -> Void = { _ in }
  ) throws -> HazardEstimator.Result {
    let t = try given ?? tree(c, models: models)
    let est = HazardEstimator(
      models: models, measures: measures, horizon: h.horizon, component: h.component, threads: c.threads)
    return try est.run(
      sites: sites.risk, rates: t.rates, sourceOf: t.sourceOf, samples: t.samples,
      fractiles: h.fractiles.map { $0 / 100 }, rateBlocks: rateBlocks, log: log)
  }

  /// Checks the curves of every site: mean and fractile rates finite and not negative.
  /// - Throws: ``NumericalError`` naming the quantity and the site.
  static func check(_ r: HazardEstimator.Result, _ h: HazardSettings, sites: HazardSites) throws {
    for (name, v) in [("mean", r.mean)] + r.fractileRates.enumerated().map({ ("fractile \(h.fractiles[$0])", $1) }) {
      if let bad = v.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
        throw NumericalError(
          message:
            "hazard: \(name) exceedance rate \(v[bad]) at site \(sites.ids[bad / (r.yearCount * r.levelCount)])")
      }
    }
  }

  /// Spectra and disaggregation at the `--site` points (none without points).
  static func pointResults(
    _ c: RunConfiguration, _ h: HazardSettings, _ p: HazardInputs, branches t: Branches
  ) throws -> ((HazardSites, HazardMeasures, HazardEstimator.Result)?, [Disaggregation]) {
    let (models, measures, points) = (p.models, p.measures, p.points)
    guard !points.isEmpty else { return (nil, []) }
    let ps = try HazardSites(
      ids: points.map(\.0), x: points.map(\.1), y: points.map(\.2), zones: points.map(\.3),
      wierde: Array(repeating: false, count: points.count), models: models)
    let periods = models.risk.motion.gmm.periods
    let sm = try Self.measures(h, models: models, imts: periods.map { IntensityMeasure.sa($0).description })
    let spectra = (ps, sm, try compute(c, h, models: models, sites: ps, measures: sm, tree: t))
    let pm = try compute(c, h, models: models, sites: ps, measures: measures, tree: t)
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
}
