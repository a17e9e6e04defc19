import Foundation

/// Integrated hazard curves at sites from an ``AreaSource`` and a ``GenericGroundMotionModel``
/// on a uniform reference site.
///
/// ```
/// λ_s(x_l) = Σ_k Σ_c Σ_σ (ν_k/n_c)·w_σ · P(IM > x_l | m_k, R(s, c, k, σ))
///          ≈ Σ_k Σ_h A_s[k, h] · T[k, h, l]
/// A_s[k, h] = Σ_c Σ_σ (ν_k/n_c)·w_σ·w_h(R(s, c, k, σ))      rate histogram over distance nodes r_h
/// T[k, h, l] = P(IM > x_l | m_k, r_h)                        (``TruncatedExceedance`` of ln IM ~ N(μ, σ²))
/// ```
/// w_h are the 4-point Lagrange weights in ln R of ``LogDistanceGrid`` (error ~0.1 % at 64 nodes
/// over 0.5–200 km; distances below r_min are clamped to r_min, beyond r_max contribute nothing).
/// The site is uniform, so one table T serves every site and the work per site is the histogram
/// (n_c distances for point ruptures, n_c·K·n_σ for finite ones) plus its share of one BLAS dgemm
/// per block of sites: (sites × KH)·(KH × L).
///
/// - Complexity: O(S·n_c + S·K·H·L) for point ruptures, O(S·n_c·K·n_σ + S·K·H·L) for finite ones.
package struct GenericHazard: Sendable {
  package let source: AreaSource
  package let gmm: any GenericGroundMotionModel
  package let truncation: TruncatedExceedance
  package let grid: LogDistanceGrid
  package let threads: Int

  package init(
    source: AreaSource, gmm: any GenericGroundMotionModel, truncation: Double, grid: LogDistanceGrid, threads: Int = 1
  ) {
    self.source = source
    self.gmm = gmm
    self.truncation = TruncatedExceedance(level: truncation)
    self.grid = grid
    self.threads = max(1, threads)
  }

  /// The default distance grid: 0.5–200 km, 64 nodes (ratio 1.1 between nodes).
  package static let defaultGrid = LogDistanceGrid(rMin: 0.5, rMax: 200, count: 64)

  /// T[k, h, l] = P(IM > x_l | m_k, r_h): `[(k·H + h)·L + l]`.
  package func exceedanceTable(_ imt: IntensityMeasure, levels: [Double]) -> [Double] {
    let K = source.magnitudes.count
    let H = grid.count
    let L = levels.count
    let lnx = levels.map { log($0) }
    var t = [Double](repeating: 0, count: K * H * L)
    for k in 0..<K {
      for h in 0..<H {
        let mo = gmm.moments(imt, magnitude: source.magnitudes[k], distanceKm: grid.nodes[h])
        let base = (k * H + h) * L
        for l in 0..<L { t[base + l] = truncation.survival((lnx[l] - mo.lnMedian) / mo.sigma) }
      }
    }
    return t
  }

  /// The rate histogram A_s[k, h] of one site (RD metres), written to `a` (K·H values, `[k·H + h]`).
  package func rateHistogram(siteX: Double, siteY: Double, into a: UnsafeMutablePointer<Double>) {
    let K = source.magnitudes.count
    let H = grid.count
    let C = source.cellCount
    a.update(repeating: 0, count: K * H)
    let perCell = source.binRates.map { $0 / Double(C) }
    switch source.ruptures {
    case .point:
      // The distance does not depend on the magnitude: one distance histogram, scaled per bin.
      var d = [Double](repeating: 0, count: H)
      for c in 0..<C {
        let r = source.distance(cell: c, bin: 0, strike: 0, siteX: siteX, siteY: siteY)
        guard let (f, w) = grid.weights(r) else { continue }
        d[f] += w.0
        d[f + 1] += w.1
        d[f + 2] += w.2
        d[f + 3] += w.3
      }
      for k in 0..<K { for h in 0..<H { a[k * H + h] = perCell[k] * d[h] } }
    case .finite:
      for k in 0..<K {
        for s in 0..<source.strikes.count {
          let v = perCell[k] * source.strikeWeights[s]
          let row = a + k * H
          for c in 0..<C {
            let r = source.distance(cell: c, bin: k, strike: s, siteX: siteX, siteY: siteY)
            guard let (f, w) = grid.weights(r) else { continue }
            row[f] += v * w.0
            row[f + 1] += v * w.1
            row[f + 2] += v * w.2
            row[f + 3] += v * w.3
          }
        }
      }
    }
  }

  /// Annual exceedance rates per site and level for each requested IMT: `result[i][s·L_i + l]`.
  package func curves(siteX: [Double], siteY: [Double], imts: [(imt: IntensityMeasure, levels: [Double])]) -> [[Double]]
  {
    precondition(siteX.count == siteY.count)
    LinearAlgebra.setBLASThreads(1)
    let S = siteX.count
    let KH = source.magnitudes.count * grid.count
    let tables = imts.map { exceedanceTable($0.imt, levels: $0.levels) }
    let outs = imts.map { SharedBuffer<Double>(repeating: 0, count: S * $0.levels.count) }
    let block = 64
    let blocks = (S + block - 1) / block
    let me = self
    parallelFor(blocks, threads: threads) { bi in
      let s0 = bi * block
      let n = min(block, S - s0)
      var a = [Double](repeating: 0, count: n * KH)
      a.withUnsafeMutableBufferPointer { pa in
        for i in 0..<n {
          me.rateHistogram(siteX: siteX[s0 + i], siteY: siteY[s0 + i], into: pa.baseAddress! + i * KH)
        }
        for (j, t) in tables.enumerated() {
          let L = imts[j].levels.count
          t.withUnsafeBufferPointer { pt in
            LinearAlgebra.gemm(
              m: n, n: L, k: KH, a: pa.baseAddress!, lda: KH, b: pt.baseAddress!, ldb: L,
              c: outs[j].pointer + s0 * L, ldc: L)
          }
        }
      }
    }
    return outs.map { b in b.array().map { max(0, $0) } }
  }
}
