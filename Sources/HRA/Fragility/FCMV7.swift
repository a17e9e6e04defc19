import Foundation

/// FCM V7: Crowley, H. & Pinho, R. (2020), "Report on the v7 Fragility and Consequence Models for
/// the Groningen Field", NAM; 35 classes named as the exposure's EDB V7.1 typologies. Tables:
/// `Models/fcm/v7/` (EUPL-1.2, TNO), one fragility and one fatality file per branch.
///
/// Requires what every FCM version does (``FCMVersion/requirements``); computes with
/// ``FragilityConsequence`` (θk = exp((ln DL_CSk − b0)/b1), β = σ/b1).
package enum FCMV7 {
  /// The fragility file of a branch (`Lower`, `Middle`, `Upper`) relative to `Models/`.
  package static func fragilityFile(branch: String) -> String { "fcm/v7/Fragility_v7_\(branch)Branch_20200127.csv" }
  /// The fatality (consequence) file of a branch relative to `Models/`.
  package static func fatalityFile(branch: String) -> String { "fcm/v7/Fatality_v7_\(branch)Branch_20200127.csv" }

  /// The rows of the three branches from the `Models/` folder `models`.
  static func tables(models: String) throws -> FCMTables.Rows {
    try FCMTables.rows(models: models, fragility: fragilityFile, fatality: fatalityFile)
  }

  /// The registry entry: the V7 tables, its classes its own typologies (identity map).
  package static let entry = FCMTables.entry(
    name: "V7", summary: "FCM V7, Crowley & Pinho (2020): 35 classes (the exposure's EDB V7.1 names)",
    folder: "fcm/v7"
  ) { (models: String) throws -> FCMTables in
    let (f, c) = try tables(models: models)
    return FCMTables(
      fragility: f, consequence: c,
      typologyMap: .identity(version: .v7, classes: f[1].map(\.typology), file: models + "/fcm/v7"))
  }
}
