import Foundation

/// The HRA-style Monte Carlo LPR estimator: synthetic earthquake catalogues per gas year
/// and sampled ground-motion residuals; returns LPR with its standard error.
///
/// For gas year t and catalogue c (stream keyed by (seed, t, c)):
/// ```
/// n ~ Poisson(Λ_t),  Λ_t = Σ_{c,m} N(t, c, m)
/// each event: (cell, bin) ~ N(t, ·, ·)/Λ_t;  hypocentre fraction u ~ U(0,1);  length and strike
/// from ``RuptureModel/sample(medianLengthKm:z:zStrike:uStrike:position:)`` (log-normal, N(−30°, 30°))
/// per site: R_rup from the finite rupture, z ~ N(0, I₁₀) → (ln AvgSa, ln PGA) (``SurfaceMotion/sample``)
///           D = w_in·P_in + w_out·(P_out + P_ch)  (fragility integrated analytically)
/// L̂(b, t) = (1/C) Σ_c Σ_events Σ_τ p_b(τ)·D(τ),   SE = sd_c(·)/√C
/// ```
/// Residuals are sampled independently per event and site (total variance; the split into
/// between- and within-event parts only matters for group risk). Epicentres are the cell
/// centres and magnitudes the bin centres, as in the integrated estimator. Catalogues are
/// processed in fixed blocks whose partial sums are added in block order, so the result is
/// bit-identical for any thread count.
package struct MonteCarloEstimator: Sendable {
  package let model: RiskModel
  package let threads: Int
  package static let streamPurpose: UInt64 = 0x4D43_4341_5441_4C47  // "MCCATALG"
  static let blockSize = 64

  package init(model: RiskModel, threads: Int) {
    self.model = model
    self.threads = max(1, threads)
  }

  /// A building's typology mix as (typology index, probability) pairs and its site.
  package struct Mix: Sendable {
    package var site: Int
    package var typologies: [Int]
    package var probabilities: [Double]
    package init(site: Int, typologies: [Int], probabilities: [Double]) {
      self.site = site
      self.typologies = typologies
      self.probabilities = probabilities
    }
  }

  /// Estimates with standard errors per building and year: `[b * years + t]`.
  package struct Result: Sendable {
    package let yearCount: Int
    package let mean: [Double]
    package let standardError: [Double]
    package let catalogues: Int
  }

  package func run(sites: RiskSites, rates: RateField, mixes: [Mix], catalogues: Int, seed: UInt64) -> Result {
    precondition(catalogues >= 2)
    let Y = rates.gasYears.count
    let B = mixes.count
    let blocks = (catalogues + MonteCarloEstimator.blockSize - 1) / MonteCarloEstimator.blockSize
    let jobs = Y * blocks
    // Per job: Σ and Σ² over its catalogues, per building.
    let partS = SharedBuffer<Double>(repeating: 0, count: jobs * B)
    let partS2 = SharedBuffer<Double>(repeating: 0, count: jobs * B)
    let me = self
    parallelFor(jobs, threads: threads) { job in
      let t = job / blocks
      let blk = job % blocks
      let c0 = blk * MonteCarloEstimator.blockSize
      let c1 = min(catalogues, c0 + MonteCarloEstimator.blockSize)
      let (s, s2) = me.block(sites: sites, rates: rates, mixes: mixes, year: t, catalogues: c0..<c1, seed: seed)
      for b in 0..<B {
        partS.pointer[job * B + b] = s[b]
        partS2.pointer[job * B + b] = s2[b]
      }
    }
    var mean = [Double](repeating: 0, count: B * Y)
    var se = mean
    let C = Double(catalogues)
    for t in 0..<Y {
      for b in 0..<B {
        var s = 0.0
        var s2 = 0.0
        for blk in 0..<blocks {
          s += partS.pointer[(t * blocks + blk) * B + b]
          s2 += partS2.pointer[(t * blocks + blk) * B + b]
        }
        let m = s / C
        mean[b * Y + t] = m
        se[b * Y + t] = (max(0, s2 / C - m * m) / (C - 1)).squareRoot()
      }
    }
    return Result(yearCount: Y, mean: mean, standardError: se, catalogues: catalogues)
  }

  /// One block of catalogues for one year: per-building Σ and Σ² of the catalogue totals.
  func block(sites: RiskSites, rates: RateField, mixes: [Mix], year t: Int, catalogues: Range<Int>, seed: UInt64)
    -> ([Double], [Double])
  {
    let C = rates.cellCount
    let M = rates.binCount
    let T = model.fcm.typologies.count
    let n = C * M
    // Cumulative distribution over (cell, bin) for this year.
    var cdf = [Double](repeating: 0, count: n)
    var acc = 0.0
    for i in 0..<n {
      acc += rates.rates[t * n + i]
      cdf[i] = acc
    }
    let lambda = acc
    let lengths = rates.magnitudes.map { model.rupture.lengthKm(magnitude: $0) }
    var s = [Double](repeating: 0, count: mixes.count)
    var s2 = s
    var perSite = [Double](repeating: 0, count: sites.siteCount * T)
    var z = [Double](repeating: 0, count: model.motion.gmm.periods.count)
    // Only the typologies that some building at the site has are evaluated.
    var used = [[Int]](repeating: [], count: sites.siteCount)
    for mix in mixes { for ty in mix.typologies where !used[mix.site].contains(ty) { used[mix.site].append(ty) } }
    let active = (0..<sites.siteCount).filter { !used[$0].isEmpty }
    let wi = model.fcm.weightInside
    let wo = model.fcm.weightOutside
    for cat in catalogues {
      for i in 0..<perSite.count { perSite[i] = 0 }
      var rng = RandomStream(seed: seed, keys: [MonteCarloEstimator.streamPurpose, UInt64(t), UInt64(cat)])
      let events = lambda > 0 ? rng.poisson(lambda) : 0
      for _ in 0..<events {
        let u = rng.uniform() * lambda
        var lo = 0
        var hi = n - 1
        while lo < hi {
          let mid = (lo + hi) / 2
          if cdf[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        let cell = lo / M
        let bin = lo % M
        let rupture = EventRupture(
          model: model.rupture, medianLengthKm: lengths[bin], x: rates.cellX[cell], y: rates.cellY[cell], rng: &rng)
        let mag = rates.magnitudes[bin]
        for site in active {
          let node = sites.siteNode[site]
          let r = rupture.rrup(model: model.rupture, x: sites.nodeX[node], y: sites.nodeY[node])
          if r > model.grid.rMax { continue }
          for k in 0..<z.count { z[k] = rng.normal() }
          let ctx = SurfaceMotion.Context(
            magnitude: mag, rrup: r, zoneIndex: sites.siteZone[site], wierde: sites.siteWierde[site])
          let im = model.motion.sample(ctx, z: z)
          for ty in used[site] {
            let st = model.fcm.deathStructural(typology: ty, lnAvgSa: im.lnAvgSa)
            perSite[site * T + ty] +=
              wi * st.inside + wo * (st.outside + model.fcm.deathChimney(typology: ty, lnPGA: im.lnPGA))
          }
        }
      }
      for (b, mix) in mixes.enumerated() {
        var v = 0.0
        for (k, ty) in mix.typologies.enumerated() { v += mix.probabilities[k] * perSite[mix.site * T + ty] }
        s[b] += v
        s2[b] += v * v
      }
    }
    return (s, s2)
  }
}
