import Foundation

/// One hazard curve: the annual rate at which each intensity level is exceeded.
///
/// ```
/// λ(x)  = Σ_ruptures ν · P(IM > x | rupture)        annual exceedance rate [1/yr]
/// P₁(x) = 1 − exp(−λ(x))                             Poisson probability of exceedance in one year
/// x(T)  : λ(x(T)) = 1/T                              level with return period T [yr]
/// ```
/// The level with a return period is interpolated linearly in (ln x, ln λ) between the two
/// levels whose rates bracket 1/T (the curve is close to a power law there; OpenQuake's
/// `compute_hazard_maps` interpolates the same way in log-log space). Where the whole curve is
/// below 1/T the level is 0 (the return period is never reached); where even the lowest level
/// is exceeded more often, the lowest level is a lower bound and is returned with `clipped`.
package struct HazardCurve: Sendable, Equatable {
  package let levels: [Double]
  package let rates: [Double]

  package init(levels: [Double], rates: [Double]) {
    precondition(levels.count == rates.count)
    self.levels = levels
    self.rates = rates
  }

  /// Poisson probability of at least one exceedance in `years` years.
  package func probabilities(years: Double = 1) -> [Double] { rates.map { -expm1(-$0 * years) } }

  /// The level exceeded at annual rate `rate` (log-log interpolation; see the type's comment).
  package static func level(rate target: Double, levels: [Double], rates: [Double]) -> (level: Double, clipped: Bool) {
    precondition(target > 0 && levels.count == rates.count && !levels.isEmpty)
    if rates[0] < target { return (0, false) }
    for i in 1..<levels.count where rates[i] < target {
      let r0 = rates[i - 1]
      let r1 = rates[i]
      if r1 <= 0 {
        // Rate drops to zero: interpolate ln x linearly in λ on this last interval.
        let f = (r0 - target) / r0
        return (exp(log(levels[i - 1]) + f * (log(levels[i]) - log(levels[i - 1]))), false)
      }
      let f = (log(r0) - log(target)) / (log(r0) - log(r1))
      return (exp(log(levels[i - 1]) + f * (log(levels[i]) - log(levels[i - 1]))), false)
    }
    return (levels[levels.count - 1], true)
  }

  /// The level with return period `years` (annual rate 1/T).
  package func level(returnPeriod years: Double) -> (level: Double, clipped: Bool) {
    HazardCurve.level(rate: 1 / years, levels: levels, rates: rates)
  }

  /// Parses return periods (`475,2475`): each a finite number > 0.
  package static func returnPeriods(_ text: String, source: String) throws -> [Double] {
    var out: [Double] = []
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      let s = item.trimmingCharacters(in: .whitespaces)
      guard let v = Double(s), v.isFinite, v > 0 else {
        throw InputError(
          file: source, field: "return_periods", "a return period must be a number of years > 0 (got '\(s)')")
      }
      out.append(v)
    }
    return out
  }
}
