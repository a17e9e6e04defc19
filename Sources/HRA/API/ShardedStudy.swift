import Foundation

/// A scenario study split into shards (`hra scenarios --shard I/N`) and merged (`hra merge`).
///
/// Every shard computes **every run** of the study (each production path with each variant) on
/// the buildings of its site-response zones (``ShardPlan``, the split of `hra run --shard`): the
/// shards stay balanced whatever the number of runs, and the models and exposure are read once
/// per shard. A study part holds one run part (``ShardedRun``) per run; the merge assembles each
/// run from its N pieces and writes the study folder through the unsharded study's epilogue, so
/// every `<run>/buildings-risk.csv` and the comparison tables are byte-identical for any N.
package enum ShardedStudy {
  /// The header of a study part: the study's settings and one run-part header per run.
  struct Header: ShardPartHeader {
    var kind = "scenarios"
    var identity: String
    var codeVersion: String
    var shard: Int
    var shards: Int
    var configuration: RunConfiguration
    var paths: [String]
    var variants: [ScenarioStudy.Variant]
    var year: Int?
    var capacity: Capacity
    var langjarigYears: Int
    /// Per run (in the study's order): its part header, payload length and compute time [s].
    var runs: [ShardedRun.Header]
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
  static func identity(
    _ c: RunConfiguration, _ h: Header, plan: ScenarioStudy.Plan
  ) throws -> String {
    struct Identity: Encodable {
      var run: String
      var paths: [String]
      var variants: [ScenarioStudy.Variant]
      var year: Int?
      var capacity: Capacity
      var langjarigYears: Int
      var productions: [String]
    }
    let files = try h.paths.map { p in
      try SHA256.hex(file: p.hasSuffix(".csv") ? p : c.models + "/production/\(p).csv")
    }
    let id = Identity(
      run: try ShardedRun.identity(c, models: plan.models, exposure: plan.exposure, shards: h.shards), paths: h.paths,
      variants: h.variants, year: h.year, capacity: h.capacity, langjarigYears: h.langjarigYears, productions: files)
    return SHA256.hex(Data(try JSONCoding.encode(id).utf8))
  }

  /// Computes shard `i` of `n` of the study (every run on the shard's zones) and writes its
  /// part into the folder `c.output` (made if missing). Returns the part's path.
  package static func runShard(
    configuration c: RunConfiguration, paths: [String], variants: [ScenarioStudy.Variant] = [], year: Int? = nil,
    capacity: InspectionCapacity = InspectionCapacity(total: nil),
    langjarigYears: Int = QueueRules.defaultLangjarigYears, shard i: Int, of n: Int,
    log: (String) -> Void = { _ in }
  ) throws -> String {
    try PartSet.folder(c.output)
    let plan = try ScenarioStudy.plan(c, paths: paths, variants: variants, year: year, log: log)
    var h = Header(
      identity: "", codeVersion: CodeVersion.current, shard: i, shards: n, configuration: c, paths: paths,
      variants: variants, year: year, capacity: Capacity(capacity), langjarigYears: langjarigYears, runs: [],
      runBytes: [], seconds: [])
    h.identity = try identity(c, h, plan: plan)
    let (full, _) = try plan.models.sites(for: plan.exposure)
    let zones = ShardPlan(sites: full, count: n)
    var payload = Data()
    for j in plan.jobs {
      let t0 = Date()
      var cj = j.config
      cj.hazardSummary = false
      let (rh, d) = try ShardedRun.computePart(
        cj, models: plan.models, exposure: plan.exposure, plan: zones, sites: full, shard: i, identity: h.identity,
        log: log)
      h.runs.append(rh)
      h.runBytes.append(d.count)
      h.seconds.append(Date().timeIntervalSince(t0))
      payload.append(d)
      log("\(j.name): shard \(i)/\(n) computed in \(String(format: "%.1f", h.seconds.last!)) s")
    }
    let path = c.output + "/" + PartSet.name(i, of: n)
    try PartFile.write(h, payload: payload, to: path)
    return path
  }

  /// Merges the parts (files or folders) into the study's output folder `out`: the same files
  /// as the unsharded study (summary runtimes aside).
  package static func merge(
    out: String, parts paths: [String], overwrite: Bool = false, threads: Int? = nil, log: (String) -> Void = { _ in }
  ) throws -> ScenarioStudy.Summary {
    let start = Date()
    let parts = try PartSet.read(Header.self, kind: "scenarios", from: paths)
    let f = parts[0].header
    var c = f.configuration
    (c.output, c.overwrite) = (out, overwrite)
    if let threads { c.threads = threads }
    let target = try ScenarioStudy.outputTarget(c, paths: f.paths)
    let plan = try ScenarioStudy.plan(c, paths: f.paths, variants: f.variants, year: f.year, log: log)
    guard try identity(c, f, plan: plan) == f.identity else {
      throw InputError(
        file: parts[0].path, field: "identity",
        "the inputs changed since the parts were computed (model files, exposure, production paths or code version)")
    }
    var computed: [ScenarioStudy.Computed] = []
    for (r, j) in plan.jobs.enumerated() {
      let pieces = try parts.map { p -> (path: String, header: ShardedRun.Header, payload: Data) in
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
      let e = try ShardedRun.assemble(pieces, buildings: plan.exposure.buildings.count, years: c.gasYears.count)
      computed.append((e.result, parts.map { $0.header.seconds[r] }.reduce(0, +)))
      log("\(j.name): merged from \(parts.count) parts")
    }
    return try ScenarioStudy.finish(
      c, plan, computed, target: target, variants: f.variants, capacity: f.capacity.value,
      langjarigYears: f.langjarigYears, start: start)
  }
}
