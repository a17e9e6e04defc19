import Foundation

/// A tree run split into shards (`hra run --shard I/N`) and merged (`hra merge`), or run in
/// checkpointed parts (`hra run --resume`).
///
/// A shard computes the buildings of its site-response zones and writes one part file
/// (``RunPart``); the merge checks that the parts come from the same inputs and cover every
/// shard once, assembles the results in exposure order and writes the run's output folder
/// through the same epilogue as an unsharded run (``TreeRun/finish(_:target:models:exposure:_:start:log:)``),
/// so `buildings-risk.csv`, the lists and `near-norm.csv` are byte-identical to the run's for
/// any shard count.
package enum ShardedRun {
  /// Computes shard `i` of `n` of the configured tree run and writes its part into the folder
  /// `c.output` (created if missing; shards of one run share it). Returns the part's path.
  package static func runShard(_ c: RunConfiguration, shard i: Int, of n: Int, log: (String) -> Void = { _ in })
    throws -> String
  {
    try requireSplittable(c, what: "shards")
    try PartSet.folder(c.output)
    let (models, exposure) = try TreeRun.prepare(c, log: log)
    let (full, _) = try models.sites(for: exposure)
    let id = try RunPart.identity(c, models: models, exposure: exposure, shards: n)
    let (h, payload) = try RunPart.compute(
      c, models: models, exposure: exposure, plan: ShardPlan(sites: full, count: n), sites: full, shard: i,
      identity: id, log: log)
    let path = c.output + "/" + PartSet.name(i, of: n)
    try PartFile.write(h, payload: payload, to: path)
    return path
  }

  /// Refuses what cannot be split into parts (shards or checkpoints): a central run (one
  /// combination) and group risk (it sums every building's losses per event).
  static func requireSplittable(_ c: RunConfiguration, what: String) throws {
    guard c.logicTree != .central else {
      throw InputError(key: "logic_tree.logic_tree", "\(what) split a logic-tree run (sample or enumerate)")
    }
    guard !c.groupRisk else {
      throw InputError(
        key: "risk.group_risk",
        "group risk sums every building's losses per event: run it unsharded (hra group-risk) or with group_risk off")
    }
  }

  /// Merges the parts (files or folders) into the output folder `out`: the same files as the
  /// unsharded run of the parts' configuration (summary runtime and memory figures aside).
  package static func merge(
    out: String, parts paths: [String], overwrite: Bool = false, threads: Int? = nil, log: (String) -> Void = { _ in }
  ) throws -> TreeRun.Summary {
    let start = Date()
    let parts = try PartSet.read(RunPart.Header.self, kind: "run", from: paths)
    var c = parts[0].header.configuration
    (c.output, c.overwrite) = (out, overwrite)
    if let threads { c.threads = threads }
    let target = try c.outputTarget()
    let (models, exposure) = try TreeRun.prepare(c, log: log)
    let shards = parts[0].header.shards
    guard try RunPart.identity(c, models: models, exposure: exposure, shards: shards) == parts[0].header.identity
    else {
      throw InputError(
        file: parts[0].path, field: "identity",
        "the inputs changed since the parts were computed (model files, exposure, forecast or code version)")
    }
    let e = try RunPart.assemble(parts, buildings: exposure.buildings.count, years: c.gasYears.count)
    log("merged \(parts.count) parts: \(exposure.buildings.count) buildings, \(e.siteCount) sites")
    return try TreeRun.finish(c, target: target, models: models, exposure: exposure, e, start: start, log: log)
  }

  /// The parts folder of a resumable run writing to `output`: `.NAME.parts` beside it.
  package static func resumeFolder(_ output: String) -> String {
    let abs = OutputTarget.normalise(output, cwd: FileManager.default.currentDirectoryPath)
    let parent = (abs as NSString).deletingLastPathComponent
    return (parent.isEmpty ? "/" : parent) + "/." + (abs as NSString).lastPathComponent + ".parts"
  }

  /// Runs the tree in `c.checkpoints` parts computed one after the other, each written into
  /// ``resumeFolder(_:)`` as soon as it is done, then merged into the output folder (the parts
  /// folder is removed after the output is in place). With `resume`, complete parts of the same
  /// inputs are reused and only the rest computed: a run killed half-way (kill -9, a lost node)
  /// goes on where it stopped, with byte-identical outputs. A part from other inputs is refused.
  static func runInParts(_ c: RunConfiguration, resume: Bool, log: (String) -> Void) throws -> TreeRun.Summary {
    let start = Date()
    let n = c.checkpoints ?? CommandDefaults.checkpoints
    try requireSplittable(c, what: "checkpoints")
    let target = try c.outputTarget()
    let folder = resumeFolder(c.output)
    if !resume { try? FileManager.default.removeItem(atPath: folder) }
    try PartSet.folder(folder)
    let (models, exposure) = try TreeRun.prepare(c, log: log)
    let (full, _) = try models.sites(for: exposure)
    let plan = ShardPlan(sites: full, count: n)
    let id = try RunPart.identity(c, models: models, exposure: exposure, shards: n)
    var parts: [(path: String, header: RunPart.Header, payload: Data)] = []
    for i in 0..<n {
      let path = folder + "/" + PartSet.name(i, of: n)
      if resume, FileManager.default.fileExists(atPath: path) {
        if let (h, d) = try? PartFile.read(RunPart.Header.self, from: path) {
          guard h.identity == id, h.shards == n, h.shard == i else {
            throw InputError(
              file: path, field: "identity",
              "a part of another run (other configuration, inputs or code version): remove \(folder) or run without --resume"
            )
          }
          log("part \(i + 1)/\(n): reused \(path)")
          parts.append((path, h, d))
          continue
        }
        log("part \(i + 1)/\(n): \(path) is damaged, computed again")
      }
      let (h, d) = try RunPart.compute(
        c, models: models, exposure: exposure, plan: plan, sites: full, shard: i, identity: id, log: log)
      try PartFile.write(h, payload: d, to: path)
      log("part \(i + 1)/\(n) written")
      parts.append((path, h, d))
    }
    let e = try RunPart.assemble(parts, buildings: exposure.buildings.count, years: c.gasYears.count)
    let summary = try TreeRun.finish(c, target: target, models: models, exposure: exposure, e, start: start, log: log)
    try? FileManager.default.removeItem(atPath: folder)
    return summary
  }
}
