/// Weighted quantiles of a discrete distribution (values with weights), by the inverse of the
/// weighted cumulative distribution function.
///
/// ```
/// Q(q) = min { v_(i) : Σ_{j ≤ i} w_(j) ≥ q·Σ w }     (values sorted ascending; Hyndman & Fan type 1)
/// ```
/// "P90 is the smallest LPR such that at least 90 % of the logic-tree weight lies at or below
/// it." No interpolation between branches: the logic tree is a discrete distribution, and a
/// percentile is always the LPR of some branch combination. A cumulative weight within 1e-12
/// (relative) of q·Σw counts as reaching it.
package enum WeightedQuantile {
  /// The q-quantile (q in (0, 1]) of `values` with non-negative `weights`.
  package static func quantile(_ values: [Double], weights: [Double], q: Double) -> Double {
    precondition(values.count == weights.count && !values.isEmpty && q > 0 && q <= 1)
    let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    let total = weights.reduce(0, +)
    let target = q * total
    var c = 0.0
    for i in order {
      c += weights[i]
      if c >= target - 1e-12 * total { return values[i] }
    }
    return values[order.last!]
  }

  /// Several quantiles at once (one sort).
  package static func quantiles(_ values: [Double], weights: [Double], qs: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    let total = weights.reduce(0, +)
    return qs.map { q in
      var c = 0.0
      for i in order {
        c += weights[i]
        if c >= q * total - 1e-12 * total { return values[i] }
      }
      return values[order.last!]
    }
  }
}
