import Foundation

/// The kinds of model part a run or a generic calculation is assembled from.
package enum ModelKind: String, Sendable, CaseIterable, Codable {
  /// Seismicity sources: the built-in production-driven model, a gridded forecast, an area source.
  case seismicity
  /// Groningen ground-motion models at the NS_B horizon, evaluated with their site response.
  case gmm
  /// Site-response models from NS_B to the surface, per site-response zone.
  case site
  /// Groningen fragility and consequence models (3 × 3 branches).
  case fcm
  /// Generic ground-motion models (uniform reference site) of `hra generic-hazard`.
  case genericGMM = "generic-gmm"
  /// Generic fragility functions of `hra generic-hazard`.
  case genericFragility = "generic-fragility"
}

/// A branch set as a model version declares it: labels and weights (for a magnitude-dependent
/// median, the weights at M ≤ the lower hinge, and ``weightsHighM`` at M ≥ the upper one).
package struct DeclaredBranchSet: Sendable, Codable, Equatable {
  package var name: String
  package var branches: [String]
  package var weights: [Double]
  package var weightsHighM: [Double]? = nil

  package init(name: String, branches: [String], weights: [Double], weightsHighM: [Double]? = nil) {
    self.name = name
    self.branches = branches
    self.weights = weights
    self.weightsHighM = weightsHighM
  }

  /// A logic-tree set as declared (no magnitude dependence).
  package init(_ s: LogicTree.BranchSet) {
    self.init(name: s.name, branches: s.branches, weights: s.weights)
  }
}

/// What a model version reads from the contexts the engine builds and what it gives, declared
/// as data (OpenQuake's `REQUIRES_*` and `DEFINED_FOR_INTENSITY_MEASURE_TYPES`).
///
/// Intensity measures are written as OpenQuake spells them (`PGA`, `SA(0.3)`, `AVGSA`, `PGV`),
/// distances by symbol (`R_rup`, `R_hyp`). The engine checks them: a fragility model's ``takes``
/// must be among the ground-motion model's ``offers`` (``ModelRegistry/checkPairing(gmm:fcm:)``),
/// a generic hazard run asks only for what its model ``offers``; the tests check that each
/// version's loaded tables give exactly what it declares.
package struct ModelRequirements: Sendable, Equatable, Codable {
  /// Rupture parameters read, e.g. `magnitude`.
  package var rupture: [String] = []
  /// Distances read: `R_rup` (rupture distance [km]), `R_hyp` (hypocentral distance [km]).
  package var distances: [String] = []
  /// Site parameters read, e.g. `zone` (site-response zone), `wierde`.
  package var site: [String] = []
  /// Intensity measures read (site response: Sa at NS_B; fragility: its intensity measures).
  package var takes: [String] = []
  /// Intensity measures given (ground-motion models; site response: the same at the surface).
  package var offers: [String] = []

  package init(
    rupture: [String] = [], distances: [String] = [], site: [String] = [], takes: [String] = [],
    offers: [String] = []
  ) {
    self.rupture = rupture
    self.distances = distances
    self.site = site
    self.takes = takes
    self.offers = offers
  }

  /// The intensity measures of ``takes`` that `offered` lacks, in ``takes`` order.
  package func missing(from offered: [String]) -> [String] {
    takes.filter { !offered.contains($0) }
  }

  /// One line for `hra models`, e.g. `magnitude; R_rup; site zone, wierde; offers PGA, SA(0.01) …`.
  package var text: String {
    var parts: [String] = []
    if !rupture.isEmpty { parts.append(rupture.joined(separator: ", ")) }
    if !distances.isEmpty { parts.append(distances.joined(separator: ", ")) }
    if !site.isEmpty { parts.append("site " + site.joined(separator: ", ")) }
    if !takes.isEmpty { parts.append("takes " + takes.joined(separator: ", ")) }
    if !offers.isEmpty { parts.append("offers " + offers.joined(separator: ", ")) }
    return parts.joined(separator: "; ")
  }
}

/// One version of a model kind in the registry: its name, what it is (one line with the
/// reference), its folder under `Models/`, what it requires, how to load it, and the logic-tree
/// branch sets it brings.
///
/// `Model` is what loading gives: a `GroundMotionChain` for a Groningen GMM, `FCMBranches` for a
/// fragility/consequence model, `any GenericGroundMotionModel`, … A version is one value (e.g.
/// `GMMV7.entry`) defined beside its type; `ModelRegistry` lists them.
package struct ModelEntry<Model>: Sendable {
  package let kind: ModelKind
  /// The name in configurations and on the command line (`V7`, `dost2004`).
  package let name: String
  /// One line: what it is, with its reference.
  package let summary: String
  /// Its data folder relative to `Models/` (its README gives the provenance).
  package let folder: String
  /// The folders or files (relative to `Models/`) it reads, listed by `hra models` (by default
  /// its folder).
  package let reads: [String]
  package let requires: ModelRequirements
  /// Loads the version from a `Models/` folder.
  package let load: @Sendable (_ models: String) throws -> Model
  /// The branch sets it brings to the logic tree, given the `Models/` folder and the loaded model.
  package let branchSets: @Sendable (_ models: String, _ model: Model) throws -> [DeclaredBranchSet]

  package init(
    kind: ModelKind, name: String, summary: String, folder: String, reads: [String]? = nil,
    requires: ModelRequirements,
    load: @escaping @Sendable (_ models: String) throws -> Model,
    branchSets: @escaping @Sendable (_ models: String, _ model: Model) throws -> [DeclaredBranchSet] = { _, _ in [] }
  ) {
    self.kind = kind
    self.name = name
    self.summary = summary
    self.folder = folder
    self.reads = reads ?? [folder]
    self.requires = requires
    self.load = load
    self.branchSets = branchSets
  }
}

/// The anatomy every model version shares (OpenQuake's: what it requires, declared up front): each
/// kind's protocol (`SeismicitySource`, `GroundMotionModel`, `GenericGroundMotionModel`,
/// `SiteResponseModel`, and the fragility types) refines it, and each version's registry entry
/// carries the same ``requirements``.
package protocol ModelAnatomy {
  /// What the version reads and gives.
  static var requirements: ModelRequirements { get }
}
