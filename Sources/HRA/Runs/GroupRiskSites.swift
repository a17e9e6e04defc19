import Foundation

/// The sites of a group-risk run: the buildings on risk sites of the run's spacing, their
/// occupants inside and outside (``GroupExposure``) and the spatial correlation of the
/// ground-motion fields between the sites' grid nodes (``SpatialCorrelation``).
package enum GroupRiskSites {
  /// Risk sites, group exposure and the spatial correlation of an exposure.
  /// - Parameters:
  ///   - spacing: the risk-site spacing [m];
  ///   - dayFraction: the fraction of the day spent indoors;
  ///   - rangeKm: the correlation range [km];
  ///   - source: the file or key the range came from (for errors).
  package static func make(
    _ exposure: ExposureDatabase, models: ModelSet, spacing: Double, dayFraction: Double, rangeKm: Double,
    correlation: EventSetEstimator.Correlation, source: String
  ) throws -> (RiskSites, GroupExposure, SpatialCorrelation) {
    let (_, mixes0) = try models.sites(for: exposure)
    let af = models.risk.motion.amplification
    let sites = RiskSites(
      x: exposure.buildings.map(\.x), y: exposure.buildings.map(\.y),
      zoneIndex: exposure.buildings.map { af.index(ofZone: $0.zone)! }, wierde: exposure.buildings.map(\.wierde),
      spacing: spacing)
    let mixes = mixes0.enumerated().map { i, m in
      MonteCarloEstimator.Mix(site: sites.siteOfLocation[i], typologies: m.typologies, probabilities: m.probabilities)
    }
    let occ = exposure.buildings.map { GroupExposure.occupants($0, dayFraction: dayFraction) }
    let ge = GroupExposure(
      siteCount: sites.siteCount, mixes: mixes, inside: occ.map(\.inside), outside: occ.map(\.outside))
    let field = try SpatialCorrelation(
      x: sites.nodeX, y: sites.nodeY, rangeKm: rangeKm, correlated: correlation == .full, source: source)
    return (sites, ge, field)
  }
}
