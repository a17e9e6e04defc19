import Foundation

/// The event sets of a group-risk run computed (no output): event sets with spatially
/// correlated ground-motion fields over the logic-tree samples (``EventSetEstimator``), the
/// entry point of `hra group-risk`, its shards, `hra run --group-risk on`, the benchmarks and
/// the tests.
package struct GroupRiskComputation {
  package var result: EventSetEstimator.Result
  package var sites: RiskSites
  package var resolved: GroupRiskParameters
  /// The tree samples of the whole run (a shard computes a block of them).
  package var samples: Int

  /// The block of samples of shard `i` of `n` among `count`: `⌊i·count/n⌋ ..< ⌊(i+1)·count/n⌋`.
  package static func block(_ i: Int, of n: Int, count: Int) -> Range<Int> { (i * count / n)..<((i + 1) * count / n) }

  /// Computes the event sets of a configuration.
  /// - Parameter shard: shard `index` of `count` computes its ``block(_:of:count:)`` of the
  ///   tree samples; nil: all.
  /// - Throws: ``InputError`` for the settings or a central logic tree.
  package static func compute(
    _ c: RunConfiguration, _ g: GroupRiskSettings, models: ModelSet, exposure: ExposureDatabase,
    shard: (index: Int, count: Int)? = nil, log: (String) -> Void = { _ in }
  ) throws -> GroupRiskComputation {
    let res = try GroupRiskParameters.resolve(g, models: models.directory)
    let t = try TreeDraw.drawn(c, models: models, purpose: "group risk")
    let spacing = g.siteSpacing ?? models.risk.exposureSpacing
    let (sites, ge, field) = try GroupRiskSites.make(
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
      seed: c.seed, only: shard.map { block($0.index, of: $0.count, count: br.count) })
    let dt = Date().timeIntervalSince(clock)
    log(
      String(
        format: "event sets: %d events, %d site-events in %.1f s (%.0f events/s, %.3g site-events/s)", r.events,
        r.siteEvents, dt, Double(r.events) / max(dt, 1e-9), Double(r.siteEvents) / max(dt, 1e-9)))
    var resolved = res
    resolved.estimatorSeconds = dt
    return GroupRiskComputation(result: r, sites: sites, resolved: resolved, samples: t.samples.count)
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

  /// The buildings of the exposure inside the settings' `area` (all without one).
  /// - Throws: ``InputError`` naming `group_risk.area` when no building lies in it.
  static func area(_ g: GroupRiskSettings, of exposure: ExposureDatabase) throws -> ExposureDatabase {
    guard let a = g.area else { return exposure }
    let inside = ExposureDatabase(
      file: exposure.file,
      buildings: exposure.buildings.filter { $0.x >= a[0] && $0.y >= a[1] && $0.x <= a[2] && $0.y <= a[3] },
      snapped: exposure.snapped)
    guard !inside.buildings.isEmpty else {
      throw InputError(key: "group_risk.area", "no building of the exposure lies in the area \(a)")
    }
    return inside
  }
}
