import Foundation
import Testing

@testable import HRA

/// The GMM-median paths of the exact tree (``LogicTree/medianPaths(magnitudes:)``): the
/// magnitude-dependent weights (Bommer et al. 2021, eq. 9.8) handled exactly.
@Suite struct MedianPathTests {
  static let tree = Result { try LogicTree(models: TestModels.models) }

  @Test func pathsReproduceThePublishedWeightsAtEveryMagnitude() throws {
    let tree = try Self.tree.get()
    let ms = try ModelSet(directory: TestModels.models)
    let mags = ms.seismicity.bins.centres
    let paths = tree.medianPaths(magnitudes: mags)
    #expect(paths.count == 46)  // 3 cumulative weights × 15 distinct magnitudes (bin centres 3.6 … 5.0) + 1
    #expect(abs(paths.map(\.weight).reduce(0, +) - 1) < 1e-14)
    #expect(paths.allSatisfy { $0.weight > 0 && $0.u > 0 && $0.u < 1 })
    for m in mags + [3.6, 4.33, 5.0] where mags.contains(m) || m == 3.6 || m == 5.0 {
      var w = [Double](repeating: 0, count: 4)
      for p in paths { w[tree.medianBranch(u: p.u, magnitude: m)] += p.weight }
      let want = tree.medianWeights(magnitude: m)
      for k in 0..<4 { #expect(abs(w[k] - want[k]) < 1e-12, "M \(m) branch \(k): \(w[k]) vs \(want[k])") }
    }
  }

  @Test func enumerationWeighsOneAndHoldsFixedSets() throws {
    let tree = try Self.tree.get()
    let mags = [2.05, 3.95, 4.55, 5.25]
    let fixed = ["rate_model": 0, "b_model": 1, "gmm_tau": 1, "gmm_phi_ss": 0, "gmm_s2s": 1, "fragility": 1]
    let all = tree.enumerate(fixed: fixed, magnitudes: mags)
    let paths = tree.medianPaths(magnitudes: mags)
    // mmax (6) × paths × consequence (3).
    #expect(all.count == 6 * paths.count * 3)
    #expect(abs(all.map(\.weight).reduce(0, +) - 1) < 1e-12)
    let held = tree.enumerate(fixed: fixed.merging(["gmm_median": 2]) { a, _ in a }, magnitudes: mags)
    #expect(
      held.count == 6 * 3 && held.allSatisfy { s in mags.allSatisfy { tree.medianBranch(s, magnitude: $0) == 2 } })
  }
}
