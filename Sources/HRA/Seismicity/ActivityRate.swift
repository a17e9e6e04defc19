import Foundation

/// The activity-rate model: expected number of events with M ≥ Mmin in a cell between two times.
///
/// ```
/// N(x; t1, t2) = A_cell · e^{θ0} · (e^{θ1·ΔC(x,t2)} − e^{θ1·ΔC(x,t1)})
/// ```
/// A_cell in km², θ0 = ln(events per km²), θ1 in 1/MPa, ΔC in MPa (``CoulombStress``).
/// Reference: Bourne & Oates (2017, JGR 122, eq. 12) and Bourne & Oates (2020, "Stress-dependent
/// magnitudes of induced earthquakes in the Groningen gas field", JGR 125); TNO `models/rates.py`.
/// (The ρ(x) factor of HRA.md §2.3 is carried inside ΔC through the fault factor F.)
package struct ActivityRate: Sendable, Equatable {
  /// ln of the productivity per km², θ0.
  package let theta0: Double
  /// Stress sensitivity θ1, 1/MPa.
  package let theta1: Double

  package init(theta0: Double, theta1: Double) {
    precondition(theta0.isFinite && theta1.isFinite && theta1 >= 0)
    self.theta0 = theta0
    self.theta1 = theta1
  }

  /// Expected number of M ≥ Mmin events in a cell of `areaKm2` while ΔC goes from `stress1` to
  /// `stress2` (MPa). Non-negative (clipped at 0 if stress decreases).
  @inline(__always)
  package func expectedCount(areaKm2: Double, stress1: Double, stress2: Double) -> Double {
    guard stress2 > stress1 else { return 0 }
    // e^{a} − e^{b} = e^{b}·expm1(a − b), accurate for small increments.
    return areaKm2 * exp(theta0 + theta1 * stress1) * expm1(theta1 * (stress2 - stress1))
  }
}
