import Foundation

/// `hra seismicity export`: the built-in production-driven model's rates as a gridded
/// forecast (``GriddedForecast``, the format `--forecast` reads), per gas year and Mmax.
///
/// For each Mmax branch the rates are the weighted mean over the rate-model and b-value
/// branches (``BranchMeanRates``):
/// ```
/// N(≥m | cell, year, Mmax) = Σ_rate Σ_b w_rate·w_b · N_{rate,b,Mmax}(≥m | cell, year)
/// ```
/// or, with `fixed` (e.g. `rate_model=elastic_plastic,b_model=split_thickness`), those
/// branches alone. A `--forecast` run of the export with the same fixed branches reproduces
/// the built-in run's LPR to the precision of the file's numbers (shortest round-trip decimals).
package enum SeismicityExport {
  package struct Summary: Sendable, Codable {
    package var file: String
    package var cells: Int
    package var mmax: [Double]
    package var gasYears: [Int]
    package var thresholds: Int
    package var rows: Int
    package var branches: String
  }

  /// Builds the forecast.
  /// - Parameters:
  ///   - fixed: rate_model and/or b_model held at one branch (the others are averaged).
  package static func forecast(models: ModelSet, production: String, gasYears: [Int], fixed: [String: String]) throws
    -> GriddedForecast
  {
    guard models.forecast == nil else {
      throw InputError(
        key: "seismicity.forecast", "export writes the built-in model's rates; it takes no forecast")
    }
    let tree = models.tree
    let allowed = ["rate_model", "b_model"]
    let fx = try tree.branchIndices(fixed, allowed: allowed, key: "logic_tree.fix")
    let source = try models.source(production: production)
    let sets = tree.sourceSets.map { tree.sets[$0] }
    guard sets.map(\.name) == ["rate_model", "b_model", "mmax"] else {
      throw InputError(
        file: models.directory, field: "set", "the built-in source must bring rate_model, b_model and mmax")
    }
    let fields = try BranchMeanRates.perMmax(source: source, sets: sets, fixed: fx, gasYears: gasYears)
    let spacing = models.seismicity.grid.spacing
    return try GriddedForecast(
      rateFields: fields, bins: models.seismicity.bins, dx: spacing, dy: spacing,
      source: "built-in model, \(production)")
  }

  /// Builds the forecast and writes it (atomically; an existing file only with `overwrite`).
  package static func run(
    models: ModelSet, production: String, gasYears: [Int], fixed: [String: String], out: String, overwrite: Bool
  ) throws -> Summary {
    try AtomicOutput.checkFile(out, overwrite: overwrite)
    let f = try forecast(models: models, production: production, gasYears: gasYears, fixed: fixed)
    let text = f.csvText()
    try AtomicOutput.writeFile(Data(text.utf8), to: out)
    let label =
      fixed.isEmpty
      ? "mean over rate_model × b_model"
      : fixed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    return Summary(
      file: out, cells: f.cellCount, mmax: f.mmaxValues, gasYears: gasYears, thresholds: f.magnitudes.count,
      rows: text.split(separator: "\n").count - 1, branches: label)
  }
}
