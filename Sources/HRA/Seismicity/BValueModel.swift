import Foundation

/// The Gutenberg–Richter b-value as a function of Coulomb stress or reservoir thickness.
///
/// ```
/// linear_stress:    b = max(b_min, b0 − b_slope·ΔC)                                  (ΔC in MPa)
/// split_thickness:  b = b_thin + (b_thick − b_thin) · ½(1 + tanh((H − H0)/w))       (H in m)
/// ```
/// Reference: Bourne & Oates (2020, JGR 125): b decreases with incremental Coulomb stress;
/// TNO's "split thickness" variant switches b across a reservoir-thickness threshold H0 with
/// a smooth width w. Parameters are fitted by ``Calibration`` (files `bvalue-<rate model>.csv`).
package struct BValueModel: Sendable, Equatable {
  package let b0: Double, bSlope: Double, bMin: Double
  package let bThin: Double, bThick: Double, h0: Double, width: Double

  package init(b0: Double, bSlope: Double, bMin: Double, bThin: Double, bThick: Double, h0: Double, width: Double) {
    precondition(bMin > 0 && width > 0)
    self.b0 = b0
    self.bSlope = bSlope
    self.bMin = bMin
    self.bThin = bThin
    self.bThick = bThick
    self.h0 = h0
    self.width = width
  }

  /// linear_stress b at Coulomb stress ΔC (MPa).
  @inline(__always) package func linearStress(_ stress: Double) -> Double { max(bMin, b0 - bSlope * stress) }

  /// split_thickness b at thickness H (m).
  @inline(__always) package func splitThickness(_ thickness: Double) -> Double {
    max(bMin, bThin + (bThick - bThin) * 0.5 * (1 + tanh((thickness - h0) / width)))
  }

  /// Log-likelihood of magnitudes binned at `width` above `mmin` for per-event b-values
  /// (GR, Mmax ignored): P(bin k) = 10^{−b·k·Δ}·(1 − 10^{−b·Δ}), k = round((m − mmin)/Δ − ½).
  static func binnedLogLikelihood(magnitudeBin k: Int, b: Double, width: Double) -> Double {
    let ln10 = 2.302_585_092_994_045_684
    return -b * ln10 * Double(k) * width + log(-expm1(-b * ln10 * width))
  }
}
