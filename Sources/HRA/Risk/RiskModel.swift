import Foundation

/// The year-independent part of the model chain for one branch combination: ground motion,
/// site response, rupture geometry, fragility and consequence, and the numerical settings.
public struct RiskModel: Sendable {
  public let motion: SurfaceMotion
  public let fcm: FragilityConsequence
  public let rupture: RuptureModel
  public let grid: LogDistanceGrid
  public let rule: SurfaceMotion.Rule
  /// ln-intensity grid [ln g] for tabulating the distributions of ln AvgSa and ln PGA.
  public let intensityMin: Double
  public let intensityStep: Double
  public let intensityCount: Int
  /// Exposure grid spacing [m].
  public let exposureSpacing: Double

  public init(
    motion: SurfaceMotion, fcm: FragilityConsequence, rupture: RuptureModel, numerics k: ConstantsTable
  ) throws {
    self.motion = motion
    self.fcm = fcm
    self.rupture = rupture
    grid = try LogDistanceGrid(constants: k)
    rule = SurfaceMotion.Rule(
      step: try k.value("quadrature_step_1"), halfWidth: try k.value("quadrature_half_width_1"),
      order2: Int(try k.value("quadrature_order_2")), order3: Int(try k.value("quadrature_order_3")))
    intensityMin = try k.value("intensity_ln_min")
    intensityStep = try k.value("intensity_step")
    let mx = try k.value("intensity_ln_max")
    guard intensityStep > 0, mx > intensityMin else {
      throw InputError(file: k.file, field: "intensity_step", "need intensity_step > 0 and intensity_ln_max > intensity_ln_min")
    }
    intensityCount = Int(((mx - intensityMin) / intensityStep).rounded()) + 1
    exposureSpacing = try k.value("exposure_grid_spacing")
    guard exposureSpacing > 0 else { throw InputError(file: k.file, field: "exposure_grid_spacing", "must be positive") }
  }

  /// Loads the default model set (central branches) from a `Models/` folder.
  ///
  /// - Parameters:
  ///   - directory: the `Models` folder.
  ///   - branch: the ground-motion branch combination.
  ///   - fragilityBranch, consequenceBranch: "Lower", "Middle" or "Upper".
  public static func load(
    directory: String, branch: GMMBranch, fragilityBranch: String = "Middle", consequenceBranch: String = "Middle"
  ) throws -> RiskModel {
    let gdir = directory + "/gmm/v7"
    let gmm = try GMMV7(directory: gdir)
    let af = try SiteAmplificationV7(directory: gdir, periods: gmm.periods)
    let motion = try SurfaceMotion(gmm: gmm, amplification: af, branch: branch)
    let k = try ConstantsTable(path: directory + "/risk/numerics.csv")
    let fcm = try FragilityConsequence(
      fragilityFile: directory + "/fcm/v7/Fragility_v7_\(fragilityBranch)Branch_20200127.csv",
      fatalityFile: directory + "/fcm/v7/Fatality_v7_\(consequenceBranch)Branch_20200127.csv",
      weightInside: try k.value("weight_inside"), weightOutside: try k.value("weight_outside"))
    let rupture = try RuptureModel(constants: ConstantsTable(path: directory + "/rupture/rupture.csv"))
    return try RiskModel(motion: motion, fcm: fcm, rupture: rupture, numerics: k)
  }

  /// The intensity-grid value of node j [ln g].
  @inline(__always) public func intensity(_ j: Int) -> Double { intensityMin + Double(j) * intensityStep }
}
