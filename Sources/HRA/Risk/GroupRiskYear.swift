/// The per-year results of a group-risk run (``GroupRiskRun``), kept here so that the tables
/// that write them (``GroupRiskTables``) need nothing from the entry points.

/// One row of the FN curve.
public struct GroupRiskPoint: Sendable, Codable, Equatable {
  public var n: Double
  public var mean: Double
  public var fractiles: [Double]
  public var seMC: Double
  public var se: Double
  public var guidance: Double?
  public var ratio: Double?
}
/// A tree mean with its standard errors.
public struct GroupRiskEstimate: Sendable, Codable, Equatable {
  public var mean: Double
  public var seMC: Double
  public var se: Double
}
/// One gas year's group risk: PLL, expected collapses and the FN curve over the logic tree.
public struct GroupRiskYear: Sendable, Codable, Equatable {
  public var gasYear: String
  public var pll: GroupRiskEstimate
  public var collapses: [GroupRiskEstimate]
  public var fn: [GroupRiskPoint]
  /// The largest ratio of the mean FN curve to the guidance line, and where.
  public var maxRatio: Double?
  public var maxRatioN: Double?
}
