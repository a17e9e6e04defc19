import Foundation
import Testing

@testable import HRA

/// `hra explain --json` names the branch combination by labels (set → branch), not by the
/// library's positional indices (issue 14).
@Suite struct ExplainJSONTests {
  @Test func branchesAreNamedByLabel() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let rows = try String(contentsOfFile: s.exposure, encoding: .utf8).split(separator: "\n")
    let id = String(rows[1].split(separator: ",")[0])
    let r = try CLITests.hra(
      [
        "explain", id, "--central-only", "--json", "--models", s.models, "--exposure", s.exposure, "--from", "2019",
        "--to", "2019",
      ], timeout: 600)
    #expect(r.status == 0, "\(r.stderr)")
    let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let branches = try #require(j["branches"] as? [String: String], "\(j["branches"] ?? "none")")
    let central = try CSVTable(contentsOf: s.models + "/logic-tree/central-branches.csv")
    // The central branches of the V7 tree's nine sets, by the labels of
    // Models/logic-tree/central-branches.csv (which also names V5/V6's gmm_median_tau).
    var expected: [String: String] = [:]
    for row in central.rows { expected[try central.string(row, "set")] = try central.string(row, "branch") }
    #expect(Set(branches.keys) == Set(LogicTree.setNames), "\(branches)")
    for (set, branch) in branches { #expect(expected[set] == branch, "\(set)") }
    #expect(j["buildingID"] as? String == id && j["years"] != nil)
  }
}
