import Foundation

/// What a hazard run has checked and read before computing: the models, the intensity
/// measures, the exposure (empty unless the sites come from it), the sites and the `--site`
/// points of spectra and disaggregation (name, RD x and y [m], site-response zone).
struct HazardInputs {
  var models: ModelSet
  var measures: HazardMeasures
  var exposure: ExposureDatabase
  var sites: HazardSites
  var points: [(String, Double, Double, Int)]

  /// The `hazard.site` points of the settings, named `site1`, `site2`, … with their zones.
  /// - Throws: ``InputError`` naming `hazard.site` for a point outside the site-response zonation.
  static func points(_ h: HazardSettings, models: ModelSet) throws -> [(String, Double, Double, Int)] {
    try h.spectrumSites.enumerated().map { i, p -> (String, Double, Double, Int) in
      guard let z = models.zoneMap.zone(x: p[0], y: p[1]), models.risk.motion.amplification.index(ofZone: z) != nil
      else {
        throw InputError(
          key: "hazard.site",
          "RD (\(Int(p[0])), \(Int(p[1]))) lies outside the site-response zonation: the surface hazard needs its zone")
      }
      return ("site\(i + 1)", p[0], p[1], z)
    }
  }
}
