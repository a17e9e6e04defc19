import Foundation

/// The group-risk run (`hra group-risk`): event sets with spatially correlated ground-motion
/// fields over the logic tree (``GroupRiskComputation``), FN curves, PLL and collapses per gas
/// year, compared with the guidance line; written atomically to an output folder.
///
/// Files (``GroupRiskFolder``): `fn-curve.csv` (per gas year and N: the tree mean, fractiles,
/// Monte Carlo standard error of the mean given the tree samples `se_mc`, standard error
/// including the tree sampling `se`, the guidance line and the ratio), `group-risk.csv` (per gas
/// year PLL, collapses, F(≥1), F(≥10), maximum ratio), `events-top.csv` (the worst events per
/// gas year), `summary.txt`/`summary.json`, `manifest.json`, `config.ini`.
package enum GroupRiskRun {
  /// One row of the FN curve (``GroupRiskPoint``).
  package typealias Point = GroupRiskPoint
  /// A tree mean with its standard errors (``GroupRiskEstimate``).
  package typealias Estimate = GroupRiskEstimate
  /// One gas year's group risk (``GroupRiskYear``).
  package typealias YearSummary = GroupRiskYear
  /// What a group-risk run computed (``GroupRiskRunSummary``).
  package typealias Summary = GroupRiskRunSummary
  /// The resolved parameters of a run (``GroupRiskParameters``).
  package typealias Resolved = GroupRiskParameters

  /// Runs the configured group-risk job and writes the output folder atomically.
  package static func run(_ c: RunConfiguration, _ g: GroupRiskSettings, log: (String) -> Void = { _ in }) throws
    -> Summary
  {
    let start = Date()
    let target = try outputTarget(c, g)
    let (models, exposure) = try prepare(c, g, log: log)
    let k = try GroupRiskComputation.compute(c, g, models: models, exposure: exposure, log: log)
    return try finish(c, g, target: target, models: models, exposure: exposure, k, start: start)
  }

  /// The output target of a group-risk run (its inputs are the run's and the settings' files).
  static func outputTarget(_ c: RunConfiguration, _ g: GroupRiskSettings) throws -> OutputTarget {
    var inputs = c.inputs
    if let p = g.parameters { inputs.append(p) }
    if let p = g.guidanceLine { inputs.append(p) }
    return try OutputTarget(c.output, overwrite: c.overwrite, inputs: inputs)
  }

  /// The run's prologue (``RunContext``, with the settings checked): the models and the
  /// exposure (of the `group_risk.area` only).
  static func prepare(_ c: RunConfiguration, _ g: GroupRiskSettings, log: (String) -> Void) throws -> (
    ModelSet, ExposureDatabase
  ) {
    let run = try RunContext(c, check: { _ = try GroupRiskParameters.resolve(g, models: $0.directory) }, log: log)
    return (run.models, try GroupRiskComputation.area(g, of: run.exposure))
  }

  /// The run's epilogue: summarises a computed event set (of the whole run, or merged from its
  /// shards), checks the estimates and writes the output folder.
  static func finish(
    _ c: RunConfiguration, _ g: GroupRiskSettings, target: OutputTarget, models: ModelSet, exposure: ExposureDatabase,
    _ k: GroupRiskComputation, start: Date
  ) throws -> Summary {
    let folder = try GroupRiskFolder(
      k, settings: g, configuration: c, exposure: exposure, spacing: g.siteSpacing ?? models.risk.exposureSpacing,
      runtime: Date().timeIntervalSince(start), output: c.output)
    try target.write { out in
      try folder.write(
        out, folder: "", configuration: c, models: models, exposure: exposure, writtenTo: target.path)
    }
    return folder.summary
  }
}
