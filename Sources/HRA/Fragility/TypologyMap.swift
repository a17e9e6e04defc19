import Foundation

/// The map from exposure typology names (EDB V7.1 = V7 class names) to the classes of one
/// fragility and consequence model version.
///
/// V7 and TNO2020 use the V7 names, so their map is the identity on their classes; V6 reads
/// `Models/fcm/v6/typology-map.csv` (columns `exposure_typology, fcm_class, reason, source`).
/// TNO's chain has no such map: it matches exposure and FCM classes by name
/// (`exposure_prep.py:edb_to_xr`), so V7 names unknown to V6 would fall out silently; here
/// every name must resolve or ``fcmClass(of:)`` throws.
package struct TypologyMap: Sendable {
  /// One exposure typology and the class used for it, with the reason and its source.
  package struct Entry: Sendable, Equatable {
    package var exposure: String
    package var fcmClass: String
    package var reason: String
    package var source: String
  }

  /// The version whose classes the map targets.
  package let version: FCMVersion
  /// The map file, or the version's folder for an identity map (for error messages).
  package let file: String
  /// Entries in file (or class) order.
  package let entries: [Entry]
  private let lookup: [String: String]

  /// The identity map on a version's classes.
  package static func identity(version: FCMVersion, classes: [String], file: String) -> TypologyMap {
    TypologyMap(
      version: version, file: file,
      entries: classes.map { Entry(exposure: $0, fcmClass: $0, reason: "same class name", source: "identity") })
  }

  private init(version: FCMVersion, file: String, entries: [Entry]) {
    self.version = version
    self.file = file
    self.entries = entries
    lookup = Dictionary(entries.map { ($0.exposure, $0.fcmClass) }, uniquingKeysWith: { a, _ in a })
  }

  /// Reads a map file and checks every target against the version's classes.
  /// - Throws: ``InputError`` for a duplicate exposure typology, an empty or unknown class.
  package init(path: String, version: FCMVersion, classes: [String]) throws {
    let t = try CSVTable(contentsOf: path)
    try t.require(["exposure_typology", "fcm_class", "reason", "source"])
    let known = Set(classes)
    var out: [Entry] = []
    var seen: [String: Int] = [:]
    for r in t.rows {
      let e = try t.string(r, "exposure_typology")
      let c = try t.string(r, "fcm_class")
      guard !e.isEmpty else { throw t.error(r, "exposure_typology", "empty typology name") }
      if let l = seen[e] { throw t.error(r, "exposure_typology", "duplicate typology \(e) (first on line \(l))") }
      seen[e] = r.line
      guard known.contains(c) else {
        throw t.error(r, "fcm_class", "\(c) is not a class of FCM \(version.rawValue)")
      }
      out.append(Entry(exposure: e, fcmClass: c, reason: try t.string(r, "reason"), source: try t.string(r, "source")))
    }
    self.init(version: version, file: path, entries: out)
  }

  /// The exposure typology names the map covers, in entry order.
  package var exposureTypologies: [String] { entries.map(\.exposure) }

  /// The class of this version used for an exposure typology.
  /// - Throws: ``InputError`` naming the map when the typology has no entry.
  package func fcmClass(of exposureTypology: String) throws -> String {
    guard let c = lookup[exposureTypology] else {
      throw InputError(
        file: file, field: "exposure_typology",
        "exposure typology \(exposureTypology) has no class in FCM \(version.rawValue) (add it to the typology map)")
    }
    return c
  }
}
