import Foundation

/// The generic hazard and damage job computed (no output): hazard curves at the sites from an
/// area source and a generic GMM (``GenericHazard``) with the integrated estimator, the damage
/// rates from them (``ClassicalDamage``), and/or the event-based Monte Carlo curves and damage
/// (``EventBasedHazard``), as the configuration's estimator asks.
package enum GenericHazardComputation {
  /// Computes the configured job.
  package static func compute(_ c: GenericHazardConfiguration) -> GenericHazardResult {
    let h = GenericHazard(source: c.source, gmm: c.gmm, truncation: c.truncation, grid: c.grid, threads: c.threads)
    let xs = c.sites.map(\.x)
    let ys = c.sites.map(\.y)
    var r = GenericHazardResult()
    if c.estimator != .eventBased {
      let curves = h.curves(siteX: xs, siteY: ys, imts: c.imts)
      r.integrated = curves
      if let f = c.fragility {
        r.damage = ClassicalDamage.rates(curves: curves, imts: c.imts, fragility: f, sites: xs.count)
      }
    }
    if c.estimator != .integrated {
      r.eventBased = EventBasedHazard(hazard: h, years: c.catalogueYears, seed: c.seed).run(
        siteX: xs, siteY: ys, imts: c.imts, fragility: c.fragility)
    }
    return r
  }
}
