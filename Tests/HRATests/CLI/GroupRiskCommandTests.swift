import Foundation
import Testing

@testable import HRA

/// `hra group-risk` through the binary: help, a usage error (exit 2), a run whose written
/// `config.ini` reproduces its FN curve byte for byte, and `--json`.
@Suite(.serialized) struct GroupRiskCommandTests {
  @Test func helpAndUsageErrors() throws {
    let h = try CLITests.hra(["group-risk", "--help"])
    #expect(h.status == 0 && h.stdout.contains("usage: hra group-risk"))
    let bad = try CLITests.hra(["group-risk", "--correlation", "sideways"])
    #expect(bad.status == 2 && bad.stderr.contains("--correlation"), "\(bad.stderr)")
    let few = try CLITests.hra(["group-risk", "--events", "1"])
    #expect(few.status == 2, "\(few.stderr)")
  }

  @Test func theWrittenConfigurationReproducesTheRun() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let a = try CLITests.hra(
      [
        "group-risk", "--models", s.models, "--exposure", s.exposure, "--from", "2019", "--to", "2019", "--samples",
        "2", "--events", "3", "--events-low", "2", "--correlation-range", "12", "--threads", "2", "--out",
        s.models + "/out/a",
      ], timeout: 600)
    #expect(a.status == 0, "\(a.stderr)")
    #expect(a.stdout.contains("F(>=1)"))
    let b = try CLITests.hra(
      ["group-risk", "--config", s.models + "/out/a/config.ini", "--out", s.models + "/out/b", "--json"], timeout: 600)
    #expect(b.status == 0, "\(b.stderr)")
    let j = try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as? [String: Any]
    #expect(j?["rangeKm"] as? Double == 12)
    for f in ["fn-curve.csv", "group-risk.csv", "events-top.csv"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: s.models + "/out/a/" + f))
      let y = try Data(contentsOf: URL(fileURLWithPath: s.models + "/out/b/" + f))
      #expect(x == y, "\(f) differs when rerun from config.ini")
    }
  }

  /// `hra run --group-risk on` writes the same group risk as `hra group-risk` on the same
  /// exposure, tree and seed (its default settings), under `group-risk/` of the run's folder.
  @Test func runWithGroupRiskWritesTheGroupRiskOfTheSameTree() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let common = ["--models", s.models, "--exposure", s.exposure, "--from", "2019", "--to", "2019", "--samples", "2"]
    let g = try CLITests.hra(["group-risk", "--out", s.models + "/out/g"] + common, timeout: 600)
    #expect(g.status == 0, "\(g.stderr)")
    let r = try CLITests.hra(
      ["run", "--group-risk", "on", "--hazard-summary", "off", "--out", s.models + "/out/r"] + common, timeout: 600)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("group risk ("))
    for f in ["fn-curve.csv", "group-risk.csv", "events-top.csv"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: s.models + "/out/g/" + f))
      let y = try Data(contentsOf: URL(fileURLWithPath: s.models + "/out/r/group-risk/" + f))
      #expect(x == y, "\(f) differs between hra group-risk and hra run --group-risk on")
    }
    // Its folder is a group-risk output like any other (issue 26: it lacked these): a manifest,
    // summary.json and a config.ini that `hra group-risk --config` reruns to the same tables.
    for f in ["manifest.json", "summary.json", "config.ini"] {
      #expect(FileManager.default.fileExists(atPath: s.models + "/out/r/group-risk/" + f), "group-risk/\(f) missing")
    }
    let again = try CLITests.hra(
      ["group-risk", "--config", s.models + "/out/r/group-risk/config.ini", "--out", s.models + "/out/g2"],
      timeout: 600)
    #expect(again.status == 0, "\(again.stderr)")
    for f in ["fn-curve.csv", "group-risk.csv"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: s.models + "/out/g/" + f))
      let y = try Data(contentsOf: URL(fileURLWithPath: s.models + "/out/g2/" + f))
      #expect(x == y, "\(f) differs after a rerun of the run's group-risk/config.ini")
    }
    let central = try CLITests.hra(
      ["run", "--logic-tree", "central", "--group-risk", "on"] + common.filter { $0 != "--samples" && $0 != "2" })
    #expect(central.status == 2 && central.stderr.contains("--group-risk"), "\(central.stderr)")
  }
}
