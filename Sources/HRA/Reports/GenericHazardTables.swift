import Foundation

/// The tables written by `hra generic-hazard` (``GenericHazardResult``):
/// `hazard-curves-<IMT>.csv` (`site,x,y,imt,level,rate_mean,poe_mean` for the integrated estimator,
/// `rate_mc,rate_mc_se,poe_mc` for the event-based one), `hazard-map.csv`
/// (`site,x,y,imt,return_period,level`, from the integrated curves when computed, else the Monte
/// Carlo ones) and `damage.csv` (`site,x,y,typology,damage_state,estimator,annual_rate,
/// annual_probability,annual_rate_se`). Probabilities of exceedance in one year: poe = 1 − e^(−rate).
package enum GenericHazardTables {
  /// The curve files (text, name) per IMT, the hazard map, and per IMT the largest map level
  /// over the sites per return period [yr].
  package static func curves(
    _ r: GenericHazardResult, sites: [SitesFile.Entry], imts: [(imt: IntensityMeasure, levels: [Double])],
    returnPeriods: [Double]
  ) -> (files: [(String, String)], map: String, maxLevel: [String: [String: Double]]) {
    var maxLevel: [String: [String: Double]] = [:]
    var files: [(String, String)] = []
    var map = "site,x,y,imt,return_period,level\n"
    for (i, spec) in imts.enumerated() {
      let L = spec.levels.count
      var s = "site,x,y,imt,level"
      if r.integrated != nil { s += ",rate_mean,poe_mean" }
      if r.eventBased != nil { s += ",rate_mc,rate_mc_se,poe_mc" }
      s += "\n"
      s.reserveCapacity(sites.count * L * 90)
      var m: [String: Double] = [:]
      for (si, site) in sites.enumerated() {
        let head = "\(site.id),\(site.x),\(site.y),\(spec.imt),"
        var rates = [Double](repeating: 0, count: L)
        for l in 0..<L {
          s += head + "\(spec.levels[l])"
          if let cv = r.integrated {
            let v = cv[i][si * L + l]
            rates[l] = v
            s += ",\(v),\(-expm1(-v))"
          }
          if let mc = r.eventBased {
            let (v, se) = mc.rate(imt: i, site: si, level: l, levels: L)
            if r.integrated == nil { rates[l] = v }
            s += ",\(v),\(se),\(-expm1(-v))"
          }
          s += "\n"
        }
        for t in returnPeriods {
          let lv = HazardCurve.level(rate: 1 / t, levels: spec.levels, rates: rates).level
          map += head + "\(t),\(lv)\n"
          m[String(t)] = max(m[String(t)] ?? 0, lv)
        }
      }
      maxLevel[spec.imt.description] = m
      files.append((s, "hazard-curves-\(spec.imt.description).csv"))
    }
    return (files, map, maxLevel)
  }

  /// The damage table: per site, typology and damage state the integrated and/or event-based
  /// annual rate and probability (sites with a typology get only that typology's rows).
  package static func damage(_ r: GenericHazardResult, sites: [SitesFile.Entry], fragility f: LognormalFragility)
    -> String
  {
    var d = "site,x,y,typology,damage_state,estimator,annual_rate,annual_probability,annual_rate_se\n"
    let D = f.typologies.reduce(0) { $0 + $1.states.count }
    for (si, site) in sites.enumerated() {
      var j = 0
      for t in f.typologies {
        let keep = site.typology == nil || site.typology == t.name
        for st in t.states {
          if keep {
            let head = "\(site.id),\(site.x),\(site.y),\(t.name),\(st),"
            if let dm = r.damage {
              let v = dm[si * D + j]
              d += head + "integrated,\(v),\(ClassicalDamage.probability(rate: v)),\n"
            }
            if let mc = r.eventBased {
              let (v, se) = mc.damage(site: si, column: j)
              d += head + "event_based,\(v),\(ClassicalDamage.probability(rate: v)),\(se)\n"
            }
          }
          j += 1
        }
      }
    }
    return d
  }
}
