import Foundation

/// What a hazard run computed, in numbers: the sites, the tree and the field maximum of the mean
/// hazard map per gas year, with the disaggregation at the `--site` points; written as
/// `summary.json` and, as ``text``, `summary.txt`.
package struct HazardRunSummary: Sendable, Codable {
  /// The field maximum of one map in one gas year.
  package struct Maximum: Sendable, Codable, Equatable {
    package var imt: String
    package var returnPeriod: Double
    package var level: Double
    package var unit: String
    package var site: String
    package var x: Double
    package var y: Double
  }
  /// The field maxima of one gas year.
  package struct Year: Sendable, Codable, Equatable {
    package var gasYear: String
    package var maxima: [Maximum]
  }

  package var sites: Int
  package var siteChoice: String
  package var mode: String
  package var samples: Int
  package var component: String
  package var horizon: String
  package var fractiles: [Double]
  package var years: [Year]
  package var disaggregation: [Disaggregation]
  package var runtimeSeconds: Double
  package var output: String

  /// The summary as `summary.txt` gives it.
  package var text: String {
    let s = self
    var t =
      "GroningenHRA hazard (\(s.horizon), \(s.component) component; logic tree \(s.mode), \(s.samples) branch combinations)\n"
    t += "sites \(s.sites) (\(s.siteChoice)), runtime \(String(format: "%.1f", s.runtimeSeconds)) s\n"
    t += "field maximum of the mean hazard map:\n"
    t += "gas year   IMT        return period  level        at site (RD x, y)\n"
    for y in s.years {
      for m in y.maxima {
        // (Foundation on Linux ignores field widths of %@: pad by hand.)
        t += y.gasYear + "  " + m.imt.padding(toLength: 9, withPad: " ", startingAt: 0)
        t += String(
          format: "  %10.0f yr  %.4f %@  %@ (%.0f, %.0f)\n", m.returnPeriod, m.level, m.unit, m.site, m.x, m.y)
      }
    }
    if !s.disaggregation.isEmpty {
      t += "disaggregation (mode: the magnitude and distance bin with the largest share):\n"
      for d in s.disaggregation {
        if let top = d.cells.max(by: { $0.share < $1.share }) {
          t += String(
            format:
              "  %@ %@ %@ %.0f yr, level %.4f: M %.1f-%.1f, R_rup %.0f-%.0f km (%.0f %%); mean M %.2f, R %.1f km\n",
            d.site, d.gasYear, d.imt, d.returnPeriod, d.level, top.magnitudeLow, top.magnitudeHigh, top.distanceLow,
            top.distanceHigh, 100 * top.share, d.meanMagnitude, d.meanDistance)
        }
      }
    }
    t += "results: \(s.output)/curves-*.csv, maps.csv, maps-*.geojson, manifest.json\n"
    return t
  }

  /// The field maximum of each mean hazard map per gas year: for every IMT and return period,
  /// the highest level of the mean curve over the sites (ties to the site of lower index), with
  /// that site's name and RD coordinates; a level below the curve's range is 0.
  package static func fieldMaxima(
    _ r: HazardEstimator.Result, measures: HazardMeasures, sites: HazardSites, returnPeriods: [Double], years: [Int]
  ) -> [Year] {
    years.enumerated().map { t, y in
      var list: [Maximum] = []
      for (i, m) in measures.imts.enumerated() {
        for T in returnPeriods {
          var best = (level: -1.0, site: 0)
          for s in 0..<sites.count {
            let v = measures.curve(i, from: r.meanRow(site: s, year: t)).level(returnPeriod: T).level
            if v > best.level { best = (v, s) }
          }
          list.append(
            Maximum(
              imt: m.description, returnPeriod: T, level: max(0, best.level), unit: m.unit, site: sites.ids[best.site],
              x: sites.x[best.site], y: sites.y[best.site]))
        }
      }
      return Year(gasYear: GasYear.label(y), maxima: list)
    }
  }
}
