import Foundation

/// `hra models`: the model versions a `Models/` folder offers, the branch sets each brings to
/// the logic tree with their weights, and their source files.
package enum ModelCatalogue {
  /// A branch set as the version declares it (labels, weights, magnitude-dependent weights).
  package typealias BranchSet = DeclaredBranchSet
  package struct Part: Sendable, Codable {
    /// The ``ModelKind`` raw value: "seismicity", "gmm", "fcm", "generic-gmm", "generic-fragility".
    package var kind: String
    package var version: String
    package var description: String
    package var folder: String
    package var files: [String]
    package var branchSets: [BranchSet]
    /// What the version reads and gives (``ModelRequirements``).
    package var requires: ModelRequirements
  }
  package struct Catalogue: Sendable, Codable {
    package var models: String
    package var parts: [Part]
    /// GMM/FCM pairings the authors used (others run with a warning).
    package var authoredPairings: [String]
  }

  /// Describes every version of the ``ModelRegistry``, kind by kind in registry order (each
  /// version is loaded from the folder, so a broken one is an error).
  package static func describe(models dir: String) throws -> Catalogue {
    var parts: [Part] = []
    parts += try ModelRegistry.seismicity.map { try part($0, models: dir) }
    parts += try ModelRegistry.groundMotion.map { try part($0, models: dir) }
    parts += try ModelRegistry.fragility.map { try part($0, models: dir) }
    parts += try ModelRegistry.genericGroundMotion.map { try part($0, models: dir) }
    parts += try ModelRegistry.genericFragility.map { try part($0, models: dir) }
    return Catalogue(
      models: dir, parts: parts,
      authoredPairings: ModelSet.authoredPairings.map { "GMM \($0.0.rawValue) + FCM \($0.1.rawValue)" })
  }

  /// One version described: loaded, with its branch sets and the files it reads.
  static func part<Model>(_ e: ModelEntry<Model>, models dir: String) throws -> Part {
    let model = try e.load(dir)
    return Part(
      kind: e.kind.rawValue, version: e.name, description: e.summary, folder: e.folder,
      files: e.reads.flatMap { files(dir, $0) }, branchSets: try e.branchSets(dir, model), requires: e.requires)
  }

  /// The files of a folder under `dir` (sorted, hidden ones left out), or the file itself.
  /// - Returns: paths relative to `dir`.
  static func files(_ dir: String, _ sub: String) -> [String] {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: dir + "/" + sub, isDirectory: &isDirectory) else { return [] }
    guard isDirectory.boolValue else { return [sub] }
    return ((try? fm.contentsOfDirectory(atPath: dir + "/" + sub)) ?? []).sorted().filter { !$0.hasPrefix(".") }.map {
      sub + "/" + $0
    }
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
      if !p.requires.text.isEmpty { s += "  requires: " + p.requires.text + "\n" }
      s += "  files: " + p.files.joined(separator: ", ") + "\n"
    }
    s += "\nauthored pairings: " + c.authoredPairings.joined(separator: "; ") + " (others run with a warning)\n"
    return s
  }
}
