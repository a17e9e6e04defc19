import Foundation

/// The consequences of one earthquake for one building condition (zone, wierde, typology),
/// with the aleatory ground-motion variability integrated (central or chosen branches).
///
/// ```
/// p_csk        = E[Φ((ln AvgSa − ln θk)/β)]
/// p_death_in   = E[P_in(AvgSa)],  p_death_out = E[P_out(AvgSa)] + E[P_ch(PGA)]
/// lpr (event)  = w_in·p_death_in + w_out·p_death_out
/// ```
/// At a fixed R_rup (``evaluate(model:magnitude:rrup:zoneIndex:wierde:typology:)``), or averaged
/// over the finite-rupture geometry for an epicentre at a given hypocentral distance
/// (``evaluate(model:magnitude:hypocentralDistance:zoneIndex:wierde:typologies:)``).
package struct ConditionalRisk: Sendable, Codable, Equatable {
  package var pCS1: Double
  package var pCS2: Double
  package var pCS3: Double
  package var pDeathInside: Double
  package var pDeathOutsideStructural: Double
  package var pDeathChimney: Double
  package var lpr: Double
  package var pDeathOutside: Double { pDeathOutsideStructural + pDeathChimney }

  static let zero = ConditionalRisk(
    pCS1: 0, pCS2: 0, pCS3: 0, pDeathInside: 0, pDeathOutsideStructural: 0, pDeathChimney: 0, lpr: 0)

  mutating func add(_ o: ConditionalRisk, weight w: Double) {
    pCS1 += w * o.pCS1
    pCS2 += w * o.pCS2
    pCS3 += w * o.pCS3
    pDeathInside += w * o.pDeathInside
    pDeathOutsideStructural += w * o.pDeathOutsideStructural
    pDeathChimney += w * o.pDeathChimney
    lpr += w * o.lpr
  }

  /// All quantities for every typology at a fixed rupture distance [km].
  package static func evaluate(model: RiskModel, magnitude: Double, rrup: Double, zoneIndex: Int, wierde: Bool)
    -> [ConditionalRisk]
  {
    let ctx = SurfaceMotion.Context(
      magnitude: magnitude, rrup: max(rrup, model.rupture.depthKm), zoneIndex: zoneIndex, wierde: wierde)
    let nodes = model.motion.quadrature(ctx, rule: model.rule)
    let f = model.fcm
    return (0..<f.typologies.count).map { t in
      var r = ConditionalRisk.zero
      for q in nodes {
        let (p1, p2, p3) = f.collapseProbabilities(typology: t, lnAvgSa: q.lnAvgSa)
        let d = f.deathStructural(typology: t, lnAvgSa: q.lnAvgSa)
        let ch = f.deathChimney(typology: t, lnPGA: q.lnPGA)
        r.add(
          ConditionalRisk(
            pCS1: p1, pCS2: p2, pCS3: p3, pDeathInside: d.inside, pDeathOutsideStructural: d.outside, pDeathChimney: ch,
            lpr: 0), weight: q.weight)
      }
      r.lpr = f.weightInside * r.pDeathInside + f.weightOutside * r.pDeathOutside
      return r
    }
  }

  /// Averaged over the rupture geometry for a site at hypocentral distance r_h [km] from the
  /// epicentre in direction `azimuth` [radians, clockwise from north; `nil`: averaged over every
  /// direction, the isotropic kernel]: Σ_r K(a; r_h → r)·Q(r) on the distance grid (the
  /// ``RuptureKernel`` of the LPR run).
  package static func evaluate(
    model: RiskModel, magnitude: Double, hypocentralDistance rh: Double, azimuth: Double? = nil, zoneIndex: Int,
    wierde: Bool, curve: [[ConditionalRisk]]? = nil
  ) -> [ConditionalRisk] {
    let g = model.grid
    let c = curve ?? ConditionalRisk.curve(model: model, magnitude: magnitude, zoneIndex: zoneIndex, wierde: wierde)
    let k = model.rupture.kernel(magnitude: magnitude, grid: g)
    return ConditionalRisk.combine(curve: c, kernel: k, azimuth: azimuth, grid: g, distance: rh)
  }

  /// Q(r) on every node of the distance grid, per typology: `curve[node][typology]`.
  package static func curve(model: RiskModel, magnitude: Double, zoneIndex: Int, wierde: Bool) -> [[ConditionalRisk]] {
    model.grid.nodes.map {
      evaluate(model: model, magnitude: magnitude, rrup: $0, zoneIndex: zoneIndex, wierde: wierde)
    }
  }

  /// Kernel-weighted combination of a curve at hypocentral distance r_h in direction `azimuth`
  /// (`nil`: the isotropic kernel).
  package static func combine(
    curve: [[ConditionalRisk]], kernel k: RuptureKernel, azimuth: Double?, grid g: LogDistanceGrid, distance rh: Double
  ) -> [ConditionalRisk] {
    let T = curve[0].count
    var out = [ConditionalRisk](repeating: .zero, count: T)
    let iso = RuptureKernel(isotropicOf: k)
    let row = (azimuth == nil ? iso : k).row(hypocentralKm: rh, azimuth: azimuth ?? 0, grid: g)
    for (r, weight) in row.enumerated() where weight != 0 {
      for t in 0..<T { out[t].add(curve[r][t], weight: weight) }
    }
    return out.map { x in
      var y = x
      y.pCS1 = min(max(y.pCS1, 0), 1)
      y.pCS2 = min(max(y.pCS2, 0), 1)
      y.pCS3 = min(max(y.pCS3, 0), 1)
      y.pDeathInside = max(0, y.pDeathInside)
      y.pDeathOutsideStructural = max(0, y.pDeathOutsideStructural)
      y.pDeathChimney = max(0, y.pDeathChimney)
      y.lpr = max(0, y.lpr)
      return y
    }
  }
}
