/// A ground-motion model at the NS_B reference horizon: what the surface-motion integration
/// requires of it.
///
/// Requires: magnitude Mw and rupture distance R_rup [km]. Provides, for its periods (the
/// periods of the AvgSa the fragility models use, 0.01 … 1.0 s, PGA ≈ Sa(0.01 s)):
/// ln Sa [cm/s²] of a median branch, the total σ of the arbitrary horizontal component
/// (τ² + φ_ss² + σ²_c2c) of a (τ, φ_ss) branch pair, and the period-to-period correlation of
/// the residuals. One implementation per version: ``GMMV7`` (Bommer et al. 2021), ``GMMV6``
/// (Bommer et al. 2019; also reads the V5 tables of Bommer et al. 2017, same functional form).
/// Each declares its ``ModelAnatomy/requirements`` and has a registry entry
/// (``GroundMotionRegistry/groningen``) that loads it with its site response and branch sets.
package protocol GroundMotionModel: ModelAnatomy, Sendable {
  /// The version label, e.g. "V7".
  var version: String { get }
  /// The periods [s], ascending; index 0 is the PGA proxy (0.01 s).
  var periods: [Double] { get }
  /// Correlation of ln Sa residuals between periods, row-major n×n (validated positive definite).
  var periodCorrelation: [Double] { get }
  /// ln Sa [cm/s²] of median branch `branch` for every period into `out`.
  func lnMedian(magnitude m: Double, rrup r: Double, branch: Int, into out: UnsafeMutablePointer<Double>)
  /// σ [ln units] of the arbitrary component for every period into `out`.
  func sigmaArbitrary(
    magnitude m: Double, rrup r: Double, tauBranch: Int, phiBranch: Int, into out: UnsafeMutablePointer<Double>)
  /// σ [ln units] of the geometric mean of the two horizontal components, √(τ² + φ_ss²)
  /// (no component-to-component variance), for every period into `out`.
  func sigmaGeometricMean(
    magnitude m: Double, rrup r: Double, tauBranch: Int, phiBranch: Int, into out: UnsafeMutablePointer<Double>)
  /// The between-event standard deviation τ [ln units] of a τ branch for every period into `out`
  /// (the part of σ shared by all sites of one earthquake; group risk splits σ with it).
  func betweenEventSigma(tauBranch: Int, into out: UnsafeMutablePointer<Double>)
}

extension GMMV7: GroundMotionModel {
  package var version: String { "V7" }
  package func betweenEventSigma(tauBranch: Int, into out: UnsafeMutablePointer<Double>) {
    for (k, t) in tau[tauBranch].enumerated() { out[k] = t }
  }
}
