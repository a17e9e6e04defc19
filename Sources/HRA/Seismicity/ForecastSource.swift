/// An external gridded seismicity forecast (``GriddedForecast``, e.g. TNO's SSM
/// `forecast/forecast` DataArray exported to CSV) as a ``SeismicitySource``.
///
/// Branch set: `mmax` only, with the forecast's Mmax values and weights from the logic tree
/// (`Models/logic-tree/source-branches.csv`, or the run's `mmax_weights`); the rate model and
/// b-value branches are already integrated in the forecast. Bin rates are differences of the
/// forecast's survival counts at the engine's bin edges (``GriddedForecast/rateField(mmax:gasYears:bins:)``).
package struct ForecastSource: SeismicitySource {
  package let forecast: GriddedForecast
  package let bins: MagnitudeBins
  package let branchSets: [LogicTree.BranchSet]

  /// - Parameters:
  ///   - mmaxWeights: weight per Mmax; must cover exactly the forecast's Mmax values and sum to 1.
  ///   - weightsFile: where the weights came from, for errors.
  package init(forecast: GriddedForecast, bins: MagnitudeBins, mmaxWeights: [Double: Double], weightsFile: String)
    throws
  {
    try forecast.validate(mmaxWeights: mmaxWeights, file: weightsFile)
    self.forecast = forecast
    self.bins = bins
    let values = forecast.mmaxValues
    let weights = values.map { v in mmaxWeights.first { abs($0.key - v) <= GriddedForecast.magnitudeTolerance }!.value }
    branchSets = [
      LogicTree.BranchSet(name: "mmax", branches: values.map { ForecastSource.label($0) }, weights: weights)
    ]
  }

  /// The branch label of an Mmax value (`4.5`, `5.0`).
  static func label(_ m: Double) -> String { m == m.rounded() ? String(format: "%.1f", m) : "\(m)" }

  package var label: String { "forecast \(forecast.source)" }
  /// Nothing from the engine's contexts: the forecast file is given when it is built.
  package static let requirements = ModelRequirements()
  package var gasYears: ClosedRange<Int>? { forecast.gasYears.map { $0.min()!...$0.max()! } }

  package func rates(labels: [String], gasYears: [Int]) throws -> RateField {
    guard labels.count == 1, let m = Double(labels[0]) else {
      throw InputError(file: forecast.source, field: "mmax", "source branch \(labels) is not one Mmax")
    }
    return try forecast.rateField(mmax: m, gasYears: gasYears, bins: bins)
  }

  package func probabilityOfAtLeast(magnitude m: Double, labels: [String], gasYears: [Int]) throws -> [Double] {
    try rates(labels: labels, gasYears: gasYears).probabilityOfAtLeast(magnitude: m)
  }
}

extension ForecastSource {
  /// The registry entry: an external gridded forecast (`--forecast FILE`); its Mmax weights from
  /// `--mmax-weights` or the mmax set of `logic-tree/source-branches.csv`.
  package static let entry = ModelEntry<[DeclaredBranchSet]>(
    kind: .seismicity, name: "forecast",
    summary:
      "an external gridded forecast, --forecast FILE (x_rd_m, y_rd_m, mmax, magnitude, rate_ge_per_yr[, gas_year]); Mmax weights from --mmax-weights or:",
    folder: "logic-tree", reads: ["logic-tree/source-branches.csv"], requires: requirements,
    load: { models in
      let lt = models + "/logic-tree/source-branches.csv"
      return [DeclaredBranchSet(try LogicTree.mmaxSet(BranchWeights(path: lt), file: lt))]
    },
    branchSets: { _, sets in sets })
}
