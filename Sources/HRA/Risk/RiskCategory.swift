/// The NCG dashboard category of a building in one gas year (HRA.md §3).
///
/// ```
/// verhoogd        P50 > norm
/// licht_verhoogd  P90 > norm ≥ P50
/// normaal         otherwise
/// ```
package enum RiskCategory: String, Sendable, Codable, CaseIterable, Comparable {
  case verhoogd
  case lichtVerhoogd = "licht_verhoogd"
  case normaal

  /// The category for the P50 and P90 LPR of a building against a norm [1/yr].
  package init(p50: Double, p90: Double, norm: Double) {
    if p50 > norm { self = .verhoogd } else if p90 > norm { self = .lichtVerhoogd } else { self = .normaal }
  }

  /// Near the norm: a P90 within a factor 2 of it, `norm / 2 < p90 < 2 · norm` (the buildings of
  /// `near-norm.csv`, whose category the tree's uncertainty could change).
  package static func isNearNorm(p90: Double, norm: Double) -> Bool { p90 > norm / 2 && p90 < norm * 2 }

  /// Severity order: verhoogd < licht_verhoogd < normaal (most severe first).
  package static func < (a: RiskCategory, b: RiskCategory) -> Bool {
    let order: [RiskCategory] = [.verhoogd, .lichtVerhoogd, .normaal]
    return order.firstIndex(of: a)! < order.firstIndex(of: b)!
  }
}
