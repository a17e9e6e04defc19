import Foundation

/// Bounded-memory percentiles of many equally weighted samples per building and year: counts
/// in logarithmic bins, so memory grows with buildings × years × bins, not with samples.
///
/// ```
/// bin(v) = ⌊(log10 v − log10 v_min)·b⌋ (b bins per decade), values below v_min in bin 0
/// Q(q): k = ⌈q·S⌉; the bin holding the k-th smallest sample; within it, the value at
///       rank position (r − ½)/n_bin interpolated geometrically between the bin edges
/// ```
/// With 50 bins per decade a bin spans 4.7 %, which bounds the error of a percentile against
/// the exact type-1 quantile of the same samples (tests check it). The norm 1e-5 is a bin edge
/// (for v_min a power of ten), so "above the norm" is decided exactly from the counts, and the
/// bootstrap distribution of a building's category (resampling the logic-tree samples) has
/// the closed form used in ``categoryStability(count:norm:)``.
package final class QuantileSketch: @unchecked Sendable {
  package let cells: Int
  package let binsPerDecade: Int
  package let bins: Int
  package let log10Min: Double
  /// `counts[cell * bins + bin]`; cells are updated by one worker at a time (disjoint cells).
  let counts: UnsafeMutablePointer<UInt16>
  /// Samples per cell.
  let total: UnsafeMutablePointer<UInt32>

  package init(cells: Int, vMin: Double = 1e-12, vMax: Double = 1e-1, binsPerDecade: Int = 50) {
    self.cells = cells
    self.binsPerDecade = binsPerDecade
    log10Min = log10(vMin)
    bins = Int((log10(vMax) - log10(vMin)).rounded()) * binsPerDecade + 1  // last bin collects everything above vMax
    counts = .allocate(capacity: max(1, cells * bins))
    counts.initialize(repeating: 0, count: cells * bins)
    total = .allocate(capacity: max(1, cells))
    total.initialize(repeating: 0, count: cells)
  }

  deinit {
    counts.deallocate()
    total.deallocate()
  }

  /// Memory held by the counts [bytes].
  package var byteCount: Int { cells * bins * 2 + cells * 4 }

  @inline(__always) func bin(_ v: Double) -> Int {
    if !(v > 0) { return 0 }
    let x = (log10(v) - log10Min) * Double(binsPerDecade)
    if x < 0 { return 0 }
    return min(bins - 1, Int(x))
  }

  /// Adds one sample value to a cell (at most 65,535 samples per cell).
  @inline(__always) package func add(_ v: Double, cell: Int) {
    counts[cell * bins + bin(v)] &+= 1
    total[cell] &+= 1
  }

  /// The lower edge of a bin.
  @inline(__always) func edge(_ b: Double) -> Double { pow(10, log10Min + b / Double(binsPerDecade)) }

  /// The q-quantile of a cell's samples.
  package func quantile(cell: Int, q: Double) -> Double {
    let n = Int(total[cell])
    if n == 0 { return 0 }
    let k = max(1, Int((q * Double(n) - 1e-9).rounded(.up)))
    var c = 0
    let base = cell * bins
    for b in 0..<bins {
      let nb = Int(counts[base + b])
      if c + nb >= k {
        if b == 0 { return edge(0) * 0 }  // below v_min: reported as 0
        let r = Double(k - c)
        let f = (r - 0.5) / Double(nb)
        return edge(Double(b) + f)
      }
      c += nb
    }
    return edge(Double(bins))
  }

  /// The number of a cell's samples at or below `norm` (exact when `norm` is a bin edge).
  package func countAtOrBelow(cell: Int, norm: Double) -> Int {
    let e = Int(((log10(norm) - log10Min) * Double(binsPerDecade)).rounded())
    let base = cell * bins
    var c = 0
    for b in 0..<min(e, bins) { c += Int(counts[base + b]) }
    return c
  }

  /// Probability that resampling the cell's samples (bootstrap) gives a different category
  /// than the samples themselves: with N ~ Binomial(S, p̂) the number of resampled values at
  /// or below the norm, the category is verhoogd if N < ⌈S/2⌉, licht verhoogd if N < ⌈0.9·S⌉,
  /// normaal otherwise.
  package func categoryStability(cell: Int, norm: Double, p50 q50: Double = 0.5, p90 q90: Double = 0.9) -> (
    category: RiskCategory, flipProbability: Double
  ) {
    let s = Int(total[cell])
    let below = countAtOrBelow(cell: cell, norm: norm)
    let k50 = Int((q50 * Double(s) - 1e-9).rounded(.up))
    let k90 = Int((q90 * Double(s) - 1e-9).rounded(.up))
    func cat(_ n: Int) -> RiskCategory { n < k50 ? .verhoogd : (n < k90 ? .lichtVerhoogd : .normaal) }
    let observed = cat(below)
    let p = Double(below) / Double(max(s, 1))
    // Binomial pmf by recurrence in log space.
    var stay = 0.0
    let lp = log(max(p, 1e-300))
    let lq = log(max(1 - p, 1e-300))
    for n in 0...s where cat(n) == observed {
      if p == 0 {
        stay += n == 0 ? 1 : 0
        continue
      }
      if p == 1 {
        stay += n == s ? 1 : 0
        continue
      }
      let lc = lgamma(Double(s + 1)) - lgamma(Double(n + 1)) - lgamma(Double(s - n + 1))
      stay += exp(lc + Double(n) * lp + Double(s - n) * lq)
    }
    return (observed, max(0, min(1, 1 - stay)))
  }
}
