import Foundation

/// The tables of a hazard folder: `curves-<IMT>.csv`, `maps.csv`, `maps-<IMT>-<T>yr.geojson`
/// and, with `--site` points, `spectra.csv` and `disaggregation.csv` (``HazardTables``).
enum HazardFolder {
  /// Writes the curves, maps (CSV and GeoJSON), spectra and disaggregation tables into `out`.
  static func write(
    _ out: AtomicOutput, _ c: RunConfiguration, _ h: HazardSettings, _ p: HazardInputs, _ r: HazardEstimator.Result,
    spectra: (HazardSites, HazardMeasures, HazardEstimator.Result)?, disaggregation disagg: [Disaggregation]
  ) throws {
    let (measures, sites) = (p.measures, p.sites)
    for (i, m) in measures.imts.enumerated() {
      try out.write(
        HazardTables.curvesCSV(r, measures: measures, imt: i, sites: sites, years: c.gasYears, fractiles: h.fractiles),
        name: "curves-\(m.description).csv")
    }
    try out.write(
      HazardTables.mapsCSV(
        r, measures: measures, sites: sites, years: c.gasYears, returnPeriods: h.returnPeriods, fractiles: h.fractiles),
      name: "maps.csv")
    for (i, m) in measures.imts.enumerated() {
      for T in h.returnPeriods {
        try out.write(
          HazardTables.mapGeoJSON(r, measures: measures, imt: i, sites: sites, years: c.gasYears, returnPeriod: T),
          name: "maps-\(m.description)-\(HazardTables.num(T))yr.geojson")
      }
    }
    if let (ps, sm, sr) = spectra {
      try out.write(
        HazardTables.spectraCSV(
          sr, measures: sm, periods: p.models.risk.motion.gmm.periods, sites: ps, years: c.gasYears,
          returnPeriods: h.returnPeriods, fractiles: h.fractiles), name: "spectra.csv")
      try out.write(HazardTables.disaggregationCSV(disagg), name: "disaggregation.csv")
    }
  }
}
