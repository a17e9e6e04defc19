import Foundation

/// A group-risk run split into shards (`hra group-risk --shard I/N`) and merged (`hra merge`).
///
/// The split is by **tree samples** (branch combinations), in N contiguous blocks: group risk
/// sums the losses of every building per event, so buildings cannot be split, but a sample's
/// event sets, its sums and its top events depend on that sample alone (the random stream of
/// event e of stratum m of sample s is keyed by (seed, s, m, e), ``EventSetEstimator``). A shard
/// computes the value and variance of its samples for every gas year and quantity and its best
/// events; the merge puts the blocks side by side, keeps the best events of all (a total order:
/// fatalities, then sample, stratum, event) and writes the folder through the unsharded run's
/// epilogue, so `fn-curve.csv`, `group-risk.csv` and `events-top.csv` are byte-identical to the
/// run's for any shard count. Shards beyond the sample count compute nothing (empty parts).
package enum ShardedGroupRisk {
  /// The header of a group-risk part.
  struct Header: ShardPartHeader {
    var kind = "group-risk"
    var identity: String
    var codeVersion: String
    var shard: Int
    var shards: Int
    var configuration: RunConfiguration
    var settings: GroupRiskSettings
    /// The samples of the whole run and this shard's block `first..<end`.
    var samples: Int
    var first: Int
    var end: Int
    var years: Int
    var quantities: Int
    var thresholds: [Double]
    /// The samples' normalised weights (all of them, as in the run).
    var weights: [Double]
    var events: Int
    var siteEvents: Int
    var estimatorSeconds: Double
    var top: [[EventSetEstimator.Event]]
    var payloadBytes = 0
    var payloadSHA256 = ""
  }

  /// The block of samples of shard `i` of `n` among `count`: `⌊i·count/n⌋ ..< ⌊(i+1)·count/n⌋`.
  package static func block(_ i: Int, of n: Int, count: Int) -> Range<Int> { (i * count / n)..<((i + 1) * count / n) }

  /// What a part's results depend on: the run's identity (code version, configuration, model
  /// files, exposure, forecast, shard count) and the group-risk settings with the SHA-256 of
  /// their parameters and guidance-line files.
  static func identity(
    _ c: RunConfiguration, _ g: GroupRiskSettings, models: ModelSet, exposure: ExposureDatabase, shards: Int
  ) throws -> String {
    let res = try GroupRiskRun.resolve(g, models: models.directory)
    let guidance = g.guidanceLine ?? models.directory + "/group-risk/guidance-line.csv"
    struct Identity: Encodable {
      var run: String
      var settings: GroupRiskSettings
      var parameters: String
      var guidance: String
    }
    let id = Identity(
      run: try ShardedRun.identity(c, models: models, exposure: exposure, shards: shards), settings: g,
      parameters: try SHA256.hex(file: res.parametersFile), guidance: try SHA256.hex(file: guidance))
    return SHA256.hex(Data(try JSONCoding.encode(id).utf8))
  }

  /// Computes shard `i` of `n` of the configured group-risk run and writes its part into the
  /// folder `c.output` (made if missing; the shards share it). Returns the part's path.
  package static func runShard(
    _ c: RunConfiguration, _ g: GroupRiskSettings, shard i: Int, of n: Int, log: (String) -> Void = { _ in }
  ) throws -> String {
    try PartSet.folder(c.output)
    let (models, exposure) = try GroupRiskRun.prepare(c, g, log: log)
    let id = try identity(c, g, models: models, exposure: exposure, shards: n)
    let (h, payload) = try computePart(
      c, g, models: models, exposure: exposure, shard: i, of: n, identity: id, log: log)
    let path = c.output + "/" + PartSet.name(i, of: n)
    try PartFile.write(h, payload: payload, to: path)
    return path
  }

  /// Computes shard `i` of `n` for the prepared models and exposure: the part's header and payload.
  static func computePart(
    _ c: RunConfiguration, _ g: GroupRiskSettings, models: ModelSet, exposure: ExposureDatabase, shard i: Int,
    of n: Int, identity: String, log: (String) -> Void
  ) throws -> (Header, Data) {
    let k = try GroupRiskRun.compute(c, g, models: models, exposure: exposure, shard: (i, n), log: log)
    let r = k.result
    let b = block(i, of: n, count: k.samples)
    log("shard \(i)/\(n): tree samples \(b.lowerBound)..<\(b.upperBound) of \(k.samples)")
    let cell = r.yearCount * r.quantityCount
    let h = Header(
      identity: identity, codeVersion: CodeVersion.current, shard: i, shards: n, configuration: c, settings: g,
      samples: k.samples, first: b.lowerBound, end: b.upperBound, years: r.yearCount, quantities: r.quantityCount,
      thresholds: r.thresholds, weights: r.weights, events: r.events, siteEvents: r.siteEvents,
      estimatorSeconds: k.resolved.estimatorSeconds, top: r.top)
    var payload = PartPayload()
    payload.append(Array(r.value[(b.lowerBound * cell)..<(b.upperBound * cell)]))
    payload.append(Array(r.variance[(b.lowerBound * cell)..<(b.upperBound * cell)]))
    return (h, payload.data)
  }

  /// Merges the parts (files or folders) into the output folder `out`: the same files as the
  /// unsharded group-risk run (summary runtimes aside).
  package static func merge(
    out: String, parts paths: [String], overwrite: Bool = false, threads: Int? = nil, log: (String) -> Void = { _ in }
  ) throws -> GroupRiskRun.Summary {
    let start = Date()
    let parts = try PartSet.read(Header.self, kind: "group-risk", from: paths)
    var c = parts[0].header.configuration
    let g = parts[0].header.settings
    (c.output, c.overwrite) = (out, overwrite)
    if let threads { c.threads = threads }
    let target = try GroupRiskRun.outputTarget(c, g)
    let (models, exposure) = try GroupRiskRun.prepare(c, g, log: log)
    guard
      try identity(c, g, models: models, exposure: exposure, shards: parts[0].header.shards) == parts[0].header.identity
    else {
      throw InputError(
        file: parts[0].path, field: "identity",
        "the inputs changed since the parts were computed (model files, exposure, settings files or code version)")
    }
    let r = try assemble(parts)
    var res = try GroupRiskRun.resolve(g, models: models.directory)
    res.estimatorSeconds = parts.map(\.header.estimatorSeconds).reduce(0, +)
    let (sites, _, _) = try GroupRiskRun.sites(
      exposure, models: models, spacing: g.siteSpacing ?? models.risk.exposureSpacing, dayFraction: res.dayFraction,
      rangeKm: res.rangeKm, correlation: .independent, source: res.parametersFile)
    log("merged \(parts.count) parts: \(r.branchCount) tree samples, \(r.events) events")
    return try GroupRiskRun.finish(
      c, g, target: target, models: models, exposure: exposure, (r, sites, res, r.branchCount), start: start)
  }

  /// The parts' blocks side by side, their event counts summed and their best events merged.
  static func assemble(_ parts: [(path: String, header: Header, payload: Data)]) throws -> EventSetEstimator.Result {
    let f = parts[0].header
    let cell = f.years * f.quantities
    var value = [Double](repeating: 0, count: f.samples * cell)
    var variance = value
    var top = [[EventSetEstimator.Event]](repeating: [], count: f.years)
    var covered = 0
    for p in parts {
      let h = p.header
      guard h.samples == f.samples, h.years == f.years, h.quantities == f.quantities, h.first == covered,
        h.end >= h.first, h.end <= f.samples, h.top.count == f.years
      else {
        throw InputError(file: p.path, field: "samples", "the part's block of tree samples does not fit the others")
      }
      var pl = PartPayload(p.payload)
      let n = (h.end - h.first) * cell
      guard let v = pl.doubles(n), let s2 = pl.doubles(n), pl.isAtEnd else {
        throw InputError(file: p.path, field: "payload", "the payload does not match its header")
      }
      value.replaceSubrange((h.first * cell)..<(h.end * cell), with: v)
      variance.replaceSubrange((h.first * cell)..<(h.end * cell), with: s2)
      for t in 0..<f.years { top[t] += h.top[t] }
      covered = h.end
    }
    guard covered == f.samples else {
      throw InputError(file: parts[0].path, field: "samples", "the parts cover \(covered) of \(f.samples) tree samples")
    }
    return EventSetEstimator.Result(
      thresholds: f.thresholds, yearCount: f.years, branchCount: f.samples, value: value, variance: variance,
      weights: f.weights, top: top.map { EventSetEstimator.best($0, EventSetEstimator.topCount) },
      events: parts.map(\.header.events).reduce(0, +), siteEvents: parts.map(\.header.siteEvents).reduce(0, +))
  }
}
