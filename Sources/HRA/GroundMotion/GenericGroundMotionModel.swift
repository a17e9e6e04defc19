import Foundation

/// A ground-motion model for the generic (cross-code) hazard calculation: uniform reference
/// site, one distance, magnitude; the mean and standard deviations of ln IM.
///
/// The anatomy follows OpenQuake's GSIMs: what the model requires is declared (`distance`,
/// `imts`, and as data ``ModelAnatomy/requirements``, checked against them by the registry tests),
/// one evaluation fills the moments, units are converted at the end. Medians are in the
/// units of ``IntensityMeasure/unit`` (g for PGA, cm/s for PGV), standard deviations in natural-log
/// units.
///
/// It is the generic sub-kind of ground motion, a protocol beside ``GroundMotionModel`` rather
/// than a refinement of it: a generic model gives one intensity measure at a time (PGA, PGV) at a
/// uniform reference site, as scalar moments, whereas the Groningen models fill per-period arrays
/// of ln Sa at the NS_B horizon for a site-response model to take to the surface. Both refine
/// ``ModelAnatomy`` and are listed in ``GroundMotionRegistry`` (`generic`, `groningen`).
package protocol GenericGroundMotionModel: ModelAnatomy, Sendable {
  /// The model's name as in configurations (`dost2004`, `bommer2013`).
  var name: String { get }
  /// The intensity measures the model defines.
  var imts: [IntensityMeasure] { get }
  /// The distance the model was derived for (both models here: hypocentral).
  var distance: GroundMotionDistance { get }
  /// The files the coefficients were read from (for manifests).
  var files: [String] { get }
  /// ln-median and σ's at magnitude `m` and distance `r` [km] (r > 0).
  func moments(_ imt: IntensityMeasure, magnitude m: Double, distanceKm r: Double) -> GroundMotionMoments
}

/// The distance measure a model uses.
package enum GroundMotionDistance: String, Sendable {
  /// Hypocentral distance R_hyp [km].
  case hypocentral
}

/// ln-median [ln of the IMT's unit] and standard deviations [ln units] of one evaluation.
package struct GroundMotionMoments: Sendable, Equatable {
  package var lnMedian: Double
  /// Between-event (τ) and within-event (φ) standard deviations, when the model splits σ.
  package var tau: Double?
  package var phi: Double?
  /// Total σ.
  package var sigma: Double
}
