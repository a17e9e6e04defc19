import Foundation
import Testing

@testable import HRA

/// Scenario studies in shards (issue 28): `hra scenarios --shard I/N` parts (every run on the
/// buildings of a set of whole zones) merged by `hra merge` write the unsharded study's files
/// byte for byte, for 2 and 7 shards (7: shards without a zone); a study part is not taken for
/// a run's. (Each run of a study is assembled from `hra run` parts, which ``ShardedRunTests``
/// checks for 1, 2, 3 and 7 shards.)
@Suite(.serialized) struct ShardedStudyTests {
  static let paths = ["no-phase-out-12bcm"]
  static let variants = [ScenarioStudy.Variant(name: "mmax45", fixed: ["mmax": "4.5"])]

  static func config(_ s: (models: String, exposure: String), out: String) -> RunConfiguration {
    var c = ScenarioStudyTests.config(s, out: out)
    c.lastGasYear = 2019
    c.logicTreeSamples = 2
    return c
  }

  static func files(_ dir: String) throws -> [String] {
    let names = try FileManager.default.subpathsOfDirectory(atPath: dir)
    return names.filter { $0.hasSuffix(".csv") }.sorted()
  }

  @Test func mergedShardsWriteTheStudyForAnyShardCount() throws {
    let s = try ShardedRunTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let cap = InspectionCapacity(total: 3)
    let full = s.models + "/full"
    _ = try ScenarioStudy.run(
      configuration: Self.config(s, out: full), paths: Self.paths, variants: Self.variants, capacity: cap)
    let expected = try Self.files(full)
    #expect(expected.count == 5, "\(expected)")
    for n in [2, 7] {
      let dir = s.models + "/parts-\(n)"
      for i in 0..<n {
        var k = Self.config(s, out: dir)
        k.threads = 1 + i % 2
        _ = try ShardedStudy.runShard(
          configuration: k, paths: Self.paths, variants: Self.variants, capacity: cap, shard: i, of: n)
      }
      let out = s.models + "/merged-\(n)"
      let m = try ShardedStudy.merge(out: out, parts: [dir])
      #expect(m.runs.map(\.name) == ["no-phase-out-12bcm", "no-phase-out-12bcm+mmax45"])
      #expect(try Self.files(out) == expected)
      for f in expected {
        let a = try Data(contentsOf: URL(fileURLWithPath: full + "/" + f))
        let b = try Data(contentsOf: URL(fileURLWithPath: out + "/" + f))
        #expect(a == b, "\(f) of the study merged from \(n) shards differs from the study's")
      }
    }
    let e = #expect(throws: InputError.self) {
      _ = try ShardedRun.merge(out: s.models + "/as-run", parts: [s.models + "/parts-2"])
    }
    #expect(e?.field == "kind" && e?.message.contains("'hra scenarios --shard'") == true, "\(String(describing: e))")
  }
}
