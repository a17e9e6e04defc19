import Foundation

/// The LPR distribution over the epistemic logic tree for every building and gas year:
/// weighted mean, P50 and P90 (integrated estimator per branch combination).
///
/// For branch combination s (weight w_s) and building b with typology mix p_b:
/// ```
/// L_s(b, t) = Σ_m Σ_h A_{src(s)}(node(b), t, m, h) · T_{median_s(m), τ_s, φ_s, ε_s, frag_s, cons_s}(site(b), τ_b^s, m, h)
/// mean(b, t) = Σ_s w_s Σ_τ p_b(τ)·L_s(b, t, τ)
/// P50, P90   = weighted quantiles (``WeightedQuantile``) of L_s(b, t, τ_b^s) over s
/// ```
/// **Typology uncertainty is epistemic**: each sample draws one typology τ_b^s from the
/// building's mix (stream keyed by (seed, sample, building)); enumeration expands the mix
/// into weighted branches. The building *is* one class; the mix says which is likely.
///
/// Work order (bounded memory): the rate histograms A of every node and source branch are
/// computed once (Float32); the samples are grouped by (τ, φ_ss, ε_S2S) and, per group, the
/// event-risk tables of the four median branches and the fragility/consequence branches in
/// use are built for every site condition and the typologies present there; then every node
/// is processed for every sample of the group. In sampling mode percentiles come from a
/// ``QuantileSketch`` (memory independent of the number of samples); with `exact` every
/// value is kept (small configurations and enumeration).
package struct TreeEstimator: Sendable {
  package let base: RiskModel
  package let tree: LogicTree
  package let fcms: [[FragilityConsequence]]
  package let numerics: ConstantsTable
  package let threads: Int

  /// The tree of one model chain: the central-branch model (intensity grid, rupture, weights),
  /// the logic tree, the fragility/consequence models `[fragility][consequence]` (all with the
  /// base model's typologies) and the numerics; see `TreeEstimator(models:threads:)` for a model set.
  package init(base: RiskModel, tree: LogicTree, fcms: [[FragilityConsequence]], numerics: ConstantsTable, threads: Int)
    throws
  {
    guard fcms.allSatisfy({ $0.allSatisfy { $0.typologies == base.fcm.typologies } }) else {
      throw InputError(file: numerics.file, "fragility/consequence branches list different typologies")
    }
    self.base = base
    self.tree = tree
    self.fcms = fcms
    self.numerics = numerics
    self.threads = max(1, threads)
  }

  /// The model of one GMM branch and fragility/consequence pair.
  func model(_ g: GMMBranch, frag: Int, cons: Int) throws -> RiskModel {
    let motion = try SurfaceMotion(gmm: base.motion.gmm, amplification: base.motion.amplification, branch: g)
    return try RiskModel(motion: motion, fcm: fcms[frag][cons], rupture: base.rupture, numerics: numerics)
  }

  /// What both tree estimators prepare: the active bins, the site groups, the branch plan, the
  /// zone-table plan and the rate histograms (``RateBlocks``) of every node and source branch.
  struct Prepared {
    let years: Int
    let activeCount: Int
    let stride: Int
    let paddedYears: Int
    let slab: Int
    let activeList: [Int]
    let binsOfSource: [[Int]]
    let groups: TreeSiteGroups
    let branches: TreeBranchPlan
    let plan: LPRColumns.Plan
    let cache: RateBlocks
  }

  func prepare(
    sites: RiskSites, mixes: [MonteCarloEstimator.Mix], rates: [RateField], sourceOf: [Int],
    samples: [LogicTree.Sample], log: (String) -> Void
  ) throws -> Prepared {
    let clock = Date()
    let Y = rates[0].gasYears.count
    let N = base.grid.count
    let Yp = (Y + 3) / 4 * 4
    let S = (N + 7) / 8 * 8
    let mags = rates[0].magnitudes
    // Active bins (some event in some cell, year and source branch) and their per-source subsets.
    let (activeList, binsOfSource) = TreeBranchPlan.activeBins(rates)
    let Mact = activeList.count
    // Sites per zone, typologies per (zone, wierde) and per site; branch combinations in use.
    let groups = TreeSiteGroups(sites: sites, mixes: mixes)
    let branches = TreeBranchPlan(
      tree: tree, samples: samples, sourceOf: sourceOf, binsOfSource: binsOfSource,
      activeMagnitudes: activeList.map { mags[$0] })
    let T = base.fcm.typologies.count
    let resp = TreeResponses(
      fcms: fcms, grid: base.intensityGrid, typologies: T, floor: try numerics.value("response_floor"))
    let plan = LPRColumns.Plan(
      branches: branches.tableBranches(
        motions: try branches.motions(base: base, phiCount: tree.phiCount), tree: tree,
        magnitudes: activeList.map { mags[$0] }, base: base),
      pairs: branches.epsilons.map { d in d.keys.sorted().map { d[$0]!.sorted() } }, responseY: resp.responseY,
      responseP: resp.responseP, chimneyClass: resp.chimneyClass, jLow: resp.jLow,
      intensityCount: base.intensityCount, intensityMin: base.intensityMin, intensityStep: base.intensityStep,
      stride: S, typologyCount: T)
    // Rate histograms per node and source branch: Float [t (padded)][active bin][r (padded)].
    let slab = Yp * Mact * S
    let cache = RateBlocks(
      nodeX: sites.nodeX, nodeY: sites.nodeY, rates: rates, bins: activeList, paddedYears: Yp, stride: S,
      grid: base.grid, depthKm: base.rupture.depthKm,
      kernels: activeList.map { base.rupture.kernel(magnitude: mags[$0], grid: base.grid) }, threads: threads)
    log(
      String(
        format: "rate histograms: %d nodes × %d source branches (%.0f MB) in %.1f s", sites.nodeCount, rates.count,
        Double(sites.nodeCount * rates.count * slab * 4) / 1e6, Date().timeIntervalSince(clock)))
    return Prepared(
      years: Y, activeCount: Mact, stride: S, paddedYears: Yp, slab: slab, activeList: activeList,
      binsOfSource: binsOfSource, groups: groups, branches: branches, plan: plan, cache: cache)
  }

  package struct Result: Sendable {
    package let yearCount: Int
    /// `[b * years + t]`.
    package let mean: [Double]
    package let p50: [Double]
    package let p90: [Double]
    /// Bootstrap probability that the category would flip (sampling mode; 0 when exact).
    package let flipProbability: [Double]
    package let samples: Int
    package let exact: Bool
    package let sketchBytes: Int
    package let cacheBytes: Int
    /// Exact mode only: every value and weight per cell (for tests and small studies).
    package var values: [[Double]] = []
    package var weights: [[Double]] = []
    /// Exact mode: the sample (branch combination) each value came from.
    package var sampleIndices: [[Int]] = []
    /// Exact tree: for the buildings near the norm (P90 within a factor 2), keyed `b * years + t`,
    /// the percentiles with each branch set held at each of its branches (``BranchHolds``).
    package var holds: [Int: [BranchHold]] = [:]
    /// The rate histograms of the run (reused by the run's hazard summary).
    var rateBlocks: RateBlocks? = nil
  }

  /// Runs the tree. `rates[i]` is the rate field of source branch i; `sourceOf[s]` the source
  /// branch index of sample s. `buildingKeys[b]` (default b) keys building b's typology draws: a
  /// shard passes the index in the whole exposure, so its draws are the unsharded run's. `log` receives progress lines.
  package func run(
    sites: RiskSites, mixes: [MonteCarloEstimator.Mix], rates: [RateField], sourceOf: [Int],
    samples: [LogicTree.Sample],
    seed: UInt64, exact: Bool, norm: Double, quantiles: (Double, Double) = (0.5, 0.9), buildingKeys: [Int]? = nil,
    log: (String) -> Void = { _ in }
  ) throws -> Result {
    LinearAlgebra.setBLASThreads(1)
    precondition(!rates.isEmpty && sourceOf.count == samples.count)
    let clock = Date()
    let prep = try prepare(sites: sites, mixes: mixes, rates: rates, sourceOf: sourceOf, samples: samples, log: log)
    let (Y, Mact, S, B, slab) = (prep.years, prep.activeCount, prep.stride, mixes.count, prep.slab)
    let (groups, branches, plan, cache, binsOfSource) = (
      prep.groups, prep.branches, prep.plan, prep.cache, prep.binsOfSource
    )
    let zones = groups.zones
    // Accumulators.
    let meanAcc = SharedBuffer<Double>(repeating: 0, count: B * Y)
    let sketch = exact ? nil : QuantileSketch(cells: B * Y)
    let exactValues = SharedBuffer<[Double]>(repeating: [], count: exact ? B * Y : 0)
    let exactWeights = SharedBuffer<[Double]>(repeating: [], count: exact ? B * Y : 0)
    let exactSamples = SharedBuffer<[Int]>(repeating: [], count: exact ? B * Y : 0)
    let tableBytes = SharedBuffer<Int>(repeating: 0, count: zones.count)
    // 2. Per zone (largest first): its tables, then every site of the zone for every sample.
    let reducer = TreeZoneReducer(
      plan: plan, groups: groups, branches: branches, tree: tree, samples: samples, sourceOf: sourceOf,
      order: samples.indices.sorted { (sourceOf[$0], $0) < (sourceOf[$1], $1) }, binsOfSource: binsOfSource,
      cache: cache, siteWierde: sites.siteWierde, siteNode: sites.siteNode, mixes: mixes,
      years: Y, activeCount: Mact, stride: S, typologyCount: base.fcm.typologies.count, seed: seed,
      buildingKeys: buildingKeys, meanAcc: meanAcc, sketch: sketch, exactValues: exactValues,
      exactWeights: exactWeights, exactSamples: exactSamples, tableBytes: tableBytes)
    ZoneDriver(zones: zones, sites: zones.map { groups.zoneSites[$0]! })
      .run(reducer, threads: threads, progress: "zones: %d of %d done (%.1f s)", clock: clock, log: log)
    // 3. Percentiles and category stability.
    var p50 = [Double](repeating: 0, count: B * Y)
    var p90 = p50
    var flip = p50
    for cell in 0..<(B * Y) {
      if exact {
        let q = WeightedQuantile.quantiles(
          exactValues.pointer[cell], weights: exactWeights.pointer[cell], qs: [quantiles.0, quantiles.1])
        p50[cell] = q[0]
        p90[cell] = q[1]
      } else {
        p50[cell] = sketch!.quantile(cell: cell, q: quantiles.0)
        p90[cell] = sketch!.quantile(cell: cell, q: quantiles.1)
        if RiskCategory.isNearNorm(p90: p90[cell], norm: norm) {
          flip[cell] =
            sketch!.categoryStability(cell: cell, norm: norm, p50: quantiles.0, p90: quantiles.1).flipProbability
        }
      }
    }
    let cacheBytes = sites.nodeCount * rates.count * slab * 4 + tableBytes.array().max()! * threads
    var result = Result(
      yearCount: Y, mean: meanAcc.array(), p50: p50, p90: p90, flipProbability: flip, samples: samples.count,
      exact: exact,
      sketchBytes: sketch?.byteCount ?? 0, cacheBytes: cacheBytes)
    result.rateBlocks = cache
    if exact {
      result.values = exactValues.array()
      result.weights = exactWeights.array()
      result.sampleIndices = exactSamples.array()
    }
    return result
  }
}
