import Foundation

/// Expected numbers of earthquakes per gas year, source cell and magnitude bin.
///
/// ```
/// rates[(yearIndex·cellCount + cell)·bins.count + bin] = N_Mmin(year, cell) · P(bin | b(year, cell), Mmax)
/// ```
/// Produced by ``SeismicityModel/eventRates(path:gasYears:branch:)``. `mminRates` and
/// `bValues` keep the per-(year, cell) totals and b-values so exceedance probabilities at
/// magnitudes inside a bin are exact.
package struct EventRates: Sendable {
  /// Gas years (y for gas year y/y+1, i.e. [y + 0.75, y + 1.75)).
  package let gasYears: [Int]
  /// Number of source cells.
  package let cellCount: Int
  /// Magnitude bins.
  package let bins: MagnitudeBins
  /// Expected event counts, flat: year-major, then cell, then bin.
  package let rates: [Double]
  /// Expected M ≥ Mmin counts per (year, cell): `mminRates[yearIndex·cellCount + cell]`.
  package let mminRates: [Double]
  /// GR b-value per (year, cell), same layout as `mminRates`.
  package let bValues: [Double]
  /// The branch's Mmax and the model's Mmin.
  package let mmax: Double
  package let mmin: Double

  /// Expected number of M ≥ Mmin events over the field in a gas year.
  package func totalRate(yearIndex: Int) -> Double {
    let base = yearIndex * cellCount
    var s = 0.0
    for c in 0..<cellCount { s += mminRates[base + c] }
    return s
  }

  /// Expected number of events in one (year, cell, bin).
  @inline(__always) package func rate(yearIndex: Int, cell: Int, bin: Int) -> Double {
    rates[(yearIndex * cellCount + cell) * bins.count + bin]
  }

  /// Expected number of events with M ≥ m over the field in a gas year (continuous magnitude).
  package func expectedCount(atLeast m: Double, yearIndex: Int) -> Double {
    let base = yearIndex * cellCount
    var s = 0.0
    for c in 0..<cellCount where mminRates[base + c] > 0 {
      s += mminRates[base + c] * MagnitudeDistribution(b: bValues[base + c], mmin: mmin, mmax: mmax).ccdf(m)
    }
    return s
  }

  /// Probability of at least one event with M ≥ m in the field in a gas year (Poisson).
  ///
  /// ```
  /// P = 1 − exp(−Σ_cells N(≥ m))
  /// ```
  /// `m` is a continuous magnitude: a catalogue ML of 3.6 (reported to 0.1) corresponds to
  /// m ≥ 3.55.
  package func probabilityOfAtLeast(magnitude m: Double, yearIndex: Int) -> Double {
    -expm1(-expectedCount(atLeast: m, yearIndex: yearIndex))
  }
}
