import Foundation

extension FCMVersion {
  /// What every FCM version takes (TNO `convert/convert_FCM.py:convert`, `im_prep.py:extract_IMs`):
  /// AvgSa, the geometric mean of Sa over ``avgSaPeriods`` (so Sa at each of them), for collapse;
  /// PGA ≈ Sa(0.01 s) for chimneys and gables; and the building's typology.
  package static let requirements = ModelRequirements(
    site: ["typology"],
    takes: ["PGA"] + avgSaPeriods.map { IntensityMeasure.sa($0).description } + ["AVGSA"])

  /// The version's registry entry (folder, requirements, loader), in ``FragilityRegistry/groningen``.
  package var entry: ModelEntry<FCMBranches> { FragilityRegistry.groningen.first { $0.name == rawValue }! }
}
