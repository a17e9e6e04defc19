import Foundation
import HRA

/// `hra calibrate-seismicity [models-dir]`: fits the seismicity model on the KNMI catalogue and
/// writes the calibration files into `<models-dir>/seismicity` (default `Models`).
enum CalibrateSeismicity {
  static func run(_ args: [String]) throws {
    let models = args.first ?? "Models"
    let production = try ProductionPath.load(
      historic: models + "/production/historic.csv", scenario: models + "/production/phase-out-actual.csv")
    let report = try Calibration.run(
      modelDirectory: models + "/seismicity", catalogue: models + "/catalogue/catalogue-1991-2022.csv",
      historicProduction: production)
    try report.write(to: models + "/seismicity")
    print(report.summary)
  }
}
