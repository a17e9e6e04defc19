import Foundation

/// Event-based Monte Carlo hazard and damage at sites: synthetic catalogues of an
/// ``AreaSource`` with sampled ground motions, the check on ``GenericHazard``.
///
/// ```
/// catalogue: N_b ~ Poisson(ν·T_b) events per block b of ≤ 1000 years; per event bin k ~ ν_k/ν,
///            cell c uniform, strike σ ~ w_σ                           (stream keyed (seed, catalogue, b))
/// motion:    ln y = μ(m_k, R) + σ·ε,  ε ~ N(0, 1) truncated at ±n      (stream keyed (seed, residual, IMT, site))
/// λ̂(x) = #{events with y > x}/T,        SE = √#/T                       (Poisson counts)
/// λ̂_d  = Σ_e P(DS ≥ d | y_e)/T,          SE = √(Σ_e P(DS ≥ d | y_e)²)/T  (compound Poisson)
/// ```
/// The catalogue uses the same magnitude bins, cells and strikes as the integrated estimator, and
/// distances are exact (no distance grid), so the two agree in expectation up to the grid's
/// interpolation error. Each site's residuals are independent of every other site's and of the other
/// IMT's: the outputs are per-site marginals, for which between-event correlation (τ) does not
/// matter; the total σ is sampled (truncated as a whole, as the integrated estimator truncates it).
/// Streams are keyed by what is sampled, so results do not depend on the thread count.
package struct EventBasedHazard: Sendable {
  package let hazard: GenericHazard
  package let years: Double
  package let seed: UInt64

  /// Stream purposes (ASCII tags).
  static let cataloguePurpose: UInt64 = 0x4745_4E43_4154  // "GENCAT"
  static let residualPurpose: UInt64 = 0x4745_4E52_4553  // "GENRES"
  /// Years per catalogue block.
  static let blockYears = 1000.0

  package init(hazard: GenericHazard, years: Double, seed: UInt64) {
    precondition(years > 0 && years.isFinite)
    self.hazard = hazard
    self.years = years
    self.seed = seed
  }

  /// A synthetic catalogue: the bin, cell and strike index of every event.
  package struct Catalogue: Sendable {
    package let bin: [Int32]
    package let cell: [Int32]
    package let strike: [Int32]
    package let years: Double
    package var count: Int { bin.count }
  }

  /// Samples the catalogue of `years` years.
  package func catalogue() -> Catalogue {
    let src = hazard.source
    let total = src.totalRate
    var cdf: [Double] = []
    var acc = 0.0
    for r in src.binRates {
      acc += r
      cdf.append(acc / total)
    }
    var scdf: [Double] = []
    acc = 0
    for w in src.strikeWeights {
      acc += w
      scdf.append(acc)
    }
    var bins: [Int32] = []
    var cells: [Int32] = []
    var strikes: [Int32] = []
    let nBlocks = Int((years / EventBasedHazard.blockYears).rounded(.up))
    for b in 0..<nBlocks {
      let t = min(EventBasedHazard.blockYears, years - Double(b) * EventBasedHazard.blockYears)
      var rng = RandomStream(seed: seed, keys: [EventBasedHazard.cataloguePurpose, UInt64(b)])
      let n = rng.poisson(total * t)
      for _ in 0..<n {
        let u = rng.uniform()
        var k = 0
        while k < cdf.count - 1 && u > cdf[k] { k += 1 }
        let c = min(src.cellCount - 1, Int(rng.uniform() * Double(src.cellCount)))
        let v = rng.uniform() * acc
        var s = 0
        while s < scdf.count - 1 && v > scdf[s] { s += 1 }
        bins.append(Int32(k))
        cells.append(Int32(c))
        strikes.append(Int32(s))
      }
    }
    return Catalogue(bin: bins, cell: cells, strike: strikes, years: years)
  }

  /// Per-site Monte Carlo results.
  package struct Result: Sendable {
    /// Exceedance counts per IMT: `counts[i][s·L_i + l]`.
    package let counts: [[Double]]
    /// Σ P(DS ≥ d | y) and Σ P² per site and (typology, state) column: `[s·D + j]`.
    package let damageSum: [Double]
    package let damageSquares: [Double]
    package let damageColumns: Int
    package let years: Double
    package let events: Int

    package func rate(imt i: Int, site s: Int, level l: Int, levels L: Int) -> (rate: Double, se: Double) {
      let c = counts[i][s * L + l]
      return (c / years, c.squareRoot() / years)
    }
    package func damage(site s: Int, column j: Int) -> (rate: Double, se: Double) {
      (damageSum[s * damageColumns + j] / years, damageSquares[s * damageColumns + j].squareRoot() / years)
    }
  }

  /// Runs the catalogue against the sites; `fragility` (its typologies' IMTs must be among
  /// `imts`) adds damage-state rates, columns in typology-major order.
  package func run(
    siteX: [Double], siteY: [Double], imts: [(imt: IntensityMeasure, levels: [Double])],
    fragility: LognormalFragility? = nil, catalogue given: Catalogue? = nil
  ) -> Result {
    let cat = given ?? catalogue()
    let S = siteX.count
    let columns = fragility.map { EventBasedHazard.damageColumns($0, imts: imts) } ?? DamageColumns()
    let D = columns.imt.count
    let counts = imts.map { SharedBuffer<Double>(repeating: 0, count: S * $0.levels.count) }
    let dsum = SharedBuffer<Double>(repeating: 0, count: S * D)
    let dsq = SharedBuffer<Double>(repeating: 0, count: S * D)
    let me = self
    parallelFor(S, threads: hazard.threads) { s in
      me.site(
        s, x: siteX[s], y: siteY[s], imts: imts, columns: columns, catalogue: cat, counts: counts.map { $0.pointer },
        damageSum: dsum.pointer, damageSquares: dsq.pointer)
    }
    return Result(
      counts: counts.map { $0.array() }, damageSum: dsum.array(), damageSquares: dsq.array(), damageColumns: D,
      years: years, events: cat.count)
  }

  /// The damage columns of a run, (typology, state) in typology-major order: the IMT index each
  /// reads, ln median and β of its lognormal fragility.
  struct DamageColumns: Sendable {
    var imt: [Int] = []
    var lnMedian: [Double] = []
    var beta: [Double] = []
  }

  /// The damage columns of `fragility` (its typologies' IMTs must be among `imts`).
  static func damageColumns(
    _ f: LognormalFragility, imts: [(imt: IntensityMeasure, levels: [Double])]
  ) -> DamageColumns {
    var c = DamageColumns()
    for t in f.typologies {
      let j = imts.firstIndex { $0.imt == t.imt }!
      for d in 0..<t.states.count {
        c.imt.append(j)
        c.lnMedian.append(log(t.medians[d]))
        c.beta.append(t.betas[d])
      }
    }
    return c
  }

  /// One site against the catalogue: per event the distance (at least the grid's R_min), per
  /// IMT the sampled ln y = μ + σ·ε from the site's own streams counted into a histogram over
  /// the levels, and the damage probabilities Φ((ln y − ln median)/β) summed with their squares;
  /// then count(l) = #events with y > x_l into `counts[i][s·L_i + l]` and the damage sums into
  /// `damageSum/damageSquares[s·D + j]`.
  func site(
    _ s: Int, x sx: Double, y sy: Double, imts: [(imt: IntensityMeasure, levels: [Double])], columns: DamageColumns,
    catalogue cat: Catalogue, counts: [UnsafeMutablePointer<Double>], damageSum: UnsafeMutablePointer<Double>,
    damageSquares: UnsafeMutablePointer<Double>
  ) {
    let src = hazard.source
    let gmm = hazard.gmm
    let trunc = hazard.truncation
    let lnLevels = imts.map { $0.levels.map { log($0) } }
    let (cImt, cMed, cBeta) = (columns.imt, columns.lnMedian, columns.beta)
    let D = cImt.count
    var rngs = (0..<imts.count).map {
      RandomStream(seed: seed, keys: [EventBasedHazard.residualPurpose, UInt64($0), UInt64(s)])
    }
    var hist = imts.map { [Double](repeating: 0, count: $0.levels.count + 1) }
    var lny = [Double](repeating: 0, count: imts.count)
    var acc = [Double](repeating: 0, count: D)
    var acc2 = [Double](repeating: 0, count: D)
    for e in 0..<cat.count {
      let k = Int(cat.bin[e])
      let r = max(
        hazard.grid.rMin,
        src.distance(cell: Int(cat.cell[e]), bin: k, strike: Int(cat.strike[e]), siteX: sx, siteY: sy))
      for i in 0..<imts.count {
        let mo = gmm.moments(imts[i].imt, magnitude: src.magnitudes[k], distanceKm: r)
        let y = mo.lnMedian + mo.sigma * trunc.sample(rngs[i].uniform())
        lny[i] = y
        // Number of levels strictly below y (levels ascending): binary search.
        let lv = lnLevels[i]
        var lo = 0
        var hi = lv.count
        while lo < hi {
          let mid = (lo + hi) / 2
          if lv[mid] < y { lo = mid + 1 } else { hi = mid }
        }
        hist[i][lo] += 1
      }
      for j in 0..<D {
        let p = Normal.cdf((lny[cImt[j]] - cMed[j]) / cBeta[j])
        acc[j] += p
        acc2[j] += p * p
      }
    }
    for i in 0..<imts.count {
      // count(l) = #events with y > x_l = Σ_{n > l} hist[n]
      let L = imts[i].levels.count
      var c = 0.0
      for l in stride(from: L - 1, through: 0, by: -1) {
        c += hist[i][l + 1]
        counts[i][s * L + l] = c
      }
    }
    for j in 0..<D {
      damageSum[s * D + j] = acc[j]
      damageSquares[s * D + j] = acc2[j]
    }
  }
}
