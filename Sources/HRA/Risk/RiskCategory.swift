/// The NCG dashboard category of a building in one gas year (HRA.md §3).
///
/// ```
/// verhoogd        P50 > norm
/// licht_verhoogd  P90 > norm ≥ P50
/// normaal         otherwise
/// ```
public enum RiskCategory: String, Sendable, Codable, CaseIterable, Comparable {
  case verhoogd
  case lichtVerhoogd = "licht_verhoogd"
  case normaal

  /// The category for the P50 and P90 LPR of a building against a norm [1/yr].
  public init(p50: Double, p90: Double, norm: Double) {
    if p50 > norm { self = .verhoogd } else if p90 > norm { self = .lichtVerhoogd } else { self = .normaal }
  }

  /// Severity order: verhoogd < licht_verhoogd < normaal (most severe first).
  public static func < (a: RiskCategory, b: RiskCategory) -> Bool {
    let order: [RiskCategory] = [.verhoogd, .lichtVerhoogd, .normaal]
    return order.firstIndex(of: a)! < order.firstIndex(of: b)!
  }
}
