import Foundation

/// A version of the fragility and consequence model (FCM): which tables a run evaluates.
///
/// ```
/// V7       Crowley & Pinho (2020), 35 classes = the exposure's EDB V7.1 names   Models/fcm/v7/
/// V6       Crowley et al. (2019), 35 classes (W1, URM1_F, URM1_O instead of
///          URM1F_B, URM1F_HA, URM1F_HC), exposure names mapped by typology-map.csv   Models/fcm/v6/
/// TNO2020  TNO's 2020 revision: per V7 class a V6 or V7 base with re-centred and
///          widened branches (``TNO2020Conversion``)                              Models/fcm/tno2020/
/// ```
/// All three take the same intensity measures (TNO `convert/convert_FCM.py:convert`,
/// `im_prep.py:extract_IMs`): AvgSa [g] = exp(mean of ln Sa over ``avgSaPeriods``) for
/// collapse, PGA [g] ≈ Sa(0.01 s) for chimneys and gables; and the same branch weights
/// (fragility 0.17/0.66/0.17, consequence 0.25/0.5/0.25, `Models/logic-tree/source-branches.csv`).
package enum FCMVersion: String, Sendable, CaseIterable, Codable {
  case v7 = "V7"
  case v6 = "V6"
  case tno2020 = "TNO2020"

  /// Parses a version name as given on the command line (`--fcm V6`).
  ///
  /// Accepts the raw values case-insensitively, with or without TNO's `FCM-` prefix
  /// (`V7`, `v6`, `FCM-TNO2020`).
  /// - Throws: ``InputError`` naming the configuration key `models.fcm` for any other text.
  package init(parsing text: String) throws {
    var s = text.trimmingCharacters(in: .whitespaces).uppercased()
    if s.hasPrefix("FCM-") { s.removeFirst(4) }
    guard let v = FCMVersion(rawValue: s) else {
      throw InputError(
        key: "models.fcm", "unknown fragility/consequence model \"\(text)\" (expected V7, V6 or TNO2020)")
    }
    self = v
  }

  /// The version's folder under `Models/`.
  package var folder: String {
    switch self {
    case .v7: "fcm/v7"
    case .v6: "fcm/v6"
    case .tno2020: "fcm/tno2020"
    }
  }

  /// Branch names in table order (index 0, 1, 2); the same for fragility and consequence.
  package static let branchNames = ["Lower", "Middle", "Upper"]

  /// Spectral periods [s] whose geometric mean of Sa is AvgSa (Crowley & Pinho 2019/2020 §4.1.2;
  /// TNO `convert/convert_FCM.py:convert`). They are the ten periods of GMM V7.
  package static let avgSaPeriods: [Double] = [0.01, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1.0]

  /// The period [s] whose Sa stands in for PGA in the chimney/gable models (TNO `im_prep.py:extract_IMs`).
  package static let pgaProxyPeriod = 0.01

  /// The fragility file of a branch (`Lower`, `Middle`, `Upper`) relative to `Models/`; nil for TNO2020,
  /// which is built from the V6 and V7 files.
  package func fragilityFile(branch: String) -> String? {
    switch self {
    case .v7: "fcm/v7/Fragility_v7_\(branch)Branch_20200127.csv"
    case .v6: "fcm/v6/Fragility_v6_\(branch)Branch_20190215.csv"
    case .tno2020: nil
    }
  }

  /// The fatality (consequence) file of a branch relative to `Models/`; nil for TNO2020.
  package func fatalityFile(branch: String) -> String? {
    switch self {
    case .v7: "fcm/v7/Fatality_v7_\(branch)Branch_20200127.csv"
    case .v6: "fcm/v6/Fatality_v6_\(branch)Branch_20190215.csv"
    case .tno2020: nil
    }
  }
}
