import Foundation

extension FCMVersion {
  /// What every FCM version takes (TNO `convert/convert_FCM.py:convert`, `im_prep.py:extract_IMs`):
  /// AvgSa, the geometric mean of Sa over ``avgSaPeriods`` (so Sa at each of them), for collapse;
  /// PGA ≈ Sa(0.01 s) for chimneys and gables.
  package static let requirements = ModelRequirements(
    site: ["typology"],
    takes: ["PGA"] + avgSaPeriods.map { IntensityMeasure.sa($0).description } + ["AVGSA"])

  /// The version's one-line description with its reference (`hra models`).
  var summary: String {
    switch self {
    case .v7: "FCM V7, Crowley & Pinho (2020): 35 classes (the exposure's EDB V7.1 names)"
    case .v6: "FCM V6, Crowley et al. (2019): 35 classes, exposure names mapped by typology-map.csv"
    case .tno2020: "FCM TNO2020: per class a V6 or V7 base, re-centred and widened branches (conversion.csv)"
    }
  }

  /// The registry entry: loads the 3 × 3 branches (whereabouts weights 0.99 / 0.01) and declares
  /// the fragility and consequence sets of `Models/logic-tree/source-branches.csv`.
  package var entry: ModelEntry<FCMBranches> {
    let version = self
    return ModelEntry(
      kind: .fcm, name: rawValue, summary: summary, folder: folder, requires: FCMVersion.requirements,
      load: { models in try FCMBranches.load(version: version, directory: models) },
      branchSets: { models, _ in
        let lt = models + "/logic-tree/source-branches.csv"
        return try LogicTree.fcmSets(BranchWeights(path: lt), file: lt).map(DeclaredBranchSet.init)
      })
  }
}
