import Foundation

/// A version of the ground-motion model (median and σ at NS_B plus its site response) that
/// a run evaluates: `--gmm V7|V6|V5`.
///
/// ```
/// V7  Bommer et al. (2021): GMMV7 + SiteAmplificationV7, branches median (M-dependent) × τ × φ_ss × ε_S2S  Models/gmm/v7/
/// V6  Bommer et al. (2019): GMMV6 + SiteAmplificationV6, median_tau (paired) × φ_ss × ε_S2S               Models/gmm/v6/
/// V5  Bommer et al. (2017): GMMV6 on the V5 tables, V5 amplification (V4B zones aliased to V6)           Models/gmm/v5/
/// ```
/// Every version is evaluated on the V6 site-response zonation (as TNO's chain does) at the
/// ten AvgSa periods 0.01 … 1.0 s that the V6, V7 and TNO2020 fragility models take.
package enum GMMVersion: String, Sendable, CaseIterable, Codable {
  case v7 = "V7"
  case v6 = "V6"
  case v5 = "V5"

  /// Parses `V7`, `v6`, `GMM-V5` (case-insensitive).
  /// - Throws: ``InputError`` naming `source` for anything else.
  package init(parsing text: String) throws {
    var s = text.trimmingCharacters(in: .whitespaces).uppercased()
    if s.hasPrefix("GMM-") { s.removeFirst(4) }
    guard let v = GMMVersion(rawValue: s) else {
      throw InputError(key: "models.gmm", "unknown ground-motion model \"\(text)\" (expected V7, V6 or V5)")
    }
    self = v
  }

  /// The version's folder under `Models/`.
  package var folder: String { "gmm/" + rawValue.lowercased() }
}

/// One ground-motion model version loaded: the GMM, its site response and the branch sets
/// it brings to the logic tree.
package struct GroundMotionChain: Sendable {
  package let version: GMMVersion
  package let gmm: any GroundMotionModel
  package let site: any SiteResponseModel
  package let sets: GMMBranchSets

  /// Loads a version from a `Models/` folder.
  package static func load(_ version: GMMVersion, models: String) throws -> GroundMotionChain {
    let dir = models + "/" + version.folder
    switch version {
    case .v7:
      let g = try GMMV7(directory: dir)
      return GroundMotionChain(
        version: version, gmm: g, site: try SiteAmplificationV7(directory: dir, periods: g.periods),
        sets: try GMMBranchSets(
          directory: dir, medianBranches: GMMV7.medianBranchCount, tauBranches: g.tau.count, phiBranches: g.phiSS.count)
      )
    case .v6, .v5:
      let g = try GMMV6(directory: dir, periods: FCMVersion.avgSaPeriods)
      return GroundMotionChain(
        version: version, gmm: g, site: try SiteAmplificationV6(directory: dir, periods: g.periods),
        sets: try GMMBranchSets(
          directory: dir, medianBranches: GMMV6.medianBranchCount, tauBranches: g.tau.count, phiBranches: g.phiSS.count)
      )
    }
  }

  /// The surface motion of one branch combination.
  package func motion(_ branch: GMMBranch) throws -> SurfaceMotion {
    try SurfaceMotion(gmm: gmm, amplification: site, branch: branch)
  }
}
