import Foundation

@testable import HRA

/// Locations of the repository's model data for tests.
enum TestModels {
  /// The package root (three levels above this file).
  static let root: String = {
    var u = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { u.deleteLastPathComponent() }
    return u.path
  }()
  static var models: String { root + "/Models" }

  /// The central ground-motion branch combination used across tests.
  static let central = GMMBranch(median: 2, tau: 1, phi: 0, s2sEpsilon: 0)

  static func riskModel(branch: GMMBranch = central) throws -> RiskModel {
    try RiskModel.load(directory: models, branch: branch)
  }

  /// A scratch copy of `Models/` whose files can be altered by a test.
  static func scratchCopy() throws -> String {
    let dir = NSTemporaryDirectory() + "hra-models-\(UUID().uuidString)"
    try FileManager.default.copyItem(atPath: models, toPath: dir)
    return dir
  }
}
