import Foundation

/// A group-risk run split into shards (`hra group-risk --shard I/N`) and merged (`hra merge`).
///
/// The split is by **tree samples** (branch combinations), in N contiguous blocks
/// (``GroupRiskPart``). The merge puts the blocks side by side, keeps the best events of all and
/// writes the folder through the unsharded run's epilogue, so `fn-curve.csv`, `group-risk.csv`
/// and `events-top.csv` are byte-identical to the run's for any shard count.
package enum ShardedGroupRisk {
  /// Computes shard `i` of `n` of the configured group-risk run and writes its part into the
  /// folder `c.output` (made if missing; the shards share it). Returns the part's path.
  package static func runShard(
    _ c: RunConfiguration, _ g: GroupRiskSettings, shard i: Int, of n: Int, log: (String) -> Void = { _ in }
  ) throws -> String {
    try PartSet.folder(c.output)
    let (models, exposure) = try GroupRiskRun.prepare(c, g, log: log)
    let id = try GroupRiskPart.identity(c, g, models: models, exposure: exposure, shards: n)
    let (h, payload) = try GroupRiskPart.compute(
      c, g, models: models, exposure: exposure, shard: i, of: n, identity: id, log: log)
    let path = c.output + "/" + PartSet.name(i, of: n)
    try PartFile.write(h, payload: payload, to: path)
    return path
  }

  /// Merges the parts (files or folders) into the output folder `out`: the same files as the
  /// unsharded group-risk run (summary runtimes aside).
  package static func merge(
    out: String, parts paths: [String], overwrite: Bool = false, threads: Int? = nil, log: (String) -> Void = { _ in }
  ) throws -> GroupRiskRun.Summary {
    let start = Date()
    let parts = try PartSet.read(GroupRiskPart.Header.self, kind: "group-risk", from: paths)
    var c = parts[0].header.configuration
    let g = parts[0].header.settings
    (c.output, c.overwrite) = (out, overwrite)
    if let threads { c.threads = threads }
    let target = try GroupRiskRun.outputTarget(c, g)
    let (models, exposure) = try GroupRiskRun.prepare(c, g, log: log)
    let shards = parts[0].header.shards
    guard
      try GroupRiskPart.identity(c, g, models: models, exposure: exposure, shards: shards) == parts[0].header.identity
    else {
      throw InputError(
        file: parts[0].path, field: "identity",
        "the inputs changed since the parts were computed (model files, exposure, settings files or code version)")
    }
    let r = try GroupRiskPart.assemble(parts)
    var res = try GroupRiskParameters.resolve(g, models: models.directory)
    res.estimatorSeconds = parts.map(\.header.estimatorSeconds).reduce(0, +)
    let (sites, _, _) = try GroupRiskSites.make(
      exposure, models: models, spacing: g.siteSpacing ?? models.risk.exposureSpacing, dayFraction: res.dayFraction,
      rangeKm: res.rangeKm, correlation: .independent, source: res.parametersFile)
    log("merged \(parts.count) parts: \(r.branchCount) tree samples, \(r.events) events")
    let k = GroupRiskComputation(result: r, sites: sites, resolved: res, samples: r.branchCount)
    return try GroupRiskRun.finish(c, g, target: target, models: models, exposure: exposure, k, start: start)
  }
}
