import Foundation

/// The resolved parameters of a group-risk run: the settings' values, else those of
/// `Models/group-risk/parameters.csv`, with the guidance line, read and checked before any
/// computation.
package struct GroupRiskParameters: Sendable {
  /// Events per magnitude stratum above and below the split magnitude.
  package var eventsPerStratum: Int
  package var eventsLow: Int
  /// The magnitude between the two strata.
  package var splitMagnitude: Double
  /// The correlation range of the ground-motion fields [km].
  package var rangeKm: Double
  /// The fraction of the day spent indoors (occupants inside and outside).
  package var dayFraction: Double
  /// The parameters file read.
  package var parametersFile: String
  package var guidance: GuidanceLine
  /// Wall time of the event sets [s] (set by ``GroupRiskComputation/compute(_:_:models:exposure:shard:log:)``).
  package var estimatorSeconds: Double = 0

  /// Reads and checks the parameters and the guidance line of the settings.
  /// - Parameter models: the `Models/` folder (the default files lie in `group-risk/`).
  /// - Throws: ``InputError`` naming the file or the `group_risk.*` key of the first problem.
  package static func resolve(_ g: GroupRiskSettings, models: String) throws -> GroupRiskParameters {
    let pf = g.parameters ?? models + "/group-risk/parameters.csv"
    let k = try ConstantsTable(path: pf)
    let range = try g.rangeKm ?? k.value("correlation_range_km", in: 0...10_000, above: 0)
    guard range > 0 && range.isFinite else {
      throw InputError(
        key: "group_risk.correlation_range",
        "the correlation range must be > 0 km (got \(range))")
    }
    let day = try k.value("day_fraction", in: 0...1)
    let K = try g.eventsPerStratum ?? k.integer("events_per_stratum", in: 2...10_000_000)
    let kLow = try g.eventsLow ?? k.integer("events_low_stratum", in: 2...10_000_000)
    let split = try k.value("split_magnitude", in: 0...10)
    guard K >= 2 && kLow >= 2 else {
      throw InputError(
        key: "group_risk.events", "need at least 2 events per stratum (got \(K), \(kLow))")
    }
    for f in g.fractiles where !(f > 0 && f < 100) {
      throw InputError(key: "group_risk.fractiles", "fractiles must lie in (0, 100) (got \(f))")
    }
    if let s = g.siteSpacing, !(s > 0 && s.isFinite) {
      throw InputError(key: "group_risk.site_spacing", "the site spacing must be > 0 m (got \(s))")
    }
    let gl = try GuidanceLine(path: g.guidanceLine ?? models + "/group-risk/guidance-line.csv")
    return GroupRiskParameters(
      eventsPerStratum: K, eventsLow: kLow, splitMagnitude: split, rangeKm: range, dayFraction: day, parametersFile: pf,
      guidance: gl)
  }
}
