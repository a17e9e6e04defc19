/// Exact weighted quantiles of mixtures of discrete distributions, sharing the work between
/// the buildings of a site: each component (one typology's LPR over every branch combination)
/// is bucketed once; a building (a typology mix) then finds its quantiles by a binary search over
/// the buckets and an exact walk inside one bucket.
///
/// ```
/// F(x) = Σ_k p_k·F_k(x),  F_k(x) = Σ_{i: v_ki ≤ x} w_i          (w: the combinations' weights)
/// Q(q) = min { v : F(v) ≥ q·Σ_k p_k·W_k }                          (as ``WeightedQuantile``)
/// ```
/// Buckets: the top 16 bits of the value as a Float (sign, exponent and 7 mantissa bits: 16,384
/// buckets below 2, each 0.8 % wide, monotone in the value); values are compared in double
/// precision inside the bucket, so the result is the exact order statistic, not a sketch. A
/// cumulative weight within 1e-12 (relative) of the target counts as reaching it.
struct MixtureQuantile {
  /// One component: values grouped by bucket, their weights, and the cumulative weight up to and
  /// including each bucket.
  struct Component {
    let start: [Int32]
    let values: [Double]
    let weights: [Double]
    /// The combination index of each slot (the values' original positions).
    let order: [Int32]
    let cumulative: [Double]
    var total: Double { cumulative[cumulative.count - 1] }

    static let buckets = 1 << 14

    @inline(__always) static func bucket(_ v: Double) -> Int {
      let b = Int(Float(max(0, v)).bitPattern >> 16)
      return min(b, buckets - 1)
    }

    /// Buckets `values` (non-negative, below 2) with the combinations' `weights`.
    init(values v: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>) {
      let B = Component.buckets
      var count = [Int32](repeating: 0, count: B + 1)
      var cum = [Double](repeating: 0, count: B)
      for i in 0..<v.count {
        let b = Component.bucket(v[i])
        count[b + 1] += 1
        cum[b] += w[i]
      }
      for b in 0..<B { count[b + 1] += count[b] }
      for b in 1..<B { cum[b] += cum[b - 1] }
      var next = count
      var vs = [Double](repeating: 0, count: v.count)
      var ws = [Double](repeating: 0, count: v.count)
      var os = [Int32](repeating: 0, count: v.count)
      for i in 0..<v.count {
        let b = Component.bucket(v[i])
        let j = Int(next[b])
        vs[j] = v[i]
        ws[j] = w[i]
        os[j] = Int32(i)
        next[b] += 1
      }
      start = count
      values = vs
      weights = ws
      order = os
      cumulative = cum
    }
  }

  /// The q-quantiles (ascending q in (0, 1]) of the mixture Σ p_k·component_k.
  static func quantiles(_ parts: [(Component, Double)], qs: [Double]) -> [Double] {
    let total = parts.reduce(0) { $0 + $1.1 * $1.0.total }
    return qs.map { q in
      let target = q * total - 1e-12 * total
      // The first bucket whose cumulative mixture weight reaches the target.
      var lo = 0
      var hi = Component.buckets - 1
      while lo < hi {
        let mid = (lo + hi) / 2
        let f = parts.reduce(0) { $0 + $1.1 * $1.0.cumulative[mid] }
        if f >= target { hi = mid } else { lo = mid + 1 }
      }
      let b = lo
      var acc = b == 0 ? 0 : parts.reduce(0) { $0 + $1.1 * $1.0.cumulative[b - 1] }
      var inside: [(Double, Double)] = []
      for (c, p) in parts {
        for j in Int(c.start[b])..<Int(c.start[b + 1]) { inside.append((c.values[j], p * c.weights[j])) }
      }
      inside.sort { $0.0 < $1.0 }
      for (v, w) in inside {
        acc += w
        if acc >= target { return v }
      }
      return inside.last?.0 ?? 0
    }
  }
}
