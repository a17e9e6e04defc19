import Foundation

/// Finds the data files of a model folder whose names carry a version date, e.g.
/// `gmpe_medians_NS_B_20190314_v6.csv`, so that one loader serves several model versions.
enum ModelFolder {
  /// The one file in `directory` whose name starts with `prefix` and ends with `suffix`.
  /// - Throws: ``InputError`` naming the folder if there is no such file or more than one.
  static func uniqueFile(in directory: String, prefix: String, suffix: String = ".csv") throws -> String {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw InputError(file: directory, "cannot list the model folder")
    }
    let hits = names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
    guard hits.count == 1 else {
      let found = hits.isEmpty ? "none" : hits.joined(separator: ", ")
      throw InputError(file: directory, "expected exactly one file \(prefix)*\(suffix), found \(found)")
    }
    return directory + "/" + hits[0]
  }
}
