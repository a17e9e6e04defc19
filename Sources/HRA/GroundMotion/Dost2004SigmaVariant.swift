import Foundation

/// A sensitivity variant of Dost et al. (2004): its medians with another total σ per intensity
/// measure, read from `Models/gmm/dost2004-phi/sigma.csv` (0.2952 log10, the within-event φ of
/// Bommer et al. 2013, instead of 0.33). Not a published model (see the folder's README).
///
/// Requires: magnitude M_L, hypocentral distance R_hyp [km]. Computes, as ``Dost2004``:
/// ```
/// log10 Y = c0 + c1·M + c2·R + c3·log10 R        (Dost et al. 2004)
/// ln Y[unit] = ln(10)·log10 Y − ln(scale),   σ_ln = ln(10)·σ_variant
/// ```
/// Reference: Dost, B., Van Eck, T. & Haak, H. (2004), Bollettino di Geofisica Teorica ed
/// Applicata 45(3), 153–168; σ: Bommer, J.J. et al. (2013), report to NAM (OpenQuake's
/// transcription, `DostEtAl2004BommerAdaptation`).
package struct Dost2004SigmaVariant: GenericGroundMotionModel {
  /// Dost et al. (2004) with σ replaced, per intensity measure.
  package let coefficients: [IntensityMeasure: PeakMotionEquation]
  package let files: [String]

  /// Reads the Dost et al. (2004) coefficients of `Models/gmm/dost2004` and the σ of
  /// `Models/gmm/dost2004-phi/sigma.csv` (columns `imt, sigma`; one row per IMT of the base model).
  /// - Throws: ``InputError`` naming file, line and field for an IMT the base model lacks or
  ///   given twice, σ ≤ 0, or a base IMT without a σ.
  package init(models: String) throws {
    let base = try Dost2004(directory: models + "/gmm/dost2004")
    let path = models + "/gmm/dost2004-phi/sigma.csv"
    let t = try CSVTable(contentsOf: path)
    try t.require(["imt", "sigma"])
    var out: [IntensityMeasure: PeakMotionEquation] = [:]
    for row in t.rows {
      let s = try t.string(row, "imt")
      guard let imt = IntensityMeasure(s), var e = base.coefficients[imt] else {
        throw t.error(row, "imt", "'\(s)' is not an intensity measure of Dost et al. (2004) (PGA, PGV)")
      }
      guard out[imt] == nil else { throw t.error(row, "imt", "\(imt) given twice") }
      let sigma = try t.double(row, "sigma")
      guard sigma > 0 else { throw t.error(row, "sigma", "σ must be > 0 (got \(sigma))") }
      e.sigma = sigma
      out[imt] = e
    }
    if let lacking = base.coefficients.keys.sorted().first(where: { out[$0] == nil }) {
      throw InputError(file: path, field: "imt", "no σ for \(lacking)")
    }
    coefficients = out
    files = [base.file, path]
  }

  package var name: String { "dost2004-phi" }
  package var imts: [IntensityMeasure] { coefficients.keys.sorted() }
  package var distance: GroundMotionDistance { .hypocentral }
  /// As ``Dost2004``: M_L, R_hyp; PGA [g] and PGV [cm/s].
  package static var requirements: ModelRequirements { Dost2004.requirements }

  package func moments(_ imt: IntensityMeasure, magnitude m: Double, distanceKm r: Double) -> GroundMotionMoments {
    coefficients[imt]!.moments(magnitude: m, distanceKm: r)
  }

  /// The registry entry (`[gmm] model = dost2004-phi` of `hra generic-hazard`).
  package static let entry = ModelEntry<any GenericGroundMotionModel>(
    kind: .genericGMM, name: "dost2004-phi",
    summary:
      "sensitivity variant: Dost et al. (2004) medians with sigma 0.2952 log10 (the within-event phi of Bommer et al. 2013), not a published model",
    folder: "gmm/dost2004-phi", reads: ["gmm/dost2004-phi", "gmm/dost2004/coefficients.csv"],
    requires: requirements,
    load: { models in try Dost2004SigmaVariant(models: models) })
}
