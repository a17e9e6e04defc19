import Foundation
import Testing

@testable import HRA

/// `hra scenario --logic-tree`: one earthquake over the ground-motion, fragility and
/// consequence branches, per building.
@Suite(.serialized) struct ScenarioTreeTests {
  static func setup() throws -> (models: String, ms: ModelSet, exposure: ExposureDatabase, x: Double, y: Double) {
    let s = try LPRRunTests.tinySetup()
    let ms = try ModelSet(directory: s.models)
    let e = try ms.exposure(path: s.exposure, buildings: 0, seed: 0)
    return (s.models, ms, e, e.buildings[0].x + 1_500, e.buildings[0].y)
  }

  /// All six sets held at the central branches: the histogram route reproduces the central
  /// scenario (quadrature nodes evaluated directly) within the intensity-grid tolerance.
  @Test func centralCombinationReproducesTheCentralScenario() throws {
    let s = try ScenarioTreeTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let fixed = [
      "gmm_median": "CentralUpper", "gmm_tau": "Central", "gmm_phi_ss": "Lower", "gmm_s2s": "Central",
      "fragility": "Middle", "consequence": "Middle",
    ]
    let (rows, n) = try ScenarioTree.run(
      models: s.ms, exposure: s.exposure, magnitude: 5.0, x: s.x, y: s.y, statistic: .mean, fixed: fixed, threads: 2)
    #expect(n == 1)
    let central = try ScenarioCalculation.run(
      models: s.ms, exposure: s.exposure, magnitude: 5.0, x: s.x, y: s.y, threads: 1)
    #expect(rows.count == central.count)
    for (a, b) in zip(rows, central) {
      #expect(
        a.buildingIndex == b.buildingIndex
          && close(a.hypocentralDistanceKm, b.hypocentralDistanceKm, rel: Tolerance.algebra))
      #expect(
        close(a.risk.lpr, b.risk.lpr, rel: Tolerance.intensityGrid, tiny: 1e-12), "lpr \(a.risk.lpr) vs \(b.risk.lpr)")
      #expect(close(a.risk.pCS1, b.risk.pCS1, rel: Tolerance.intensityGrid, tiny: 1e-9))
      #expect(close(a.risk.pDeathChimney, b.risk.pDeathChimney, rel: Tolerance.intensityGrid, tiny: 1e-12))
    }
    #expect(central.map(\.risk.lpr).max()! > 1e-6)  // the comparison covers values that matter
  }

  /// Over the whole tree (648 combinations): P50 ≤ P90 per building and quantity, the mean is
  /// inside the range of the combinations, and the result does not depend on the thread count.
  @Test func percentilesAreOrderedAndThreadIndependent() throws {
    let s = try ScenarioTreeTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    func run(_ st: ConditionalTree.Statistic, threads: Int = 2) throws -> [ScenarioCalculation.Row] {
      try ScenarioTree.run(
        models: s.ms, exposure: s.exposure, magnitude: 5.0, x: s.x, y: s.y, statistic: st, fixed: [:], threads: threads
      ).rows
    }
    let p50 = try run(.percentile(0.5))
    let p90 = try run(.percentile(0.9))
    let mean = try run(.mean)
    let lo = try run(.percentile(1e-9))
    let hi = try run(.percentile(1))
    for b in 0..<p50.count {
      for f in [\ConditionalRisk.lpr, \.pCS1, \.pCS3, \.pDeathInside, \.pDeathChimney] {
        #expect(p50[b].risk[keyPath: f] <= p90[b].risk[keyPath: f])
        #expect(mean[b].risk[keyPath: f] >= lo[b].risk[keyPath: f] * (1 - Tolerance.algebra))
        #expect(mean[b].risk[keyPath: f] <= hi[b].risk[keyPath: f] * (1 + Tolerance.algebra))
      }
      #expect(hi[b].risk.lpr > lo[b].risk.lpr)
    }
    let one = try run(.percentile(0.9), threads: 1)
    #expect(zip(one, p90).allSatisfy { $0.risk == $1.risk })
  }
}
