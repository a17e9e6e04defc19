import Foundation

/// What summarises a quantity over the weighted branch combinations of one earthquake
/// (`hra conditional`, `hra scenario --logic-tree`): the weighted mean or a weighted quantile.
///
/// For values v_c with weights w_c:
/// ```
/// mean = Σ_c w_c·v_c / Σ_c w_c
/// ```
/// and a percentile is ``WeightedQuantile/quantile(_:weights:q:)`` of the v_c.
package enum TreeStatistic: Sendable, Equatable {
  case mean
  /// A weighted quantile, q in (0, 1) (``WeightedQuantile``).
  case percentile(Double)

  /// The statistic of `values` with `weights` (same count).
  package func of(_ values: [Double], weights: [Double]) -> Double {
    switch self {
    case .mean: return zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
    case .percentile(let q): return WeightedQuantile.quantile(values, weights: weights, q: q)
    }
  }
}
