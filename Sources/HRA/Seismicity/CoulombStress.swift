import Foundation

/// Incremental Coulomb stress on the reservoir faults, as a per-cell factor times the
/// (delayed) field depletion.
///
/// ```
/// ΔC(x, t) = κ · F(x) · H(x) · w(x) · D_eff(t) · 0.1      (MPa; D_eff in bar, 0.1 MPa/bar)
///          = s(x) · D_eff(t)
/// ```
/// κ (1/m) lumps the uniaxial compressibility and an effective stiffness per unit length,
/// κ = C_m · E_eff / L (see `Models/seismicity/README.md`); F is the fault-density factor
/// (``FaultDensity``), H the thickness (m, ``ReservoirThickness``), w the depletion weight
/// (``DepletionWeights``). ΔC ≥ 0 because every factor is ≥ 0. Reference: Bourne & Oates
/// (2017, JGR 122, eqs. 4–9): Coulomb stress ∝ compaction (C_m·H·ΔP) × fault geometry, smoothed.
package struct CoulombStress: Sendable {
  /// s(x) = κ·F·H·w·0.1, MPa of Coulomb stress per bar of field depletion.
  package let factor: [Double]

  /// Combines the per-cell fields; all arrays must have the grid's length.
  package init(kappaPerM: Double, faultFactor: [Double], thicknessM: [Double], depletionWeight: [Double]) {
    precondition(kappaPerM >= 0 && faultFactor.count == thicknessM.count && thicknessM.count == depletionWeight.count)
    factor = (0..<faultFactor.count).map { c in
      max(0, kappaPerM * faultFactor[c] * thicknessM[c] * depletionWeight[c] * 0.1)
    }
  }

  /// Creates the stress from a precomputed factor (tests, synthetic grids).
  package init(factor: [Double]) {
    precondition(factor.allSatisfy { $0 >= 0 })
    self.factor = factor
  }

  /// ΔC in a cell for a delayed depletion, MPa.
  @inline(__always) package func stress(cell: Int, effectiveDepletionBar d: Double) -> Double { factor[cell] * d }
}
