import Foundation

/// The probability that a (truncated) lognormal ground motion exceeds a level.
///
/// ```
/// z = (ln x − μ)/σ
/// n = 0 (no truncation):  P(IM > x) = Φ̄(z)
/// n > 0:                  P(IM > x) = [Φ̄(z) − Φ̄(n)] / [1 − 2Φ̄(n)]   for −n < z < n,  1 for z ≤ −n,  0 for z ≥ n
/// ```
/// The residual is truncated on both sides at ±n σ, as OpenQuake's `truncation_level` does
/// (`scipy.stats.truncnorm(−n, n)`); Φ̄ = 1 − Φ is the standard normal survival function.
package struct TruncatedExceedance: Sendable, Equatable {
  /// The truncation level n in σ (0: none).
  package let level: Double
  let tail: Double
  let norm: Double

  package init(level: Double) {
    precondition(level >= 0 && level.isFinite)
    self.level = level
    tail = level > 0 ? Normal.ccdf(level) : 0
    norm = level > 0 ? 1 - 2 * Normal.ccdf(level) : 1
  }

  /// P(ε > z) for the (truncated) standard normal residual ε.
  @inline(__always)
  package func survival(_ z: Double) -> Double {
    if level == 0 { return Normal.ccdf(z) }
    if z >= level { return 0 }
    if z <= -level { return 1 }
    return (Normal.ccdf(z) - tail) / norm
  }

  /// A residual drawn from the (truncated) standard normal by inversion of one uniform u ∈ (0, 1).
  @inline(__always)
  package func sample(_ u: Double) -> Double {
    if level == 0 { return Normal.quantile(u) }
    let p = tail + u * norm  // in (Φ(−n), Φ(n))
    return Normal.quantile(min(max(p, Double.leastNormalMagnitude), 1 - Double.ulpOfOne))
  }
}
