import Foundation
import Testing

@testable import HRA

@Suite struct ConditionalTreeTests {
  @Test func combinationWeightsSumToOne() throws {
    let tree = try LogicTree(models: TestModels.models)
    for m in [3.0, 4.2, 5.5] {
      let c = ConditionalTree.combinations(tree: tree, magnitude: m, fixed: [:])
      #expect(c.count == 4 * 3 * 2 * 3 * 3 * 3)
      #expect(close(c.reduce(0) { $0 + $1.weight }, 1, rel: Tolerance.algebra))
    }
    // Median weights follow eq. 9.8: at M 4.3 halfway between the low and high rows.
    #expect(
      tree.medianWeights(magnitude: 4.3).enumerated().allSatisfy {
        close($0.element, [0.15, 0.25, 0.3, 0.3][$0.offset], rel: 1e-12)
      })
  }

  @Test func pickedCentralCombinationEqualsTheCentralBranches() throws {
    let fixed = [
      "gmm_median": "CentralUpper", "gmm_tau": "Central", "gmm_phi_ss": "Lower", "gmm_s2s": "Central",
      "fragility": "Middle", "consequence": "Middle",
    ]
    let (q, n) = try ConditionalTree.evaluate(
      models: ModelSet(directory: TestModels.models), magnitude: 4.5, rrup: 6, zone: 1101, wierde: false,
      typology: "URM4L", statistic: .mean, fixed: fixed)
    #expect(n == 1)
    let model = try TestModels.riskModel()
    let c = ConditionalRisk.evaluate(
      model: model, magnitude: 4.5, rrup: 6, zoneIndex: model.motion.amplification.index(ofZone: 1101)!, wierde: false)[
        model.fcm.index(of: "URM4L")!]
    #expect(close(q.lpr, c.lpr, rel: Tolerance.algebra) && close(q.pCS1, c.pCS1, rel: Tolerance.algebra))
  }

  @Test func percentilesAreOrderedAndBracketTheMedianCase() throws {
    let args = (m: 4.5, r: 6.0, zone: 1101, t: "URM4L")
    func run(_ s: ConditionalTree.Statistic) throws -> ConditionalRisk {
      try ConditionalTree.evaluate(
        models: ModelSet(directory: TestModels.models), magnitude: args.m, rrup: args.r, zone: args.zone, wierde: false,
        typology: args.t, statistic: s, fixed: ["gmm_tau": "Central", "gmm_phi_ss": "Lower"]
      ).result
    }
    let p10 = try run(.percentile(0.1))
    let p50 = try run(.percentile(0.5))
    let p90 = try run(.percentile(0.9))
    let mean = try run(.mean)
    #expect(p10.lpr <= p50.lpr && p50.lpr <= p90.lpr)
    #expect(mean.lpr > p10.lpr && mean.lpr < p90.lpr * 10)
  }
}
