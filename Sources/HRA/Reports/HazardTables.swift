import Foundation

/// The CSV and GeoJSON files of a hazard run (byte-stable formatting: `%.6e` rates, `%.6g` levels).
package enum HazardTables {
  static func sci(_ v: Double) -> String { NumberFormat.sci6(v) }
  static func g(_ v: Double) -> String { String(format: "%.6g", v) }
  static func label(_ f: Double) -> String { "p" + num(f) }
  /// A number without a trailing ".0" for whole values (475, 0.3, 16).
  package static func num(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : v.description
  }

  /// `curves-<IMT>.csv`: gas_year, site, x_rd, y_rd, zone, wierde, level (g or cm/s),
  /// rate_mean, rate_p<f>… [1/yr], poe_mean (1 − e^(−rate_mean), one year).
  package static func curvesCSV(
    _ r: HazardEstimator.Result, measures ms: HazardMeasures, imt i: Int, sites: HazardSites, years: [Int],
    fractiles: [Double]
  ) -> String {
    var head = [
      "gas_year", "site", "x_rd", "y_rd", "zone", "wierde",
      "level_" + ms.imts[i].unit.replacingOccurrences(of: "/", with: "_"), "rate_mean",
    ]
    head += fractiles.map { "rate_" + label($0) }
    head.append("poe_mean")
    var s = head.joined(separator: ",") + "\n"
    let lv = ms.levels[i]
    s.reserveCapacity(years.count * sites.count * lv.count * 100)
    for (t, y) in years.enumerated() {
      let gy = GasYear.label(y)
      for site in 0..<sites.count {
        let pre =
          "\(gy),\(sites.ids[site]),\(NumberFormat.fixed1(sites.x[site])),\(NumberFormat.fixed1(sites.y[site])),\(sites.zones[site]),\(sites.wierde[site] ? 1 : 0),"
        let row = (site * r.yearCount + t) * r.levelCount + ms.offsets[i]
        for l in 0..<lv.count {
          var line = pre + g(lv[l]) + "," + sci(r.mean[row + l])
          for f in 0..<fractiles.count { line += "," + sci(r.fractileRates[f][row + l]) }
          line += "," + sci(-expm1(-r.mean[row + l])) + "\n"
          s += line
        }
      }
    }
    return s
  }

  /// The map level of (site, year, IMT) at a return period from the mean (f = nil) or a fractile curve.
  static func mapLevel(
    _ r: HazardEstimator.Result, _ ms: HazardMeasures, imt i: Int, site: Int, year t: Int, fractile f: Int?,
    returnPeriod T: Double
  ) -> (level: Double, clipped: Bool) {
    let row = f.map { r.fractileRow($0, site: site, year: t) } ?? r.meanRow(site: site, year: t)
    return ms.curve(i, from: row).level(returnPeriod: T)
  }

  /// `maps.csv`: gas_year, site, x_rd, y_rd, zone, wierde, imt, return_period_yr, unit,
  /// level_mean, level_p<f>… (the level exceeded at 1/T per year on each curve; 0 where never
  /// reached), clipped (1 if the rate at the lowest level is still below 1/T's… i.e. the level is
  /// below the lowest computed level and reported as that level).
  package static func mapsCSV(
    _ r: HazardEstimator.Result, measures ms: HazardMeasures, sites: HazardSites, years: [Int], returnPeriods: [Double],
    fractiles: [Double]
  ) -> String {
    var head = ["gas_year", "site", "x_rd", "y_rd", "zone", "wierde", "imt", "return_period_yr", "unit", "level_mean"]
    head += fractiles.map { "level_" + label($0) }
    head.append("clipped")
    var s = head.joined(separator: ",") + "\n"
    for (t, y) in years.enumerated() {
      for site in 0..<sites.count {
        for i in 0..<ms.imts.count {
          for T in returnPeriods {
            let m = mapLevel(r, ms, imt: i, site: site, year: t, fractile: nil, returnPeriod: T)
            var clipped = m.clipped
            var line = [
              GasYear.label(y), sites.ids[site], NumberFormat.fixed1(sites.x[site]),
              NumberFormat.fixed1(sites.y[site]), String(sites.zones[site]), sites.wierde[site] ? "1" : "0",
              ms.imts[i].description, num(T), ms.imts[i].unit, g(m.level),
            ]
            for f in 0..<fractiles.count {
              let v = mapLevel(r, ms, imt: i, site: site, year: t, fractile: f, returnPeriod: T)
              clipped = clipped || v.clipped
              line.append(g(v.level))
            }
            line.append(clipped ? "1" : "0")
            s += line.map(ResultTable.csvField).joined(separator: ",") + "\n"
          }
        }
      }
    }
    return s
  }

  /// `maps-<IMT>-<T>yr.geojson`: one Point feature per site in RD New (EPSG:28992, named in the
  /// file's `crs` member as GeoJSON 2008 allowed; RFC 7946 readers assume WGS84 and need told),
  /// properties: site, zone, wierde and `mean_<gas year>` per gas year.
  package static func mapGeoJSON(
    _ r: HazardEstimator.Result, measures ms: HazardMeasures, imt i: Int, sites: HazardSites, years: [Int],
    returnPeriod T: Double
  ) -> String {
    var s = "{\"type\":\"FeatureCollection\",\n"
    s += "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}},\n"
    s +=
      "\"properties\":{\"imt\":\"\(ms.imts[i])\",\"unit\":\"\(ms.imts[i].unit)\",\"return_period_yr\":\(num(T)),\"statistic\":\"mean\",\"coordinates\":\"RD New (EPSG:28992) metres\"},\n"
    s += "\"features\":[\n"
    for site in 0..<sites.count {
      var props = "\"site\":\"\(sites.ids[site])\",\"zone\":\(sites.zones[site]),\"wierde\":\(sites.wierde[site])"
      for (t, y) in years.enumerated() {
        let m = mapLevel(r, ms, imt: i, site: site, year: t, fractile: nil, returnPeriod: T)
        props += ",\"mean_\(GasYear.label(y).replacingOccurrences(of: "/", with: "_"))\":\(g(m.level))"
      }
      s +=
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(NumberFormat.fixed1(sites.x[site])),\(NumberFormat.fixed1(sites.y[site]))]},\"properties\":{\(props)}}"
      s += site + 1 < sites.count ? ",\n" : "\n"
    }
    s += "]}\n"
    return s
  }

  /// `spectra.csv`: gas_year, site, x_rd, y_rd, return_period_yr, period_s, level_mean_g,
  /// level_p<f>_g… (uniform hazard spectra: the map level of Sa(T) at every GMM period).
  package static func spectraCSV(
    _ r: HazardEstimator.Result, measures ms: HazardMeasures, periods: [Double], sites: HazardSites, years: [Int],
    returnPeriods: [Double], fractiles: [Double]
  ) -> String {
    var head = ["gas_year", "site", "x_rd", "y_rd", "return_period_yr", "period_s", "level_mean_g"]
    head += fractiles.map { "level_" + label($0) + "_g" }
    var s = head.joined(separator: ",") + "\n"
    for (t, y) in years.enumerated() {
      for site in 0..<sites.count {
        for T in returnPeriods {
          for (i, p) in periods.enumerated() {
            var line = [
              GasYear.label(y), sites.ids[site], NumberFormat.fixed1(sites.x[site]),
              NumberFormat.fixed1(sites.y[site]), num(T), num(p),
              g(mapLevel(r, ms, imt: i, site: site, year: t, fractile: nil, returnPeriod: T).level),
            ]
            for f in 0..<fractiles.count {
              line.append(g(mapLevel(r, ms, imt: i, site: site, year: t, fractile: f, returnPeriod: T).level))
            }
            s += line.joined(separator: ",") + "\n"
          }
        }
      }
    }
    return s
  }

  /// `disaggregation.csv`: site, x_rd, y_rd, gas_year, imt, return_period_yr, level, kind
  /// (`magnitude_distance` or `branch`), then magnitude and distance bin edges or set and branch,
  /// and the share of the mean exceedance rate.
  package static func disaggregationCSV(_ list: [Disaggregation]) -> String {
    var s =
      "site,x_rd,y_rd,gas_year,imt,return_period_yr,level,rate_per_yr,kind,m_low,m_high,r_hyp_low_km,r_hyp_high_km,set,branch,share\n"
    for d in list {
      let pre = [
        d.site, String(format: "%.1f", d.x), String(format: "%.1f", d.y), d.gasYear, d.imt,
        num(d.returnPeriod), g(d.level), sci(d.rate),
      ].joined(separator: ",")
      for c in d.cells {
        s +=
          pre
          + ",magnitude_distance,\(num(c.magnitudeLow)),\(num(c.magnitudeHigh)),\(num(c.distanceLow)),\(num(c.distanceHigh)),,,\(String(format: "%.6f", c.share))\n"
      }
      for b in d.branches {
        s +=
          pre
          + ",branch,,,,,\(ResultTable.csvField(b.set)),\(ResultTable.csvField(b.branch)),\(String(format: "%.6f", b.share))\n"
      }
    }
    return s
  }
}
