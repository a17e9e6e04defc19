import Foundation

/// A version of the fragility and consequence model (FCM): which tables a run evaluates.
///
/// The versions are those of ``FragilityRegistry/groningen``, one file each: ``FCMV7``
/// (Crowley & Pinho 2020), ``FCMV6`` (Crowley et al. 2019, exposure names mapped by
/// `typology-map.csv`), ``FCMTNO2020`` (TNO's 2020 revision, ``TNO2020Conversion``); ``allCases``
/// and the names accepted are generated from it.
/// All take the same intensity measures (TNO `convert/convert_FCM.py:convert`,
/// `im_prep.py:extract_IMs`): AvgSa [g] = exp(mean of ln Sa over ``avgSaPeriods``) for
/// collapse, PGA [g] ≈ Sa(0.01 s) for chimneys and gables; and the same branch weights
/// (fragility 0.17/0.66/0.17, consequence 0.25/0.5/0.25, `Models/logic-tree/source-branches.csv`).
package struct FCMVersion: RawRepresentable, Hashable, Sendable, CaseIterable, Codable {
  /// The registered name, e.g. `V7`.
  package let rawValue: String

  /// A version registered under exactly this name; nil otherwise.
  package init?(rawValue: String) {
    guard FragilityRegistry.groningen.contains(where: { $0.name == rawValue }) else { return nil }
    self.rawValue = rawValue
  }

  package static let v7 = FCMVersion(rawValue: "V7")!
  package static let v6 = FCMVersion(rawValue: "V6")!
  package static let tno2020 = FCMVersion(rawValue: "TNO2020")!

  /// Every registered version, in registry order.
  package static var allCases: [FCMVersion] {
    FragilityRegistry.groningen.compactMap { FCMVersion(rawValue: $0.name) }
  }

  /// Parses a version name as given on the command line (`--fcm V6`).
  ///
  /// Accepts the raw values case-insensitively, with or without TNO's `FCM-` prefix
  /// (`V7`, `v6`, `FCM-TNO2020`).
  /// - Throws: ``InputError`` naming the configuration key `models.fcm` for any other text.
  package init(parsing text: String) throws {
    var s = text.trimmingCharacters(in: .whitespaces).uppercased()
    if s.hasPrefix("FCM-") { s.removeFirst(4) }
    guard let v = FCMVersion(rawValue: s) else {
      let choices = Phrase.alternatives(Self.allCases.map(\.rawValue))
      throw InputError(
        key: "models.fcm", "unknown fragility/consequence model \"\(text)\" (expected \(choices))")
    }
    self = v
  }

  /// The version's folder under `Models/`.
  package var folder: String { entry.folder }

  /// Branch names in table order (index 0, 1, 2); the same for fragility and consequence.
  package static let branchNames = ["Lower", "Middle", "Upper"]

  /// Spectral periods [s] whose geometric mean of Sa is AvgSa (Crowley & Pinho 2019/2020 §4.1.2;
  /// TNO `convert/convert_FCM.py:convert`). They are the ten periods of GMM V7.
  package static let avgSaPeriods: [Double] = [0.01, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1.0]

  /// The period [s] whose Sa stands in for PGA in the chimney/gable models (TNO `im_prep.py:extract_IMs`).
  package static let pgaProxyPeriod = 0.01
}
