import Foundation

/// A scenario study (HRA.md §1, issue 4): the same model (same exposure, same logic-tree
/// samples and seed) run on several production paths, optionally also on model variants
/// (branch sets held fixed), compared side by side with ``ScenarioComparison``.
///
/// The output folder (written atomically: all files or none) holds
/// - `<run>/buildings-risk.csv` per run (``RiskResults`` layout, as `hra run --logic-tree`),
/// - `categories-per-year.csv`, `category-differences.csv`, `queue-comparison.csv`
///   (``ScenarioComparison/Result``),
/// - `summary.txt`, `summary.json` and `manifest.json` (``RunEpilogue``).
///
/// A run is a production path, or a path with a variant (`<path>+<variant>`, ``ScenarioPlan``).
package enum ScenarioStudy {
  /// A model variant (``ScenarioVariant``).
  package typealias Variant = ScenarioVariant
  /// One computed run of the study (``ScenarioStudySummary/RunInfo``).
  package typealias RunInfo = ScenarioStudySummary.RunInfo
  /// What a study computed (``ScenarioStudySummary``).
  package typealias Summary = ScenarioStudySummary
  /// The study's manifest (``ScenarioStudyManifest``).
  package typealias StudyManifest = ScenarioStudyManifest

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
  /// - Throws: ``InputError`` naming `seismicity.paths`, `scenarios.variants`, `scenarios.year` or
  ///   `logic_tree.logic_tree` before anything is computed or written; any run error (nothing is
  ///   written then).
  package static func run(
    configuration c: RunConfiguration, paths: [String], variants: [Variant] = [], year: Int? = nil,
    capacity: InspectionCapacity = InspectionCapacity(total: nil),
    langjarigYears: Int = QueueRules.defaultLangjarigYears,
    log: (String) -> Void = { _ in }
  ) throws -> Summary {
    let start = Date()
    let target = try outputTarget(c, paths: paths)
    let plan = try ScenarioPlan(c, paths: paths, variants: variants, year: year, log: log)
    var computed: [Computed] = []
    for j in plan.jobs {
      let t0 = Date()
      let r = try TreeComputation.compute(j.config, models: plan.models, exposure: plan.exposure).result
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

  /// The study's epilogue: compares the computed runs (one per job of `plan`, in order) and
  /// writes the output folder.
  static func finish(
    _ c: RunConfiguration, _ plan: ScenarioPlan, _ computed: [Computed], target: OutputTarget, variants: [Variant],
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
      manifests.append(try plan.manifest(j, k.result, seconds: k.seconds, base: manifests.first, c))
    }
    let cmp = try ScenarioComparison.compare(
      results, norm: c.norm, year: plan.year, capacity: capacity, langjarigYears: langjarigYears)
    let summary = ScenarioStudySummary.make(
      cmp, runs: infos, buildings: plan.exposure.buildings.count, c: c, samples: computed.last?.result.samples ?? 0,
      capacity: capacity, runtime: Date().timeIntervalSince(start))
    let manifest = StudyManifest(
      codeVersion: manifests.first?.codeVersion ?? CodeVersion.release, paths: plan.names, variants: variants,
      ijkmomentYear: plan.year, capacityPeriod: capacity.period.rawValue, capacityTotal: capacity.total,
      runs: manifests)
    let epilogue = try RunEpilogue(
      text: summary.text(comparison: cmp), summary: summary, configuration: nil, manifest: manifest)
    try target.write { out in
      for (name, r) in results { try out.write(r.csv(norm: c.norm), name: "\(name)/buildings-risk.csv") }
      try out.write(cmp.countsCSV(), name: "categories-per-year.csv")
      try out.write(cmp.differencesCSV(), name: "category-differences.csv")
      try out.write(cmp.queueCSV(), name: "queue-comparison.csv")
      try epilogue.write(to: out)
    }
    return summary
  }
}
