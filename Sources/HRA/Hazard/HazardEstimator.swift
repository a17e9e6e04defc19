import Foundation

/// Hazard curves over the epistemic logic tree at a set of sites: per site, gas year, IMT and
/// level the weighted mean and chosen fractiles of the annual exceedance rate.
///
/// For branch combination s (weight w_s), site i (node n, zone z, wierde flag w):
/// ```
/// λ_s(i, t, x) = Σ_m Σ_h A_{src(s)}(n, t, m, h) · H_{z,w}^{median_s(m), τ_s, φ_s, ε_s}(m, h, x)
/// mean(i, t, x) = Σ_s w_s λ_s(i, t, x) / Σ_s w_s,     fractile q: weighted type-1 quantile over s
/// ```
/// (A: ``RateBlocks``, the same rate histograms as the LPR; H: ``HazardZoneTables``.) Only the
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
    let plan: HazardZoneTables.Plan
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
    let plan = HazardZoneTables.Plan(
      motions: motions, medians: branches.medians.map { $0.sorted() },
      bins: (0..<branches.pairs.count).map { g in branches.medians[g].sorted().map { branches.bins[g][$0]!.sorted() } },
      epsilons: branches.epsilons.map { $0.keys.sorted() }, epsilonValues: tree.s2sEpsilons,
      magnitudes: activeList.map { mags[$0] },
      distances: base.grid.nodes, measures: measures, rule: base.rule, horizon: horizon)
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
    // Sites per zone and the wierde flags present.
    var groups: [Int: [Int]] = [:]
    for s in 0..<sites.siteCount { groups[sites.siteZone[s], default: []].append(s) }
    let zoneSites = groups
    let zones = zoneSites.keys.sorted()
    let zoneOrder = zones.indices.sorted { a, b in
      let (na, nb) = (zoneSites[zones[a]]!.count, zoneSites[zones[b]]!.count)
      return na != nb ? na > nb : a < b
    }
    let F = fractiles.count
    let meanOut = SharedBuffer<Double>(repeating: 0, count: sites.siteCount * Y * Lc)
    let fracOut = SharedBuffer<Double>(repeating: 0, count: F * sites.siteCount * Y * Lc)
    let order = samples.indices.sorted { (sourceOf[$0], $0) < (sourceOf[$1], $1) }
    let total = samples.reduce(0.0) { $0 + $1.weight }
    let weights = order.map { samples[$0].weight / total }
    let equalWeights = weights.allSatisfy { $0 == weights[0] }
    let medianOf = branches.medianOf
    let siteWierde = sites.siteWierde
    let siteNode = sites.siteNode
    let nSamples = samples.count
    let done = AtomicCounter()
    nonisolated(unsafe) let progress = log
    let logLock = NSLock()
    parallelFor(zones.count, threads: threads) { job in
      let z = zones[zoneOrder[job]]
      let list = zoneSites[z]!
      let flags = [false, true].filter { f in list.contains { siteWierde[$0] == f } }
      let tables = HazardZoneTables(plan: plan, zoneIndex: z, wierde: flags)
      // Per sample (in `order`) and wierde flag: the table offset of each active bin.
      var rowBase = [Int](repeating: -1, count: nSamples * 2 * Mact)
      for (o, i) in order.enumerated() {
        for w in flags {
          for mi in binsOfSource[sourceOf[i]] {
            let key = HazardZoneTables.Key(
              tp: branches.pairOf[i], median: medianOf[i][mi], eps: tree.s2sIndex(samples[i]), wierde: w ? 1 : 0)
            rowBase[(o * 2 + (w ? 1 : 0)) * Mact + mi] = tables.offset[key]! + mi * N * Lp
          }
        }
      }
      var block = [Float](repeating: 0, count: nSamples * Y * 16)
      let scratch = UnsafeMutablePointer<Float>.allocate(capacity: nSamples)
      defer { scratch.deallocate() }
      var perm = [Int32](repeating: 0, count: Y * nSamples)
      var rows = [UnsafePointer<Float>](repeating: UnsafePointer(bitPattern: 16)!, count: Mact)
      tables.values.withUnsafeBufferPointer { tv in
        let tbase = tv.baseAddress!
        for site in list {
          let w = siteWierde[site] ? 1 : 0
          let node = siteNode[site]
          for t in 0..<Y { for s in 0..<nSamples { perm[t * nSamples + s] = Int32(s) } }
          var first = true
          for l0 in stride(from: 0, to: Lc, by: 16) {
            // Every sample's rates for this block of levels.
            block.withUnsafeMutableBufferPointer { bb in
              rows.withUnsafeMutableBufferPointer { rb in
                for (o, i) in order.enumerated() {
                  let src = sourceOf[i]
                  binsOfSource[src].withUnsafeBufferPointer { bins in
                    for mi in bins { rb[mi] = tbase + rowBase[(o * 2 + w) * Mact + mi] }
                    HazardContraction.rates(
                      a: cache.block(node: node, source: src), binStride: Mact, stride: S, years: Y, nodes: N,
                      bins: bins, rows: UnsafePointer(rb.baseAddress!), levelStride: Lp, l0: l0,
                      out: bb.baseAddress! + o * Y * 16)
                  }
                }
              }
            }
            // Mean and fractiles per (year, level).
            block.withUnsafeBufferPointer { bb in
              perm.withUnsafeMutableBufferPointer { pb in
                for t in 0..<Y {
                  let p = pb.baseAddress! + t * nSamples
                  for j in 0..<min(16, Lc - l0) {
                    @inline(__always) func v(_ s: Int32) -> Float { bb[(Int(s) * Y + t) * 16 + j] }
                    if equalWeights {
                      // Equal weights (a sampled tree): the type-1 quantile is the order statistic
                      // ⌈q·n⌉, found by selection (largest first, then within the part below it).
                      var hi = nSamples
                      for f in stride(from: F - 1, through: 0, by: -1) {
                        let k = min(hi - 1, max(0, Int(((fractiles[f] - 1e-12) * Double(nSamples)).rounded(.up)) - 1))
                        if f == F - 1 { for s in 0..<nSamples { scratch[s] = bb[(s * Y + t) * 16 + j] } }
                        let value = QuickSelect.select(scratch, count: hi, k: k)
                        fracOut.pointer[f * sites.siteCount * Y * Lc + (site * Y + t) * Lc + l0 + j] = Double(value)
                        hi = k + 1
                      }
                    } else if first && j == 0 {
                      // Full sort at the first level; ties by sample order.
                      let sorted = (0..<nSamples).sorted { a, b in
                        let (va, vb) = (bb[(a * Y + t) * 16], bb[(b * Y + t) * 16])
                        return va != vb ? va < vb : a < b
                      }
                      for (k, s) in sorted.enumerated() { p[k] = Int32(s) }
                    } else {
                      // Insertion sort from the previous level's order (stable); where the curves
                      // cross so much that it would be quadratic, a full sort instead.
                      var moves = 0
                      for k in 1..<max(1, nSamples) {
                        let x = p[k]
                        let vx = v(x)
                        var m = k - 1
                        while m >= 0 && v(p[m]) > vx {
                          p[m + 1] = p[m]
                          m -= 1
                        }
                        p[m + 1] = x
                        moves += k - 1 - m
                        if moves > 32 * nSamples {
                          let sorted = (0..<nSamples).sorted { a, b in
                            let (va, vb) = (v(Int32(a)), v(Int32(b)))
                            return va != vb ? va < vb : a < b
                          }
                          for (k, s) in sorted.enumerated() { p[k] = Int32(s) }
                          break
                        }
                      }
                    }
                    var mean = 0.0
                    for s in 0..<nSamples { mean += weights[s] * Double(bb[(s * Y + t) * 16 + j]) }
                    let cell = (site * Y + t) * Lc + l0 + j
                    meanOut.pointer[cell] = mean
                    if equalWeights { continue }
                    var f = 0
                    var c = 0.0
                    for k in 0..<nSamples where f < F {
                      c += weights[Int(p[k])]
                      while f < F && c >= fractiles[f] - 1e-12 {
                        fracOut.pointer[f * sites.siteCount * Y * Lc + cell] = Double(v(p[k]))
                        f += 1
                      }
                    }
                    while f < F {
                      fracOut.pointer[f * sites.siteCount * Y * Lc + cell] = Double(v(p[nSamples - 1]))
                      f += 1
                    }
                  }
                }
              }
            }
            first = false
          }
        }
      }
      let d = done.increment() + 1
      if d % max(1, zones.count / 10) == 0 || d == zones.count {
        logLock.lock()
        defer { logLock.unlock() }
        progress(
          String(format: "hazard: zones %d of %d done (%.1f s)", d, zones.count, Date().timeIntervalSince(clock)))
      }
    }
    let all = fracOut.array()
    let n = sites.siteCount * Y * Lc
    return Result(
      siteCount: sites.siteCount, yearCount: Y, levelCount: Lc, fractiles: fractiles, mean: meanOut.array(),
      fractileRates: (0..<F).map { Array(all[($0 * n)..<(($0 + 1) * n)]) }, samples: nSamples)
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
    var zoneSites: [Int: [Int]] = [:]
    for s in 0..<sites.siteCount { zoneSites[sites.siteZone[s], default: []].append(s) }
    let zones = zoneSites.keys.sorted { a, b in
      let (na, nb) = (zoneSites[a]!.count, zoneSites[b]!.count)
      return na != nb ? na > nb : a < b
    }
    let list = zoneSites
    let meanOut = SharedBuffer<Double>(repeating: 0, count: sites.siteCount * Y * Lc)
    let zone = MeanZone(
      plan: p.plan, cache: cache, byFlag: byFlag, siteWierde: sites.siteWierde, siteNode: sites.siteNode, years: Y,
      paddedYears: Yp, nodes: N, stride: S, activeCount: Mact, paddedLevels: Lp, levels: Lc)
    parallelFor(zones.count, threads: threads) { job in
      let z = zones[job]
      zone.run(zoneIndex: z, members: list[z]!, into: meanOut.pointer)
    }
    log(String(format: "hazard (mean): %d zones done (%.1f s)", zones.count, Date().timeIntervalSince(clock)))
    return Result(
      siteCount: sites.siteCount, yearCount: Y, levelCount: Lc, fractiles: [], mean: meanOut.array(),
      fractileRates: [], samples: samples.count)
  }

  /// A (bin, table key) group of the mean curve: the samples whose GMM table at bin `mi` is `key`.
  struct MeanGroup: Hashable { var mi: Int, key: HazardZoneTables.Key }

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
          key: HazardZoneTables.Key(
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
  /// table row (``HazardContraction``) per block of 16 levels.
  struct MeanZone: Sendable {
    let plan: HazardZoneTables.Plan
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

    /// The mean rates of the zone's sites into `meanOut[(site · years + t) · levels + l]`.
    func run(zoneIndex z: Int, members: [Int], into meanOut: UnsafeMutablePointer<Double>) {
      let (Y, Yp, N, S, Mact, Lp, Lc) = (years, paddedYears, nodes, stride, activeCount, paddedLevels, levels)
      let flags = [false, true].filter { f in members.contains { siteWierde[$0] == f } }
      let tables = HazardZoneTables(plan: plan, zoneIndex: z, wierde: flags)
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
                    HazardContraction.rates(
                      a: ab.baseAddress!, binStride: J, stride: S, years: Y, nodes: N,
                      bins: UnsafeBufferPointer(rebasing: ib[0..<gs.count]), rows: rb.baseAddress!, levelStride: Lp,
                      l0: l0, out: ob.baseAddress!)
                    for t in 0..<Y {
                      for j in 0..<min(16, Lc - l0) {
                        meanOut[(site * Y + t) * Lc + l0 + j] = Double(ob[t * 16 + j])
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
