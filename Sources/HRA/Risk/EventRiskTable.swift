import Foundation

/// Probability of death per earthquake, tabulated per typology × magnitude bin × rupture
/// distance node for one site condition (zone, wierde), with the aleatory variability of
/// ground motion integrated out (the rupture geometry is applied on the rate side:
/// ``RuptureKernel``, ``IntegratedEstimator/rateHistogram(nodeX:nodeY:rates:)``).
///
/// ```
/// E(m, r) = w_in·E[P_in | m, r] + w_out·(E[P_out | m, r] + E[P_ch | m, r])   on the R_rup grid
///   E[f(Y) | m, r] ≈ Σⱼ p_j(m, r)·f(y_j),  p = the surface-motion quadrature binned onto the
///   ln-intensity grid by linear mass assignment (exact for linear f; second-order in the step)
/// ```
/// The contractions over the intensity grid are matrix products (BLAS).
/// `values[(typology * bins + m) * nodes + r]`. Bins marked inactive (no earthquakes of that
/// magnitude in any cell or year, e.g. above Mmax) are left at zero without computing them.
package struct EventRiskTable: Sendable {
  /// Which probability the table holds.
  package enum Quantity: Sendable { case lpr, inside, outside, chimney }
  package let typologyCount: Int
  package let binCount: Int
  package let nodeCount: Int
  package let values: [Double]

  /// Tables of f(y_j) on the intensity grid per typology: death inside/outside (ln AvgSa)
  /// and by chimneys (ln PGA). Row-major J × typologies.
  package struct IntensityResponse: Sendable {
    package let inside: [Double]
    package let outside: [Double]
    package let chimney: [Double]
    package init(model: RiskModel) {
      let g = model.intensityGrid
      let T = model.fcm.typologies.count
      let fcm = model.fcm
      inside = g.tabulate(typologies: T) { fcm.deathStructural(typology: $1, lnAvgSa: $0).inside }
      outside = g.tabulate(typologies: T) { fcm.deathStructural(typology: $1, lnAvgSa: $0).outside }
      chimney = g.tabulate(typologies: T) { fcm.deathChimney(typology: $1, lnPGA: $0) }
    }
  }

  /// The distributions of surface ln AvgSa and ln PGA for every magnitude bin and R_rup node,
  /// binned on the intensity grid: `histY[(m * N + r) * J + j]`.
  package struct Histograms: Sendable {
    package let histY: [Double]
    package let histP: [Double]
  }

  /// Builds the intensity histograms for one site condition (the expensive, quadrature part).
  package static func histograms(
    model: RiskModel, zoneIndex: Int, wierde: Bool, magnitudes: [Double], activeBins: [Bool]? = nil
  ) -> Histograms {
    let J = model.intensityCount
    let N = model.grid.count
    let M = magnitudes.count
    let rows = M * N
    var histY = [Double](repeating: 0, count: rows * J)
    var histP = [Double](repeating: 0, count: rows * J)
    let grid = model.intensityGrid
    histY.withUnsafeMutableBufferPointer { hy in
      histP.withUnsafeMutableBufferPointer { hp in
        for m in 0..<M where activeBins?[m] ?? true {
          for r in 0..<N {
            let ctx = SurfaceMotion.Context(
              magnitude: magnitudes[m], rrup: model.grid.nodes[r], zoneIndex: zoneIndex, wierde: wierde)
            let row = (m * N + r) * J
            model.motion.quadrature(ctx, rule: model.rule) { y, p, w in
              grid.deposit(y, weight: w, into: hy.baseAddress! + row)
              grid.deposit(p, weight: w, into: hp.baseAddress! + row)
            }
          }
        }
      }
    }
    return Histograms(histY: histY, histP: histP)
  }

  /// Builds the table for one zone index and wierde flag.
  /// - Parameters:
  ///   - magnitudes: representative magnitudes of the bins.
  package init(
    model: RiskModel, zoneIndex: Int, wierde: Bool, magnitudes: [Double],
    response: IntensityResponse, quantity: Quantity = .lpr, activeBins: [Bool]? = nil
  ) {
    let h = EventRiskTable.histograms(
      model: model, zoneIndex: zoneIndex, wierde: wierde, magnitudes: magnitudes, activeBins: activeBins)
    self.init(
      histograms: h, model: model, binCount: magnitudes.count, response: response, quantity: quantity)
  }

  /// Contracts intensity histograms with a fragility/consequence response.
  package init(
    histograms hs: Histograms, model: RiskModel, binCount M: Int, response: IntensityResponse,
    quantity: Quantity = .lpr
  ) {
    let J = model.intensityCount
    let T = model.fcm.typologies.count
    let N = model.grid.count
    let rows = M * N
    let histY = hs.histY
    let histP = hs.histP
    // E (rows × T) = histY·(w_in·F_in + w_out·F_out) + w_out·histP·F_ch (or one component).
    let wi = model.fcm.weightInside
    let wo = model.fcm.weightOutside
    var fy = [Double](repeating: 0, count: J * T)
    var fp = fy
    for i in 0..<(J * T) {
      switch quantity {
      case .lpr:
        fy[i] = wi * response.inside[i] + wo * response.outside[i]
        fp[i] = wo * response.chimney[i]
      case .inside: fy[i] = response.inside[i]
      case .outside: fy[i] = response.outside[i]
      case .chimney: fp[i] = response.chimney[i]
      }
    }
    var e = [Double](repeating: 0, count: rows * T)
    histY.withUnsafeBufferPointer { hy in
      histP.withUnsafeBufferPointer { hp in
        fy.withUnsafeBufferPointer { py in
          fp.withUnsafeBufferPointer { pp in
            e.withUnsafeMutableBufferPointer { pe in
              LinearAlgebra.gemm(
                m: rows, n: T, k: J, a: hy.baseAddress!, lda: J, b: py.baseAddress!, ldb: T, c: pe.baseAddress!, ldc: T)
              LinearAlgebra.gemm(
                m: rows, n: T, k: J, a: hp.baseAddress!, lda: J, b: pp.baseAddress!, ldb: T, beta: 1,
                c: pe.baseAddress!, ldc: T)
            }
          }
        }
      }
    }
    // Stored as [t][m][r].
    var out = [Double](repeating: 0, count: T * M * N)
    for m in 0..<M {
      for r in 0..<N { for t in 0..<T { out[(t * M + m) * N + r] = max(0, e[(m * N + r) * T + t]) } }
    }
    typologyCount = T
    binCount = M
    nodeCount = N
    values = out
  }

  /// The tabulated probability for a typology, bin and distance node.
  @inline(__always) package func value(typology t: Int, bin m: Int, node h: Int) -> Double {
    values[(t * binCount + m) * nodeCount + h]
  }

  /// Interpolated value at rupture distance r [km] (0 beyond the grid).
  package func value(typology t: Int, bin m: Int, distance r: Double, grid: LogDistanceGrid) -> Double {
    guard let (f, w) = grid.weights(r) else { return 0 }
    let b = (t * binCount + m) * nodeCount + f
    return max(0, w.0 * values[b] + w.1 * values[b + 1] + w.2 * values[b + 2] + w.3 * values[b + 3])
  }
}
