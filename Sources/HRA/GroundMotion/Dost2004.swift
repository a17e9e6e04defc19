import Foundation

/// Dost, Van Eck & Haak (2004): PGA and PGV of induced earthquakes in the Netherlands, the
/// relation KNMI used for the Groningen field.
///
/// ```
/// log10 Y = c0 + c1·M + c2·R + c3·log10 R        R = R_hyp [km], M = M_L
/// PGA: c0 −1.41, c1 0.57, PGV: c0 −1.53, c1 0.74; both c2 −0.00139, c3 −1.33, σ 0.33 (log10)
/// ```
/// Y is PGA in m/s² (converted to g) or PGV in cm/s, the mean horizontal component; σ is total
/// (not split into τ and φ). Uniform reference site (no zonation). Reference: Dost, B., Van Eck,
/// T. & Haak, H. (2004), "Scaling of peak ground acceleration and peak ground velocity recorded
/// in the Netherlands", Bollettino di Geofisica Teorica ed Applicata 45(3), 153–168, the new
/// scaling relation for the Netherlands (coefficients as transcribed by OpenQuake,
/// `openquake/hazardlib/gsim/dost_2004.py`, `DostEtAl2004`). Data:
/// `Models/gmm/dost2004/coefficients.csv` (see its README).
package struct Dost2004: GenericGroundMotionModel {
  package let coefficients: [IntensityMeasure: PeakMotionEquation]
  package let file: String

  package init(directory: String) throws {
    file = directory + "/coefficients.csv"
    coefficients = try PeakMotionEquation.read(path: file, quadratic: false, split: false)
  }

  package var name: String { "dost2004" }
  package var imts: [IntensityMeasure] { coefficients.keys.sorted() }
  package var distance: GroundMotionDistance { .hypocentral }
  package var files: [String] { [file] }

  package func moments(_ imt: IntensityMeasure, magnitude m: Double, distanceKm r: Double) -> GroundMotionMoments {
    coefficients[imt]!.moments(magnitude: m, distanceKm: r)
  }
}

extension Dost2004 {
  /// What the model reads and gives: M_L, R_hyp; PGA [g] and PGV [cm/s] at a uniform reference site.
  package static let requirements = ModelRequirements(
    rupture: ["magnitude"], distances: ["R_hyp"], offers: ["PGA", "PGV"])

  /// The registry entry (`[gmm] model = dost2004` of `hra generic-hazard`).
  package static let entry = ModelEntry<any GenericGroundMotionModel>(
    kind: .genericGMM, name: "dost2004",
    summary:
      "Dost, Van Eck & Haak (2004): PGA, PGV of induced earthquakes in the Netherlands, total sigma 0.33 log10",
    folder: "gmm/dost2004", requires: requirements,
    load: { models in try Dost2004(directory: models + "/gmm/dost2004") })
}
