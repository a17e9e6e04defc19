import Foundation

/// A tree run split into shards (`hra run --shard I/N`) and merged (`hra merge`).
///
/// A shard computes the buildings of its site-response zones (``ShardPlan``) and writes one
/// part file (``PartFile``) with their mean and percentile LPR per gas year, the near-norm
/// holds (exact tree) and its share of the hazard summary; the merge checks that the parts come
/// from the same inputs and cover every shard once, assembles the results in exposure order and
/// writes the run's output folder through the same epilogue as an unsharded run
/// (``TreeRun/finish(_:target:models:exposure:_:start:log:)``), so `buildings-risk.csv`, the
/// lists and `near-norm.csv` are byte-identical to the run's for any shard count.
package enum ShardedRun {
  /// The header of a run part.
  struct Header: ShardPartHeader {
    var kind = "run"
    /// SHA-256 of everything that determines the results (``identity(_:models:exposure:shards:)``).
    var identity: String
    var codeVersion: String
    var shard: Int
    var shards: Int
    var configuration: RunConfiguration
    var buildings: Int
    var years: Int
    var samples: Int
    var exact: Bool
    var sites: Int
    var medianPaths: Int?
    var sketchBytes: Int
    var cacheBytes: Int
    var hazard: [HazardRun.YearSummary]?
    /// Per gas year and maximum, the site index of the hazard maximum in the whole run (ties
    /// go to the lower index, as in the unsharded run).
    var hazardSites: [[Int]]?
    var holds: [Hold]
    var payloadBytes = 0
    var payloadSHA256 = ""
  }

  /// The held percentiles of one cell (`building * years + year`, building in the whole exposure).
  struct Hold: Codable {
    var cell: Int
    var holds: [BranchHold]
  }

  /// What a part's results depend on, hashed: the code version, the configuration (without
  /// output folder, thread count and overwrite), the model files, exposure and forecast by
  /// SHA-256, and the shard count.
  static func identity(_ c: RunConfiguration, models: ModelSet, exposure: ExposureDatabase, shards: Int) throws
    -> String
  {
    var k = c
    k.output = ""
    k.threads = 0
    k.overwrite = false
    let m = try Manifest.make(configuration: k, models: models, exposure: exposure, runtime: 0)
    struct Identity: Encodable {
      var codeVersion: String
      var configuration: RunConfiguration
      var modelFiles: [FileHash]
      var exposure: FileHash
      var forecast: FileHash?
      var shards: Int
    }
    let id = Identity(
      codeVersion: m.codeVersion, configuration: k, modelFiles: m.modelFiles, exposure: m.exposure,
      forecast: m.models?.forecast, shards: shards)
    return SHA256.hex(Data(try JSONCoding.encode(id).utf8))
  }

  /// Computes shard `i` of `n` of the configured tree run and writes its part into the folder
  /// `c.output` (created if missing; shards of one run share it). Returns the part's path.
  package static func runShard(_ c: RunConfiguration, shard i: Int, of n: Int, log: (String) -> Void = { _ in })
    throws -> String
  {
    try requireSplittable(c, what: "shards")
    try PartSet.folder(c.output)
    let (models, exposure) = try TreeRun.prepare(c, log: log)
    let (full, _) = try models.sites(for: exposure)
    let plan = ShardPlan(sites: full, count: n)
    let id = try identity(c, models: models, exposure: exposure, shards: n)
    let (h, payload) = try computePart(
      c, models: models, exposure: exposure, plan: plan, sites: full, shard: i, identity: id, log: log)
    let path = c.output + "/" + PartSet.name(i, of: n)
    try PartFile.write(h, payload: payload, to: path)
    return path
  }

  /// Computes shard `i` of `plan` for the prepared models and exposure: the part's header and payload.
  static func computePart(
    _ c: RunConfiguration, models: ModelSet, exposure: ExposureDatabase, plan: ShardPlan, sites full: RiskSites,
    shard i: Int, identity: String, log: (String) -> Void
  ) throws -> (Header, Data) {
    let n = plan.count
    let idx = plan.buildings(of: i, sites: full)
    log(
      "shard \(i)/\(n): \(plan.zones[i].count) zones, \(plan.sites[i]) of \(full.siteCount) sites, \(idx.count) buildings"
    )
    var h = Header(
      identity: identity, codeVersion: CodeVersion.current, shard: i, shards: n, configuration: c,
      buildings: idx.count, years: c.gasYears.count, samples: 0, exact: false, sites: 0, medianPaths: nil,
      sketchBytes: 0, cacheBytes: 0, hazard: nil, hazardSites: nil, holds: [])
    var payload = PartPayload()
    payload.append(idx)
    guard !idx.isEmpty else { return (h, payload.data) }
    let sub = ExposureDatabase(file: exposure.file, buildings: idx.map { exposure.buildings[$0] }, snapped: [])
    let k = try TreeRun.computeTree(c, models: models, exposure: sub, buildingKeys: idx, log: log)
    let r = k.result
    (h.samples, h.exact, h.sites, h.medianPaths) = (r.samples, r.exact, k.sites.siteCount, k.medianPaths)
    (h.sketchBytes, h.cacheBytes) = (r.sketchBytes, r.cacheBytes)
    let Y = c.gasYears.count
    h.holds = r.holds.map { Hold(cell: idx[$0.key / Y] * Y + $0.key % Y, holds: $0.value) }.sorted { $0.cell < $1.cell }
    if c.hazardSummary {
      (h.hazard, h.hazardSites) = globalSites(
        try TreeRun.hazardSummary(c, models: models, computed: k, log: log), local: k.sites, full: full, idx: idx)
    }
    for a in [r.mean, r.p50, r.p90, r.flipProbability] { payload.append(a) }
    return (h, payload.data)
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

  /// The hazard maxima of a shard with their sites named and numbered as in the whole run.
  static func globalSites(_ ys: [HazardRun.YearSummary], local: RiskSites, full: RiskSites, idx: [Int]) -> (
    [HazardRun.YearSummary], [[Int]]
  ) {
    var toGlobal = [Int](repeating: 0, count: local.siteCount)
    for (k, b) in idx.enumerated() { toGlobal[local.siteOfLocation[k]] = full.siteOfLocation[b] }
    var sites: [[Int]] = []
    var out = ys
    for t in out.indices {
      sites.append([])
      for m in out[t].maxima.indices {
        let l = Int(out[t].maxima[m].site.dropFirst())! - 1  // HazardSites(risk:) names site l "s(l+1)"
        out[t].maxima[m].site = "s\(toGlobal[l] + 1)"
        sites[t].append(toGlobal[l])
      }
    }
    return (out, sites)
  }
}

extension ShardedRun {
  /// The parts read and checked against each other: one split, one identity, every shard once.
  /// - Throws: ``InputError`` naming the part (foreign, other split, duplicate) or the missing shards.
  static func readParts(_ paths: [String]) throws -> [(path: String, header: Header, payload: Data)] {
    try PartSet.read(Header.self, kind: "run", from: paths)
  }

  /// Merges the parts (files or folders) into the output folder `out`: the same files as the
  /// unsharded run of the parts' configuration (summary runtime and memory figures aside).
  package static func merge(
    out: String, parts paths: [String], overwrite: Bool = false, threads: Int? = nil, log: (String) -> Void = { _ in }
  ) throws -> TreeRun.Summary {
    let start = Date()
    let parts = try readParts(paths)
    var c = parts[0].header.configuration
    c.output = out
    c.overwrite = overwrite
    if let threads { c.threads = threads }
    let target = try c.outputTarget()
    let (models, exposure) = try TreeRun.prepare(c, log: log)
    guard
      try identity(c, models: models, exposure: exposure, shards: parts[0].header.shards) == parts[0].header.identity
    else {
      throw InputError(
        file: parts[0].path, field: "identity",
        "the inputs changed since the parts were computed (model files, exposure, forecast or code version)")
    }
    let e = try assemble(parts, buildings: exposure.buildings.count, years: c.gasYears.count)
    log("merged \(parts.count) parts: \(exposure.buildings.count) buildings, \(e.siteCount) sites")
    return try TreeRun.finish(c, target: target, models: models, exposure: exposure, e, start: start, log: log)
  }

  /// The parts' results in exposure order.
  static func assemble(_ parts: [(path: String, header: Header, payload: Data)], buildings B: Int, years Y: Int)
    throws -> TreeRun.Evaluated
  {
    var arrays = [[Double]](repeating: [Double](repeating: 0, count: B * Y), count: 4)
    var seen = [Bool](repeating: false, count: B)
    var holds: [Int: [BranchHold]] = [:]
    for p in parts {
      var pl = PartPayload(p.payload)
      let n = p.header.buildings
      guard p.header.years == Y, let idx = pl.integers(n) else {
        throw InputError(file: p.path, field: "buildings", "the part does not fit the run (\(Y) gas years)")
      }
      for a in 0..<4 {
        guard let v = pl.doubles(idx.isEmpty ? 0 : n * Y) else {
          throw InputError(file: p.path, field: "payload", "the payload is shorter than its header says")
        }
        for (k, b) in idx.enumerated() { for t in 0..<Y { arrays[a][b * Y + t] = v[k * Y + t] } }
      }
      for b in idx {
        guard b >= 0, b < B, !seen[b] else {
          throw InputError(
            file: p.path, field: "buildings", "building index \(b) is outside the exposure or in two parts")
        }
        seen[b] = true
      }
      for h in p.header.holds { holds[h.cell] = h.holds }
    }
    if let b = seen.firstIndex(of: false) {
      throw InputError(file: parts[0].path, field: "buildings", "no part holds building \(b) of the exposure")
    }
    let done = parts.filter { $0.header.buildings > 0 }.map(\.header)
    guard let f = done.first else {
      throw InputError(file: parts[0].path, field: "buildings", "every part is empty")
    }
    var r = TreeEstimator.Result(
      yearCount: Y, mean: arrays[0], p50: arrays[1], p90: arrays[2], flipProbability: arrays[3], samples: f.samples,
      exact: f.exact, sketchBytes: done.map(\.sketchBytes).max()!, cacheBytes: done.map(\.cacheBytes).max()!)
    r.holds = holds
    return TreeRun.Evaluated(
      result: r, siteCount: done.map(\.sites).reduce(0, +), medianPaths: f.medianPaths, hazard: mergedHazard(done))
  }

  /// The field maxima of the whole run from the shards' maxima: the highest level, ties to
  /// the site with the lower index in the whole run (as the unsharded run's first maximum).
  static func mergedHazard(_ headers: [Header]) -> [HazardRun.YearSummary]? {
    let hs = headers.compactMap { h in h.hazard.flatMap { a in h.hazardSites.map { (a, $0) } } }
    guard var (out, best) = hs.first else { return nil }
    for (ys, ss) in hs.dropFirst() {
      for t in out.indices {
        for m in out[t].maxima.indices {
          let (v, cur) = (ys[t].maxima[m].level, out[t].maxima[m].level)
          if v > cur || (v == cur && ss[t][m] < best[t][m]) {
            out[t].maxima[m] = ys[t].maxima[m]
            best[t][m] = ss[t][m]
          }
        }
      }
    }
    return out
  }
}

extension ShardedRun {
  /// The parts of `hra run --resume` when the configuration gives no checkpoint count.
  package static let defaultCheckpoints = 8

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
    let n = c.checkpoints ?? defaultCheckpoints
    try requireSplittable(c, what: "checkpoints")
    let target = try c.outputTarget()
    let folder = resumeFolder(c.output)
    if !resume { try? FileManager.default.removeItem(atPath: folder) }
    try PartSet.folder(folder)
    let (models, exposure) = try TreeRun.prepare(c, log: log)
    let (full, _) = try models.sites(for: exposure)
    let plan = ShardPlan(sites: full, count: n)
    let id = try identity(c, models: models, exposure: exposure, shards: n)
    var parts: [(path: String, header: Header, payload: Data)] = []
    for i in 0..<n {
      let path = folder + "/" + PartSet.name(i, of: n)
      if resume, FileManager.default.fileExists(atPath: path) {
        if let (h, d) = try? PartFile.read(Header.self, from: path) {
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
      let (h, d) = try computePart(
        c, models: models, exposure: exposure, plan: plan, sites: full, shard: i, identity: id, log: log)
      try PartFile.write(h, payload: d, to: path)
      log("part \(i + 1)/\(n) written")
      parts.append((path, h, d))
    }
    let e = try assemble(parts, buildings: exposure.buildings.count, years: c.gasYears.count)
    let summary = try TreeRun.finish(c, target: target, models: models, exposure: exposure, e, start: start, log: log)
    try? FileManager.default.removeItem(atPath: folder)
    return summary
  }
}
