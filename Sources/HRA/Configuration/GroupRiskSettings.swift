import Foundation

/// What a group-risk run computes beyond the model chain of its ``RunConfiguration``.
package struct GroupRiskSettings: Sendable, Codable, Equatable {
  /// Events per magnitude stratum per tree sample (nil: `events_per_stratum` of the parameters file).
  package var eventsPerStratum: Int? = nil
  /// Events per stratum below the split magnitude (nil: `events_low_stratum` of the parameters file).
  package var eventsLow: Int? = nil
  package var correlation: EventSetEstimator.Correlation = .full
  /// The correlation range [km] (nil: `correlation_range_km` of the parameters file).
  package var rangeKm: Double? = nil
  /// The parameters file (nil: `Models/group-risk/parameters.csv`).
  package var parameters: String? = nil
  /// The guidance line (nil: `Models/group-risk/guidance-line.csv`).
  package var guidanceLine: String? = nil
  /// Risk-site grid spacing [m] (nil: the numerics' `exposure_grid_spacing`, 1 km).
  package var siteSpacing: Double? = nil
  /// Only buildings inside this RD box [xmin, ymin, xmax, ymax] (m), e.g. for resolution studies.
  package var area: [Double]? = nil
  /// Fractiles [%] over the logic tree.
  package var fractiles: [Double] = [16, 50, 84]
  /// Fatality thresholds N of the FN curve.
  package static let thresholds: [Double] = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000]
  package init() {}

  /// Parses a box `XMIN,YMIN,XMAX,YMAX` (RD New metres).
  package static func area(_ text: String, source: String) throws -> [Double] {
    let p = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard p.count == 4, p.allSatisfy({ $0 != nil && $0!.isFinite }), p[0]! < p[2]!, p[1]! < p[3]! else {
      throw InputError(
        file: source, field: "area", "an area is XMIN,YMIN,XMAX,YMAX in RD New metres, min < max (got '\(text)')")
    }
    return p.map { $0! }
  }
}
