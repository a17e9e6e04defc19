import Foundation

/// The part of a tree run (`hra run --shard I/N`, the checkpoints of `hra run --resume`, and each
/// run of a study part): the buildings of one shard's site-response zones (``ShardPlan``) with
/// their mean and percentile LPR per gas year, the near-norm holds (exact tree) and the shard's
/// share of the hazard summary.
///
/// Payload (``PartPayload``, little-endian): the part's building indices in the whole
/// exposure, then, unless empty, the mean, lower- and upper-percentile LPR and the flip
/// probability, each `buildings × years` (building-major). Assembled in exposure order, the
/// parts give the unsharded run's ``TreeEvaluation`` for any shard count.
enum RunPart {
  /// The header of a run part (its JSON is the part format: field names and order are kept).
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
    var hazard: [HazardRunSummary.Year]?
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

  /// Computes shard `i` of `plan` for the prepared models and exposure: the part's header and payload.
  static func compute(
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
    let k = try TreeComputation.compute(c, models: models, exposure: sub, buildingKeys: idx, log: log)
    let r = k.result
    (h.samples, h.exact, h.sites, h.medianPaths) = (r.samples, r.exact, k.sites.siteCount, k.medianPaths)
    (h.sketchBytes, h.cacheBytes) = (r.sketchBytes, r.cacheBytes)
    let Y = c.gasYears.count
    h.holds = r.holds.map { Hold(cell: idx[$0.key / Y] * Y + $0.key % Y, holds: $0.value) }.sorted { $0.cell < $1.cell }
    if c.hazardSummary {
      (h.hazard, h.hazardSites) = globalSites(
        try k.hazardSummary(c, models: models, log: log), local: k.sites, full: full, idx: idx)
    }
    for a in [r.mean, r.p50, r.p90, r.flipProbability] { payload.append(a) }
    return (h, payload.data)
  }

  /// The hazard maxima of a shard with their sites named and numbered as in the whole run.
  static func globalSites(_ ys: [HazardRunSummary.Year], local: RiskSites, full: RiskSites, idx: [Int]) -> (
    [HazardRunSummary.Year], [[Int]]
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

  /// The parts' results in exposure order.
  /// - Throws: ``InputError`` naming the part whose buildings, gas years or payload do not fit,
  ///   or a building no part holds.
  static func assemble(_ parts: [(path: String, header: Header, payload: Data)], buildings B: Int, years Y: Int)
    throws -> TreeEvaluation
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
    return TreeEvaluation(
      result: r, siteCount: done.map(\.sites).reduce(0, +), medianPaths: f.medianPaths, hazard: mergedHazard(done))
  }

  /// The field maxima of the whole run from the shards' maxima: the highest level, ties to
  /// the site with the lower index in the whole run (as the unsharded run's first maximum).
  static func mergedHazard(_ headers: [Header]) -> [HazardRunSummary.Year]? {
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
