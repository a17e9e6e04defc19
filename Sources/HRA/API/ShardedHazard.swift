import Foundation

/// A hazard run split into shards (`hra hazard --shard I/N`) and merged (`hra merge`).
///
/// The split is by **sites, in whole site-response zones** (``ShardPlan``, largest zones first to
/// the least-loaded shard): a site's curves depend on its own location, zone and the rates, and
/// the tables of a zone are built once in the shard that holds it. With `--sites buildings` a
/// shard takes the buildings of its zones and forms their risk sites as the whole run does (the
/// split of `hra run --shard`); with nodes, a grid or a sites file it takes the listed sites of its
/// zones. A part holds each of its sites' index in the whole run with its mean and fractile
/// exceedance rates per gas year and level; the merge puts the rows in place, computes spectra
/// and disaggregation at the `--site` points (a few sites) and writes the folder through the
/// unsharded run's epilogue, so curves, maps, GeoJSON, spectra and disaggregation are
/// byte-identical for any shard count.
package enum ShardedHazard {
  /// The header of a hazard part.
  struct Header: ShardPartHeader {
    var kind = "hazard"
    var identity: String
    var codeVersion: String
    var shard: Int
    var shards: Int
    var configuration: RunConfiguration
    var settings: HazardSettings
    /// Sites of the whole run, of this part; gas years, levels, fractiles and samples of the curves.
    var sites: Int
    var partSites: Int
    var years: Int
    var levels: Int
    var fractiles: [Double]
    var samples: Int
    var payloadBytes = 0
    var payloadSHA256 = ""
  }

  /// What a part depends on: the run identity (code version, configuration, model files,
  /// exposure, forecast, shard count), the hazard settings and the SHA-256 of the sites and
  /// levels files.
  static func identity(_ c: RunConfiguration, _ h: HazardSettings, _ p: HazardRun.Prepared, shards: Int) throws
    -> String
  {
    struct Identity: Encodable {
      var run: String
      var settings: HazardSettings
      var files: [String]
    }
    var files: [String] = []
    if case .file(let f) = h.sites { files.append(try SHA256.hex(file: f)) }
    if let l = h.levels { files.append(try SHA256.hex(file: l)) }
    let id = Identity(
      run: try ShardedRun.identity(c, models: p.models, exposure: p.exposure, shards: shards), settings: h,
      files: files)
    return SHA256.hex(Data(try JSONCoding.encode(id).utf8))
  }

  /// The sites of shard `i` of `n`: their indices in the whole run and the sites to compute.
  static func subset(_ p: HazardRun.Prepared, _ h: HazardSettings, shard i: Int, of n: Int) throws -> (
    [Int], HazardSites
  ) {
    let full = p.sites
    let plan = ShardPlan(sites: full.risk, count: n)
    if case .buildings = h.sites {
      let idx = plan.buildings(of: i, sites: full.risk)
      let sub = ExposureDatabase(file: p.exposure.file, buildings: idx.map { p.exposure.buildings[$0] }, snapped: [])
      let local = idx.isEmpty ? nil : try p.models.sites(for: sub).0
      var toGlobal = [Int](repeating: 0, count: local?.siteCount ?? 0)
      for (k, b) in idx.enumerated() { toGlobal[local!.siteOfLocation[k]] = full.risk.siteOfLocation[b] }
      return (toGlobal, try local.map { HazardSites(risk: $0, models: p.models) } ?? empty(p.models))
    }
    let mine = Set(plan.zones[i])
    let idx = (0..<full.count).filter { mine.contains(full.risk.siteZone[$0]) }
    let sub = try HazardSites(
      ids: idx.map { full.ids[$0] }, x: idx.map { full.x[$0] }, y: idx.map { full.y[$0] },
      zones: idx.map { full.zones[$0] }, wierde: idx.map { full.wierde[$0] }, models: p.models)
    return (idx, sub)
  }

  static func empty(_ models: ModelSet) throws -> HazardSites {
    try HazardSites(ids: [], x: [], y: [], zones: [], wierde: [], models: models)
  }

  /// Computes shard `i` of `n` of the configured hazard run and writes its part into the folder
  /// `c.output` (made if missing; the shards share it). Returns the part's path.
  package static func runShard(
    _ c: RunConfiguration, _ h: HazardSettings, shard i: Int, of n: Int, log: (String) -> Void = { _ in }
  ) throws -> String {
    try HazardRun.validate(h)
    try PartSet.folder(c.output)
    let p = try HazardRun.prepare(c, h, log: log)
    let (idx, sites) = try subset(p, h, shard: i, of: n)
    log("shard \(i)/\(n): \(sites.count) of \(p.sites.count) sites")
    var header = Header(
      identity: try identity(c, h, p, shards: n), codeVersion: CodeVersion.current, shard: i, shards: n,
      configuration: c, settings: h, sites: p.sites.count, partSites: idx.count, years: c.gasYears.count,
      levels: 0, fractiles: h.fractiles, samples: 0)
    var payload = PartPayload()
    payload.append(idx)
    if !idx.isEmpty {
      let r = try HazardRun.compute(c, h, models: p.models, sites: sites, measures: p.measures, log: log)
      (header.levels, header.samples) = (r.levelCount, r.samples)
      payload.append(r.mean)
      for f in r.fractileRates { payload.append(f) }
    }
    let path = c.output + "/" + PartSet.name(i, of: n)
    try PartFile.write(header, payload: payload.data, to: path)
    return path
  }

  /// Merges the parts (files or folders) into the output folder `out`: the same files as the
  /// unsharded hazard run (summary runtime aside).
  package static func merge(
    out: String, parts paths: [String], overwrite: Bool = false, threads: Int? = nil, log: (String) -> Void = { _ in }
  ) throws -> HazardRun.Summary {
    let start = Date()
    let parts = try PartSet.read(Header.self, kind: "hazard", from: paths)
    var c = parts[0].header.configuration
    let h = parts[0].header.settings
    (c.output, c.overwrite) = (out, overwrite)
    if let threads { c.threads = threads }
    let target = try HazardRun.outputTarget(c, h)
    let p = try HazardRun.prepare(c, h, log: log)
    guard try identity(c, h, p, shards: parts[0].header.shards) == parts[0].header.identity else {
      throw InputError(
        file: parts[0].path, field: "identity",
        "the inputs changed since the parts were computed (model files, exposure, sites, levels or code version)")
    }
    let r = try assemble(parts, sites: p.sites.count)
    log("merged \(parts.count) parts: \(p.sites.count) sites")
    let branches = p.points.isEmpty ? ([], [], []) : try HazardRun.tree(c, models: p.models)
    return try HazardRun.finish(c, h, p, r, branches: branches, target: target, start: start)
  }

  /// The parts' rows in the whole run's site order.
  static func assemble(_ parts: [(path: String, header: Header, payload: Data)], sites S: Int) throws
    -> HazardEstimator.Result
  {
    guard let f = parts.first(where: { $0.header.partSites > 0 })?.header else {
      throw InputError(file: parts[0].path, field: "sites", "every part is empty")
    }
    let (Y, L, F) = (f.years, f.levels, f.fractiles.count)
    let row = Y * L
    var mean = [Double](repeating: 0, count: S * row)
    var fractiles = [[Double]](repeating: mean, count: F)
    var seen = [Bool](repeating: false, count: S)
    for p in parts {
      var pl = PartPayload(p.payload)
      let h = p.header
      guard h.sites == S, let idx = pl.integers(h.partSites) else {
        throw InputError(file: p.path, field: "sites", "the part does not fit the run (\(S) sites)")
      }
      guard idx.isEmpty || (h.years == Y && h.levels == L && h.samples == f.samples) else {
        throw InputError(file: p.path, field: "levels", "the part's curves do not fit the other parts'")
      }
      for a in 0..<(idx.isEmpty ? 0 : 1 + F) {
        guard let v = pl.doubles(idx.count * row) else {
          throw InputError(file: p.path, field: "payload", "the payload is shorter than its header says")
        }
        for (k, s) in idx.enumerated() {
          guard s >= 0, s < S, a > 0 || !seen[s] else {
            throw InputError(file: p.path, field: "sites", "site index \(s) is outside the run or in two parts")
          }
          seen[s] = true
          if a == 0 {
            mean.replaceSubrange((s * row)..<((s + 1) * row), with: v[(k * row)..<((k + 1) * row)])
          } else {
            fractiles[a - 1].replaceSubrange((s * row)..<((s + 1) * row), with: v[(k * row)..<((k + 1) * row)])
          }
        }
      }
    }
    if let s = seen.firstIndex(of: false) {
      throw InputError(file: parts[0].path, field: "sites", "no part holds site \(s + 1) of the run")
    }
    return HazardEstimator.Result(
      siteCount: S, yearCount: Y, levelCount: L, fractiles: f.fractiles.map { $0 / 100 }, mean: mean,
      fractileRates: fractiles, samples: f.samples)
  }
}
