import Foundation

/// What a group-risk run computes beyond the model chain of its ``RunConfiguration``.
public struct GroupRiskSettings: Sendable, Codable, Equatable {
  /// Events per magnitude stratum per tree sample (nil: `events_per_stratum` of the parameters file).
  public var eventsPerStratum: Int? = nil
  /// Events per stratum below the split magnitude (nil: `events_low_stratum` of the parameters file).
  public var eventsLow: Int? = nil
  public var correlation: EventSetEstimator.Correlation = .full
  /// The correlation range [km] (nil: `correlation_range_km` of the parameters file).
  public var rangeKm: Double? = nil
  /// The parameters file (nil: `Models/group-risk/parameters.csv`).
  public var parameters: String? = nil
  /// The guidance line (nil: `Models/group-risk/guidance-line.csv`).
  public var guidanceLine: String? = nil
  /// Risk-site grid spacing [m] (nil: the numerics' `exposure_grid_spacing`, 1 km).
  public var siteSpacing: Double? = nil
  /// Only buildings inside this RD box [xmin, ymin, xmax, ymax] (m), e.g. for resolution studies.
  public var area: [Double]? = nil
  /// Fractiles [%] over the logic tree.
  public var fractiles: [Double] = [16, 50, 84]
  /// Fatality thresholds N of the FN curve.
  public static let thresholds: [Double] = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000]
  public init() {}

  /// Parses a box `XMIN,YMIN,XMAX,YMAX` (RD New metres).
  public static func area(_ text: String, source: String) throws -> [Double] {
    let p = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard p.count == 4, p.allSatisfy({ $0 != nil && $0!.isFinite }), p[0]! < p[2]!, p[1]! < p[3]! else {
      throw InputError(
        file: source, field: "area", "an area is XMIN,YMIN,XMAX,YMAX in RD New metres, min < max (got '\(text)')")
    }
    return p.map { $0! }
  }
}
