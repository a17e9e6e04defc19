import Foundation

/// Hazard curves over the epistemic logic tree at a set of sites: per site, gas year, IMT and
/// level the weighted mean and chosen fractiles of the annual exceedance rate.
///
/// For branch combination s (weight w_s), site i (node n, zone z, wierde flag w):
/// ```
/// λ_s(i, t, x) = Σ_m Σ_h A_{src(s)}(n, t, m, h) · H_{z,w}^{median_s(m), τ_s, φ_s, ε_s}(m, h, x)
/// mean(i, t, x) = Σ_s w_s λ_s(i, t, x) / Σ_s w_s,     fractile q: weighted type-1 quantile over s
/// ```
/// (A: ``RateBlocks``, the same rate histograms as the LPR; H: ``ZoneTables`` with ``ExceedanceColumns``.) Only the
/// source and ground-motion branch sets matter; the fragility and consequence branches of a
/// sample are ignored.
///
/// Work order (bounded memory): rate histograms once; per zone (largest first) its tables; per
/// site of the zone and per block of 16 levels, every sample's curve block (`samples × years × 16`
/// floats), then the mean and fractiles of every (year, level). The fractiles use, per year, the
/// samples' order at the previous level as the starting point of an insertion sort (curves
/// rarely cross, so the sort is nearly linear). Memory: the rate histograms, one zone's tables
/// per thread and `samples × years × 68` bytes per thread.
package struct HazardEstimator: Sendable {
  package let models: ModelSet
  package let threads: Int
  package let measures: HazardMeasures
  package let horizon: ExceedanceProbability.Horizon
  package let component: SurfaceMotion.Component

  package init(
    models: ModelSet, measures: HazardMeasures, horizon: ExceedanceProbability.Horizon,
    component: SurfaceMotion.Component, threads: Int
  ) {
    self.models = models
    self.measures = measures
    self.horizon = horizon
    self.component = component
    self.threads = max(1, threads)
  }

  /// Mean and fractile exceedance rates: `mean[(site * years + t) * levels + l]`,
  /// `fractiles[f][(site * years + t) * levels + l]` (levels: ``HazardMeasures/count``).
  package struct Result: Sendable {
    package let siteCount: Int
    package let yearCount: Int
    package let levelCount: Int
    package let fractiles: [Double]
    package let mean: [Double]
    package let fractileRates: [[Double]]
    package let samples: Int

    /// The row of (site, year) on the level axis.
    package func meanRow(site i: Int, year t: Int) -> ArraySlice<Double> {
      let s = (i * yearCount + t) * levelCount
      return mean[s..<(s + levelCount)]
    }
    package func fractileRow(_ f: Int, site i: Int, year t: Int) -> ArraySlice<Double> {
      let s = (i * yearCount + t) * levelCount
      return fractileRates[f][s..<(s + levelCount)]
    }
  }

  /// What the contraction needs, built once per run: active bins, the branches in use, the
  /// zone-table plan and the rate histograms of every node.
  struct Prepared {
    let years: Int
    let nodes: Int
    let stride: Int
    let activeCount: Int
    let binsOfSource: [[Int]]
    let branches: TreeBranchPlan
    let plan: ExceedanceColumns.Plan
    let cache: RateBlocks
  }

  func prepare(
    sites: RiskSites, rates: [RateField], sourceOf: [Int], samples: [LogicTree.Sample], measures: HazardMeasures,
    rateBlocks: RateBlocks? = nil
  ) throws -> Prepared {
    let base = models.risk
    let tree = models.tree
    let Y = rates[0].gasYears.count
    let N = base.grid.count
    let Yp = (Y + 3) / 4 * 4
    let S = (N + 7) / 8 * 8
    let mags = rates[0].magnitudes
    let (activeList, binsOfSource) = TreeBranchPlan.activeBins(rates)
    let branches = TreeBranchPlan(
      tree: tree, samples: samples, sourceOf: sourceOf, binsOfSource: binsOfSource,
      activeMagnitudes: activeList.map { mags[$0] })
    let motions = try branches.motions(base: base, phiCount: tree.phiCount, component: component)
    let plan = ExceedanceColumns.Plan(
      branches: branches.tableBranches(
        motions: motions, tree: tree, magnitudes: activeList.map { mags[$0] }, base: base),
      measures: measures, horizon: horizon)
    let key = RateBlocks.Key(
      nodeX: sites.nodeX, nodeY: sites.nodeY, bins: activeList, paddedYears: Yp, stride: S, sources: rates.count,
      years: rates[0].gasYears)
    let cache =
      rateBlocks.flatMap { $0.key == key ? $0 : nil }
      ?? RateBlocks(
        nodeX: sites.nodeX, nodeY: sites.nodeY, rates: rates, bins: activeList, paddedYears: Yp, stride: S,
        grid: base.grid, depthKm: base.rupture.depthKm,
        kernels: activeList.map { base.rupture.kernel(magnitude: mags[$0], grid: base.grid) }, threads: threads)
    return Prepared(
      years: Y, nodes: N, stride: S, activeCount: activeList.count, binsOfSource: binsOfSource, branches: branches,
      plan: plan, cache: cache)
  }

  /// Runs the tree. `rates[i]` is the rate field of source branch i, `sourceOf[s]` the source
  /// branch of sample s; `fractiles` in (0, 1), ascending.
  package func run(
    sites: RiskSites, rates: [RateField], sourceOf: [Int], samples: [LogicTree.Sample], fractiles: [Double],
    log: (String) -> Void = { _ in }
  ) throws -> Result {
    try run(
      sites: sites, rates: rates, sourceOf: sourceOf, samples: samples, fractiles: fractiles, rateBlocks: nil, log: log)
  }

  /// As ``run(sites:rates:sourceOf:samples:fractiles:log:)``, reusing rate histograms already
  /// built for the same nodes, bins and source branches (an LPR tree run's).
  func run(
    sites: RiskSites, rates: [RateField], sourceOf: [Int], samples: [LogicTree.Sample], fractiles: [Double],
    rateBlocks: RateBlocks?, log: (String) -> Void = { _ in }
  ) throws -> Result {
    LinearAlgebra.setBLASThreads(1)
    precondition(!rates.isEmpty && sourceOf.count == samples.count && !samples.isEmpty)
    if fractiles.isEmpty {
      return try runMean(
        sites: sites, rates: rates, sourceOf: sourceOf, samples: samples, rateBlocks: rateBlocks, log: log)
    }
    let clock = Date()
    let tree = models.tree
    let p = try prepare(
      sites: sites, rates: rates, sourceOf: sourceOf, samples: samples, measures: measures, rateBlocks: rateBlocks)
    let (Y, N, S, Mact) = (p.years, p.nodes, p.stride, p.activeCount)
    let Lp = measures.padded
    let Lc = measures.count
    let binsOfSource = p.binsOfSource
    let branches = p.branches
    let plan = p.plan
    let cache = p.cache
    log(
      String(
        format: "hazard: rate histograms of %d nodes × %d source branches in %.1f s", sites.nodeCount, rates.count,
        Date().timeIntervalSince(clock)))
    let F = fractiles.count
    let meanOut = SharedBuffer<Double>(repeating: 0, count: sites.siteCount * Y * Lc)
    let fracOut = SharedBuffer<Double>(repeating: 0, count: F * sites.siteCount * Y * Lc)
    let order = samples.indices.sorted { (sourceOf[$0], $0) < (sourceOf[$1], $1) }
    let total = samples.reduce(0.0) { $0 + $1.weight }
    let weights = order.map { samples[$0].weight / total }
    let reducer = FractileZone(
      plan: plan, cache: cache, branches: branches, tree: tree, samples: samples, sourceOf: sourceOf, order: order,
      weights: weights, equalWeights: weights.allSatisfy { $0 == weights[0] }, binsOfSource: binsOfSource,
      fractiles: fractiles, siteWierde: sites.siteWierde, siteNode: sites.siteNode, siteCount: sites.siteCount,
      years: Y, nodes: N, stride: S, activeCount: Mact, paddedLevels: Lp, levels: Lc, meanOut: meanOut,
      fracOut: fracOut)
    ZoneDriver(sites: sites)
      .run(reducer, threads: threads, progress: "hazard: zones %d of %d done (%.1f s)", clock: clock, log: log)
    let all = fracOut.array()
    let n = sites.siteCount * Y * Lc
    return Result(
      siteCount: sites.siteCount, yearCount: Y, levelCount: Lc, fractiles: fractiles, mean: meanOut.array(),
      fractileRates: (0..<F).map { Array(all[($0 * n)..<(($0 + 1) * n)]) }, samples: samples.count)
  }

  /// The weighted mean curve only (no fractiles), by linearity: the samples' rate histograms are
  /// summed per (bin, table key) before the contraction,
  /// ```
  /// mean(i, t, x) = Σ_m Σ_k Σ_h Ā_{m,k}(n, t, h) · H_k(m, h, x),   Ā_{m,k} = Σ_{s: key_s(m) = k} w_s A_{src(s)}(n, t, m, h)
  /// ```
  /// (k: the GMM table key (τ φ pair, median, ε, wierde) of sample s at bin m). The cost per site
  /// is the number of distinct (bin, key) pairs instead of samples × bins. Equal to the mean of
  /// ``run(sites:rates:sourceOf:samples:fractiles:log:)`` up to single-precision rounding.
  func runMean(
    sites: RiskSites, rates: [RateField], sourceOf: [Int], samples: [LogicTree.Sample], rateBlocks: RateBlocks?,
    log: (String) -> Void
  ) throws -> Result {
    let clock = Date()
    let tree = models.tree
    let p = try prepare(
      sites: sites, rates: rates, sourceOf: sourceOf, samples: samples, measures: measures, rateBlocks: rateBlocks)
    let (Y, N, S, Mact) = (p.years, p.nodes, p.stride, p.activeCount)
    let Yp = (Y + 3) / 4 * 4
    let Lp = measures.padded
    let Lc = measures.count
    let branches = p.branches
    let cache = p.cache
    log(
      String(
        format: "hazard (mean): rate histograms of %d nodes × %d source branches in %.1f s", sites.nodeCount,
        rates.count, Date().timeIntervalSince(clock)))
    let byFlag = [0, 1].map {
      HazardEstimator.meanGroups(
        samples: samples, sourceOf: sourceOf, binsOfSource: p.binsOfSource, branches: branches, tree: tree, wierde: $0)
    }
    let meanOut = SharedBuffer<Double>(repeating: 0, count: sites.siteCount * Y * Lc)
    let zone = MeanZone(
      plan: p.plan, cache: cache, byFlag: byFlag, siteWierde: sites.siteWierde, siteNode: sites.siteNode, years: Y,
      paddedYears: Yp, nodes: N, stride: S, activeCount: Mact, paddedLevels: Lp, levels: Lc, meanOut: meanOut)
    let driver = ZoneDriver(sites: sites)
    driver.run(zone, threads: threads)
    let zones = driver.zones
    log(String(format: "hazard (mean): %d zones done (%.1f s)", zones.count, Date().timeIntervalSince(clock)))
    return Result(
      siteCount: sites.siteCount, yearCount: Y, levelCount: Lc, fractiles: [], mean: meanOut.array(),
      fractileRates: [], samples: samples.count)
  }

  /// A (bin, table key) group of the mean curve: the samples whose GMM table at bin `mi` is `key`.
  struct MeanGroup: Hashable { var mi: Int, key: ZoneTables.Key }

  /// The (bin, key) groups of wierde flag `w` in (bin, τ φ pair, median, ε) order and, per
  /// group, its source branches (ascending) with their summed normalised weights Σ w_s / Σ w.
  static func meanGroups(
    samples: [LogicTree.Sample], sourceOf: [Int], binsOfSource: [[Int]], branches: TreeBranchPlan, tree: LogicTree,
    wierde w: Int
  ) -> [(MeanGroup, [(src: Int, weight: Float)])] {
    let total = samples.reduce(0.0) { $0 + $1.weight }
    var acc: [MeanGroup: [Int: Double]] = [:]
    for (i, s) in samples.enumerated() {
      for mi in binsOfSource[sourceOf[i]] {
        let g = MeanGroup(
          mi: mi,
          key: ZoneTables.Key(
            tp: branches.pairOf[i], median: branches.medianOf[i][mi], eps: tree.s2sIndex(s), wierde: w))
        acc[g, default: [:]][sourceOf[i], default: 0] += s.weight / total
      }
    }
    return acc.keys.sorted { a, b in
      (a.mi, a.key.tp, a.key.median, a.key.eps) < (b.mi, b.key.tp, b.key.median, b.key.eps)
    }.map { g in (g, acc[g]!.keys.sorted().map { (src: $0, weight: Float(acc[g]![$0]!)) }) }
  }

  /// One zone of the mean curve: its tables, then per site the weighted rate histograms of
  /// each (bin, key) group, Ā[t][j][h] = Σ_src W · A_src[t][mi][h], contracted with the group's
  /// table row (``RateContraction/columnBlock(a:binStride:stride:years:nodes:bins:rows:levelStride:l0:out:)``)
  /// per block of 16 levels.
  struct MeanZone: ZoneReducer {
    let plan: ExceedanceColumns.Plan
    let cache: RateBlocks
    let byFlag: [[(MeanGroup, [(src: Int, weight: Float)])]]
    let siteWierde: [Bool]
    let siteNode: [Int]
    let years: Int
    let paddedYears: Int
    let nodes: Int
    let stride: Int
    let activeCount: Int
    let paddedLevels: Int
    let levels: Int
    /// The mean rates `[(site · years + t) · levels + l]`.
    let meanOut: SharedBuffer<Double>

    func reduce(zone z: Int, position: Int, sites members: [Int]) {
      let (Y, Yp, N, S, Mact, Lp, Lc) = (years, paddedYears, nodes, stride, activeCount, paddedLevels, levels)
      let flags = [false, true].filter { f in members.contains { siteWierde[$0] == f } }
      let tables = ZoneTables(plan: plan, zoneIndex: z, wierde: flags)
      let J = max(byFlag[0].count, byFlag[1].count)
      var abar = [Float](repeating: 0, count: Yp * J * S)
      var rows = [UnsafePointer<Float>](repeating: UnsafePointer(bitPattern: 16)!, count: J)
      var out = [Float](repeating: 0, count: Y * 16)
      let indices = Array(0..<J)
      tables.values.withUnsafeBufferPointer { tv in
        for site in members {
          let w = siteWierde[site] ? 1 : 0
          let gs = byFlag[w]
          let node = siteNode[site]
          // Ā[t][j][h] = Σ_src W · A_src[t][mi][h].
          abar.withUnsafeMutableBufferPointer { ab in
            for (j, (g, terms)) in gs.enumerated() {
              rows[j] = tv.baseAddress! + tables.offset[g.key]! + g.mi * N * Lp
              for t in 0..<Yp {
                let dst = ab.baseAddress! + (t * J + j) * S
                for h in 0..<S { dst[h] = 0 }
                for (src, weight) in terms {
                  let a = cache.block(node: node, source: src) + (t * Mact + g.mi) * S
                  for h in 0..<S { dst[h] += weight * a[h] }
                }
              }
            }
          }
          indices.withUnsafeBufferPointer { ib in
            rows.withUnsafeBufferPointer { rb in
              abar.withUnsafeBufferPointer { ab in
                out.withUnsafeMutableBufferPointer { ob in
                  for l0 in Swift.stride(from: 0, to: Lc, by: 16) {
                    RateContraction.columnBlock(
                      a: ab.baseAddress!, binStride: J, stride: S, years: Y, nodes: N,
                      bins: UnsafeBufferPointer(rebasing: ib[0..<gs.count]), rows: rb.baseAddress!, levelStride: Lp,
                      l0: l0, out: ob.baseAddress!)
                    for t in 0..<Y {
                      for j in 0..<min(16, Lc - l0) {
                        meanOut.pointer[(site * Y + t) * Lc + l0 + j] = Double(ob[t * 16 + j])
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
