import Foundation

/// The ground-motion part of the model registry (``ModelRegistry`` gathers every kind): the
/// versions in registry order, one ``ModelEntry`` each, defined beside its type.
///
/// The lists live here, in GroundMotion/, because `GMMVersion` and `GroundMotionChain` (Risk/)
/// load through them and Models/ lies above Risk/. A new version is one line below.
package enum GroundMotionRegistry {
  /// Groningen ground-motion models with their site response (`gmm` key, `--gmm`).
  package static let groningen: [ModelEntry<GroundMotionParts>] = [
    GMMV7.entry,
    GMMV6.entry,
    GMMV6.v5Entry,
  ]

  /// Generic ground-motion models of `hra generic-hazard` (`[gmm] model`).
  package static let generic: [ModelEntry<any GenericGroundMotionModel>] = [
    Dost2004.entry,
    Bommer2013.entry,
    Dost2004SigmaVariant.entry,
  ]
}
