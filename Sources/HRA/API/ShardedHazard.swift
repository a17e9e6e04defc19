import Foundation

/// A hazard run split into shards (`hra hazard --shard I/N`) and merged (`hra merge`).
///
/// The split is by **sites, in whole site-response zones** (``HazardPart``): a site's curves
/// depend on its own location, zone and the rates, and the tables of a zone are built once in
/// the shard that holds it. The merge puts the rows in place, computes spectra and
/// disaggregation at the `--site` points (a few sites) and writes the folder through the
/// unsharded run's epilogue, so curves, maps, GeoJSON, spectra and disaggregation are
/// byte-identical for any shard count.
package enum ShardedHazard {
  /// Computes shard `i` of `n` of the configured hazard run and writes its part into the folder
  /// `c.output` (made if missing; the shards share it). Returns the part's path.
  package static func runShard(
    _ c: RunConfiguration, _ h: HazardSettings, shard i: Int, of n: Int, log: (String) -> Void = { _ in }
  ) throws -> String {
    try HazardComputation.validate(h)
    try PartSet.folder(c.output)
    let p = try HazardRun.prepare(c, h, log: log)
    let (header, payload) = try HazardPart.compute(c, h, p, shard: i, of: n, log: log)
    let path = c.output + "/" + PartSet.name(i, of: n)
    try PartFile.write(header, payload: payload, to: path)
    return path
  }

  /// Merges the parts (files or folders) into the output folder `out`: the same files as the
  /// unsharded hazard run (summary runtime aside).
  package static func merge(
    out: String, parts paths: [String], overwrite: Bool = false, threads: Int? = nil, log: (String) -> Void = { _ in }
  ) throws -> HazardRun.Summary {
    let start = Date()
    let parts = try PartSet.read(HazardPart.Header.self, kind: "hazard", from: paths)
    var c = parts[0].header.configuration
    let h = parts[0].header.settings
    (c.output, c.overwrite) = (out, overwrite)
    if let threads { c.threads = threads }
    let target = try HazardRun.outputTarget(c, h)
    let p = try HazardRun.prepare(c, h, log: log)
    guard try HazardPart.identity(c, h, p, shards: parts[0].header.shards) == parts[0].header.identity else {
      throw InputError(
        file: parts[0].path, field: "identity",
        "the inputs changed since the parts were computed (model files, exposure, sites, levels or code version)")
    }
    let r = try HazardPart.assemble(parts, sites: p.sites.count)
    log("merged \(parts.count) parts: \(p.sites.count) sites")
    let branches = p.points.isEmpty ? ([], [], []) : try HazardComputation.tree(c, models: p.models)
    return try HazardRun.finish(c, h, p, r, branches: branches, target: target, start: start)
  }
}
