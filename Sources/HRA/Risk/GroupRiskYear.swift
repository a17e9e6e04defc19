/// The per-year results of a group-risk run (``GroupRiskRun``), kept here so that the tables
/// that write them (``GroupRiskTables``) need nothing from the entry points.

/// One row of the FN curve.
package struct GroupRiskPoint: Sendable, Codable, Equatable {
  package var n: Double
  package var mean: Double
  package var fractiles: [Double]
  package var seMC: Double
  package var se: Double
  package var guidance: Double?
  package var ratio: Double?
}
/// A tree mean with its standard errors.
package struct GroupRiskEstimate: Sendable, Codable, Equatable {
  package var mean: Double
  package var seMC: Double
  package var se: Double
}
/// One gas year's group risk: PLL, expected collapses and the FN curve over the logic tree.
package struct GroupRiskYear: Sendable, Codable, Equatable {
  package var gasYear: String
  package var pll: GroupRiskEstimate
  package var collapses: [GroupRiskEstimate]
  package var fn: [GroupRiskPoint]
  /// The largest ratio of the mean FN curve to the guidance line, and where.
  package var maxRatio: Double?
  package var maxRatioN: Double?
}
