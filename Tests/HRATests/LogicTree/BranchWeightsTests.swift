import Foundation
import Testing

@testable import HRA

@Suite struct BranchWeightsTests {
  @Test func shippedWeightsAreValidAndContainTheCentralBranches() throws {
    let w = try BranchWeights(path: TestModels.models + "/logic-tree/source-branches.csv")
    #expect(w.sets["mmax"]?.map(\.branch) == ["4.0", "4.5", "5.0", "5.5", "6.0", "6.5"])
    #expect(Set(w.sets["rate_model"]!.map(\.branch)) == Set(SourceBranch.rateModels))
    #expect(Set(w.sets["b_model"]!.map(\.branch)) == Set(SourceBranch.bModels))
    let c = try BranchCombination.load(
      path: TestModels.models + "/logic-tree/central-branches.csv", tree: LogicTree(models: TestModels.models))
    #expect(w.sets["mmax"]!.contains { $0.branch == c.label("mmax") })
    #expect(w.sets["fragility"]!.contains { $0.branch == c.label("fragility") })
    #expect(
      c.sourceLabels == ["elastic_plastic", "split_thickness", "4.5"]
        && c.gmm == GMMBranch(median: 2, tau: 1, phi: 0, s2sEpsilon: 0))
  }

  @Test func weightsNotSummingToOneNameTheSet() throws {
    let p = NSTemporaryDirectory() + "bw-\(UUID().uuidString).csv"
    try "set,branch,weight\nmmax,4.0,0.5\nmmax,4.5,0.4\n".write(toFile: p, atomically: true, encoding: .utf8)
    #expect(throws: InputError(file: p, line: 3, field: "weight", "weights of set mmax sum to 0.9, not 1")) {
      try BranchWeights(path: p)
    }
    try "set,branch,weight\nmmax,4.0,-0.5\n".write(toFile: p, atomically: true, encoding: .utf8)
    #expect(throws: InputError.self) { try BranchWeights(path: p) }
  }

  @Test func unknownCentralBranchNamesLineAndField() throws {
    let p = NSTemporaryDirectory() + "cb-\(UUID().uuidString).csv"
    let text = try String(contentsOfFile: TestModels.models + "/logic-tree/central-branches.csv", encoding: .utf8)
      .replacingOccurrences(of: "gmm_median,CentralUpper", with: "gmm_median,Middle")
    try text.write(toFile: p, atomically: true, encoding: .utf8)
    do {
      _ = try BranchCombination.load(path: p, tree: LogicTree(models: TestModels.models))
      Issue.record("expected an error")
    } catch let e as InputError {
      #expect(e.line == 5 && e.field == "branch")
    }
  }
}
