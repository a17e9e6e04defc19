import Foundation

/// The integrated LPR estimator: the expected annual probability of death per site and
/// typology, summing over every source cell and magnitude bin with the aleatory variability
/// integrated (see ``EventRiskTable``).
///
/// ```
/// LPR(s, τ, t) = Σ_c Σ_m N(t, c, m) · T_{zone(s),wierde(s)}(τ, m, R_hyp(s, c))
///             = Σ_m Σ_h A_s(t, m, h) · T(τ, m, h),   A_s(t, m, h) = Σ_c w_h(R_hyp(s,c)) · N(t, c, m)
/// ```
/// A_s is the rate histogram of a node over distance nodes (4-point Lagrange weights); the
/// contraction with the table is a BLAS dgemm per site. Nodes are independent, so the work
/// is split over threads without affecting the result.
package struct IntegratedEstimator: Sendable {
  package let model: RiskModel
  package let threads: Int

  package init(model: RiskModel, threads: Int) {
    self.model = model
    self.threads = max(1, threads)
  }

  /// Per-site, per-typology, per-year LPR: `[(site * typologies + τ) * years + t]`.
  package struct Result: Sendable {
    package let typologyCount: Int
    package let yearCount: Int
    package let values: [Double]
    package func lpr(site s: Int, typology t: Int, year y: Int) -> Double {
      values[(s * typologyCount + t) * yearCount + y]
    }
  }

  /// The distinct (zone, wierde) conditions of a set of sites.
  static func conditions(_ sites: RiskSites) -> [Int: Int] {
    var cond: [Int: Int] = [:]
    for s in 0..<sites.siteCount {
      let key = sites.siteZone[s] * 2 + (sites.siteWierde[s] ? 1 : 0)
      if cond[key] == nil { cond[key] = cond.count }
    }
    return cond
  }

  /// Builds the event-risk tables for every site condition present.
  package func tables(
    for sites: RiskSites, magnitudes: [Double], quantity: EventRiskTable.Quantity = .lpr, activeBins: [Bool]? = nil
  )
    -> (index: [Int: Int], tables: [EventRiskTable])
  {
    let cond = IntegratedEstimator.conditions(sites)
    let keys = cond.sorted { $0.value < $1.value }.map { $0.key }
    let response = EventRiskTable.IntensityResponse(model: model)
    let box = TableBox(count: keys.count)
    let m = model
    parallelFor(keys.count, threads: threads) { i in
      let k = keys[i]
      box.set(
        i,
        EventRiskTable(
          model: m, zoneIndex: k / 2, wierde: k % 2 == 1, magnitudes: magnitudes, response: response,
          quantity: quantity, activeBins: activeBins))
    }
    return (cond, box.all())
  }

  /// The rate histogram of one node on the rupture-distance grid: `[(t * bins + m) * nodes + r]`
  /// (the formula of ``RateBlocks``, in double precision: hypocentral-distance rows per azimuth
  /// harmonic, then each bin's ``RuptureKernel``).
  package func rateHistogram(nodeX: Double, nodeY: Double, rates: RateField) -> [Double] {
    let N = model.grid.count
    let M = rates.binCount
    let Y = rates.gasYears.count
    let C = rates.cellCount
    let kernels = rates.magnitudes.map { model.rupture.kernel(magnitude: $0, grid: model.grid) }
    let K = kernels.map { $0.components.count }.max() ?? 1
    let cols = Y * M
    var a = [Double](repeating: 0, count: K * N * cols)  // [c][h][t][m] first
    let d2 = model.rupture.depthKm * model.rupture.depthKm
    var hw = [Double](repeating: 0, count: K)
    rates.rates.withUnsafeBufferPointer { pr in
      a.withUnsafeMutableBufferPointer { pa in
        for c in 0..<C {
          let dx = (rates.cellX[c] - nodeX) / 1000
          let dy = (rates.cellY[c] - nodeY) / 1000
          let r = (dx * dx + dy * dy + d2).squareRoot()
          guard let (f, w) = model.grid.weights(r) else { continue }
          hw.withUnsafeMutableBufferPointer {
            RuptureKernel.harmonics(east: -dx, north: -dy, count: K, into: $0.baseAddress!)
          }
          for k in 0..<K {
            let x = hw[k]
            for t in 0..<Y {
              let src = pr.baseAddress! + (t * C + c) * M
              let d0 = pa.baseAddress! + (k * N + f) * cols + t * M
              for m in 0..<M {
                let v = x * src[m]
                d0[m] += w.0 * v
                d0[cols + m] += w.1 * v
                d0[2 * cols + m] += w.2 * v
                d0[3 * cols + m] += w.3 * v
              }
            }
          }
        }
      }
    }
    var out = [Double](repeating: 0, count: N * Y * M)
    for m in 0..<M {
      let kern = kernels[m]
      for (k, comp) in kern.components.enumerated() {
        for h in 0..<N {
          for r in kern.rowRanges[k][h] {
            let kv = comp[h * N + r]
            for t in 0..<Y { out[(t * M + m) * N + r] += a[(k * N + h) * cols + t * M + m] * kv }
          }
        }
      }
    }
    return out
  }

  /// Magnitude bins with a non-zero rate in some cell and year.
  package static func activeBins(_ rates: RateField) -> [Bool] {
    var a = [Bool](repeating: false, count: rates.binCount)
    for i in 0..<rates.rates.count where rates.rates[i] > 0 { a[i % rates.binCount] = true }
    return a
  }

  /// Runs the estimator for all sites and years.
  package func run(sites: RiskSites, rates: RateField) -> Result {
    LinearAlgebra.setBLASThreads(1)
    let (cond, tabs) = tables(
      for: sites, magnitudes: rates.magnitudes, activeBins: IntegratedEstimator.activeBins(rates))
    let T = model.fcm.typologies.count
    let Y = rates.gasYears.count
    let M = rates.binCount
    let N = model.grid.count
    let out = SharedBuffer<Double>(repeating: 0, count: sites.siteCount * T * Y)
    let me = self
    parallelFor(sites.nodeCount, threads: threads) { n in
      let a = me.rateHistogram(nodeX: sites.nodeX[n], nodeY: sites.nodeY[n], rates: rates)
      var lpr = [Double](repeating: 0, count: Y * T)
      for s in sites.nodeSiteStart[n]..<sites.nodeSiteStart[n + 1] {
        let key = sites.siteZone[s] * 2 + (sites.siteWierde[s] ? 1 : 0)
        let tab = tabs[cond[key]!]
        // (Y × MN) · (T × MN)ᵀ → Y × T
        a.withUnsafeBufferPointer { pa in
          tab.values.withUnsafeBufferPointer { pt in
            lpr.withUnsafeMutableBufferPointer { pl in
              LinearAlgebra.gemm(
                m: Y, n: T, k: M * N, a: pa.baseAddress!, lda: M * N, b: pt.baseAddress!, ldb: M * N,
                c: pl.baseAddress!, ldc: T, transposeB: true)
            }
          }
        }
        for t in 0..<T { for y in 0..<Y { out.pointer[(s * T + t) * Y + y] = max(0, lpr[y * T + t]) } }
      }
    }
    return Result(typologyCount: T, yearCount: Y, values: out.array())
  }
}

/// Holds tables built by parallel workers.
final class TableBox: @unchecked Sendable {
  private var items: [EventRiskTable?]
  private let lock = NSLockLike()
  init(count: Int) { items = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ t: EventRiskTable) {
    lock.lock()
    items[i] = t
    lock.unlock()
  }
  func all() -> [EventRiskTable] { items.map { $0! } }
}
