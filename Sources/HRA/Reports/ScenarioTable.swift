import Foundation

/// The scenario table written by `hra scenario`: one row per building in exposure order with
/// its hypocentral distance [km], collapse-state and death probabilities and per-event LPR.
package enum ScenarioTable {
  /// The rows as CSV (header `building_id,municipality,x_rd,y_rd,zone,wierde,typology_mix,r_hyp_km,
  /// p_cs1,p_cs2,p_cs3,p_death_inside,p_death_outside,lpr_event`).
  package static func csv(_ rows: [ScenarioBuildingRisk], exposure: ExposureDatabase) -> String {
    var s =
      "building_id,municipality,x_rd,y_rd,zone,wierde,typology_mix,r_hyp_km,p_cs1,p_cs2,p_cs3,p_death_inside,p_death_outside,lpr_event\n"
    for r in rows {
      let b = exposure.buildings[r.buildingIndex]
      let mix = b.mixLabel
      let f = ResultTable.sci
      s +=
        [
          b.id, b.municipality, NumberFormat.fixed1(b.x), NumberFormat.fixed1(b.y), String(b.zone),
          b.wierde ? "1" : "0", mix,
          String(format: "%.3f", r.hypocentralDistanceKm), f(r.risk.pCS1), f(r.risk.pCS2), f(r.risk.pCS3),
          f(r.risk.pDeathInside),
          f(r.risk.pDeathOutside), f(r.risk.lpr),
        ].map(ResultTable.csvField).joined(separator: ",") + "\n"
    }
    return s
  }
}
