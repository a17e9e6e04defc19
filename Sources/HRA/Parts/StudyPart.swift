import Foundation

/// The part of a scenario study (`hra scenarios --shard I/N`): **every run** of the study (each
/// production path with each variant) on the buildings of one shard's site-response zones
/// (``ShardPlan``, the split of `hra run --shard`), so the shards stay balanced whatever the
/// number of runs and the models and exposure are read once per shard.
///
/// Payload: the runs' ``RunPart`` payloads one after the other (lengths in the header).
enum StudyPart {
  /// The header of a study part: the study's settings and one run-part header per run (its
  /// JSON is the part format: field names and order are kept).
  struct Header: ShardPartHeader {
    var kind = "scenarios"
    var identity: String
    var codeVersion: String
    var shard: Int
    var shards: Int
    var configuration: RunConfiguration
    var paths: [String]
    var variants: [ScenarioVariant]
    var year: Int?
    var capacity: Capacity
    var langjarigYears: Int
    /// Per run (in the study's order): its part header, payload length and compute time [s].
    var runs: [RunPart.Header]
    var runBytes: [Int]
    var seconds: [Double]
    var payloadBytes = 0
    var payloadSHA256 = ""
  }

  /// ``InspectionCapacity`` as recorded in a part.
  struct Capacity: Codable {
    var period: InspectionCapacity.Period
    var total: Int?
    var perMunicipality: [String: Int]
    init(_ c: InspectionCapacity) { (period, total, perMunicipality) = (c.period, c.total, c.perMunicipality) }
    var value: InspectionCapacity { InspectionCapacity(period: period, total: total, perMunicipality: perMunicipality) }
  }

  /// What a study part depends on: the run identity (code version, configuration, model files,
  /// exposure, shard count), the study's settings and the SHA-256 of each production path file.
  static func identity(_ c: RunConfiguration, _ h: Header, plan: ScenarioPlan) throws -> String {
    struct Identity: Encodable {
      var run: String
      var paths: [String]
      var variants: [ScenarioVariant]
      var year: Int?
      var capacity: Capacity
      var langjarigYears: Int
      var productions: [String]
    }
    let files = try h.paths.map { p in
      try SHA256.hex(file: p.hasSuffix(".csv") ? p : c.models + "/production/\(p).csv")
    }
    let id = Identity(
      run: try RunPart.identity(c, models: plan.models, exposure: plan.exposure, shards: h.shards), paths: h.paths,
      variants: h.variants, year: h.year, capacity: h.capacity, langjarigYears: h.langjarigYears, productions: files)
    return SHA256.hex(Data(try JSONCoding.encode(id).utf8))
  }

  /// Computes every run of the study on shard `h.shard` of `h.shards`: fills the header's runs
  /// and returns the payload.
  static func compute(_ h: inout Header, plan: ScenarioPlan, log: (String) -> Void) throws -> Data {
    let (i, n) = (h.shard, h.shards)
    let (full, _) = try plan.models.sites(for: plan.exposure)
    let zones = ShardPlan(sites: full, count: n)
    var payload = Data()
    for j in plan.jobs {
      let t0 = Date()
      var cj = j.config
      cj.hazardSummary = false
      let (rh, d) = try RunPart.compute(
        cj, models: plan.models, exposure: plan.exposure, plan: zones, sites: full, shard: i, identity: h.identity,
        log: log)
      h.runs.append(rh)
      h.runBytes.append(d.count)
      h.seconds.append(Date().timeIntervalSince(t0))
      payload.append(d)
      log("\(j.name): shard \(i)/\(n) computed in \(String(format: "%.1f", h.seconds.last!)) s")
    }
    return payload
  }

  /// Run `r` of the study assembled from its piece in every part, with its compute time [s]
  /// summed over the parts.
  /// - Throws: ``InputError`` naming the part that does not hold the study's runs or whose
  ///   payload is short, or what ``RunPart/assemble(_:buildings:years:)`` finds.
  static func assemble(
    _ parts: [(path: String, header: Header, payload: Data)], run r: Int, plan: ScenarioPlan, years: Int
  ) throws -> (result: TreeEstimator.Result, seconds: Double) {
    let pieces = try parts.map { p -> (path: String, header: RunPart.Header, payload: Data) in
      guard p.header.runs.count == plan.jobs.count, p.header.runBytes.count == plan.jobs.count else {
        throw InputError(file: p.path, field: "runs", "the part does not hold the study's \(plan.jobs.count) runs")
      }
      let from = p.header.runBytes[..<r].reduce(0, +)
      let to = from + p.header.runBytes[r]
      guard to <= p.payload.count else {
        throw InputError(file: p.path, field: "payload", "the payload is shorter than its header says")
      }
      return (p.path, p.header.runs[r], p.payload.subdata(in: from..<to))
    }
    let e = try RunPart.assemble(pieces, buildings: plan.exposure.buildings.count, years: years)
    return (e.result, parts.map { $0.header.seconds[r] }.reduce(0, +))
  }
}
