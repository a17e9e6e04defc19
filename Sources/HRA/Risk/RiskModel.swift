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
    // Numerical domains: positive steps and orders, table sizes bounded (a table of 1e8
    // nodes is a typo, not a request).
    let step = try k.value("quadrature_step_1", in: 0...5, above: 0)
    let half = try k.value("quadrature_half_width_1", in: 0...20, above: step)
    guard half / step <= 1_000 else {
      throw InputError(file: k.file, field: "quadrature_step_1", "more than 2,000 trapezoid nodes (half width / step = \(half / step))")
    }
    rule = SurfaceMotion.Rule(
      step: step, halfWidth: half, order2: try k.integer("quadrature_order_2", in: 1...20),
      order3: try k.integer("quadrature_order_3", in: 1...20))
    intensityMin = try k.value("intensity_ln_min", in: -50...10)
    intensityStep = try k.value("intensity_step", in: 0...1, above: 0)
    let mx = try k.value("intensity_ln_max", in: -50...10, above: intensityMin)
    guard (mx - intensityMin) / intensityStep <= 20_000 else {
      throw InputError(file: k.file, field: "intensity_step", "more than 20,000 intensity nodes")
    }
    intensityCount = Int(((mx - intensityMin) / intensityStep).rounded()) + 1
    exposureSpacing = try k.value("exposure_grid_spacing", in: 0...100_000, above: 0)
    _ = try k.value("response_floor", in: 0...1e-3)
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
      weightInside: try k.value("weight_inside", in: 0...1), weightOutside: try k.value("weight_outside", in: 0...1))
    let wsum = fcm.weightInside + fcm.weightOutside
    guard abs(wsum - 1) <= 1e-9 else {
      throw InputError(file: k.file, field: "weight_outside", "weight_inside + weight_outside = \(wsum), must be 1 (± 1e-9)")
    }
    let rupture = try RuptureModel(constants: ConstantsTable(path: directory + "/rupture/rupture.csv"))
    return try RiskModel(motion: motion, fcm: fcm, rupture: rupture, numerics: k)
  }

  /// The intensity-grid value of node j [ln g].
  @inline(__always) public func intensity(_ j: Int) -> Double { intensityMin + Double(j) * intensityStep }
}
