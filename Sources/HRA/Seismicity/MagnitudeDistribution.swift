import Foundation

/// The truncated Gutenberg–Richter magnitude distribution.
///
/// ```
/// v(m)    = 10^{−b (m − Mmin)}
/// CCDF(m) = (v(m) − v(Mmax)) / (1 − v(Mmax))     Mmin ≤ m ≤ Mmax;  1 below Mmin, 0 above Mmax
/// P(bin)  = CCDF(lo) − CCDF(hi)
/// ```
/// Reference: Bourne & Oates (2020, JGR 125, eq. 3) without the taper; HRA.md §2.4.
package struct MagnitudeDistribution: Sendable, Equatable {
  /// GR b-value (> 0).
  package let b: Double
  /// Minimum magnitude Mmin.
  package let mmin: Double
  /// Maximum magnitude Mmax (> Mmin).
  package let mmax: Double

  package init(b: Double, mmin: Double, mmax: Double) {
    precondition(b > 0 && mmax > mmin)
    self.b = b
    self.mmin = mmin
    self.mmax = mmax
  }

  /// P(M ≥ m).
  package func ccdf(_ m: Double) -> Double {
    if m <= mmin { return 1 }
    if m >= mmax { return 0 }
    let vmax = pow(10, -b * (mmax - mmin))
    return (pow(10, -b * (m - mmin)) - vmax) / (1 - vmax)
  }

  /// Bin probabilities (CCDF(lo) − CCDF(hi)); the bin containing Mmax gets the partial mass,
  /// bins above it 0. Sums to 1 when the bins span [Mmin, Mmax].
  package func binProbabilities(_ bins: MagnitudeBins) -> [Double] {
    var out = [Double](repeating: 0, count: bins.count)
    out.withUnsafeMutableBufferPointer {
      Self.fill(b: b, mmin: mmin, mmax: mmax, bins: bins, scale: 1, into: $0.baseAddress!)
    }
    return out
  }

  /// Writes scale·P(bin) for every bin into `out` (hot path: one `pow` per call, edges by recurrence).
  @inline(__always)
  static func fill(
    b: Double, mmin: Double, mmax: Double, bins: MagnitudeBins, scale: Double, into out: UnsafeMutablePointer<Double>
  ) {
    let vmax = pow(10, -b * (mmax - mmin))
    let norm = scale / (1 - vmax)
    let q = pow(10, -b * bins.width)
    var v = pow(10, -b * (bins.lower - mmin))
    var cPrev = bins.lower <= mmin ? 1.0 : max(0, (v - vmax) / (1 - vmax))
    var cPrevScaled = cPrev * scale
    for k in 0..<bins.count {
      v *= q
      let hi = bins.lower + Double(k + 1) * bins.width
      let cScaled: Double = hi >= mmax ? 0 : max(0, (v - vmax) * norm)
      out[k] = max(0, cPrevScaled - cScaled)
      cPrevScaled = cScaled
      cPrev = cScaled
    }
    _ = cPrev
  }
}
