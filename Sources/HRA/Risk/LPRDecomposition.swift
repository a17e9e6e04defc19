import Foundation

/// Why a building has the LPR it has: per gas year the contribution of each magnitude bin,
/// distance band and source cell, and the inside/outside/chimney split, from the integrated
/// estimator (``IntegratedEstimator``) at the building's risk site.
///
/// With A(t, m, h) the rate histogram of the building's node over distance nodes h and T_q(m, h)
/// the mix-weighted event table of quantity q (LPR, death inside, outside, chimney):
/// ```
/// LPR(t)        = Σ_m Σ_h A(t, m, h) · T_lpr(m, h)      (split by m and by distance band of R_h)
/// LPR(t | cell) = Σ_m N(t, c, m) · Σ_r K_m(a(c); R_hyp(c) → r) · T_lpr(m, r)
/// ```
/// with N(t, c, m) the rate of cell c and K_m the rupture kernel (``RuptureKernel``) for the
/// cell's hypocentral distance R_hyp(c) [km] and direction a(c). All values per year.
package struct LPRDecomposition: Sendable {
  /// A magnitude bin or distance band: its LPR and share of the year's LPR.
  package struct Band: Sendable, Codable {
    package var label: String
    package var lpr: Double
    package var share: Double
  }
  /// A source cell: its centre [RD m], hypocentral distance [km], LPR and share.
  package struct Source: Sendable, Codable {
    package var cell: Int
    package var x: Double
    package var y: Double
    package var distanceKm: Double
    package var lpr: Double
    package var share: Double
  }
  /// One gas year: the LPR, its inside/outside/chimney split, and the contributions.
  package struct Year: Sendable, Codable {
    package var gasYear: String
    package var lpr: Double
    package var inside: Double
    package var outside: Double
    package var chimney: Double
    package var magnitudes: [Band]
    package var distances: [Band]
    package var topSources: [Source]
  }

  /// The distance bands [km] (label, from, to) of R_rup.
  static let bands: [(String, Double, Double)] = [
    ("3-5 km", 0, 5), ("5-10 km", 5, 10), ("10-20 km", 10, 20), ("20-40 km", 20, 40), (">40 km", 40, 1e9),
  ]

  let risk: RiskModel
  let rates: RateField
  let nodeX: Double
  let nodeY: Double
  /// Mix-weighted tables per quantity: [m][h].
  let lprT: [Double]
  let inT: [Double]
  let outT: [Double]
  let chT: [Double]
  /// The rate histogram of the building's node: [(t·M + m)·N + h].
  let histogram: [Double]

  /// The tables of a building with typology `mix` at site 0 of `sites` (its only site).
  package init(model risk: RiskModel, sites: RiskSites, mix: MonteCarloEstimator.Mix, rates: RateField) {
    self.risk = risk
    self.rates = rates
    let est = IntegratedEstimator(model: risk, threads: 1)
    let M = rates.binCount
    let N = risk.grid.count
    func mixed(_ q: EventRiskTable.Quantity) -> [Double] {
      let t = est.tables(
        for: sites, magnitudes: rates.magnitudes, quantity: q, activeBins: IntegratedEstimator.activeBins(rates)
      ).tables[0]
      var v = [Double](repeating: 0, count: M * N)
      for (k, ty) in mix.typologies.enumerated() {
        for i in 0..<(M * N) { v[i] += mix.probabilities[k] * t.values[ty * M * N + i] }
      }
      return v
    }
    lprT = mixed(.lpr)
    inT = mixed(.inside)
    outT = mixed(.outside)
    chT = mixed(.chimney)
    nodeX = sites.nodeX[0]
    nodeY = sites.nodeY[0]
    histogram = est.rateHistogram(nodeX: sites.nodeX[0], nodeY: sites.nodeY[0], rates: rates)
  }

  /// Per gas year of the rates.
  package func years() -> [Year] {
    let (cellRisk, cellDistance) = cellRisks()
    return (0..<rates.gasYears.count).map { year($0, cellRisk: cellRisk, cellDistance: cellDistance) }
  }

  /// Per source cell and bin: the LPR per earthquake at the building's site, over the rupture
  /// geometry for the cell's distance and direction (independent of the gas year); nil beyond
  /// the distance grid. And the cell's hypocentral distance [km].
  func cellRisks() -> (risk: [[Double]?], distance: [Double]) {
    let M = rates.binCount
    let N = risk.grid.count
    let C = rates.cellCount
    let d2 = risk.rupture.depthKm * risk.rupture.depthKm
    let active = IntegratedEstimator.activeBins(rates)
    let kernels = rates.magnitudes.map { risk.rupture.kernel(magnitude: $0, grid: risk.grid) }
    var cellRisk = [[Double]?](repeating: nil, count: C)
    var cellDistance = [Double](repeating: 0, count: C)
    for c in 0..<C {
      let dx = (nodeX - rates.cellX[c]) / 1000
      let dy = (nodeY - rates.cellY[c]) / 1000
      let r = (dx * dx + dy * dy + d2).squareRoot()
      guard r <= risk.grid.rMax else { continue }
      cellDistance[c] = r
      let a = RuptureKernel.azimuth(east: dx, north: dy)
      cellRisk[c] = (0..<M).map { m in
        guard active[m] else { return 0 }
        let row = kernels[m].row(hypocentralKm: r, azimuth: a, grid: risk.grid)
        var p = 0.0
        for (k, w) in row.enumerated() where w != 0 { p += w * lprT[m * N + k] }
        return max(0, p)
      }
    }
    return (cellRisk, cellDistance)
  }

  /// Gas year `t`: totals, contributions by magnitude and distance band, the five strongest cells.
  func year(_ t: Int, cellRisk: [[Double]?], cellDistance: [Double]) -> Year {
    let M = rates.binCount
    let N = risk.grid.count
    let C = rates.cellCount
    let bands = Self.bands
    var total = 0.0
    var tin = 0.0
    var tout = 0.0
    var tch = 0.0
    var byM = [Double](repeating: 0, count: M)
    var byD = [Double](repeating: 0, count: bands.count)
    for m in 0..<M {
      for h in 0..<N {
        let w = histogram[(t * M + m) * N + h]
        let v = w * lprT[m * N + h]
        total += v
        byM[m] += v
        tin += w * inT[m * N + h]
        tout += w * outT[m * N + h]
        tch += w * chT[m * N + h]
        let r = risk.grid.nodes[h]
        byD[bands.firstIndex { r >= $0.1 && r < $0.2 }!] += v
      }
    }
    // Per source cell: Σ_m N(t,c,m)·Σ_r K_m(a(c); R_hyp(c) → r)·T(m, r).
    var cells: [Source] = []
    for c in 0..<C where cellRisk[c] != nil {
      var v = 0.0
      for m in 0..<M { v += rates.rates[(t * C + c) * M + m] * cellRisk[c]![m] }
      cells.append(
        Source(cell: c, x: rates.cellX[c], y: rates.cellY[c], distanceKm: cellDistance[c], lpr: v, share: 0))
    }
    cells.sort { $0.lpr > $1.lpr }
    let top = cells.prefix(5).map { s -> Source in
      var x = s
      x.share = total > 0 ? s.lpr / total : 0
      return x
    }
    let share = { (v: Double) in total > 0 ? v / total : 0 }
    return Year(
      gasYear: GasYear.label(rates.gasYears[t]), lpr: total, inside: tin, outside: tout, chimney: tch,
      magnitudes: (0..<M).filter { byM[$0] > 0 }.map {
        Band(
          label: String(format: "M %.2f-%.2f", rates.magnitudes[$0] - 0.05, rates.magnitudes[$0] + 0.05),
          lpr: byM[$0], share: share(byM[$0]))
      },
      distances: bands.indices.map {
        Band(label: bands[$0].0, lpr: max(0, byD[$0]), share: share(max(0, byD[$0])))
      },
      topSources: Array(top))
  }
}
