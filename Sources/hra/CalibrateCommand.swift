import Foundation
import HRA

enum CalibrateCommand {
  static let help = """
    usage: hra calibrate [--models DIR] [--write]
    Fits θ0, θ1 of each activity-rate branch (Poisson likelihood per cell × calendar year) and
    the b-value parameters to the KNMI catalogue (ML ≥ 1.45, 1995 on) given the historic
    production, and prints the fit with observed vs predicted events per year. --write stores
    the fitted parameters into DIR/seismicity (atomically), where runs read them.
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let a = try Arguments(args, options: ["models"], flags: ["write"], command: "calibrate")
    let models = a.string("models") ?? "Models"
    let production = try ProductionPath.load(
      historic: models + "/production/historic.csv", scenario: models + "/production/phase-out-actual.csv")
    let report = try Calibration.run(
      modelDirectory: models + "/seismicity", catalogue: models + "/catalogue/catalogue-1991-2022.csv",
      historicProduction: production)
    if a.has("write") { try report.write(to: models + "/seismicity") }
    print(report.summary)
  }
}
