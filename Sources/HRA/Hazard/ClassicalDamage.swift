import Foundation

/// The annual rate and probability of reaching each damage state, by convolving a hazard curve
/// with lognormal fragility functions as OpenQuake's `classical_damage` does
/// (`openquake/risklib/scientific.py`, `classical_damage`).
///
/// ```
/// λ_l = λ(x_l)                                         exceedance rates at the levels (OpenQuake: −ln(1 − PoE_l)/t)
/// ν_l = ½(λ_{l−1} + λ_l) − ½(λ_l + λ_{l+1}),  λ_{−1} = λ_0,  λ_L = λ_{L−1}    occurrence rate near x_l
/// λ_d = Σ_l ν_l · P(DS ≥ d | x_l)                       annual rate of reaching damage state d
/// P_d = 1 − exp(−λ_d)                                   annual probability (Poisson, one year)
/// ```
/// ν_l is the rate of intensities between the midpoints of the levels around x_l (the midpoints
/// taken in rate), so Σ_l ν_l = λ_0 − λ_{L−1}: intensities below the first level and above the
/// last are ignored, like OpenQuake. The sum is a midpoint-rule integral of −dλ/dx·P(DS ≥ d | x)
/// over the level grid: second-order accurate in the log spacing (ratio 1.25 by default,
/// `Models/hazard/levels.csv`). OpenQuake then reports the probability of being *in* each
/// state, P_d − P_{d+1}; this type reports the rate and probability of *reaching* (at least) each state.
package enum ClassicalDamage {
  /// The occurrence rates ν_l of a hazard curve's rates λ_l.
  package static func occurrence(_ rates: [Double]) -> [Double] {
    let L = rates.count
    guard L > 1 else { return [Double](repeating: 0, count: L) }
    var out = [Double](repeating: 0, count: L)
    for l in 0..<L {
      let prev = rates[max(0, l - 1)]
      let next = rates[min(L - 1, l + 1)]
      out[l] = 0.5 * (prev + rates[l]) - 0.5 * (rates[l] + next)
    }
    return out
  }

  /// Damage-state rates per site: `[s·D + j]`, columns in typology-major order (each typology's
  /// states in file order), from the curves of each typology's IMT. `curves[i]` are the rates
  /// `[s·L + l]` at `imts[i].levels`; every typology's IMT must be among `imts`.
  ///
  /// One BLAS dgemm per IMT: (sites × L)·(L × D_i), with ν computed per site.
  package static func rates(
    curves: [[Double]], imts: [(imt: IntensityMeasure, levels: [Double])], fragility: LognormalFragility, sites: Int
  ) -> [Double] {
    var columns: [(imt: Int, typology: Int, state: Int)] = []
    for (t, ty) in fragility.typologies.enumerated() {
      let i = imts.firstIndex { $0.imt == ty.imt }!
      for d in 0..<ty.states.count { columns.append((i, t, d)) }
    }
    let D = columns.count
    var out = [Double](repeating: 0, count: sites * D)
    for (i, spec) in imts.enumerated() {
      let cols = columns.enumerated().filter { $0.element.imt == i }
      guard !cols.isEmpty else { continue }
      let L = spec.levels.count
      // F[l, j] = P(DS ≥ d_j | x_l)
      var f = [Double](repeating: 0, count: L * cols.count)
      for l in 0..<L {
        for (j, c) in cols.enumerated() {
          f[l * cols.count + j] = fragility.probability(
            typology: c.element.typology, state: c.element.state, intensity: spec.levels[l])
        }
      }
      var nu = [Double](repeating: 0, count: sites * L)
      for s in 0..<sites {
        let o = occurrence(Array(curves[i][(s * L)..<((s + 1) * L)]))
        for l in 0..<L { nu[s * L + l] = o[l] }
      }
      let r = LinearAlgebra.multiply(nu, f, m: sites, k: L, n: cols.count)
      for s in 0..<sites {
        for (j, c) in cols.enumerated() { out[s * D + c.offset] = max(0, r[s * cols.count + j]) }
      }
    }
    return out
  }

  /// The annual probability of at least one occurrence at annual rate λ: 1 − exp(−λ).
  package static func probability(rate: Double) -> Double { -expm1(-rate) }
}
