import Foundation

/// The part of a group-risk run (`hra group-risk --shard I/N`): a contiguous block of the tree
/// samples (``GroupRiskComputation/block(_:of:count:)``).
///
/// Group risk sums the losses of every building per event, so buildings cannot be split, but
/// a sample's event sets, its sums and its top events depend on that sample alone (the random
/// stream of event e of stratum m of sample s is keyed by (seed, s, m, e), ``EventSetEstimator``).
/// Payload (``PartPayload``): the block's values, then their variances, `samples × years ×
/// quantities`; the header holds the block's best events. Assembled, the blocks give the
/// unsharded run's result for any shard count (shards beyond the sample count are empty).
enum GroupRiskPart {
  /// The header of a group-risk part (its JSON is the part format: field names and order are kept).
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

  /// What a part's results depend on: the run's identity (code version, configuration, model
  /// files, exposure, forecast, shard count) and the group-risk settings with the SHA-256 of
  /// their parameters and guidance-line files.
  static func identity(
    _ c: RunConfiguration, _ g: GroupRiskSettings, models: ModelSet, exposure: ExposureDatabase, shards: Int
  ) throws -> String {
    let res = try GroupRiskParameters.resolve(g, models: models.directory)
    let guidance = g.guidanceLine ?? models.directory + "/group-risk/guidance-line.csv"
    struct Identity: Encodable {
      var run: String
      var settings: GroupRiskSettings
      var parameters: String
      var guidance: String
    }
    let id = Identity(
      run: try RunPart.identity(c, models: models, exposure: exposure, shards: shards), settings: g,
      parameters: try SHA256.hex(file: res.parametersFile), guidance: try SHA256.hex(file: guidance))
    return SHA256.hex(Data(try JSONCoding.encode(id).utf8))
  }

  /// Computes shard `i` of `n` for the prepared models and exposure: the part's header and payload.
  static func compute(
    _ c: RunConfiguration, _ g: GroupRiskSettings, models: ModelSet, exposure: ExposureDatabase, shard i: Int,
    of n: Int, identity: String, log: (String) -> Void
  ) throws -> (Header, Data) {
    let k = try GroupRiskComputation.compute(c, g, models: models, exposure: exposure, shard: (i, n), log: log)
    let r = k.result
    let b = GroupRiskComputation.block(i, of: n, count: k.samples)
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

  /// The parts' blocks side by side, their event counts summed and their best events merged
  /// (a total order: fatalities, then sample, stratum, event).
  /// - Throws: ``InputError`` naming the part whose block or payload does not fit, or the
  ///   samples no part covers.
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
