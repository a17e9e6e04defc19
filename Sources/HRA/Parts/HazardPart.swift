import Foundation

/// The part of a hazard run (`hra hazard --shard I/N`): the sites of one shard's whole
/// site-response zones (``ShardPlan``, largest zones first to the least-loaded shard).
///
/// With `sites = buildings` a shard takes the buildings of its zones and forms their risk
/// sites as the whole run does; with nodes, a grid or a sites file it takes the listed sites of
/// its zones. Payload (``PartPayload``): the part's site indices in the whole run, then, unless
/// empty, the mean and each fractile's exceedance rates, `sites × years × levels` (site-major).
enum HazardPart {
  /// The header of a hazard part (its JSON is the part format: field names and order are kept).
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
  static func identity(_ c: RunConfiguration, _ h: HazardSettings, _ p: HazardInputs, shards: Int) throws -> String {
    struct Identity: Encodable {
      var run: String
      var settings: HazardSettings
      var files: [String]
    }
    var files: [String] = []
    if case .file(let f) = h.sites { files.append(try SHA256.hex(file: f)) }
    if let l = h.levels { files.append(try SHA256.hex(file: l)) }
    let id = Identity(
      run: try RunPart.identity(c, models: p.models, exposure: p.exposure, shards: shards), settings: h,
      files: files)
    return SHA256.hex(Data(try JSONCoding.encode(id).utf8))
  }

  /// The sites of shard `i` of `n`: their indices in the whole run and the sites to compute.
  static func subset(_ p: HazardInputs, _ h: HazardSettings, shard i: Int, of n: Int) throws -> (
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

  /// Computes shard `i` of `n` for the prepared inputs: the part's header and payload.
  static func compute(
    _ c: RunConfiguration, _ h: HazardSettings, _ p: HazardInputs, shard i: Int, of n: Int, log: (String) -> Void
  ) throws -> (Header, Data) {
    let (idx, sites) = try subset(p, h, shard: i, of: n)
    log("shard \(i)/\(n): \(sites.count) of \(p.sites.count) sites")
    var header = Header(
      identity: try identity(c, h, p, shards: n), codeVersion: CodeVersion.current, shard: i, shards: n,
      configuration: c, settings: h, sites: p.sites.count, partSites: idx.count, years: c.gasYears.count,
      levels: 0, fractiles: h.fractiles, samples: 0)
    var payload = PartPayload()
    payload.append(idx)
    if !idx.isEmpty {
      let r = try HazardComputation.compute(c, h, models: p.models, sites: sites, measures: p.measures, log: log)
      (header.levels, header.samples) = (r.levelCount, r.samples)
      payload.append(r.mean)
      for f in r.fractileRates { payload.append(f) }
    }
    return (header, payload.data)
  }

  /// The parts' rows in the whole run's site order.
  /// - Throws: ``InputError`` naming the part whose sites, curves or payload do not fit, or a
  ///   site no part holds.
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
