import Foundation

/// FCM TNO2020: TNO's 2020 revision of the fragility and consequence models: per V7 class a V6
/// or V7 base with re-centred and widened branches (``TNO2020Conversion``,
/// `Models/fcm/tno2020/conversion.csv`), built from the V6 and V7 tables.
///
/// Requires what every FCM version does (``FCMVersion/requirements``); computes with
/// ``FragilityConsequence``.
package enum FCMTNO2020 {
  /// The registry entry: the converted branches, classes the V7 typologies (identity map).
  package static let entry = FCMTables.entry(
    name: "TNO2020",
    summary: "FCM TNO2020: per class a V6 or V7 base, re-centred and widened branches (conversion.csv)",
    folder: "fcm/tno2020"
  ) { (models: String) throws -> FCMTables in
    let (f6, c6) = try FCMV6.tables(models: models)
    let (f7, c7) = try FCMV7.tables(models: models)
    let conversion = try TNO2020Conversion(path: models + "/fcm/tno2020/conversion.csv")
    return FCMTables(
      fragility: try conversion.fragility(v6: f6, v7: f7), consequence: try conversion.consequence(v6: c6, v7: c7),
      typologyMap: .identity(version: .tno2020, classes: conversion.rules.map(\.typology), file: conversion.file))
  }
}
