import Foundation

/// One earthquake at a given epicentre, evaluated for every building of the exposure
/// (a scenario-damage calculation): per building the mix-weighted collapse and death
/// probabilities and the per-event LPR, aleatory variability and rupture geometry integrated.
public enum ScenarioCalculation {
  public struct Row: Sendable {
    public var buildingIndex: Int
    public var hypocentralDistanceKm: Double
    public var risk: ConditionalRisk
  }

  public static func run(
    models: ModelSet, exposure: ExposureDatabase, magnitude: Double, x: Double, y: Double, threads: Int
  ) throws -> [Row] {
    try models.validateEarthquake(magnitude: magnitude, x: x, y: y)
    let (sites, mixes) = try models.sites(for: exposure)
    let risk = models.risk
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
      return Row(buildingIndex: b, hypocentralDistanceKm: dist[mix.site], risk: r)
    }
  }

  /// The scenario as CSV, one row per building in exposure order.
  public static func csv(_ rows: [Row], exposure: ExposureDatabase) -> String {
    var s =
      "building_id,municipality,x_rd,y_rd,zone,wierde,typology_mix,r_hyp_km,p_cs1,p_cs2,p_cs3,p_death_inside,p_death_outside,lpr_event\n"
    for r in rows {
      let b = exposure.buildings[r.buildingIndex]
      let mix = b.mixLabel
      let f = ResultTable.sci
      s +=
        [
          b.id, b.municipality, String(format: "%.1f", b.x), String(format: "%.1f", b.y), String(b.zone),
          b.wierde ? "1" : "0", mix,
          String(format: "%.3f", r.hypocentralDistanceKm), f(r.risk.pCS1), f(r.risk.pCS2), f(r.risk.pCS3),
          f(r.risk.pDeathInside),
          f(r.risk.pDeathOutside), f(r.risk.lpr),
        ].map(ResultTable.csvField).joined(separator: ",") + "\n"
    }
    return s
  }
}

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
