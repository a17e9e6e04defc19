import Foundation

/// The log10 peak-motion equation shared by Dost et al. (2004) and its adaptation by Bommer et
/// al. (2013): one row of coefficients per IMT.
///
/// ```
/// log10 Y = c0 + c1·M + c1e·(M − 4.5)² + c2·R + c3·log10 R        R = R_hyp [km]
/// ln Y[unit] = ln(10)·log10 Y − ln(scale)                           scale = 9.80665 for m/s² → g, 1 for cm/s
/// σ_ln = ln(10)·σ_log10   (the same for τ and φ)
/// ```
/// `c1e = 0` gives Dost et al. (2004); the quadratic term and the hinge 4.5 are Bommer et al.'s
/// (2013) extension to larger magnitudes (as transcribed by OpenQuake's `DostEtAl2004BommerAdaptation`).
/// g = 9.80665 m/s² is the standard gravity (3rd CGPM, 1901), as OpenQuake converts.
package struct PeakMotionEquation: Sendable, Equatable {
  package var c0: Double
  package var c1: Double
  package var c1e: Double
  package var c2: Double
  package var c3: Double
  /// log10 standard deviations (τ, φ optional).
  package var sigma: Double
  package var tau: Double?
  package var phi: Double?
  /// The model's unit divided by the level unit (9.80665 for m/s² → g; 1 for cm/s).
  package var scale: Double

  /// The magnitude of the quadratic term's hinge (Bommer et al. 2013).
  package static let hinge = 4.5
  /// Standard gravity [m/s²].
  package static let standardGravity = 9.80665

  @inline(__always)
  package func moments(magnitude m: Double, distanceKm r: Double) -> GroundMotionMoments {
    let dm = m - PeakMotionEquation.hinge
    let log10Y = c0 + c1 * m + c1e * dm * dm + c2 * r + c3 * log10(r)
    let ln10 = M_LN10
    return GroundMotionMoments(
      lnMedian: ln10 * log10Y - log(scale), tau: tau.map { ln10 * $0 }, phi: phi.map { ln10 * $0 }, sigma: ln10 * sigma)
  }

  /// Reads a coefficient table: columns `imt, c0, c1, [c1e], c2, c3, sigma, [tau, phi], unit`;
  /// `imt` PGA (unit `m/s2`, `cm/s2` or `g`) or PGV (`cm/s`); σ's > 0 and τ² + φ² = σ² to 1e-3
  /// (the published values are rounded).
  package static func read(path: String, quadratic: Bool, split: Bool) throws -> [IntensityMeasure: PeakMotionEquation]
  {
    let t = try CSVTable(contentsOf: path)
    try t.require(
      ["imt", "c0", "c1", "c2", "c3", "sigma", "unit"] + (quadratic ? ["c1e"] : []) + (split ? ["tau", "phi"] : []))
    var out: [IntensityMeasure: PeakMotionEquation] = [:]
    for row in t.rows {
      let s = try t.string(row, "imt")
      guard let imt = IntensityMeasure(s), imt == .pga || imt == .pgv else {
        throw t.error(row, "imt", "unknown or unsupported intensity measure '\(s)' (PGA or PGV)")
      }
      guard out[imt] == nil else { throw t.error(row, "imt", "\(imt) given twice") }
      let unit = try t.string(row, "unit")
      let scale: Double
      switch (imt, unit) {
      case (.pga, "m/s2"): scale = standardGravity
      case (.pga, "cm/s2"): scale = 100 * standardGravity
      case (.pga, "g"), (.pgv, "cm/s"): scale = 1
      case (.pgv, "m/s"): scale = 0.01
      default:
        throw t.error(row, "unit", "unit '\(unit)' does not fit \(imt) (PGA: m/s2, cm/s2 or g; PGV: cm/s or m/s)")
      }
      let sigma = try t.double(row, "sigma")
      guard sigma > 0 else { throw t.error(row, "sigma", "σ must be > 0 (got \(sigma))") }
      var e = PeakMotionEquation(
        c0: try t.double(row, "c0"), c1: try t.double(row, "c1"), c1e: quadratic ? try t.double(row, "c1e") : 0,
        c2: try t.double(row, "c2"), c3: try t.double(row, "c3"), sigma: sigma, tau: nil, phi: nil, scale: scale)
      if split {
        let tau = try t.double(row, "tau")
        let phi = try t.double(row, "phi")
        guard tau > 0 else { throw t.error(row, "tau", "τ must be > 0 (got \(tau))") }
        guard phi > 0 else { throw t.error(row, "phi", "φ must be > 0 (got \(phi))") }
        guard abs((tau * tau + phi * phi).squareRoot() - sigma) <= 1e-3 else {
          throw t.error(row, "sigma", "σ = \(sigma) is not √(τ² + φ²) = \((tau * tau + phi * phi).squareRoot())")
        }
        e.tau = tau
        e.phi = phi
      }
      out[imt] = e
    }
    guard !out.isEmpty else { throw InputError(file: path, "no coefficient rows") }
    return out
  }
}
