import Foundation

/// The adaptation of Dost et al. (2004) to larger magnitudes by Bommer et al. (2013), with a
/// magnitude-squared term and σ split into between-event τ and within-event φ.
///
/// ```
/// log10 Y = c0 + c1·M + c1e·(M − 4.5)² + c2·R + c3·log10 R        R = R_hyp [km]
/// PGA: c0 −1.6090, c1 0.6140, c1e −0.1116;  PGV: c0 −1.3972, c1 0.7105, c1e −0.0829
/// c2 −0.00139, c3 −1.33;  τ 0.1476, φ 0.2952, σ = √(τ² + φ²) 0.33 (log10)
/// ```
/// Units as ``Dost2004`` (PGA m/s² → g, PGV cm/s). Reference: Bommer, J.J. et al. (2013), report
/// to NAM on a ground-motion prediction model for induced earthquakes in Groningen (the "Dost et
/// al. (2004) model adapted for higher magnitudes"); the coefficients are
/// OpenQuake's transcription (`openquake/hazardlib/gsim/dost_2004.py`,
/// `DostEtAl2004BommerAdaptation`) and could not be checked against the report itself (see
/// `Models/gmm/bommer2013/README.md`). Data: `Models/gmm/bommer2013/coefficients.csv`.
package struct Bommer2013: GenericGroundMotionModel {
  package let coefficients: [IntensityMeasure: PeakMotionEquation]
  package let file: String

  package init(directory: String) throws {
    file = directory + "/coefficients.csv"
    coefficients = try PeakMotionEquation.read(path: file, quadratic: true, split: true)
  }

  package var name: String { "bommer2013" }
  package var imts: [IntensityMeasure] { coefficients.keys.sorted() }
  package var distance: GroundMotionDistance { .hypocentral }
  package var files: [String] { [file] }

  package func moments(_ imt: IntensityMeasure, magnitude m: Double, distanceKm r: Double) -> GroundMotionMoments {
    coefficients[imt]!.moments(magnitude: m, distanceKm: r)
  }
}

extension Bommer2013 {
  /// What the model reads and gives: M, R_hyp; PGA [g] and PGV [cm/s] at a uniform reference site.
  package static let requirements = ModelRequirements(
    rupture: ["magnitude"], distances: ["R_hyp"], offers: ["PGA", "PGV"])

  /// The registry entry (`[gmm] model = bommer2013` of `hra generic-hazard`).
  package static let entry = ModelEntry<any GenericGroundMotionModel>(
    kind: .genericGMM, name: "bommer2013",
    summary:
      "Bommer et al. (2013): Dost et al. (2004) adapted to larger magnitudes, sigma split into tau and phi",
    folder: "gmm/bommer2013", requires: requirements,
    load: { models in try Bommer2013(directory: models + "/gmm/bommer2013") })
}
