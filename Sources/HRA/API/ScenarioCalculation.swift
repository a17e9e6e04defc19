import Foundation

/// `hra scenario` (central branches): one earthquake at a given epicentre, evaluated for every
/// building of the exposure (``ScenarioDamage``).
package enum ScenarioCalculation {
  package typealias Row = ScenarioBuildingRisk

  /// Per building, in exposure order (the earthquake is checked first).
  package static func run(
    models: ModelSet, exposure: ExposureDatabase, magnitude: Double, x: Double, y: Double, threads: Int
  ) throws -> [Row] {
    try models.validateEarthquake(magnitude: magnitude, x: x, y: y)
    let (sites, mixes) = try models.sites(for: exposure)
    return ScenarioDamage.buildings(
      model: models.risk, sites: sites, mixes: mixes, magnitude: magnitude, x: x, y: y, threads: threads)
  }

  /// The scenario as CSV, one row per building in exposure order (``ScenarioTable``).
  package static func csv(_ rows: [Row], exposure: ExposureDatabase) -> String {
    ScenarioTable.csv(rows, exposure: exposure)
  }
}
