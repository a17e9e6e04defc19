import Foundation

/// A scenario study (HRA.md §1, issue 4): the same model (same exposure, same logic-tree
/// samples and seed) run on several production paths, optionally also on model variants
/// (branch sets held fixed), compared side by side with ``ScenarioComparison``.
///
/// The output folder (written atomically: all files or none) holds
/// - `<run>/buildings-risk.csv` per run (``RiskResults`` layout, as `hra run --logic-tree`),
/// - `categories-per-year.csv`, `category-differences.csv`, `queue-comparison.csv`
///   (``ScenarioComparison/Result``),
/// - `summary.txt`, `summary.json` and `manifest.json`.
///
/// A run is a production path, or a path with a variant (`<path>+<variant>`).
package enum ScenarioStudy {
  /// A model variant (``ScenarioVariant``).
  package typealias Variant = ScenarioVariant
  /// One computed run of the study (``ScenarioStudySummary/RunInfo``).
  package typealias RunInfo = ScenarioStudySummary.RunInfo
  /// What a study computed (``ScenarioStudySummary``).
  package typealias Summary = ScenarioStudySummary
  /// The study's manifest (``ScenarioStudyManifest``).
  package typealias StudyManifest = ScenarioStudyManifest

  /// Checks a production path name or CSV path and returns the run name (file name without `.csv`).
  static func pathName(_ p: String, models: String) throws -> String {
    guard !p.isEmpty else { throw InputError(key: "seismicity.paths", "empty production path name") }
    let file = p.hasSuffix(".csv") ? p : models + "/production/\(p).csv"
    guard FileManager.default.fileExists(atPath: file) else {
      let bundled = ((try? FileManager.default.contentsOfDirectory(atPath: models + "/production")) ?? [])
        .filter { $0.hasSuffix(".csv") && $0 != "historic.csv" }.map { String($0.dropLast(4)) }.sorted()
      throw InputError(
        key: "seismicity.paths", field: p,
        "unknown production path: no file \(file) (bundled paths: \(bundled.joined(separator: ", ")))")
    }
    return ((p as NSString).lastPathComponent as NSString).deletingPathExtension
  }

  /// Parses `NAME:SET=BRANCH[,SET=BRANCH…][;NAME:…]` (the `--variants` option).
  package static func parseVariants(_ spec: String) throws -> [Variant] {
    var out: [Variant] = []
    for part in spec.split(separator: ";", omittingEmptySubsequences: true) {
      let nv = part.split(separator: ":", maxSplits: 1).map(String.init)
      guard nv.count == 2, !nv[0].isEmpty else {
        throw InputError(
          key: "scenarios.variants", field: String(part),
          "a variant is NAME:SET=BRANCH[,SET=BRANCH…], e.g. mmax45:mmax=4.5")
      }
      var fixed: [String: String] = [:]
      for kv in nv[1].split(separator: ",") {
        let p = kv.split(separator: "=", maxSplits: 1).map(String.init)
        guard p.count == 2, !p[0].isEmpty, !p[1].isEmpty else {
          throw InputError(key: "scenarios.variants", field: nv[0], "'\(kv)' is not SET=BRANCH")
        }
        fixed[p[0]] = p[1]
      }
      guard !fixed.isEmpty else {
        throw InputError(key: "scenarios.variants", field: nv[0], "a variant must fix at least one branch set")
      }
      out.append(Variant(name: nv[0], fixed: fixed))
    }
    return out
  }

  /// One run of a study: a production path, with the plain model or a variant.
  struct Job {
    var name: String
    var path: String
    var variant: Variant?
    var config: RunConfiguration
  }

  /// A checked study: the models and exposure read once, and its runs.
  struct Plan {
    var models: ModelSet
    var exposure: ExposureDatabase
    var names: [String]
    var year: Int
    var productions: [String: ProductionPath]
    var jobs: [Job]
  }

  /// One computed run: its tree result and its compute time [s].
  typealias Computed = (result: TreeEstimator.Result, seconds: Double)

  /// Runs the study and writes the output folder `c.output` atomically.
  /// - Parameters:
  ///   - c: the model configuration (exposure, gas years, logic-tree mode `sample` or `enumerate`,
  ///     samples, seed, fixes, norm, threads, output); `c.production` is ignored;
  ///   - paths: production path names in `Models/production/` (or CSV paths), at least one, distinct;
  ///   - variants: model variants; each is run on every path in addition to the plain model;
  ///   - year: the ijkmoment year of the queue comparison (default: the first gas year);
  ///   - capacity: cuts each queue into periods (default: not limited, all in the first period).
  /// - Throws: ``InputError`` naming `--paths`, `--variants`, `--year` or `--logic-tree` before
  ///   anything is computed or written; any run error (nothing is written then).
  package static func run(
    configuration c: RunConfiguration, paths: [String], variants: [Variant] = [], year: Int? = nil,
    capacity: InspectionCapacity = InspectionCapacity(total: nil),
    langjarigYears: Int = QueueRules.defaultLangjarigYears,
    log: (String) -> Void = { _ in }
  ) throws -> Summary {
    let start = Date()
    let target = try outputTarget(c, paths: paths)
    let plan = try Self.plan(c, paths: paths, variants: variants, year: year, log: log)
    var computed: [Computed] = []
    for j in plan.jobs {
      let t0 = Date()
      let (r, _, _) = try TreeRun.compute(j.config, models: plan.models, exposure: plan.exposure)
      computed.append((r, Date().timeIntervalSince(t0)))
      log("\(j.name): computed in \(String(format: "%.1f", computed.last!.seconds)) s")
    }
    return try finish(
      c, plan, computed, target: target, variants: variants, capacity: capacity, langjarigYears: langjarigYears,
      start: start)
  }

  /// The output target of a study (its inputs: the run's files and the production CSVs).
  static func outputTarget(_ c: RunConfiguration, paths: [String]) throws -> OutputTarget {
    try OutputTarget(c.output, overwrite: c.overwrite, inputs: c.inputs + paths.filter { $0.hasSuffix(".csv") })
  }

  /// Checks everything before the long part and reads the models and the exposure once.
  static func plan(
    _ c: RunConfiguration, paths: [String], variants: [Variant], year: Int?, log: (String) -> Void
  ) throws -> Plan {
    guard !paths.isEmpty else { throw InputError(key: "seismicity.paths", "give at least one production path") }
    guard c.logicTree != .central else {
      throw InputError(
        key: "logic_tree.logic_tree",
        "a scenario study needs the logic tree (sample or enumerate); hold sets with logic_tree.fix")
    }
    let names = try paths.map { try pathName($0, models: c.models) }
    if let d = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 }) {
      throw InputError(key: "seismicity.paths", field: d.key, "production path given twice")
    }
    let year = year ?? c.firstGasYear
    guard c.gasYears.contains(year) else {
      throw InputError(
        key: "scenarios.year",
        "ijkmoment year \(year) is not in the gas years \(c.firstGasYear)–\(c.lastGasYear) of the run")
    }
    try check(variants)
    guard c.percentiles == [50, 90] else {
      throw InputError(
        key: "logic_tree.percentiles",
        "a scenario study compares categories and queues, which are defined on P50 and P90")
    }
    guard c.forecast == nil else {
      throw InputError(
        key: "seismicity.forecast",
        "a scenario study compares production paths of the built-in seismicity model; run a forecast with hra run")
    }
    let models = try ModelSet(directory: c.models, choice: c.choice)
    try check(variants, c, tree: models.tree)
    var productions: [String: ProductionPath] = [:]
    for (p, n) in zip(paths, names) {
      productions[n] = try models.production(p)
      try models.validateGasYears(c.firstGasYear...c.lastGasYear, production: p)
    }
    let exposure = try models.exposure(
      path: c.exposure, buildings: c.exposureBuildings, seed: c.exposureSeed, snapDistance: c.snapDistance)
    log(
      "exposure: \(exposure.buildings.count) buildings; \(names.count) paths × \(variants.count + 1) model(s); logic tree \(c.logicTree.rawValue)\(c.logicTree == .sample ? ", \(c.logicTreeSamples) samples, seed \(c.seed)" : "")"
    )
    // The runs: every path with the plain model, then with each variant.
    var jobs: [Job] = []
    for (p, n) in zip(paths, names) {
      for v in [nil] + variants.map(Optional.some) {
        var cv = c
        cv.production = p
        if let v { cv.fixedBranches.merge(v.fixed) { _, new in new } }
        jobs.append(Job(name: v.map { "\(n)+\($0.name)" } ?? n, path: n, variant: v, config: cv))
      }
    }
    return Plan(models: models, exposure: exposure, names: names, year: year, productions: productions, jobs: jobs)
  }

  /// Variant names: letters, digits, '.', '_' and '-', each once.
  static func check(_ variants: [Variant]) throws {
    var seen = Set<String>()
    for v in variants {
      guard v.name.range(of: "^[A-Za-z0-9._-]+$", options: .regularExpression) != nil else {
        throw InputError(
          key: "scenarios.variants", field: v.name, "variant names may use letters, digits, '.', '_' and '-' only")
      }
      guard seen.insert(v.name).inserted else {
        throw InputError(key: "scenarios.variants", field: v.name, "variant given twice")
      }
    }
  }

  /// The configuration's fixes and every variant's fixes name sets and branches of the tree.
  static func check(_ variants: [Variant], _ c: RunConfiguration, tree: LogicTree) throws {
    _ = try TreeRun.fixed(c, tree: tree)
    for v in variants {
      var cv = c
      cv.fixedBranches.merge(v.fixed) { _, new in new }
      do { _ = try TreeRun.fixed(cv, tree: tree) } catch let e as InputError {
        throw InputError(key: "scenarios.variants", field: v.name, e.description)
      }
    }
  }

  /// Compares the computed runs (one per job of `plan`, in order) and writes the output folder.
  static func finish(
    _ c: RunConfiguration, _ plan: Plan, _ computed: [Computed], target: OutputTarget, variants: [Variant],
    capacity: InspectionCapacity, langjarigYears: Int, start: Date
  ) throws -> Summary {
    var results: [(name: String, results: RiskResults)] = []
    var infos: [RunInfo] = []
    var manifests: [Manifest] = []
    for (j, k) in zip(plan.jobs, computed) {
      results.append((j.name, RiskResults(tree: k.result, exposure: plan.exposure, gasYears: c.gasYears)))
      infos.append(
        RunInfo(
          name: j.name, production: j.path, variant: j.variant?.name, fixed: j.config.fixedBranches,
          runtimeSeconds: k.seconds))
      manifests.append(try manifest(j, k, base: manifests.first, plan: plan, c))
    }
    let cmp = try ScenarioComparison.compare(
      results, norm: c.norm, year: plan.year, capacity: capacity, langjarigYears: langjarigYears)
    let summary = ScenarioStudySummary.make(
      cmp, runs: infos, buildings: plan.exposure.buildings.count, c: c, samples: computed.last?.result.samples ?? 0,
      capacity: capacity, runtime: Date().timeIntervalSince(start))
    try target.write { out in
      for (name, r) in results { try out.write(r.csv(norm: c.norm), name: "\(name)/buildings-risk.csv") }
      try out.write(cmp.countsCSV(), name: "categories-per-year.csv")
      try out.write(cmp.differencesCSV(), name: "category-differences.csv")
      try out.write(cmp.queueCSV(), name: "queue-comparison.csv")
      try out.write(summary.text(comparison: cmp), name: "summary.txt")
      try out.write(try JSONCoding.encode(summary), name: "summary.json")
      let sm = StudyManifest(
        codeVersion: manifests.first?.codeVersion ?? CodeVersion.release, paths: plan.names, variants: variants,
        ijkmomentYear: plan.year, capacityPeriod: capacity.period.rawValue, capacityTotal: capacity.total,
        runs: manifests)
      try out.write(try JSONCoding.encode(sm), name: "manifest.json")
    }
    return summary
  }

  /// The manifest of one run: the first run's in full, the others from it with their own
  /// configuration and production path.
  static func manifest(_ j: Job, _ k: Computed, base: Manifest?, plan: Plan, _ c: RunConfiguration) throws -> Manifest {
    var m: Manifest
    if let b = base {
      m = b
      m.configuration = j.config
      m.production = plan.productions[j.path]!.intervals.map {
        .init(start: $0.start, end: $0.end, volumeBcm: $0.volumeBcm, label: $0.label)
      }
    } else {
      m = try Manifest.make(
        configuration: j.config, models: plan.models, exposure: plan.exposure, runtime: k.seconds,
        production: plan.productions[j.path]!)
    }
    m.runtimeSeconds = k.seconds
    m.logicTree = Manifest.TreeInfo(
      mode: c.logicTree.rawValue, samples: k.result.samples, seed: c.seed, fixed: j.config.fixedBranches,
      estimator: "integrated per branch combination")
    return m
  }
}
