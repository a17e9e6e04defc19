import Foundation

/// The year-independent part of the model chain for one branch combination: ground motion,
/// site response, rupture geometry, fragility and consequence, and the numerical settings.
package struct RiskModel: Sendable {
  package let motion: SurfaceMotion
  package let fcm: FragilityConsequence
  package let rupture: RuptureModel
  package let grid: LogDistanceGrid
  package let rule: SurfaceMotion.Rule
  /// ln-intensity grid [ln g] for tabulating the distributions of ln AvgSa and ln PGA.
  package let intensityMin: Double
  package let intensityStep: Double
  package let intensityCount: Int
  /// Exposure grid spacing [m].
  package let exposureSpacing: Double

  package init(
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
      throw InputError(
        file: k.file, field: "quadrature_step_1", "more than 2,000 trapezoid nodes (half width / step = \(half / step))"
      )
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
    let wsum = fcm.weightInside + fcm.weightOutside
    guard abs(wsum - 1) <= 1e-9 else {
      throw InputError(
        file: k.file, field: "weight_outside", "weight_inside + weight_outside = \(wsum), must be 1 (± 1e-9)")
    }
  }

  /// Loads GMM V7 and FCM V7 with one ground-motion branch and one fragility/consequence
  /// pair from a `Models/` folder (runs choose their parts through ``ModelSet``).
  ///
  /// - Parameters:
  ///   - directory: the `Models` folder.
  ///   - branch: the ground-motion branch combination.
  ///   - fragilityBranch, consequenceBranch: "Lower", "Middle" or "Upper".
  package static func load(
    directory: String, branch: GMMBranch, fragilityBranch: String = "Middle", consequenceBranch: String = "Middle"
  ) throws -> RiskModel {
    let chain = try GroundMotionChain.load(.v7, models: directory)
    let k = try ConstantsTable(path: directory + "/risk/numerics.csv")
    let fcm = try FCMBranches.load(
      version: .v7, directory: directory, weightInside: try k.value("weight_inside", in: 0...1),
      weightOutside: try k.value("weight_outside", in: 0...1))
    guard let f = FCMVersion.branchNames.firstIndex(of: fragilityBranch),
      let c = FCMVersion.branchNames.firstIndex(of: consequenceBranch)
    else {
      throw InputError(
        file: directory + "/fcm/v7", field: "branch", "fragility and consequence branches are Lower, Middle or Upper")
    }
    let models = try fcm.forExposure(fcm.typologyMap.exposureTypologies)
    let rupture = try RuptureModel(constants: ConstantsTable(path: directory + "/rupture/rupture.csv"))
    return try RiskModel(motion: try chain.motion(branch), fcm: models[f][c], rupture: rupture, numerics: k)
  }

  /// The intensity-grid value of node j [ln g].
  @inline(__always) package func intensity(_ j: Int) -> Double { intensityMin + Double(j) * intensityStep }
}
