import Foundation

/// FCM V6: Crowley, H. et al. (2019), V6 fragility and consequence models for the Groningen
/// field, NAM; 35 classes (W1, URM1_F, URM1_O instead of URM1F_B, URM1F_HA, URM1F_HC), the
/// exposure's typologies mapped to them by `typology-map.csv`. Tables: `Models/fcm/v6/`.
///
/// Requires what every FCM version does (``FCMVersion/requirements``); computes with
/// ``FragilityConsequence``.
package enum FCMV6 {
  /// The fragility file of a branch (`Lower`, `Middle`, `Upper`) relative to `Models/`.
  package static func fragilityFile(branch: String) -> String { "fcm/v6/Fragility_v6_\(branch)Branch_20190215.csv" }
  /// The fatality (consequence) file of a branch relative to `Models/`.
  package static func fatalityFile(branch: String) -> String { "fcm/v6/Fatality_v6_\(branch)Branch_20190215.csv" }

  /// The rows of the three branches from the `Models/` folder `models`.
  static func tables(models: String) throws -> FCMTables.Rows {
    try FCMTables.rows(models: models, fragility: fragilityFile, fatality: fatalityFile)
  }

  /// The registry entry: the V6 tables and the map from exposure typologies to V6 classes.
  package static let entry = FCMTables.entry(
    name: "V6", summary: "FCM V6, Crowley et al. (2019): 35 classes, exposure names mapped by typology-map.csv",
    folder: "fcm/v6"
  ) { (models: String) throws -> FCMTables in
    let (f, c) = try tables(models: models)
    return FCMTables(
      fragility: f, consequence: c,
      typologyMap: try TypologyMap(
        path: models + "/fcm/v6/typology-map.csv", version: .v6, classes: f[1].map(\.typology)))
  }
}
