import Foundation

/// Field-average reservoir pressure by material balance, and its creep-delayed depletion.
///
/// ```
/// p(t)      = p0 · (1 − Gp(t)/G)                         (p/z material balance, z ≈ 1)
/// D(t)      = p0 − p(t) = p0 · Gp(t)/G                    (depletion, bar)
/// D_eff(t)  = ∫₀^∞ D(t − s) · e^{−s/τ}/τ ds              (compaction-creep delay kernel)
/// ```
/// `Gp` is cumulative production (bcm, ``ProductionPath/cumulative(at:)``), `G` the gas in
/// place (bcm), `p0` the initial pressure (bar). Taking z ≈ 1 makes p (not p/z) linear in
/// Gp; for Groningen gas z varies by a few per cent between 350 and 75 bar, well inside the
/// proxy's uncertainty. With τ = 0 the kernel is the identity. Because production is uniform
/// within each interval, D is piecewise linear and the convolution is integrated exactly:
/// on a step of length h where D goes linearly from D_a with slope g,
/// ```
/// D_eff(a + h) = D(a + h) − gτ + (D_eff(a) − D_a + gτ) · e^{−h/τ}
/// ```
/// Reference: material balance (e.g. Dake, *Fundamentals of Reservoir Engineering*, ch. 1);
/// delay kernel after the compaction-creep (RTiCM) idea in TNO's `models/stresses.py`.
package struct ReservoirPressure: Sendable, Equatable {
  /// Initial reservoir pressure, bar.
  package let initialPressureBar: Double
  /// Gas initially in place, bcm.
  package let gasInPlaceBcm: Double

  /// - Parameters: initial pressure (bar, > 0) and gas in place (bcm, > 0).
  package init(initialPressureBar: Double, gasInPlaceBcm: Double) {
    precondition(initialPressureBar > 0 && gasInPlaceBcm > 0)
    self.initialPressureBar = initialPressureBar
    self.gasInPlaceBcm = gasInPlaceBcm
  }

  /// Field-average pressure after `cumulativeBcm` produced, bar (not clipped below 0).
  package func pressure(cumulativeBcm: Double) -> Double {
    initialPressureBar * (1 - cumulativeBcm / gasInPlaceBcm)
  }

  /// Field-average depletion D(t) = p0 − p(t), bar.
  package func depletion(path: ProductionPath, at t: Double) -> Double {
    initialPressureBar * path.cumulative(at: t) / gasInPlaceBcm
  }

  /// Creep-delayed depletion D_eff at each of `times` (any order), bar.
  /// - Parameters:
  ///   - tau: delay time, years (≥ 0; 0 = no delay).
  /// - Complexity: O((n + k) log(n + k)) for n intervals and k times.
  package func effectiveDepletion(path: ProductionPath, times: [Double], tau: Double) -> [Double] {
    precondition(tau >= 0 && tau.isFinite)
    if tau == 0 { return times.map { depletion(path: path, at: $0) } }
    // Integrate over the union of interval boundaries and query times, in time order.
    let order = times.indices.sorted { times[$0] < times[$1] }
    var out = [Double](repeating: 0, count: times.count)
    let bps = path.breakpoints
    var b = 0
    var tPrev = path.start
    var dPrev = 0.0
    var ePrev = 0.0
    func advance(to t: Double) {
      guard t > tPrev else { return }
      let dNew = depletion(path: path, at: t)
      let h = t - tPrev
      let g = (dNew - dPrev) / h
      let decay = exp(-h / tau)
      ePrev = dNew - g * tau + (ePrev - dPrev + g * tau) * decay
      tPrev = t
      dPrev = dNew
    }
    for k in order {
      let t = times[k]
      while b < bps.count && bps[b] < t {
        advance(to: bps[b])
        b += 1
      }
      advance(to: t)
      out[k] = t <= path.start ? 0 : max(0, ePrev)
    }
    return out
  }
}
