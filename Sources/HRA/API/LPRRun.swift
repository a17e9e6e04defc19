import Foundation

/// The main job: the LPR of every building for every gas year of a production path, written
/// to an output folder with a manifest. One call from the CLI's `run` subcommand.
package enum LPRRun {
  /// Per-year headline numbers (``LPRYearSummary``).
  package typealias YearSummary = LPRYearSummary

  /// What the run printed and wrote (``LPRRunSummary``).
  package typealias Summary = LPRRunSummary

  /// Gas-year label, e.g. 2019 → "2019/20".
  package static func label(_ y: Int) -> String { GasYear.label(y) }

  /// Runs the configured job and writes the output folder atomically.
  package static func run(_ c: RunConfiguration, log: (String) -> Void = { _ in }) throws -> Summary {
    let start = Date()
    let target = try c.outputTarget()
    let models = try ModelSet(directory: c.models, choice: c.choice, log: log)
    let source = try models.source(production: c.production)
    try models.validateGasYears(c.firstGasYear...c.lastGasYear, production: c.production)
    for w in models.warnings { log("warning: " + w) }
    log(
      "models loaded: \(source.label), GMM \(c.gmm.rawValue), FCM \(c.fcm.rawValue), \(models.typologies.count) typologies"
    )
    let exposure = try models.exposure(
      path: c.exposure, buildings: c.exposureBuildings, seed: c.exposureSeed, snapDistance: c.snapDistance)
    for s in exposure.snapped {
      log(String(format: "snapped: building %@ (line %d) to zone %d, %.0f m away", s.id, s.line, s.zone, s.distanceM))
    }
    let k = try CentralComputation(c, models: models, source: source, exposure: exposure, log: log)
    let years = c.gasYears
    let pM36 = try source.probabilityOfAtLeast(magnitude: 3.55, labels: models.branches.sourceLabels, gasYears: years)
    let path: ProductionPath? = models.forecast == nil ? try models.production(c.production) : nil
    let (lpr, rates, B) = (k.lpr, k.rates, exposure.buildings.count)
    log("risk computed in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    // Summary.
    let (ys, anyYear) = LPRYearSummary.years(
      lpr: lpr, buildings: B, gasYears: years, path: path, expectedEvents: years.indices.map { rates.total(year: $0) },
      probabilityM36: pM36, norm: c.norm)
    let runtime = Date().timeIntervalSince(start)
    let summary = Summary(
      buildings: B, sites: k.sites.siteCount, sourceCells: rates.cellCount, years: ys,
      buildingsAboveNormAnyYear: anyYear,
      norm: c.norm, estimator: c.estimator.rawValue, runtimeSeconds: runtime, output: c.output)
    // Outputs, staged and moved into place together.
    try target.write { out in
      try out.write(
        ResultTable.buildingCSV(exposure: exposure, years: years, lpr: lpr, standardError: k.standardError),
        name: "buildings-lpr.csv")
      let manifest = try Manifest.make(configuration: c, models: models, exposure: exposure, runtime: runtime)
      try RunEpilogue(
        text: summary.text, summary: summary, configuration: try CommandConfiguration.text(c, writtenTo: target.path),
        manifest: manifest
      ).write(to: out)
    }
    return summary
  }
}
