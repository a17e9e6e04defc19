import Foundation

/// A seismicity model as the risk engine sees it: the branch sets it brings to the logic tree
/// and, for one branch (one label per set), the expected numbers of earthquakes per gas year,
/// source cell and magnitude bin (``RateField``).
///
/// Implementations: ``ProductionDrivenSource`` (the built-in model driven by a gas-production
/// path: sets rate_model, b_model, mmax) and ``ForecastSource`` (an external gridded forecast
/// such as TNO's SSM: set mmax only; the rate and b-value models live in the forecast). Both are
/// listed in `ModelRegistry.seismicity` with ``AreaSource``, which is not a `SeismicitySource`:
/// it is the single source of the generic hazard (no gas years, no branch sets), whose ruptures
/// (point or finite, by strike) the generic calculators integrate over distance themselves,
/// rather than rates on the engine's grid of cells that the risk pipeline contracts.
package protocol SeismicitySource: ModelAnatomy, Sendable {
  /// What the source is, for logs and manifests (e.g. "production-driven, phase-out-actual").
  var label: String { get }
  /// The branch sets it brings, in tree order.
  var branchSets: [LogicTree.BranchSet] { get }
  /// The rates of one branch (labels in ``branchSets`` order) for the gas years.
  func rates(labels: [String], gasYears: [Int]) throws -> RateField
  /// P(at least one event with M ≥ m in the field) per gas year for one branch (Poisson).
  func probabilityOfAtLeast(magnitude m: Double, labels: [String], gasYears: [Int]) throws -> [Double]
  /// Gas years the source covers (nil: any).
  var gasYears: ClosedRange<Int>? { get }
}

extension RateField {
  /// P(at least one event in bins with centre ≥ m) per gas year (Poisson): for m on a bin edge
  /// the expected count is exact (bin rates are differences of the survival counts).
  package func probabilityOfAtLeast(magnitude m: Double) -> [Double] {
    (0..<gasYears.count).map { t in
      var s = 0.0
      for c in 0..<cellCount {
        for (k, mk) in magnitudes.enumerated() where mk >= m { s += rates[(t * cellCount + c) * binCount + k] }
      }
      return -expm1(-s)
    }
  }
}
