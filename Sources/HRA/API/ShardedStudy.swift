import Foundation

/// A scenario study split into shards (`hra scenarios --shard I/N`) and merged (`hra merge`).
///
/// Every shard computes **every run** of the study on the buildings of its site-response zones
/// (``StudyPart``); the merge assembles each run from its N pieces and writes the study folder
/// through the unsharded study's epilogue, so every `<run>/buildings-risk.csv` and the
/// comparison tables are byte-identical for any N.
package enum ShardedStudy {
  /// Computes shard `i` of `n` of the study (every run on the shard's zones) and writes its
  /// part into the folder `c.output` (made if missing). Returns the part's path.
  package static func runShard(
    configuration c: RunConfiguration, paths: [String], variants: [ScenarioStudy.Variant] = [], year: Int? = nil,
    capacity: InspectionCapacity = InspectionCapacity(total: nil),
    langjarigYears: Int = QueueRules.defaultLangjarigYears, shard i: Int, of n: Int,
    log: (String) -> Void = { _ in }
  ) throws -> String {
    try PartSet.folder(c.output)
    let plan = try ScenarioPlan(c, paths: paths, variants: variants, year: year, log: log)
    var h = StudyPart.Header(
      identity: "", codeVersion: CodeVersion.current, shard: i, shards: n, configuration: c, paths: paths,
      variants: variants, year: year, capacity: StudyPart.Capacity(capacity), langjarigYears: langjarigYears,
      runs: [], runBytes: [], seconds: [])
    h.identity = try StudyPart.identity(c, h, plan: plan)
    let payload = try StudyPart.compute(&h, plan: plan, log: log)
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
    let parts = try PartSet.read(StudyPart.Header.self, kind: "scenarios", from: paths)
    let f = parts[0].header
    var c = f.configuration
    (c.output, c.overwrite) = (out, overwrite)
    if let threads { c.threads = threads }
    let target = try ScenarioStudy.outputTarget(c, paths: f.paths)
    let plan = try ScenarioPlan(c, paths: f.paths, variants: f.variants, year: f.year, log: log)
    guard try StudyPart.identity(c, f, plan: plan) == f.identity else {
      throw InputError(
        file: parts[0].path, field: "identity",
        "the inputs changed since the parts were computed (model files, exposure, production paths or code version)")
    }
    let computed = try plan.jobs.indices.map { r in
      let k = try StudyPart.assemble(parts, run: r, plan: plan, years: c.gasYears.count)
      log("\(plan.jobs[r].name): merged from \(parts.count) parts")
      return k
    }
    return try ScenarioStudy.finish(
      c, plan, computed, target: target, variants: f.variants, capacity: f.capacity.value,
      langjarigYears: f.langjarigYears, start: start)
  }
}
