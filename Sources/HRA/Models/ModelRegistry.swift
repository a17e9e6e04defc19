import Foundation

/// Every model version the engine offers, per kind: one ``ModelEntry`` each (its name, one-line
/// description with the reference, `Models/` folder, requirements, loader and branch sets),
/// defined beside its type. `hra models` (``ModelCatalogue``), the version lists of the
/// configuration schema and the CLI help (``versions(of:)``), and the loaders of `ModelSet`,
/// `GroundMotionChain` and the generic hazard are generated from these lists.
///
/// The ground-motion lists are ``GroundMotionRegistry``'s (GroundMotion/: `GroundMotionChain` in
/// Risk/ loads through them, below this folder), the fragility list ``FragilityRegistry``'s.
/// Adding a version: its Swift file (the type, its `entry`), one line in its kind's list, its
/// data folder with a README in `Models/`, and its tests.
package enum ModelRegistry {
  /// Seismicity sources: the built-in production-driven model, a gridded forecast (`hra run`,
  /// `hazard`, …), an area source (`hra generic-hazard`).
  package static let seismicity: [ModelEntry<[DeclaredBranchSet]>] = [
    ProductionDrivenSource.entry,
    ForecastSource.entry,
    AreaSource.entry,
  ]

  /// Groningen ground-motion models with their site response (`gmm` key, `--gmm`): the list of
  /// ``GroundMotionRegistry``.
  package static var groundMotion: [ModelEntry<GroundMotionParts>] { GroundMotionRegistry.groningen }

  /// Groningen fragility and consequence models (`fcm` key, `--fcm`): the list of
  /// ``FragilityRegistry``.
  package static var fragility: [ModelEntry<FCMBranches>] { FragilityRegistry.groningen }

  /// Generic ground-motion models of `hra generic-hazard` (`[gmm] model`): the list of
  /// ``GroundMotionRegistry``.
  package static var genericGroundMotion: [ModelEntry<any GenericGroundMotionModel>] {
    GroundMotionRegistry.generic
  }

  /// Generic fragility functions of `hra generic-hazard` (`[fragility] file`).
  package static let genericFragility: [ModelEntry<LognormalFragility>] = [LognormalFragility.entry]

  /// The version names of a kind, in registry order: e.g. `["V7", "V6", "V5"]` for `.gmm`, the
  /// values of the `gmm` configuration key and of `--gmm`.
  package static func versions(of kind: ModelKind) -> [String] {
    switch kind {
    case .seismicity: seismicity.map(\.name)
    case .gmm, .site: groundMotion.map(\.name)
    case .fcm: fragility.map(\.name)
    case .genericGMM: genericGroundMotion.map(\.name)
    case .genericFragility: genericFragility.map(\.name)
    }
  }

  /// The entry of a Groningen GMM version by name (exact, as in ``versions(of:)``).
  package static func groundMotion(_ name: String) -> ModelEntry<GroundMotionParts>? {
    groundMotion.first { $0.name == name }
  }

  /// The entry of a fragility/consequence version by name.
  package static func fragility(_ name: String) -> ModelEntry<FCMBranches>? {
    fragility.first { $0.name == name }
  }

  /// Loads a generic ground-motion model by its name in configurations (`dost2004`, …) from the
  /// `Models/` folder `models`.
  /// - Throws: ``InputError`` naming the configuration key `gmm.model` for an unknown name, or
  ///   the model's file for invalid coefficients.
  package static func genericGroundMotionModel(_ name: String, models: String) throws -> any GenericGroundMotionModel {
    guard let e = genericGroundMotion.first(where: { $0.name == name }) else {
      throw InputError(
        key: "gmm.model",
        "unknown ground-motion model '\(name)' (known: \(versions(of: .genericGMM).joined(separator: ", ")))")
    }
    return try e.load(models)
  }

  /// Checks that a fragility/consequence version can run on a ground-motion version: every
  /// intensity measure the FCM takes is one the GMM offers (its declared requirements).
  /// - Returns: the intensity measures missing (empty: the pairing can run).
  package static func missingMeasures(gmm: String, fcm: String) -> [String] {
    guard let g = groundMotion(gmm), let f = fragility(fcm) else { return [] }
    return f.requires.missing(from: g.requires.offers)
  }
}
