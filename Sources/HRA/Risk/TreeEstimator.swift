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
public struct TreeEstimator: Sendable {
  public let base: RiskModel
  public let tree: LogicTree
  public let fcms: [[FragilityConsequence]]
  public let numerics: ConstantsTable
  public let threads: Int

  public init(models: String, tree: LogicTree, threads: Int) throws {
    let central = GMMBranch(median: 2, tau: 1, phi: 0, s2sEpsilon: 0)
    let b = try RiskModel.load(directory: models, branch: central)
    base = b
    self.tree = tree
    numerics = try ConstantsTable(path: models + "/risk/numerics.csv")
    let names = ["Lower", "Middle", "Upper"]
    let f = try names.map { f in
      try names.map { c in
        try FragilityConsequence(
          fragilityFile: models + "/fcm/v7/Fragility_v7_\(f)Branch_20200127.csv",
          fatalityFile: models + "/fcm/v7/Fatality_v7_\(c)Branch_20200127.csv",
          weightInside: b.fcm.weightInside, weightOutside: b.fcm.weightOutside)
      }
    }
    fcms = f
    guard f.allSatisfy({ $0.allSatisfy { $0.typologies == b.fcm.typologies } }) else {
      throw InputError(file: models + "/fcm/v7", "fragility/consequence branches list different typologies")
    }
    self.threads = max(1, threads)
  }

  /// The model of one GMM branch and fragility/consequence pair.
  func model(_ g: GMMBranch, frag: Int, cons: Int) throws -> RiskModel {
    let motion = try SurfaceMotion(gmm: base.motion.gmm, amplification: base.motion.amplification, branch: g)
    return try RiskModel(motion: motion, fcm: fcms[frag][cons], rupture: base.rupture, numerics: numerics)
  }

  public struct Result: Sendable {
    public let yearCount: Int
    /// `[b * years + t]`.
    public let mean: [Double]
    public let p50: [Double]
    public let p90: [Double]
    /// Bootstrap probability that the category would flip (sampling mode; 0 when exact).
    public let flipProbability: [Double]
    public let samples: Int
    public let exact: Bool
    public let sketchBytes: Int
    public let cacheBytes: Int
    /// Exact mode only: every value and weight per cell (for tests and small studies).
    public var values: [[Double]] = []
    public var weights: [[Double]] = []
    /// Exact mode: the sample (branch combination) each value came from.
    public var sampleIndices: [[Int]] = []
  }

  /// Runs the tree. `rates[i]` is the rate field of source branch i; `sourceOf[s]` the source
  /// branch index of sample s.
  public func run(
    sites: RiskSites, mixes: [MonteCarloEstimator.Mix], rates: [RateField], sourceOf: [Int], samples: [LogicTree.Sample],
    seed: UInt64, exact: Bool, norm: Double, quantiles: (Double, Double) = (0.5, 0.9)
  ) throws -> Result {
    LinearAlgebra.setBLASThreads(1)
    precondition(!rates.isEmpty && sourceOf.count == samples.count)
    let Y = rates[0].gasYears.count, M = rates[0].binCount, N = base.grid.count, B = mixes.count
    let mags = rates[0].magnitudes
    let T = base.fcm.typologies.count
    // Site conditions and the typologies used at each.
    let cond = IntegratedEstimator.conditions(sites)
    let condKeys = cond.sorted { $0.value < $1.value }.map(\.key)
    var usedAt = [[Int]](repeating: [], count: condKeys.count)  // condition → typologies
    var siteBuildings = [[Int]](repeating: [], count: sites.siteCount)
    for (b, mix) in mixes.enumerated() {
      siteBuildings[mix.site].append(b)
      let c = cond[sites.siteZone[mix.site] * 2 + (sites.siteWierde[mix.site] ? 1 : 0)]!
      for t in mix.typologies where !usedAt[c].contains(t) { usedAt[c].append(t) }
    }
    for c in 0..<usedAt.count { usedAt[c].sort() }
    let siteCond = (0..<sites.siteCount).map { cond[sites.siteZone[$0] * 2 + (sites.siteWierde[$0] ? 1 : 0)]! }
    // Active bins per source branch and overall.
    let activeBySource = rates.map { IntegratedEstimator.activeBins($0) }
    var activeAny = [Bool](repeating: false, count: M)
    for a in activeBySource { for m in 0..<M where a[m] { activeAny[m] = true } }
    let active = activeAny
    let used = usedAt, buildingsAt = siteBuildings
    // Median branch per sample and bin.
    let medianOf = samples.map { s in (0..<M).map { tree.medianBranch(s, magnitude: mags[$0]) } }
    // 1. Rate histograms per node and source branch (Float32).
    let slab = Y * M * N
    let cache = SharedBuffer<Float>(repeating: 0, count: sites.nodeCount * rates.count * slab)
    let est = IntegratedEstimator(model: base, threads: 1)
    parallelFor(sites.nodeCount, threads: threads) { n in
      for (i, r) in rates.enumerated() {
        let a = est.rateHistogram(nodeX: sites.nodeX[n], nodeY: sites.nodeY[n], rates: r)
        let dst = cache.pointer + (n * rates.count + i) * slab
        for j in 0..<slab { dst[j] = Float(a[j]) }
      }
    }
    // Accumulators.
    let meanAcc = SharedBuffer<Double>(repeating: 0, count: B * Y)
    let sketch = exact ? nil : QuantileSketch(cells: B * Y)
    let exactValues = SharedBuffer<[Double]>(repeating: [], count: exact ? B * Y : 0)
    let exactWeights = SharedBuffer<[Double]>(repeating: [], count: exact ? B * Y : 0)
    let exactSamples = SharedBuffer<[Int]>(repeating: [], count: exact ? B * Y : 0)
    // 2. Groups of samples sharing (τ, φ, ε).
    struct Key: Hashable, Comparable {
      var tau: Int, phi: Int, s2s: Int
      static func < (a: Key, b: Key) -> Bool { (a.tau, a.phi, a.s2s) < (b.tau, b.phi, b.s2s) }
    }
    var groups: [Key: [Int]] = [:]
    for (i, s) in samples.enumerated() { groups[Key(tau: s.branch[4], phi: s.branch[5], s2s: s.branch[6]), default: []].append(i) }
    let kernels = mags.map { base.rupture.kernel(magnitude: $0, grid: base.grid) }
    let MN = M * N
    for key in groups.keys.sorted() {
      let members = groups[key]!
      var fcUsed: [Int] = []  // frag * 3 + cons
      var medUsed = Set<Int>()
      for i in members {
        let f = samples[i].branch[7] * 3 + samples[i].branch[8]
        if !fcUsed.contains(f) { fcUsed.append(f) }
        for m in 0..<M where activeBySource[sourceOf[i]][m] { medUsed.insert(medianOf[i][m]) }
      }
      fcUsed.sort()
      let meds = medUsed.sorted()
      let eps = tree.s2sEpsilons[key.s2s]
      let models = try meds.map { k in try fcUsed.map { f in try model(GMMBranch(median: k, tau: key.tau, phi: key.phi, s2sEpsilon: eps), frag: f / 3, cons: f % 3) } }
      let responses = models.map { $0.map { EventRiskTable.IntensityResponse(model: $0) } }
      // tables[(medIdx * fcCount + fcIdx) * conditions + c] = Float [typUsed][m][h]
      let F = fcUsed.count, C = condKeys.count
      // One allocation for the group's tables; offset of (median, fc, condition).
      var offsets = [Int](repeating: 0, count: meds.count * F * C + 1)
      for j in 0..<(meds.count * F * C) { offsets[j + 1] = offsets[j] + used[j % C].count * MN }
      let off = offsets
      let tables = SharedBuffer<Float>(repeating: 0, count: off.last!)
      parallelFor(C * meds.count, threads: threads) { job in
        let c = job / meds.count, mi = job % meds.count
        let k = condKeys[c]
        let h = EventRiskTable.histograms(model: models[mi][0], zoneIndex: k / 2, wierde: k % 2 == 1, magnitudes: mags, activeBins: active)
        for fi in 0..<F {
          let t = EventRiskTable(histograms: h, model: models[mi][fi], binCount: M, kernels: kernels, response: responses[mi][fi])
          let dst = tables.pointer + off[(mi * F + fi) * C + c]
          for (u, ty) in used[c].enumerated() { for i in 0..<MN { dst[u * MN + i] = Float(t.values[ty * MN + i]) } }
        }
      }
      let medIndex = Dictionary(uniqueKeysWithValues: meds.enumerated().map { ($1, $0) })
      let fcIndex = Dictionary(uniqueKeysWithValues: fcUsed.enumerated().map { ($1, $0) })
      parallelFor(sites.nodeCount, threads: threads) { n in
        var lpr = [Double](repeating: 0, count: T * Y)
        var rows = [UnsafeMutablePointer<Float>?](repeating: nil, count: M)
        for i in members {
          let s = samples[i]
          let src = sourceOf[i]
          let act = activeBySource[src]
          let fi = fcIndex[s.branch[7] * 3 + s.branch[8]]!
          let pa = cache.pointer + (n * rates.count + src) * slab
          for site in sites.nodeSiteStart[n]..<sites.nodeSiteStart[n + 1] where !buildingsAt[site].isEmpty {
            let c = siteCond[site]
            // LPR per typology used at this condition: Σ_m Σ_h A(t, m, h)·T_{median(m)}(τ, m, h).
            for (u, ty) in used[c].enumerated() {
              for m in 0..<M where act[m] {
                let mi = medIndex[medianOf[i][m]]!
                rows[m] = tables.pointer + off[(mi * F + fi) * C + c] + u * MN + m * N
              }
              for t in 0..<Y {
                var acc = 0.0
                for m in 0..<M where act[m] {
                  let a = pa + (t * M + m) * N
                  let b = rows[m]!
                  var d: Float = 0
                  for h in 0..<N { d += a[h] * b[h] }
                  acc += Double(d)
                }
                lpr[ty * Y + t] = max(0, acc)
              }
            }
            for b in buildingsAt[site] {
              let mix = mixes[b]
              // Mean: the mix-weighted value (exact expectation over the typology).
              for t in 0..<Y {
                var v = 0.0
                for (k, ty) in mix.typologies.enumerated() { v += mix.probabilities[k] * lpr[ty * Y + t] }
                meanAcc.pointer[b * Y + t] += s.weight * v
              }
              if exact {
                for (k, ty) in mix.typologies.enumerated() where mix.probabilities[k] > 0 {
                  for t in 0..<Y {
                    exactValues.pointer[b * Y + t].append(lpr[ty * Y + t])
                    exactWeights.pointer[b * Y + t].append(s.weight * mix.probabilities[k])
                    exactSamples.pointer[b * Y + t].append(i)
                  }
                }
              } else {
                var rng = RandomStream(seed: seed, keys: [0x5459_504F_4C4F_4759, UInt64(s.index), UInt64(b)])
                let u = rng.uniform()
                var cum = 0.0, pick = mix.typologies.last!
                for (k, ty) in mix.typologies.enumerated() { cum += mix.probabilities[k]; if u <= cum { pick = ty; break } }
                for t in 0..<Y { sketch!.add(lpr[pick * Y + t], cell: b * Y + t) }
              }
            }
          }
        }
      }
    }
    // 3. Percentiles and category stability.
    var p50 = [Double](repeating: 0, count: B * Y), p90 = p50, flip = p50
    for cell in 0..<(B * Y) {
      if exact {
        let q = WeightedQuantile.quantiles(exactValues.pointer[cell], weights: exactWeights.pointer[cell], qs: [quantiles.0, quantiles.1])
        p50[cell] = q[0]; p90[cell] = q[1]
      } else {
        p50[cell] = sketch!.quantile(cell: cell, q: quantiles.0)
        p90[cell] = sketch!.quantile(cell: cell, q: quantiles.1)
        if p90[cell] > norm / 2 && p90[cell] < norm * 2 {
          flip[cell] = sketch!.categoryStability(cell: cell, norm: norm, p50: quantiles.0, p90: quantiles.1).flipProbability
        }
      }
    }
    let cacheBytes = sites.nodeCount * rates.count * slab * 4
    var result = Result(
      yearCount: Y, mean: meanAcc.array(), p50: p50, p90: p90, flipProbability: flip, samples: samples.count, exact: exact,
      sketchBytes: sketch?.byteCount ?? 0, cacheBytes: cacheBytes)
    if exact {
      result.values = exactValues.array()
      result.weights = exactWeights.array()
      result.sampleIndices = exactSamples.array()
    }
    return result
  }
}
