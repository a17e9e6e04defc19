import Foundation

/// A version of the ground-motion model (median and σ at NS_B plus its site response) that
/// a run evaluates: `--gmm`, the `gmm` configuration key.
///
/// The versions are those of ``GroundMotionRegistry/groningen`` (V7: Bommer et al. 2021; V6:
/// Bommer et al. 2019; V5: Bommer et al. 2017, the V6 equations on the V5 tables), in its order;
/// ``allCases`` and the names accepted are generated from it. Every version is evaluated on the
/// V6 site-response zonation (as TNO's chain does) at the ten AvgSa periods 0.01 … 1.0 s that the
/// V6, V7 and TNO2020 fragility models take.
package struct GMMVersion: RawRepresentable, Hashable, Sendable, CaseIterable, Codable {
  /// The registered name, e.g. `V7`.
  package let rawValue: String

  /// A version registered under exactly this name; nil otherwise.
  package init?(rawValue: String) {
    guard GroundMotionRegistry.groningen.contains(where: { $0.name == rawValue }) else { return nil }
    self.rawValue = rawValue
  }

  package static let v7 = GMMVersion(rawValue: "V7")!
  package static let v6 = GMMVersion(rawValue: "V6")!
  package static let v5 = GMMVersion(rawValue: "V5")!

  /// Every registered version, in registry order.
  package static var allCases: [GMMVersion] {
    GroundMotionRegistry.groningen.compactMap { GMMVersion(rawValue: $0.name) }
  }

  /// Parses `V7`, `v6`, `GMM-V5` (case-insensitive).
  /// - Throws: ``InputError`` naming the configuration key `models.gmm` for anything else.
  package init(parsing text: String) throws {
    var s = text.trimmingCharacters(in: .whitespaces).uppercased()
    if s.hasPrefix("GMM-") { s.removeFirst(4) }
    guard let v = GMMVersion(rawValue: s) else {
      let choices = Phrase.alternatives(Self.allCases.map(\.rawValue))
      throw InputError(key: "models.gmm", "unknown ground-motion model \"\(text)\" (expected \(choices))")
    }
    self = v
  }

  /// The version's registry entry (folder, requirements, loader).
  package var entry: ModelEntry<GroundMotionParts> { GroundMotionRegistry.groningen.first { $0.name == rawValue }! }

  /// The version's folder under `Models/`.
  package var folder: String { entry.folder }
}

/// One ground-motion model version loaded: the GMM, its site response and the branch sets
/// it brings to the logic tree.
package struct GroundMotionChain: Sendable {
  package let version: GMMVersion
  package let gmm: any GroundMotionModel
  package let site: any SiteResponseModel
  package let sets: GMMBranchSets

  /// Loads a version from a `Models/` folder (its registry entry's loader).
  package static func load(_ version: GMMVersion, models: String) throws -> GroundMotionChain {
    let p = try version.entry.load(models)
    return GroundMotionChain(version: version, gmm: p.gmm, site: p.site, sets: p.sets)
  }

  /// The surface motion of one branch combination.
  package func motion(_ branch: GMMBranch) throws -> SurfaceMotion {
    try SurfaceMotion(gmm: gmm, amplification: site, branch: branch)
  }
}
