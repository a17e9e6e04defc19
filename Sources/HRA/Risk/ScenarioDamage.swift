import Foundation

/// One earthquake at a given epicentre, evaluated for every building (a scenario-damage
/// calculation, central branches): per building the mix-weighted collapse and death
/// probabilities and the per-event LPR, aleatory variability and rupture geometry integrated.
///
/// Per site condition (zone, wierde) one curve of ``ConditionalRisk`` over R_rup on the
/// distance grid (``ConditionalRisk/curve(model:magnitude:zoneIndex:wierde:)``); per site the
/// curve combined over the rupture geometry for its hypocentral distance
/// ```
/// R_hyp = √((x_site − x)² + (y_site − y)² + d²)   [km]
/// ```
/// and direction (``RuptureKernel``); per building the typology mix p_b(τ) of the site's values.
package enum ScenarioDamage {
  /// Per building, in exposure order.
  /// - Parameters:
  ///   - model: the central-branch risk model (grid, rupture, motion, fragility/consequence).
  ///   - magnitude: moment magnitude of the earthquake.
  ///   - x, y: epicentre [RD m].
  package static func buildings(
    model risk: RiskModel, sites: RiskSites, mixes: [MonteCarloEstimator.Mix], magnitude: Double, x: Double,
    y: Double, threads: Int
  ) -> [ScenarioBuildingRisk] {
    let d = risk.rupture.depthKm
    let kernel = risk.rupture.kernel(magnitude: magnitude, grid: risk.grid)
    // One distance curve per site condition present.
    let cond = IntegratedEstimator.conditions(sites)
    let keys = cond.sorted { $0.value < $1.value }.map(\.key)
    let curves = CurveBox(count: keys.count)
    parallelFor(keys.count, threads: threads) { i in
      curves.set(
        i, ConditionalRisk.curve(model: risk, magnitude: magnitude, zoneIndex: keys[i] / 2, wierde: keys[i] % 2 == 1))
    }
    let all = curves.all()
    var perSite: [[ConditionalRisk]] = []
    var dist: [Double] = []
    for s in 0..<sites.siteCount {
      let n = sites.siteNode[s]
      let dx = (sites.nodeX[n] - x) / 1000
      let dy = (sites.nodeY[n] - y) / 1000
      let rh = (dx * dx + dy * dy + d * d).squareRoot()
      dist.append(rh)
      perSite.append(
        ConditionalRisk.combine(
          curve: all[cond[sites.siteZone[s] * 2 + (sites.siteWierde[s] ? 1 : 0)]!], kernel: kernel,
          azimuth: RuptureKernel.azimuth(east: dx, north: dy), grid: risk.grid, distance: rh))
    }
    return mixes.enumerated().map { (b, mix) in
      var r = ConditionalRisk.zero
      for (k, t) in mix.typologies.enumerated() { r.add(perSite[mix.site][t], weight: mix.probabilities[k]) }
      return ScenarioBuildingRisk(buildingIndex: b, hypocentralDistanceKm: dist[mix.site], risk: r)
    }
  }
}

/// The distance curves of the site conditions, filled in parallel.
final class CurveBox: @unchecked Sendable {
  private var items: [[[ConditionalRisk]]]
  private let lock = NSLockLike()
  init(count: Int) { items = Array(repeating: [], count: count) }
  func set(_ i: Int, _ v: [[ConditionalRisk]]) {
    lock.lock()
    items[i] = v
    lock.unlock()
  }
  func all() -> [[[ConditionalRisk]]] { items }
}
