import Foundation
import Testing

@testable import HRA

/// Group risk in shards (issue 28): `hra group-risk --shard I/N` parts (blocks of tree samples)
/// merged by `hra merge` give the unsharded run's files byte for byte, for any N, also N larger
/// than the sample count; parts of another kind or of other settings are refused.
@Suite(.serialized) struct ShardedGroupRiskTests {
  static func config(_ s: (models: String, exposure: String), out: String) -> RunConfiguration {
    var c = GroupRiskRunTests.config(s, out: out, threads: 2)
    c.logicTreeSamples = 5
    return c
  }

  static let compared = ["fn-curve.csv", "group-risk.csv", "events-top.csv"]

  /// 1, 2, 3 and 7 shards (7 > 5 samples: two shards are empty) in process give the run's
  /// value, variance, weights, event counts and top events exactly; 3 shards through part files
  /// and `merge` write the run's tables byte for byte.
  @Test func mergedShardsEqualTheRunForAnyShardCount() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let g = GroupRiskRunTests.settings
    let c = Self.config(s, out: s.models + "/parts")
    let (models, exposure) = try GroupRiskRun.prepare(c, g, log: { _ in })
    let whole = try GroupRiskComputation.compute(c, g, models: models, exposure: exposure).result
    #expect(whole.branchCount == 5 && whole.events > 0)
    for n in [1, 2, 3, 7] {
      let parts = try (0..<n).map { i in
        let (h, d) = try GroupRiskPart.compute(
          c, g, models: models, exposure: exposure, shard: i, of: n, identity: "test", log: { _ in })
        return (path: "shard \(i)", header: h, payload: d)
      }
      let r = try GroupRiskPart.assemble(parts)
      #expect(r.value == whole.value && r.variance == whole.variance && r.weights == whole.weights, "n = \(n)")
      #expect(r.events == whole.events && r.siteEvents == whole.siteEvents, "n = \(n)")
      #expect(r.top == whole.top, "n = \(n)")
    }
    _ = try GroupRiskRun.run(Self.config(s, out: s.models + "/full"), g)
    for i in 0..<3 {
      var k = Self.config(s, out: s.models + "/parts-3")
      k.threads = 1 + i % 2
      _ = try ShardedGroupRisk.runShard(k, g, shard: i, of: 3)
    }
    let m = try ShardedGroupRisk.merge(out: s.models + "/merged", parts: [s.models + "/parts-3"])
    #expect(m.samples == 5)
    for f in Self.compared {
      let a = try Data(contentsOf: URL(fileURLWithPath: s.models + "/full/" + f))
      let b = try Data(contentsOf: URL(fileURLWithPath: s.models + "/merged/" + f))
      #expect(a == b, "\(f) of the merged shards differs from the run's")
    }
  }

  /// The merge refuses a missing block, parts of other settings and a run's part among group-risk
  /// parts, naming the file; nothing is written.
  @Test func theMergeRefusesIncompleteOrForeignParts() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    var g = GroupRiskRunTests.settings
    let dir = s.models + "/parts"
    let p0 = try ShardedGroupRisk.runShard(Self.config(s, out: dir), g, shard: 0, of: 2)
    func refused(_ parts: [String], field: String, _ words: String) {
      do {
        _ = try ShardedGroupRisk.merge(out: s.models + "/out", parts: parts)
        Issue.record("merged; expected an error on \(field)")
      } catch let e as InputError {
        #expect(e.field == field && e.description.contains(words), "\(e)")
      } catch { Issue.record("unexpected \(error)") }
      #expect(!FileManager.default.fileExists(atPath: s.models + "/out"))
    }
    refused([dir], field: "shard", "missing shard(s) 1 of 2")
    g.eventsPerStratum = 4
    let other = try ShardedGroupRisk.runShard(Self.config(s, out: s.models + "/other"), g, shard: 1, of: 2)
    refused([p0, other], field: "identity", "comes from other inputs")
    var rc = ShardedRunTests.config(s, out: s.models + "/run-parts")
    rc.logicTreeSamples = 2
    let runPart = try ShardedRun.runShard(rc, shard: 1, of: 2)
    refused([p0, runPart], field: "kind", "a part of 'hra run --shard'")
  }
}
