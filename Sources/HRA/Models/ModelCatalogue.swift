import Foundation

/// `hra models`: the model versions a `Models/` folder offers, the branch sets each brings to
/// the logic tree with their weights, and their source files.
package enum ModelCatalogue {
  package struct BranchSet: Sendable, Codable {
    package var name: String
    package var branches: [String]
    /// Weights (for a magnitude-dependent median: at M ≤ the lower hinge).
    package var weights: [Double]
    package var weightsHighM: [Double]? = nil
  }
  package struct Part: Sendable, Codable {
    /// "seismicity", "gmm" or "fcm".
    package var kind: String
    package var version: String
    package var description: String
    package var folder: String
    package var files: [String]
    package var branchSets: [BranchSet]
  }
  package struct Catalogue: Sendable, Codable {
    package var models: String
    package var parts: [Part]
    /// GMM/FCM pairings the authors used (others run with a warning).
    package var authoredPairings: [String]
  }

  /// Describes every part of the folder (each version is loaded, so a broken one is an error).
  package static func describe(models dir: String) throws -> Catalogue {
    let fm = FileManager.default
    func files(_ sub: String) -> [String] {
      ((try? fm.contentsOfDirectory(atPath: dir + "/" + sub)) ?? []).sorted().filter { !$0.hasPrefix(".") }.map {
        sub + "/" + $0
      }
    }
    let lt = dir + "/logic-tree/source-branches.csv"
    let sw = try BranchWeights(path: lt)
    var parts: [Part] = []
    let src = try LogicTree.productionSourceSets(sw, file: lt)
    parts.append(
      Part(
        kind: "seismicity", version: "built-in",
        description:
          "production-driven (reservoir pressure, compaction creep, Coulomb stress, stress-dependent b); --production NAME",
        folder: "seismicity", files: files("seismicity") + files("production"),
        branchSets: src.map { BranchSet(name: $0.name, branches: $0.branches, weights: $0.weights) }))
    let mm = try LogicTree.mmaxSet(sw, file: lt)
    parts.append(
      Part(
        kind: "seismicity", version: "forecast",
        description:
          "an external gridded forecast, --forecast FILE (x_rd_m, y_rd_m, mmax, magnitude, rate_ge_per_yr[, gas_year]); Mmax weights from --mmax-weights or:",
        folder: "logic-tree", files: ["logic-tree/source-branches.csv"],
        branchSets: [BranchSet(name: mm.name, branches: mm.branches, weights: mm.weights)]))
    let descriptions: [GMMVersion: String] = [
      .v7: "GMM V7, Bommer et al. (2021), with V7 site response; median weights depend on M (eq. 9.8)",
      .v6: "GMM V6, Bommer et al. (2019), with V6 site response; median and tau paired",
      .v5: "GMM V5, Bommer et al. (2017), with V5 site response (V4B zones aliased to V6); median and tau paired",
    ]
    for v in GMMVersion.allCases {
      let c = try GroundMotionChain.load(v, models: dir)
      var sets = c.sets.branchSets.map { BranchSet(name: $0.name, branches: $0.branches, weights: $0.weights) }
      if c.sets.medianLow != c.sets.medianHigh { sets[0].weightsHighM = c.sets.medianHigh }
      parts.append(
        Part(
          kind: "gmm", version: v.rawValue, description: descriptions[v]!, folder: v.folder, files: files(v.folder),
          branchSets: sets))
    }
    let fcmSets = try LogicTree.fcmSets(sw, file: lt).map {
      BranchSet(name: $0.name, branches: $0.branches, weights: $0.weights)
    }
    let fd: [FCMVersion: String] = [
      .v7: "FCM V7, Crowley & Pinho (2020): 35 classes (the exposure's EDB V7.1 names)",
      .v6: "FCM V6, Crowley et al. (2019): 35 classes, exposure names mapped by typology-map.csv",
      .tno2020: "FCM TNO2020: per class a V6 or V7 base, re-centred and widened branches (conversion.csv)",
    ]
    for v in FCMVersion.allCases {
      _ = try FCMBranches.load(version: v, directory: dir)
      parts.append(
        Part(
          kind: "fcm", version: v.rawValue, description: fd[v]!, folder: v.folder, files: files(v.folder),
          branchSets: fcmSets))
    }
    return Catalogue(
      models: dir, parts: parts,
      authoredPairings: ModelSet.authoredPairings.map { "GMM \($0.0.rawValue) + FCM \($0.1.rawValue)" })
  }

  /// The catalogue as text.
  package static func text(_ c: Catalogue) -> String {
    var s = "model parts in \(c.models) (choose with --gmm, --fcm, --forecast, or the config keys gmm, fcm, forecast)\n"
    for p in c.parts {
      s += "\n\(p.kind) \(p.version): \(p.description)\n"
      for b in p.branchSets {
        s +=
          "  \(b.name): "
          + zip(b.branches, b.weights).map { "\($0.0) \(ConfigFile.format($0.1))" }.joined(separator: ", ")
        if let h = b.weightsHighM { s += " (at high M: " + h.map(ConfigFile.format).joined(separator: ", ") + ")" }
        s += "\n"
      }
      s += "  files: " + p.files.joined(separator: ", ") + "\n"
    }
    s += "\nauthored pairings: " + c.authoredPairings.joined(separator: "; ") + " (others run with a warning)\n"
    return s
  }
}
