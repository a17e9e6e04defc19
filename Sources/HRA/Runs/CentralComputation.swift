import Foundation

/// The central-branch LPR run computed (`hra run --logic-tree central`, no output): per building
/// and gas year the expected annual LPR of the central branch combination, with the integrated
/// estimator (``IntegratedEstimator``) or Monte Carlo over synthetic catalogues
/// (``MonteCarloEstimator``, with its standard error), checked to be probabilities.
struct CentralComputation {
  /// LPR [1/yr] per building and gas year (building-major), and its Monte Carlo standard error.
  var lpr: [Double]
  var standardError: [Double]?
  var sites: RiskSites
  /// The rate field of the central source branch.
  var rates: RateField

  /// Computes the LPR of the exposure's buildings.
  /// - Throws: ``NumericalError`` naming the building and gas year of a value that is not a probability.
  init(
    _ c: RunConfiguration, models: ModelSet, source: any SeismicitySource, exposure: ExposureDatabase,
    log: (String) -> Void
  ) throws {
    let (sites, mixes) = try models.sites(for: exposure)
    log("exposure: \(exposure.buildings.count) buildings on \(sites.nodeCount) grid nodes, \(sites.siteCount) sites")
    let rates = try models.rates(source, gasYears: c.gasYears)
    var lpr = [Double](repeating: 0, count: mixes.count * c.gasYears.count)
    var se: [Double]? = nil
    switch c.estimator {
    case .integrated:
      lpr = IntegratedEstimator(model: models.risk, threads: c.threads).run(sites: sites, rates: rates)
        .buildingLPR(mixes: mixes)
    case .montecarlo:
      let r = MonteCarloEstimator(model: models.risk, threads: c.threads)
        .run(sites: sites, rates: rates, mixes: mixes, catalogues: c.catalogues, seed: c.seed)
      lpr = r.mean
      se = r.standardError
    }
    try NumericalGuard.probabilities(
      lpr, quantity: "LPR", buildings: exposure.buildings.map(\.id), gasYears: c.gasYears)
    (self.lpr, standardError, self.sites, self.rates) = (lpr, se, sites, rates)
  }
}
