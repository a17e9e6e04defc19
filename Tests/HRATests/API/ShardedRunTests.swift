import Foundation
import Testing

@testable import HRA

/// Shards and merge (issue 28): `hra run --shard I/N` parts merged by `hra merge` give the
/// unsharded run's files byte for byte, for any N; the merge refuses incomplete or foreign parts.
@Suite(.serialized) struct ShardedRunTests {
  /// A scratch model folder with an exposure of 20 buildings spread over the field (every 50th
  /// of the sample), so that they fall in several site-response zones.
  static func setup() throws -> (models: String, exposure: String) {
    let s = try LPRRunTests.tinySetup()
    let lines = try String(contentsOfFile: s.models + "/exposure/sample-1000.csv", encoding: .utf8).split(
      separator: "\n")
    let picked = [lines[0]] + stride(from: 1, to: lines.count, by: 50).map { lines[$0] }
    try (picked.joined(separator: "\n") + "\n").write(toFile: s.exposure, atomically: true, encoding: .utf8)
    return s
  }

  static func config(_ s: (models: String, exposure: String), out: String, hazard: Bool = false) -> RunConfiguration {
    var c = LPRRunTests.config(s, out: out, threads: 2)
    c.lastGasYear = 2019
    c.logicTree = .sample
    c.logicTreeSamples = 4
    c.groupRisk = false
    c.hazardSummary = hazard
    return c
  }

  static let compared = ["buildings-risk.csv", "near-norm.csv", "lists/p50-2019_20.csv", "lists/p90-2019_20.csv"]

  static func data(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  /// Every shard count gives every building the unsharded values bit for bit (1, 2, 3 and 7
  /// shards, the parts computed in process with the models read once), and the merge of 3
  /// parts through files writes the run's files byte for byte, hazard summary included.
  @Test func mergedShardsEqualTheRunForAnyShardCount() throws {
    let s = try Self.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let c = Self.config(s, out: s.models + "/parts")
    let (models, exposure) = try TreeRun.prepare(c, log: { _ in })
    let (sites, _) = try models.sites(for: exposure)
    let whole = try TreeRun.computeTree(c, models: models, exposure: exposure).result
    #expect(ShardPlan(sites: sites, count: 3).zones.allSatisfy { !$0.isEmpty }, "the exposure spans several zones")
    for n in [1, 2, 7] {
      let plan = ShardPlan(sites: sites, count: n)
      let parts = try (0..<n).map { i in
        let (h, d) = try RunPart.compute(
          c, models: models, exposure: exposure, plan: plan, sites: sites, shard: i, identity: "test", log: { _ in })
        return (path: "shard \(i)", header: h, payload: d)
      }
      let r = try RunPart.assemble(parts, buildings: exposure.buildings.count, years: 1).result
      #expect(r.mean == whole.mean && r.p50 == whole.p50 && r.p90 == whole.p90, "n = \(n)")
      #expect(r.flipProbability == whole.flipProbability, "n = \(n)")
    }
    // Through files: 3 shards (one of them with another thread count), merged, against the run.
    let full = try TreeRun.run(Self.config(s, out: s.models + "/out/full", hazard: true))
    for i in 0..<3 {
      var k = Self.config(s, out: s.models + "/parts-3", hazard: true)
      k.threads = 1 + i % 2
      #expect(try ShardedRun.runShard(k, shard: i, of: 3) == s.models + "/parts-3/" + PartSet.name(i, of: 3))
    }
    let out = s.models + "/out/merged-3"
    let m = try ShardedRun.merge(out: out, parts: [s.models + "/parts-3"], threads: 2)
    #expect(m.buildings == full.buildings && m.sites == full.sites)
    #expect(m.hazard == full.hazard && m.hazard != nil, "hazard summary")
    for f in Self.compared + ["config.ini"] {
      #expect(try Self.data(out + "/" + f) == Self.data(s.models + "/out/full/" + f), "\(f) differs")
    }
  }

  @Test func mergeRefusesIncompleteForeignAndDamagedParts() throws {
    let s = try Self.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let fm = FileManager.default
    let parts = s.models + "/parts"
    for i in 0..<3 { _ = try ShardedRun.runShard(Self.config(s, out: parts), shard: i, of: 3) }
    let p1 = parts + "/" + PartSet.name(1, of: 3)
    let out = s.models + "/out/m"
    func refused(_ paths: [String], field: String, _ words: String, file: String? = nil) {
      let e = #expect(throws: InputError.self) { _ = try ShardedRun.merge(out: out, parts: paths) }
      #expect(e?.field == field, "\(String(describing: e))")
      #expect(e?.message.contains(words) == true, "\(String(describing: e))")
      if let file { #expect(e?.file == file, "\(String(describing: e))") }
      #expect(!fm.fileExists(atPath: out), "nothing written")
    }
    // Missing: the error names the shard; --missing lists it.
    let tmp = s.models + "/p1.keep"
    try fm.moveItem(atPath: p1, toPath: tmp)
    refused([parts], field: "shard", "missing shard(s) 1 of 3")
    #expect(try PartSet.missing(in: parts).missing == [1])
    try fm.moveItem(atPath: tmp, toPath: p1)
    #expect(try PartSet.missing(in: parts).missing == [])
    // Duplicate: the same shard under two names.
    let dup = parts + "/copy.hrapart"
    try fm.copyItem(atPath: p1, toPath: dup)
    refused([parts], field: "shard", "shard 1 given twice")
    try fm.removeItem(atPath: dup)
    // Foreign: a part of another seed (other inputs) and a part of another split.
    var other = Self.config(s, out: s.models + "/other")
    other.seed = 99
    let foreign = try ShardedRun.runShard(other, shard: 1, of: 3)
    refused(
      [parts + "/" + PartSet.name(0, of: 3), foreign], field: "identity", "comes from other inputs",
      file: foreign)
    let split = try ShardedRun.runShard(Self.config(s, out: s.models + "/split"), shard: 0, of: 2)
    refused([split, p1], field: "shards", "a part of a 3-shard split", file: p1)
    // Truncated and corrupt parts are named, never used.
    let good = try Self.data(p1)
    try good.prefix(good.count - 9).write(to: URL(fileURLWithPath: p1))
    refused([parts], field: "payload", "truncated or damaged", file: p1)
    var bad = good
    bad[bad.count - 5] ^= 0x40
    try bad.write(to: URL(fileURLWithPath: p1))
    refused([parts], field: "payload", "corrupt", file: p1)
    #expect(try PartSet.missing(in: parts).missing == [1], "a damaged part counts as missing")
    try good.write(to: URL(fileURLWithPath: p1))
    _ = try ShardedRun.merge(out: out, parts: [parts])
    #expect(fm.fileExists(atPath: out + "/buildings-risk.csv"))
  }

  @Test func shardArgumentsAreChecked() throws {
    for bad in ["3/3", "-1/2", "1", "a/b", "0/0", "1/20000"] {
      #expect(throws: InputError.self) { _ = try PartSet.parse(bad, source: "--shard") }
    }
    let p = try PartSet.parse("2/4", source: "--shard")
    #expect(p.index == 2 && p.count == 4)
    let r = try CLITests.hra(["run", "--shard", "4/4", "--out", NSTemporaryDirectory() + "never"])
    #expect(r.status == 2 && r.stderr.contains("a shard is I/N"), "\(r.stderr)")
    let g = try CLITests.hra(["run", "--shard", "0/2", "--group-risk", "on", "--out", NSTemporaryDirectory() + "never"])
    #expect(g.status == 2 && g.stderr.contains("group risk"), "\(g.stderr)")
  }
}
