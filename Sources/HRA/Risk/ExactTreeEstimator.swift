import Foundation

/// The exact logic tree: every branch combination of the tree (the GMM median as its
/// magnitude paths, ``LogicTree/medianPaths(magnitudes:)``), per building and gas year the
/// weighted mean and the exact weighted percentiles (no sampling, no sketch).
///
/// For site s, typology τ, source branch i, GMM pair/ε/fragility–consequence g and median path p:
/// ```
/// c(i, t; m, key) = Σ_r A_i(node(s); t, m, r) · T_key(zone(s), τ; m, r)     key = (pair, k, ε, fc)
/// L(i, t, g, p)   = Σ_m c(i, t; m, (g, k_p(m)))
/// ```
/// The first line is one single-precision matrix product per magnitude bin (BLAS `sgemm`: rows
/// = source branches × gas years, columns = every table key in use); the second is summed in
/// double precision over *bin groups* (bins whose median branch is the same function of the path
/// are summed first: all bins below the lower and above the upper hinge of eq. 9.8 fall in two
/// groups) and incrementally along the paths sorted by u (consecutive paths differ in one group).
/// Per building the mean is Σ_τ p_τ Σ_c w_c L_c(τ) and the percentiles are those of the mixture
/// over its typologies (``MixtureQuantile``, the definition of ``WeightedQuantile``). Work is per
/// zone (its tables) and per site (its values, then discarded): memory is bounded by the largest
/// zone's tables and one site's values, whatever the exposure size. Results do not depend on the
/// thread count (fixed order of every sum, one BLAS thread).
package struct ExactTreeEstimator: Sendable {
  package let estimator: TreeEstimator

  package init(_ estimator: TreeEstimator) { self.estimator = estimator }

  /// Runs the exact tree. `samples` are the enumerated combinations (``LogicTree/enumerate(fixed:magnitudes:)``),
  /// `rates[sourceOf[c]]` the rate field of combination c.
  package func run(
    sites: RiskSites, mixes: [MonteCarloEstimator.Mix], rates: [RateField], sourceOf: [Int],
    samples: [LogicTree.Sample], quantiles: (Double, Double) = (0.5, 0.9), holdsNear norm: Double? = nil,
    holdsForAll: Bool = false, log: (String) -> Void = { _ in }
  ) throws -> TreeEstimator.Result {
    LinearAlgebra.setBLASThreads(1)
    precondition(!rates.isEmpty && sourceOf.count == samples.count)
    let clock = Date()
    let e = estimator
    let prep = try e.prepare(sites: sites, mixes: mixes, rates: rates, sourceOf: sourceOf, samples: samples, log: log)
    let layout = ExactTreeLayout(
      tree: e.tree, samples: samples, sourceOf: sourceOf, branches: prep.branches, binsOfSource: prep.binsOfSource,
      activeMagnitudes: prep.activeList.map { rates[0].magnitudes[$0] })
    log(
      "exact tree: \(samples.count) combinations (\(layout.paths) median paths, \(layout.keys.count) table keys, \(layout.groupCount) bin groups)"
    )
    let Y = prep.years
    let B = mixes.count
    let mean = SharedBuffer<Double>(repeating: 0, count: B * Y)
    let p50 = SharedBuffer<Double>(repeating: 0, count: B * Y)
    let p90 = SharedBuffer<Double>(repeating: 0, count: B * Y)
    let groups = prep.groups
    let zones = groups.zones
    let weights = samples.map(\.weight)
    let tableBytes = SharedBuffer<Int>(repeating: 0, count: zones.count)
    // Near the norm (P90 within a factor 2 of it), or for every building: the percentiles with
    // each set held at each of its branches.
    let near =
      holdsForAll || norm != nil
      ? Near(norm: holdsForAll ? nil : norm, holds: BranchHolds(tree: e.tree, samples: samples)) : nil
    let reducer = ExactZone(
      prep: prep, layout: layout, rowCount: rates.count * prep.paddedYears, siteWierde: sites.siteWierde,
      siteNode: sites.siteNode, mixes: mixes, weights: weights, quantiles: quantiles, mean: mean, p50: p50, p90: p90,
      near: near, tableBytes: tableBytes)
    ZoneDriver(zones: zones, sites: zones.map { groups.zoneSites[$0]! })
      .run(reducer, threads: e.threads, progress: "zones: %d of %d done (%.1f s)", clock: clock, log: log)
    // The arithmetic of step 1 (the floor of the contractions): per site and typology one
    // (rows × stride) · (stride × keys) product per active bin.
    let products = groups.zones.reduce(0) { n, z in
      n + groups.zoneSites[z]!.reduce(0) { $0 + groups.siteTypologies[$1].count }
    }
    let flops =
      2.0 * Double(products * prep.activeCount * rates.count * prep.paddedYears * layout.keys.count * prep.stride)
    log(
      String(
        format: "exact tree: %d site-typology products of %d bins × (%d × %d)·(%d × %d): %.1f GFLOP (%.1f s)", products,
        prep.activeCount, rates.count * prep.paddedYears, prep.stride, prep.stride, layout.keys.count, flops / 1e9,
        Date().timeIntervalSince(clock)))
    let cacheBytes = sites.nodeCount * rates.count * prep.slab * 4 + tableBytes.array().max()! * e.threads
    var result = TreeEstimator.Result(
      yearCount: Y, mean: mean.array(), p50: p50.array(), p90: p90.array(),
      flipProbability: [Double](repeating: 0, count: B * Y), samples: samples.count, exact: true, sketchBytes: 0,
      cacheBytes: cacheBytes)
    result.rateBlocks = prep.cache
    result.holds = near?.collected() ?? [:]
    return result
  }

  /// One zone of the exact tree as a reducer of the ``ZoneDriver``: the zone's
  /// ``ExactZoneTables``, then per site the values of every combination per typology
  /// (``ExactSiteScratch``) reduced into the buildings' mean, P50, P90 and held percentiles.
  struct ExactZone: ZoneReducer {
    let prep: TreeEstimator.Prepared
    let layout: ExactTreeLayout
    /// Rate-block rows: source branches × padded years.
    let rowCount: Int
    let siteWierde: [Bool]
    let siteNode: [Int]
    let mixes: [MonteCarloEstimator.Mix]
    let weights: [Double]
    let quantiles: (Double, Double)
    let mean: SharedBuffer<Double>
    let p50: SharedBuffer<Double>
    let p90: SharedBuffer<Double>
    let near: Near?
    let tableBytes: SharedBuffer<Int>

    func reduce(zone z: Int, position zi: Int, sites members: [Int]) {
      let groups = prep.groups
      let Y = prep.years
      let tables = ExactZoneTables(
        plan: prep.plan, zoneIndex: z, typologies: groups.zoneTypologies[zi], layout: layout, stride: prep.stride,
        activeCount: prep.activeCount)
      tableBytes.pointer[zi] = tables.byteCount
      var scratch = ExactSiteScratch(layout: layout, rows: rowCount, years: Y)
      for site in members {
        let w = siteWierde[site]
        let types = groups.siteTypologies[site]
        // L per typology at the site: [typology][t][combination].
        let values = types.map { ty in
          scratch.values(
            tables: tables, wierde: w, typology: ty, block: prep.cache.block(node: siteNode[site], source: 0),
            prep: prep, layout: layout)
        }
        ExactTreeEstimator.statistics(
          values: values, typologies: types, weights: weights, buildings: groups.siteBuildings[site], mixes: mixes,
          years: Y, quantiles: quantiles, mean: mean, p50: p50, p90: p90, near: near)
      }
    }
  }

  /// The buildings near the norm and their held percentiles, collected across threads.
  final class Near: @unchecked Sendable {
    /// nil: every building.
    let norm: Double?
    let holds: BranchHolds
    private var found: [Int: [BranchHold]] = [:]
    private let lock = NSLock()

    init(norm: Double?, holds: BranchHolds) { (self.norm, self.holds) = (norm, holds) }
    func isNear(_ p90: Double) -> Bool { norm.map { RiskCategory.isNearNorm(p90: p90, norm: $0) } ?? true }
    func record(_ cell: Int, _ h: [BranchHold]) {
      lock.lock()
      defer { lock.unlock() }
      found[cell] = h
    }
    func collected() -> [Int: [BranchHold]] {
      lock.lock()
      defer { lock.unlock() }
      return found
    }
  }

  /// Mean and mixture percentiles of every building at one site from its typologies' values.
  static func statistics(
    values: [[Double]], typologies: [Int], weights: [Double], buildings: [Int], mixes: [MonteCarloEstimator.Mix],
    years Y: Int, quantiles: (Double, Double), mean: SharedBuffer<Double>, p50: SharedBuffer<Double>,
    p90: SharedBuffer<Double>, near: Near? = nil
  ) {
    let n = weights.count
    let W = weights.reduce(0, +)
    for t in 0..<Y {
      var means = [Double](repeating: 0, count: typologies.count)
      var comps: [MixtureQuantile.Component] = []
      weights.withUnsafeBufferPointer { wb in
        for (k, v) in values.enumerated() {
          v.withUnsafeBufferPointer { vb in
            let row = UnsafeBufferPointer(rebasing: vb[(t * n)..<(t * n + n)])
            var s = 0.0
            for i in 0..<n { s += wb[i] * row[i] }
            means[k] = s / W
            comps.append(MixtureQuantile.Component(values: row, weights: wb))
          }
        }
      }
      var cache: [[Double]: (Double, Double)] = [:]
      var held: [[Double]: [BranchHold]] = [:]
      for b in buildings {
        let mix = mixes[b]
        var m = 0.0
        var parts: [(MixtureQuantile.Component, Double)] = []
        var key: [Double] = []
        for (k, ty) in mix.typologies.enumerated() {
          let u = typologies.firstIndex(of: ty)!
          m += mix.probabilities[k] * means[u]
          if mix.probabilities[k] > 0 {
            parts.append((comps[u], mix.probabilities[k]))
            key += [Double(u), mix.probabilities[k]]
          }
        }
        mean.pointer[b * Y + t] = m
        let q: (Double, Double)
        if let c = cache[key] {
          q = c
        } else {
          let r = MixtureQuantile.quantiles(parts, qs: [quantiles.0, quantiles.1])
          q = (r[0], r[1])
          cache[key] = q
        }
        p50.pointer[b * Y + t] = q.0
        p90.pointer[b * Y + t] = q.1
        if let near, near.isNear(q.1) {
          if held[key] == nil { held[key] = near.holds.holds(parts, qs: quantiles) }
          near.record(b * Y + t, held[key]!)
        }
      }
    }
  }
}
