import Foundation

@testable import HRA

/// Shared inputs of the seismicity tests: the repository's `Models/` folder and the model
/// loaded once.
enum SeismicityFixtures {
  /// `Models/` of this checkout.
  static let models = TestModels.models

  static let model: SeismicityModel = try! SeismicityModel.load(directory: models + "/seismicity")

  static let actual: ProductionPath = try! ProductionPath.load(
    historic: models + "/production/historic.csv", scenario: models + "/production/phase-out-actual.csv")

  static func path(_ scenario: String) -> ProductionPath {
    try! ProductionPath.load(
      historic: models + "/production/historic.csv", scenario: models + "/production/\(scenario).csv")
  }

  static func temporaryFile(_ text: String, _ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hra-seismicity-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let p = dir.appendingPathComponent(name).path
    _ = FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
    return p
  }
}
