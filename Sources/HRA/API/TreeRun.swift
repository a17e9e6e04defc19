import Foundation

/// The logic-tree run (`hra run`): per building and gas year the weighted mean, P50 and P90 LPR,
/// the categories, the P50 and P90 lists and the buildings near the norm, written atomically to
/// an output folder (``TreeFolder``); with `group_risk on` also the `group-risk/` folder of
/// `hra group-risk` (``GroupRiskFolder``).
package enum TreeRun {
  /// Counts of one gas year (``TreeRunSummary/YearCounts``).
  package typealias YearCounts = TreeRunSummary.YearCounts
  /// What a run computed, in numbers (``TreeRunSummary``).
  package typealias Summary = TreeRunSummary
  /// The tree computed for an exposure (``TreeComputation``).
  package typealias Computed = TreeComputation

  /// Computes the tree for an exposure (no output): the library entry point of runs, explain and scenarios.
  package static func compute(
    _ c: RunConfiguration, models: ModelSet, exposure: ExposureDatabase, fixedOverride: [String: Int]? = nil,
    exact: Bool? = nil, log: (String) -> Void = { _ in }
  ) throws -> (result: TreeEstimator.Result, tree: LogicTree, sites: RiskSites) {
    let r = try TreeComputation.compute(
      c, models: models, exposure: exposure, fixedOverride: fixedOverride, exact: exact, log: log)
    return (r.result, r.tree, r.sites)
  }

  /// ``TreeComputation/compute(_:models:exposure:fixedOverride:exact:holdsForAll:buildingKeys:log:)``.
  static func computeTree(
    _ c: RunConfiguration, models: ModelSet, exposure: ExposureDatabase, holdsForAll: Bool = false
  ) throws -> Computed {
    try TreeComputation.compute(c, models: models, exposure: exposure, holdsForAll: holdsForAll)
  }

  /// Runs the tree for the configured job and writes the output folder atomically. With
  /// `checkpoints` above 1, or `resume`, in parts that survive a kill (``ShardedRun``).
  package static func run(_ c: RunConfiguration, resume: Bool = false, log: (String) -> Void = { _ in }) throws
    -> Summary
  {
    if resume || (c.checkpoints ?? 1) > 1 {
      var k = c
      k.checkpoints = c.checkpoints ?? CommandDefaults.checkpoints
      return try ShardedRun.runInParts(k, resume: resume, log: log)
    }
    let start = Date()
    let target = try c.outputTarget()
    let (models, exposure) = try prepare(c, log: log)
    let computed = try TreeComputation.compute(c, models: models, exposure: exposure, log: log)
    log("logic tree computed in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    let hazard = c.hazardSummary ? try computed.hazardSummary(c, models: models, log: log) : nil
    let evaluated = TreeEvaluation(computed, hazard: hazard)
    return try finish(c, target: target, models: models, exposure: exposure, evaluated, start: start, log: log)
  }

  /// The run's prologue (``RunContext``): the model set, validated before the long part, its
  /// warnings logged, and the exposure (snapped buildings logged).
  static func prepare(_ c: RunConfiguration, log: (String) -> Void) throws -> (ModelSet, ExposureDatabase) {
    let run = try RunContext(c, log: log)
    log(
      "exposure: \(run.exposure.buildings.count) buildings; logic tree: \(c.logicTree.rawValue)\(c.logicTree == .sample ? ", \(c.logicTreeSamples) samples" : "")"
    )
    return (run.models, run.exposure)
  }

  /// The run's epilogue (one run, or the parts of one merged): group risk if asked for, the
  /// checks, the counts and every output file.
  static func finish(
    _ c: RunConfiguration, target: OutputTarget, models: ModelSet, exposure: ExposureDatabase, _ e: TreeEvaluation,
    start: Date, log: (String) -> Void
  ) throws -> Summary {
    let g = GroupRiskSettings()
    let group =
      c.groupRisk ? try GroupRiskComputation.compute(c, g, models: models, exposure: exposure, log: log) : nil
    var folder = try TreeFolder(e, configuration: c, exposure: exposure, start: start)
    // The same files, manifest and config.ini as `hra group-risk` writes (one code path).
    let groupFolder = try group.map {
      try GroupRiskFolder(
        $0, settings: g, configuration: c, exposure: exposure, spacing: g.siteSpacing ?? models.risk.exposureSpacing,
        runtime: folder.summary.runtimeSeconds, output: c.output + "/group-risk")
    }
    folder.summary.groupRisk = groupFolder.map { f in
      var s = f.summary
      s.top = []
      return s
    }
    try target.write { out in
      try groupFolder?.write(
        out, folder: "group-risk/", configuration: c, models: models, exposure: exposure,
        writtenTo: target.path + "/group-risk")
      try folder.write(out, configuration: c, models: models, exposure: exposure, writtenTo: target.path)
    }
    return folder.summary
  }
}
